package pipeline_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/internal/sftestdb"
	"github.com/sfasync/sfasync/pipeline"
	"github.com/sfasync/sfasync/sftest"
)

// newClient starts an sftest server and a client on it, made with opts;
// they close when the test ends.
func newClient(t *testing.T, opts ...sfasync.Option) (*sftest.Server, *sfasync.Client) {
	t.Helper()
	srv, db := sftestdb.Open(t)
	c := sfasync.New(db, opts...)
	t.Cleanup(func() { _ = c.Close() })
	return srv, c
}

// history returns the server's history entries by query ID.
func history(srv *sftest.Server) map[string]sftest.Query {
	out := map[string]sftest.Query{}
	for _, q := range srv.Queries() {
		out[q.ID] = q
	}
	return out
}

func wait(ms int) string {
	return "CALL SYSTEM$WAIT(" + strconv.Itoa(ms) + ", 'MILLISECONDS')"
}

func mustNew(t *testing.T, steps ...pipeline.Step) *pipeline.Pipeline {
	t.Helper()
	p, err := pipeline.New(steps...)
	require.NoError(t, err)
	return p
}

// A step is submitted when its own dependencies end, not when its level
// does: c waits for b only, so it runs while a, of the same level as b,
// still runs; d waits for both chains. Waiting costs no status request.
func TestRunSubmitsEachStepWhenItsDependenciesEnd(t *testing.T) {
	srv, db := sftestdb.Open(t, sftest.WithLatency(5*time.Millisecond))
	c := sfasync.New(db)
	defer c.Close()
	p := mustNew(t,
		pipeline.Step{Name: "a", SQL: wait(400)},
		pipeline.Step{Name: "b", SQL: wait(50)},
		pipeline.Step{Name: "c", SQL: "SELECT 1 AS X UNION ALL SELECT 2", After: []string{"b"}},
		pipeline.Step{Name: "d", SQL: "CREATE TABLE T AS SELECT 1 AS X; INSERT INTO T VALUES (2), (3)", MultiStatement: 2, After: []string{"a", "c"}},
	)
	before := srv.Counts()
	res, err := pipeline.Run(context.Background(), c, p)
	require.NoError(t, err)
	require.NoError(t, res.Err())
	require.Zero(t, srv.Counts().Monitoring-before.Monitoring)

	h := history(srv)
	step := func(name string) (pipeline.StepResult, sftest.Query) {
		s, ok := res.Step(name)
		require.True(t, ok)
		require.Equal(t, pipeline.Succeeded, s.Status, name)
		require.NotEmpty(t, s.QueryID)
		require.NotNil(t, s.Job)
		require.False(t, s.Ended.Before(s.Submitted))
		return s, h[s.QueryID]
	}
	_, a := step("a")
	_, b := step("b")
	cs, cq := step("c")
	ds, dq := step("d")
	require.True(t, cq.Submitted.After(b.End), "c after b")
	require.True(t, cq.End.Before(a.End), "c ran while a still ran")
	require.True(t, dq.Submitted.After(a.End) && dq.Submitted.After(cq.End), "d after a and c")
	require.Equal(t, 2, cs.RowsReturned)
	require.Equal(t, int64(2), ds.RowsAffected)
	require.False(t, res.Steps[0].Submitted.Before(res.Start()))
	require.Equal(t, ds.Ended, res.End())
}

// Under the default policy a failure skips what comes after it, directly or
// not, and the rest runs.
func TestRunSkipsWhatComesAfterAFailure(t *testing.T) {
	_, c := newClient(t)
	p := mustNew(t,
		pipeline.Step{Name: "bad", SQL: "SELECT 1/0"},
		pipeline.Step{Name: "next", SQL: "SELECT 1", After: []string{"bad"}},
		pipeline.Step{Name: "last", SQL: "SELECT 1", After: []string{"next", "other"}},
		pipeline.Step{Name: "other", SQL: wait(50)},
		pipeline.Step{Name: "typo", SQL: "SELEC 1"},
	)
	var events []pipeline.Event
	res, err := pipeline.Run(context.Background(), c, p, pipeline.WithEvents(func(e pipeline.Event) { events = append(events, e) }))
	require.NoError(t, err)
	want := map[string]pipeline.Status{"bad": pipeline.Failed, "next": pipeline.Skipped, "last": pipeline.Skipped,
		"other": pipeline.Succeeded, "typo": pipeline.Failed}
	for name, st := range want {
		s, _ := res.Step(name)
		require.Equal(t, st, s.Status, name)
	}
	bad, _ := res.Step("bad")
	require.ErrorContains(t, bad.Err, "100051")
	next, _ := res.Step("next")
	require.Equal(t, "step bad did not succeed", next.Cause)
	require.Empty(t, next.QueryID)
	last, _ := res.Step("last")
	require.Equal(t, "step next did not succeed", last.Cause)
	typo, _ := res.Step("typo")
	require.ErrorContains(t, typo.Err, "001003")
	require.ErrorContains(t, res.Err(), "step last: SKIPPED: step next did not succeed")
	require.Equal(t, 2, res.Count(pipeline.Failed))
	require.Equal(t, 2, res.Count(pipeline.Skipped))
	finished := map[string]bool{}
	for _, e := range events {
		if e.Kind == pipeline.StepFinished {
			require.False(t, finished[e.Step], "one final event per step")
			finished[e.Step] = true
		}
	}
	require.Len(t, finished, 5)
}

// Under CancelAll the first failure cancels the running steps on the server
// and submits nothing more.
func TestRunCancelAllStopsAtTheFirstFailure(t *testing.T) {
	srv, c := newClient(t)
	p := mustNew(t,
		pipeline.Step{Name: "long", SQL: "CALL SYSTEM$WAIT(60)"},
		pipeline.Step{Name: "after_long", SQL: "SELECT 1", After: []string{"long"}},
		pipeline.Step{Name: "slow_fail", SQL: wait(100) + "; SELECT 1/0", MultiStatement: 2},
		pipeline.Step{Name: "after_fail", SQL: "SELECT 1", After: []string{"slow_fail"}},
	)
	res, err := pipeline.Run(context.Background(), c, p, pipeline.WithPolicy(pipeline.CancelAll))
	require.NoError(t, err)
	for name, st := range map[string]pipeline.Status{"long": pipeline.Canceled, "after_long": pipeline.Canceled,
		"slow_fail": pipeline.Failed, "after_fail": pipeline.Skipped} {
		s, _ := res.Step(name)
		require.Equal(t, st, s.Status, name)
	}
	long, _ := res.Step("long")
	require.ErrorIs(t, long.Err, sfasync.ErrCanceled)
	require.Equal(t, "ABORTED", history(srv)[long.QueryID].Status)
	afterLong, _ := res.Step("after_long")
	require.Equal(t, "the run stopped: step slow_fail failed", afterLong.Cause)
}

// When the run's context ends, steps not submitted are NOT_RUN and running
// ones UNFINISHED; a client made WithCancelOnAbandon cancels them.
func TestRunContextEndHonoursCancelOnAbandon(t *testing.T) {
	srv, c := newClient(t, sfasync.WithCancelOnAbandon())
	p := mustNew(t,
		pipeline.Step{Name: "long", SQL: "CALL SYSTEM$WAIT(60)"},
		pipeline.Step{Name: "after", SQL: "SELECT 1", After: []string{"long"}},
	)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	res, err := pipeline.Run(ctx, c, p, pipeline.WithEvents(func(e pipeline.Event) {
		if e.Kind == pipeline.StepSubmitted {
			cancel()
		}
	}))
	require.NoError(t, err)
	long, _ := res.Step("long")
	require.Equal(t, pipeline.Unfinished, long.Status)
	require.ErrorIs(t, long.Err, context.Canceled)
	after, _ := res.Step("after")
	require.Equal(t, pipeline.NotRun, after.Status)
	require.Equal(t, "context canceled", after.Cause)
	_, err = long.Job.Result(context.Background()) // the client cancels it in the background
	require.ErrorIs(t, err, sfasync.ErrCanceled)
	require.Equal(t, "ABORTED", history(srv)[long.QueryID].Status)
}

// Under CancelAll the end of the run's context cancels the running steps
// before Run returns, whatever the client's options; the step's one
// StepFinished event has the status Run returns, and its end counts in the
// run's.
func TestRunContextEndUnderCancelAll(t *testing.T) {
	srv, c := newClient(t)
	p := mustNew(t, pipeline.Step{Name: "long", SQL: "CALL SYSTEM$WAIT(60)"})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var finished []pipeline.Event
	res, err := pipeline.Run(ctx, c, p, pipeline.WithPolicy(pipeline.CancelAll), pipeline.WithEvents(func(e pipeline.Event) {
		switch e.Kind {
		case pipeline.StepSubmitted:
			cancel()
		case pipeline.StepFinished:
			finished = append(finished, e)
		}
	}))
	require.NoError(t, err)
	long, _ := res.Step("long")
	require.Equal(t, pipeline.Canceled, long.Status)
	require.Equal(t, "ABORTED", history(srv)[long.QueryID].Status)
	require.Len(t, finished, 1, "one StepFinished per step")
	require.Equal(t, pipeline.Canceled, finished[0].Status)
	require.ErrorIs(t, finished[0].Err, sfasync.ErrCanceled)
	require.False(t, long.Ended.IsZero())
	require.Equal(t, long.Ended, res.End())
}

// A program that stops a run calls CancelUnfinished: each step it cancels
// becomes Canceled with its end, and gets a StepFinished event saying so.
func TestCancelUnfinishedReportsWhatItChanges(t *testing.T) {
	srv, c := newClient(t)
	p := mustNew(t,
		pipeline.Step{Name: "quick", SQL: "SELECT 1"},
		pipeline.Step{Name: "long", SQL: "CALL SYSTEM$WAIT(60)", After: []string{"quick"}},
	)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var events []pipeline.Event
	res, err := pipeline.Run(ctx, c, p, pipeline.WithEvents(func(e pipeline.Event) {
		events = append(events, e)
		if e.Kind == pipeline.StepSubmitted && e.Step == "long" {
			cancel()
		}
	}))
	require.NoError(t, err)
	long, _ := res.Step("long")
	require.Equal(t, pipeline.Unfinished, long.Status)
	require.True(t, long.Ended.IsZero())
	quick, _ := res.Step("quick")
	require.Equal(t, quick.Ended, res.End(), "only quick has ended")
	n := len(events)
	require.Equal(t, pipeline.Unfinished, events[n-1].Status)

	canceled, err := res.CancelUnfinished(context.Background())
	require.NoError(t, err)
	require.Equal(t, []string{"long"}, canceled)
	long, _ = res.Step("long")
	require.Equal(t, pipeline.Canceled, long.Status)
	require.ErrorIs(t, long.Err, sfasync.ErrCanceled)
	require.True(t, long.Ended.After(quick.Ended))
	require.Equal(t, long.Ended, res.End(), "the run's end counts the cancel")
	require.Equal(t, "ABORTED", history(srv)[long.QueryID].Status)
	require.Len(t, events, n+1, "one more event, for the step canceled")
	e := events[n]
	require.Equal(t, pipeline.StepFinished, e.Kind)
	require.Equal(t, "long", e.Step)
	require.Equal(t, long.QueryID, e.QueryID)
	require.Equal(t, pipeline.Canceled, e.Status)
	require.Equal(t, long.Ended, e.At)

	canceled, err = res.CancelUnfinished(context.Background())
	require.NoError(t, err)
	require.Empty(t, canceled, "nothing left to cancel")
	require.Len(t, events, n+1)
}

// WithMaxInFlight bounds the steps running at once, on the server's clock.
func TestRunMaxInFlight(t *testing.T) {
	srv, c := newClient(t)
	var steps []pipeline.Step
	for i := range 6 {
		steps = append(steps, pipeline.Step{Name: "s" + strconv.Itoa(i), SQL: wait(60)})
	}
	res, err := pipeline.Run(context.Background(), c, mustNew(t, steps...), pipeline.WithMaxInFlight(2))
	require.NoError(t, err)
	require.NoError(t, res.Err())
	h := history(srv)
	peak := 0
	for _, s := range res.Steps {
		q := h[s.QueryID]
		n := 0
		for _, o := range res.Steps {
			p := h[o.QueryID]
			if !p.Submitted.After(q.Submitted) && p.End.After(q.Submitted) {
				n++
			}
		}
		peak = max(peak, n)
	}
	require.Equal(t, 2, peak)
}

// The server's times fill Started; sftest's history has no QUEUED or
// BLOCKED columns, so those stay zero there.
func TestRunWithServerTimes(t *testing.T) {
	_, db := sftestdb.Open(t)
	c := sfasync.New(db)
	defer c.Close()
	res, err := pipeline.Run(context.Background(), c, mustNew(t, pipeline.Step{Name: "a", SQL: wait(20)}, pipeline.Step{Name: "b", SQL: "SELECT 1", After: []string{"a"}}))
	require.NoError(t, err)
	times, err := pipeline.ReadServerTimes(context.Background(), db, res.QueryIDs())
	require.NoError(t, err)
	require.Len(t, times, 2)
	res.SetServerTimes(times)
	for _, s := range res.Steps {
		require.False(t, s.Started.IsZero(), s.Name)
		require.Zero(t, s.Queued+s.Blocked)
	}
}
