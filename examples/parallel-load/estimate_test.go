package main

import (
	"bytes"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync/sftest"
)

// Patterns of the summary's estimate lines.
var (
	oneByOneLine = regexp.MustCompile(`(?m)^one by one: about (\d+\.\d) s, the sum of the jobs' run times in the query history \((\d+\.\d{3}) s, not counting time BLOCKED\)$`)
	speedUpLine  = regexp.MustCompile(`(?m)^speed-up: (\d+\.\d{2})x over one by one: (\d+\.\d{3}) s of run time took (\d+\.\d{3}) s of wall time$`)
	boundLines   = regexp.MustCompile(`(?m)^lower bound: about (\d+\.\d) s run together with the table lock, the longer of two run times from the query history:
  the longest independent job, (.+?): (\d+\.\d{3}) s
  the 3 updates of CUSTOMER_DATA, one after another: (\d+\.\d{3}) s
why: run together, updates of one table wait for each other's lock; loads of different tables overlap$`)
)

// handOver is how much longer the server's own record may show an update
// running than the example reads from the query history. The example takes
// a blocked update to wait from its job's start until the job before it
// ended; the server records the UPDATE's wait from when it was issued (after
// BEGIN) until the previous job's COMMIT released the lock, a moment before
// that job's end.
const handOver = 50 * time.Millisecond

// TestSummaryAgreesWithHistory runs the pipeline on a server the test
// starts, in both modes, and checks the estimate lines against the
// server's own record of the jobs: their durations, and how long each
// UPDATE waited BLOCKED for the lock (sftest records an UPDATE's start once
// it holds the lock).
func TestSummaryAgreesWithHistory(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		idLines *regexp.Regexp
	}{
		{"parallel", []string{"-scale", "0.25"}, submittedLine},
		{"sequential", []string{"-sequential", "-scale", "0.25"}, ranLine},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, err := sftest.NewServer(sftest.WithLatency(embeddedLatency))
			require.NoError(t, err)
			t.Cleanup(func() { require.NoError(t, srv.Close()) })
			env := func(k string) string {
				if k == "SNOWFLAKE_DSN" {
					return srv.DSN()
				}
				return ""
			}
			var out bytes.Buffer
			err = run(t.Context(), &out, append(tc.args, "-database", sftest.Database), env)
			require.NoError(t, err, out.String())
			s := out.String()
			t.Log("\n" + s)

			h := readServerHistory(t, srv.Queries(), tc.idLines.FindAllStringSubmatch(s, -1))
			t.Logf("the server's history: run times %.3f s (durations %.3f s), updates %.3f s, %d UPDATEs BLOCKED, first start to last end %.3f s",
				h.ran().Seconds(), h.duration().Seconds(), h.updates.Seconds(), h.blocked, h.span.Seconds())
			one := oneByOneLine.FindStringSubmatch(s)
			require.NotNil(t, one, "one by one line")
			bound := boundLines.FindStringSubmatch(s)
			require.NotNil(t, bound, "lower bound lines")
			speedUp := speedUpLine.FindStringSubmatch(s)
			require.NotNil(t, speedUp, "speed-up line")

			// One by one: the sum of the jobs' run times, rounded, as the
			// server recorded them.
			exact := seconds(t, one[2])
			// "about" is the exact figure to a tenth.
			require.InDelta(t, exact, seconds(t, one[1]), 0.05+printedOff(6), "about is the exact figure rounded")
			require.InDelta(t, h.ran().Seconds(), exact, printedOff(6)+float64(h.blocked)*handOver.Seconds(),
				"one by one: the jobs' run times in the server's history, not counting BLOCKED")
			if tc.name == "sequential" {
				require.Zero(t, h.blocked, "no update waited for another")
				require.InDelta(t, h.duration().Seconds(), exact, printedOff(6), "one by one: the jobs' durations")
			} else {
				require.Equal(t, 2, h.blocked, "two updates waited for the lock")
			}
			require.Equal(t, one[2], speedUp[2], "the speed-up is over the one-by-one figure")
			// Half a unit of the speed-up's last digit, and what the run time
			// and the wall time, each rounded to the millisecond, carry into it.
			wall, x := seconds(t, speedUp[3]), seconds(t, speedUp[1])
			require.InDelta(t, exact/wall, x, 0.005+x*(0.0005/exact+0.0005/wall))

			// The bound: the longest load and the updates back to back.
			longest, serial := seconds(t, bound[3]), seconds(t, bound[4])
			named, ok := h.loads[bound[2]]
			require.True(t, ok, "the longest independent job %q is a load", bound[2])
			require.InDelta(t, h.longestLoad().Seconds(), named.Seconds(), 0.001, "%s is the longest load (or ties it)", bound[2])
			require.InDelta(t, named.Seconds(), longest, printedOff(1))
			require.InDelta(t, h.updates.Seconds(), serial, printedOff(3)+float64(h.blocked)*handOver.Seconds(),
				"the updates' run times in the server's history")
			b := math.Max(longest, serial)
			require.InDelta(t, b, seconds(t, bound[1]), 0.05+printedOff(6), "about is the longer of the two, rounded")
			require.GreaterOrEqual(t, b+printedOff(3)+float64(h.blocked)*handOver.Seconds(), h.updates.Seconds(), "at least the serialized updates' sum")
			for name, d := range h.loads {
				require.GreaterOrEqual(t, b+printedOff(1), d.Seconds(), "at least %s", name)
			}
			// A lower bound of what the server took from the first start
			// to the last end, in either mode.
			require.LessOrEqual(t, b, h.span.Seconds()+printedOff(6))
			require.NotContains(t, s, "the history did not show")
		})
	}
}

// printedOff is how far a figure summed over n jobs and printed to the
// millisecond may be from the server's own record: half a millisecond of
// rounding, and a microsecond at each end of each job, as the history's
// timestamps are to the microsecond.
func printedOff(n int) float64 { return 0.0005 + float64(n)*2e-6 }

// serverHistory is the jobs as the server recorded them.
type serverHistory struct {
	loads      map[string]time.Duration // by name: end minus start (as QUERY_HISTORY's START_TIME, the submission)
	updates    time.Duration            // the update jobs' durations, less their UPDATEs' time BLOCKED
	updatesDur time.Duration            // the update jobs' durations
	blocked    int                      // how many UPDATEs waited for the lock
	span       time.Duration            // first start to last end
}

func (h serverHistory) longestLoad() time.Duration {
	return slices.Max(slices.Collect(maps.Values(h.loads)))
}

func (h serverHistory) ran() time.Duration {
	d := h.updates
	for _, l := range h.loads {
		d += l
	}
	return d
}

func (h serverHistory) duration() time.Duration { return h.ran() - h.updates + h.updatesDur }

// readServerHistory finds each job of the report (name and query ID) and,
// for an update, its UPDATE statement, in the server's history.
func readServerHistory(t *testing.T, qs []sftest.Query, jobs [][]string) serverHistory {
	t.Helper()
	require.Len(t, jobs, 6, "jobs in the report")
	byID := map[string]sftest.Query{}
	for _, q := range qs {
		byID[q.ID] = q
	}
	h := serverHistory{loads: map[string]time.Duration{}}
	var first, last time.Time
	for _, j := range jobs {
		name, id := j[1], j[2]
		q, ok := byID[id]
		require.True(t, ok, "%s %s in the server's history", name, id)
		require.False(t, q.End.IsZero(), "%s ended", name)
		if first.IsZero() || q.Submitted.Before(first) {
			first = q.Submitted
		}
		if q.End.After(last) {
			last = q.End
		}
		d := q.End.Sub(q.Submitted)
		segment, isUpdate := strings.CutSuffix(name, " update")
		if !isUpdate {
			h.loads[name] = d
			continue
		}
		u := updateStatement(t, qs, q, segment)
		h.updatesDur += d
		// Start minus Submitted also holds the moment sftest takes to parse
		// and admit a statement: only a longer wait is one for the lock.
		if waited := u.Start.Sub(u.Submitted); waited > handOver {
			h.blocked++
			d -= waited
		}
		h.updates += d
	}
	h.span = last.Sub(first)
	return h
}

// updateStatement is the UPDATE of segment that job ran.
func updateStatement(t *testing.T, qs []sftest.Query, job sftest.Query, segment string) sftest.Query {
	t.Helper()
	for _, q := range qs {
		if q.ID != job.ID && q.SessionID == job.SessionID &&
			strings.HasPrefix(strings.ToUpper(strings.TrimSpace(q.SQL)), "UPDATE") &&
			strings.Contains(q.SQL, "'"+segment+"'") &&
			!q.Submitted.Before(job.Submitted) && !q.End.After(job.End) {
			require.False(t, q.Start.IsZero(), "the UPDATE of %s ran", segment)
			return q
		}
	}
	t.Fatalf("no UPDATE of %s in the server's history", segment)
	return sftest.Query{}
}

func seconds(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err)
	return f
}

// TestEstimateOf checks the chains on made-up spans: loads each on their
// own, updates of one table added up, an update alone on its table counted
// as an independent job, and the note when the history shows no waiting.
func TestEstimateOf(t *testing.T) {
	sec := func(f float64) time.Duration { return time.Duration(f * float64(time.Second)) }
	load := func(name string, d float64) span {
		return span{Name: name, Kind: kindLoad, Table: "DB.S." + name, End: sec(d)}
	}
	update := func(name, table string, d, blocked float64) span {
		return span{Name: name, Kind: kindUpdate, Table: table, End: sec(d), Blocked: sec(blocked)}
	}
	for _, tc := range []struct {
		name       string
		spans      []span
		oneByOne   time.Duration
		longest    chain
		serial     chain
		bound      time.Duration
		serverSpan time.Duration
		wantNote   bool
	}{
		{
			name: "the pipeline",
			spans: []span{load("A", 2), load("B", 2.1), load("C", 1.9),
				update("U1", "DB.S.T", 1, 0), update("U2", "DB.S.T", 2, 1), update("U3", "DB.S.T", 3, 2)},
			oneByOne: sec(9), longest: chain{"B", 1, sec(2.1)}, serial: chain{"T", 3, sec(3)},
			bound: sec(3), serverSpan: sec(3),
		},
		{
			name:     "updates of different tables",
			spans:    []span{load("A", 1), update("U1", "DB.S.T", 2, 0), update("U2", "DB.S.V", 0.5, 0), update("U3", "DB.S.V", 0.5, 0)},
			oneByOne: sec(4), longest: chain{"U1", 1, sec(2)}, serial: chain{"V", 2, sec(1)},
			bound: sec(2), serverSpan: sec(2),
		},
		{
			name:     "no wait in the history",
			spans:    []span{load("A", 1), update("U1", "DB.S.T", 1, 0), update("U2", "DB.S.T", 1, 0)},
			oneByOne: sec(3), longest: chain{"A", 1, sec(1)}, serial: chain{"T", 2, sec(2)},
			bound: sec(2), serverSpan: sec(1), wantNote: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := estimateOf(tc.spans)
			require.Equal(t, tc.oneByOne, e.oneByOne)
			require.Equal(t, tc.longest, e.longestJob)
			require.Equal(t, tc.serial, e.serial)
			require.Equal(t, tc.bound, e.bound())
			text := strings.Join(e.lines(sec(3.1), tc.serverSpan), "\n")
			require.Equal(t, tc.wantNote, strings.Contains(text, "the history did not show the updates waiting"), text)
			require.Contains(t, text, "why: run together, updates of one table wait for each other's lock; loads of different tables overlap")
		})
	}
}
