package sfasync

import (
	"cmp"
	"errors"
	"maps"
	"slices"
	"sync"
	"time"
)

// Stats is what a client knows of the statements it submitted, at one
// moment, from what it learned submitting them and learning their ends: it
// costs no request. See [Client.Stats].
type Stats struct {
	// Waiting is how many submissions wait for a [WithMaxInFlight] slot.
	Waiting int
	// Running is how many statements the server accepted whose end the
	// client has not learned yet. The server may be running them, or
	// holding them QUEUED or BLOCKED: telling those apart costs a status
	// request per statement ([AsyncJob.Status]).
	Running int
	// Succeeded, Failed and Canceled count the statements that ended so
	// far; Failed does not count the canceled ones.
	Succeeded, Failed, Canceled int
	// Recovered counts what the client did to get past failed requests.
	Recovered Recoveries
	// Jobs has per-statement times: every running statement, then the
	// last ended ones (up to 4096), each group in the order submitted.
	Jobs []JobStats
}

// Done is how many statements ended, well or badly.
func (s Stats) Done() int { return s.Succeeded + s.Failed + s.Canceled }

// JobStats is one statement's times as the client saw them.
type JobStats struct {
	QueryID   string
	Name      string    // its [Statement.Name], "" if none
	Submitted time.Time // when the server accepted it
	Ended     time.Time // when the client learned it ended; zero while running
	Err       error     // how it failed; nil if it succeeded or runs
}

// statsKeep bounds how many ended statements Stats lists, so a long-lived
// client does not grow without bound.
const statsKeep = 4096

// runningJob is a running statement's stats and its submission order.
type runningJob struct {
	stats JobStats
	seq   uint64
}

// tracker keeps a client's Stats and sends its events. The client calls it
// where a submission waits for a slot, where the server accepted a
// statement, and where a job ends.
type tracker struct {
	onEvent func(Event) // may be nil
	rc      *recoveryCounts

	mu      sync.Mutex
	waiting int
	running map[*AsyncJob]*runningJob
	next    uint64
	past    []JobStats // a ring of the last statsKeep ended; head is the oldest
	head    int
	counts  [3]int // succeeded, failed, canceled
}

func newTracker(o *options, rc *recoveryCounts) *tracker {
	return &tracker{onEvent: o.onEvent, rc: rc, running: map[*AsyncJob]*runningJob{}}
}

// wait counts a submission that starts (+1) or stops (-1) waiting for a
// slot.
func (t *tracker) wait(delta int) {
	t.mu.Lock()
	t.waiting += delta
	t.mu.Unlock()
}

// submitted records that the server accepted j, named name, and sends the
// event. It must be called before j can end.
func (t *tracker) submitted(j *AsyncJob, name string) {
	now := time.Now()
	t.mu.Lock()
	t.running[j] = &runningJob{JobStats{QueryID: j.id, Name: name, Submitted: now}, t.next}
	t.next++
	t.mu.Unlock()
	t.emit(Event{Kind: EventSubmitted, QueryID: j.id, Name: name, At: now})
}

// ended records that j ended with err and sends the event.
func (t *tracker) ended(j *AsyncJob, err error) {
	if e, ok := t.end(j, err); ok {
		t.emit(e)
	}
}

// end records that j ended with err and returns the event to send, which
// the caller sends with emit once it holds no lock. It reports false for a
// job it did not see submitted (an attached one) or saw end already.
func (t *tracker) end(j *AsyncJob, err error) (Event, bool) {
	now := time.Now()
	t.mu.Lock()
	defer t.mu.Unlock()
	rj, ok := t.running[j]
	if !ok {
		return Event{}, false
	}
	delete(t.running, j)
	js := &rj.stats
	js.Ended, js.Err = now, err
	switch {
	case err == nil:
		t.counts[0]++
	case errors.Is(err, ErrCanceled):
		t.counts[2]++
	default:
		t.counts[1]++
	}
	if len(t.past) < statsKeep {
		t.past = append(t.past, *js)
	} else {
		t.past[t.head] = *js
		t.head = (t.head + 1) % statsKeep
	}
	return Event{Kind: EventEnded, QueryID: js.QueryID, Name: js.Name, At: now, Err: err}, true
}

func (t *tracker) emit(e Event) {
	if t.onEvent != nil {
		t.onEvent(e)
	}
}

// stats is a copy of what the tracker knows.
func (t *tracker) stats() Stats {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := Stats{Waiting: t.waiting, Running: len(t.running),
		Succeeded: t.counts[0], Failed: t.counts[1], Canceled: t.counts[2], Recovered: t.rc.snapshot()}
	s.Jobs = make([]JobStats, 0, len(t.running)+len(t.past))
	order := slices.SortedFunc(maps.Values(t.running), func(a, b *runningJob) int { return cmp.Compare(a.seq, b.seq) })
	for _, rj := range order {
		s.Jobs = append(s.Jobs, rj.stats)
	}
	s.Jobs = append(s.Jobs, t.past[t.head:]...)
	s.Jobs = append(s.Jobs, t.past[:t.head]...)
	return s
}

// Stats returns what the client knows of the statements it submitted:
// counts by state and per-statement times. It sends no request: it is
// safe to call on every tick of a progress display. Jobs attached with
// [Client.NewAsyncJob] are not counted.
func (c *Client) Stats() Stats { return c.track.stats() }

// track records in the client's Stats that j ended with err, and returns
// the event to send once j's lock is released.
func (j *AsyncJob) track(err error) (Event, bool) {
	if j.c == nil {
		return Event{}, false // a nil job's stand-in
	}
	return j.c.track.end(j, err)
}
