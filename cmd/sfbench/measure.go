package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sfasync/sfasync/sftest"
)

// measure runs contender c on scenario sc with a fresh *sql.DB against srv
// and returns its figures; seq numbers the run within the server's life so
// that its query tag is unique. A run that cannot fit in cfg.timeout by c's
// own bound is skipped and says why; a run that fails or times out is
// reported with what was measured.
func measure(ctx context.Context, srv *sftest.Server, c contender, sc scenario, cfg config, seq int) Row {
	row := Row{Scenario: sc.name, Contender: c.name, Jobs: len(sc.statements), Outcome: outcomeOK}
	if c.bound != nil {
		if d, why := c.bound(sc, cfg.latency); d > cfg.timeout {
			row.Outcome = fmt.Sprintf("skipped: would take ≥ %s (%s), over the %s timeout", roundDur(d), why, cfg.timeout)
			return row
		}
	}

	db, err := sql.Open("snowflake", srv.DSN())
	if err != nil {
		row.Outcome = "failed: " + err.Error()
		return row
	}
	// database/sql's defaults, set explicitly: the benchmark measures what
	// the obvious code does with an untuned pool.
	db.SetMaxOpenConns(0)
	db.SetMaxIdleConns(2)

	env := &runEnv{
		db:         db,
		statements: sc.statements,
		tag:        fmt.Sprintf("sfbench-%s-%s-%d", c.name, sc.name, seq),
		notices:    newNotices(len(sc.statements)),
	}

	runtime.GC()
	base := readHeap()
	baseGoroutines := runtime.NumGoroutine()
	counts0 := srv.Counts()
	opened0, closed0 := srv.Sessions()

	rctx, cancel := context.WithTimeout(ctx, cfg.timeout)
	s := startSampler(db)
	cpu0 := processCPU()
	start := time.Now()
	runErr := c.run(rctx, env)
	cpu := processCPU() - cpu0
	peaks := s.stop()
	timedOut := rctx.Err() != nil && ctx.Err() == nil
	cancel()
	closeErr := db.Close()

	counts := subCounts(srv.Counts(), counts0)
	opened, closed := srv.Sessions()
	row.Logins, row.Logouts = opened-opened0, closed-closed0
	row.Requests = counts
	row.RequestsPerJob = float64(counts.Total()) / float64(row.Jobs)
	row.CPUPerJobMS = ms(cpu) / float64(row.Jobs)
	row.PeakGoroutines = peaks.goroutines - baseGoroutines
	row.PeakHeapBytes = max(int64(peaks.heap)-int64(base.inuse), 0)
	row.PeakLiveHeapBytes = max(int64(peaks.live)-int64(base.live), 0)
	row.PeakConnsInUse, row.PeakConnsOpen = peaks.inUse, peaks.open

	learned, last, count, failures, firstFail := env.notices.snapshot()
	row.Learned, row.Failed = count, failures
	if !last.IsZero() {
		row.WallSeconds = last.Sub(start).Seconds()
	}
	hist := historyOf(srv.Queries(), env.tag)
	row.fromHistory(hist, learned, sc)
	if row.PeakInFlight > 0 {
		row.HeapPerJobBytes = row.PeakHeapBytes / int64(row.PeakInFlight)
		row.LiveHeapPerJobBytes = row.PeakLiveHeapBytes / int64(row.PeakInFlight)
	}

	switch {
	case runErr != nil && timedOut:
		row.Outcome = fmt.Sprintf("did not finish (timeout %s; %d of %d had succeeded)", cfg.timeout, count-failures, row.Jobs)
		row.WallSeconds, row.WallPerLongest = 0, 0
	case failures > 0:
		row.Outcome = fmt.Sprintf("failed: %d of %d statements; first: %s", failures, row.Jobs, firstLine(firstFail))
	case runErr != nil:
		row.Outcome = "failed: " + firstLine(runErr)
	case closeErr != nil:
		row.Outcome = "failed closing the pool: " + firstLine(closeErr)
	}
	return row
}

// fromHistory fills the figures the server's history gives: start spread,
// longest statement and wall / longest, the peak number of statements in
// flight, and completion-notice latency (when the client learned that a
// statement ended minus when the server ended it).
func (r *Row) fromHistory(hist []sftest.Query, learned map[string]time.Time, sc scenario) {
	r.Statements = len(hist)
	var firstSub, lastSub time.Time
	for _, q := range hist {
		if firstSub.IsZero() || q.Submitted.Before(firstSub) {
			firstSub = q.Submitted
		}
		if q.Submitted.After(lastSub) {
			lastSub = q.Submitted
		}
	}
	r.SubmitSpreadMS = ms(lastSub.Sub(firstSub))
	var first, last time.Time
	var longest time.Duration
	var lags []time.Duration
	type event struct {
		at    time.Time
		delta int
	}
	events := make([]event, 0, 2*len(hist))
	for _, q := range hist {
		if !q.Start.IsZero() {
			if first.IsZero() || q.Start.Before(first) {
				first = q.Start
			}
			if q.Start.After(last) {
				last = q.Start
			}
			if !q.End.IsZero() {
				longest = max(longest, q.End.Sub(q.Start))
			}
		}
		events = append(events, event{q.Submitted, +1})
		if !q.End.IsZero() {
			events = append(events, event{q.End, -1})
			if at, ok := learned[q.ID]; ok {
				lags = append(lags, at.Sub(q.End))
			}
		}
	}
	r.StartSpreadMS = ms(last.Sub(first))
	if longest == 0 {
		longest = sc.longest()
	}
	r.LongestSeconds = longest.Seconds()
	if r.WallSeconds > 0 {
		r.WallPerLongest = r.WallSeconds / longest.Seconds()
	}
	slices.SortFunc(events, func(a, b event) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return a.delta - b.delta // an end before a start at the same instant
	})
	n := 0
	for _, e := range events {
		n += e.delta
		r.PeakInFlight = max(r.PeakInFlight, n)
	}
	if len(lags) > 0 {
		slices.Sort(lags)
		r.Notices = len(lags)
		r.NoticeP50MS = ms(percentile(lags, 0.50))
		r.NoticeP99MS = ms(percentile(lags, 0.99))
	}
}

// historyOf returns the statements of the run tagged tag: tagged so by
// gosnowflake's WithQueryTag, or carrying it as the "tag" member of the JSON
// query tag sfasync gives every statement. A block or CALL that ran tagged
// statements (Query.ParentID) is not one of them.
func historyOf(all []sftest.Query, tag string) []sftest.Query {
	parents := map[string]bool{}
	tagged := func(q sftest.Query) bool { return q.QueryTag == tag || userTag(q.QueryTag) == tag }
	for _, q := range all {
		if tagged(q) && q.ParentID != "" {
			parents[q.ParentID] = true
		}
	}
	var out []sftest.Query
	for _, q := range all {
		if tagged(q) && !parents[q.ID] {
			out = append(out, q)
		}
	}
	return out
}

// userTag is the "tag" member of an sfasync query tag, or "".
func userTag(queryTag string) string {
	var t struct {
		Tag string `json:"tag"`
	}
	if !strings.HasPrefix(queryTag, "{") || json.Unmarshal([]byte(queryTag), &t) != nil {
		return ""
	}
	return t.Tag
}

// percentile returns the nearest-rank p-quantile of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	i := int(float64(len(sorted))*p+0.999999) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// notices records when the client learned that each statement ended, and
// how many failed.
type notices struct {
	mu        sync.Mutex
	at        map[string]time.Time
	last      time.Time
	count     int
	failures  int
	firstFail error
}

func newNotices(n int) *notices { return &notices{at: make(map[string]time.Time, n)} }

// ended records that the client learned at t that statement id ended, with
// err if it failed; id may be "" when the statement failed before the
// server named it. Only successes count towards completion-notice latency:
// every statement of these scenarios succeeds on the server, so a failure
// is the client's (a lost session, a canceled fetch), and when it surfaced
// says nothing about when the client learned the statement's end.
func (n *notices) ended(id string, t time.Time, err error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.count++
	if id != "" && err == nil {
		n.at[id] = t
	}
	if t.After(n.last) {
		n.last = t
	}
	if err != nil {
		n.failures++
		if n.firstFail == nil {
			n.firstFail = err
		}
	}
}

// snapshot returns the notices so far: when each named statement's end was
// learned, the latest notice, how many ended, how many of those failed and
// the first failure.
func (n *notices) snapshot() (at map[string]time.Time, last time.Time, count, failures int, first error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return maps.Clone(n.at), n.last, n.count, n.failures, n.firstFail
}

// peaks are the highest values the sampler saw.
type peaks struct {
	goroutines int
	heap       uint64 // HeapInuse
	live       uint64 // live heap after the latest GC
	inUse      int
	open       int
}

// sampler samples goroutines and the pool every 5 ms and the heap every
// 10 ms, from one goroutine that stop ends. The live heap changes only when
// a GC ends, so its peak is the largest heap a GC of the run found live.
type sampler struct {
	db   *sql.DB
	quit chan struct{}
	done chan peaks
}

const sampleEvery = 5 * time.Millisecond

func startSampler(db *sql.DB) *sampler {
	s := &sampler{db: db, quit: make(chan struct{}), done: make(chan peaks, 1)}
	go s.loop()
	return s
}

func (s *sampler) loop() {
	var p peaks
	t := time.NewTicker(sampleEvery)
	defer t.Stop()
	for i := 0; ; i++ {
		p.goroutines = max(p.goroutines, runtime.NumGoroutine())
		st := s.db.Stats()
		p.inUse = max(p.inUse, st.InUse)
		p.open = max(p.open, st.OpenConnections)
		if i%2 == 0 {
			h := readHeap()
			p.heap = max(p.heap, h.inuse)
			p.live = max(p.live, h.live)
		}
		select {
		case <-t.C:
		case <-s.quit:
			s.done <- p
			return
		}
	}
}

// stop ends the sampler and returns its peaks.
func (s *sampler) stop() peaks {
	close(s.quit)
	return <-s.done
}

// heapSample is the heap as runtime/metrics reports it, read without
// stopping the world.
type heapSample struct {
	inuse uint64 // runtime.MemStats.HeapInuse: live objects, garbage not yet swept, and span slack
	live  uint64 // heap marked live by the last GC: what the process actually holds
}

// heapMetrics are read into a heapSample: the first two add up to HeapInuse.
var heapMetrics = []string{
	"/memory/classes/heap/objects:bytes",
	"/memory/classes/heap/unused:bytes",
	"/gc/heap/live:bytes",
}

// readHeap samples the heap.
func readHeap() heapSample {
	samples := make([]metrics.Sample, len(heapMetrics))
	for i, name := range heapMetrics {
		samples[i].Name = name
	}
	metrics.Read(samples)
	v := func(i int) uint64 {
		if samples[i].Value.Kind() == metrics.KindUint64 {
			return samples[i].Value.Uint64()
		}
		return 0
	}
	return heapSample{inuse: v(0) + v(1), live: v(2)}
}

// subCounts returns a - b per endpoint.
func subCounts(a, b sftest.Counts) Counts {
	return Counts{
		Login:      a.Login - b.Login,
		Query:      a.Query - b.Query,
		Result:     a.Result - b.Result,
		Monitoring: a.Monitoring - b.Monitoring,
		Abort:      a.Abort - b.Abort,
		Heartbeat:  a.Heartbeat - b.Heartbeat,
		Renew:      a.Renew - b.Renew,
		Logout:     a.Logout - b.Logout,
		Telemetry:  a.Telemetry - b.Telemetry,
		Other:      a.Other - b.Other,
	}
}

// firstLine returns err's message on one line: errors.Join puts one error
// per line, so a joined error is shown as its count and its first.
func firstLine(err error) string {
	lines := strings.Split(err.Error(), "\n")
	if len(lines) > 1 {
		return fmt.Sprintf("%d errors, first: %s", len(lines), lines[0])
	}
	return lines[0]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// roundDur rounds d for display.
func roundDur(d time.Duration) time.Duration {
	if d >= 10*time.Second {
		return d.Round(time.Second)
	}
	return d.Round(100 * time.Millisecond)
}
