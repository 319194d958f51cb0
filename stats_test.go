package sfasync_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/sftest"
)

// Stats and the events come from what the client learns anyway: polling
// Stats on every tick while statements run sends no request, and the run
// costs exactly a submission and a held result request per statement.
func TestStatsAndEventsSendNoRequest(t *testing.T) {
	srv, db := newServer(t, sftest.WithLatency(5*time.Millisecond))
	var (
		mu     sync.Mutex
		events []sfasync.Event
	)
	all := make(chan struct{}) // closed at the 14th event: 7 statements, 2 each
	c := sfasync.New(db, sfasync.WithMaxInFlight(3), sfasync.WithEvents(func(e sfasync.Event) {
		mu.Lock()
		defer mu.Unlock()
		if events = append(events, e); len(events) == 14 {
			close(all)
		}
	}))
	defer c.Close()
	ctx := context.Background()
	// Warm up the sessions so that logins do not blur the counts below.
	warm, err := c.SubmitNoWait(ctx, "SELECT 1")
	require.NoError(t, err)
	_, err = warm.Result(ctx)
	require.NoError(t, err)
	stmts := make([]sfasync.Statement, 6)
	for i := range 5 {
		stmts[i] = sfasync.Statement{Name: fmt.Sprintf("s%d", i), SQL: "CALL SYSTEM$WAIT(200, 'MILLISECONDS')"}
	}
	stmts[5] = sfasync.Statement{Name: "bad", SQL: "SELECT 1/0"}

	before := srv.Counts()
	type submitted struct {
		jobs []*sfasync.AsyncJob
		err  error
	}
	subc := make(chan submitted, 1)
	go func() {
		jobs, err := c.SubmitAll(ctx, stmts...)
		subc <- submitted{jobs, err}
	}()
	var sawWaiting, sawRunning bool
	var sub submitted
	ticks := 0
poll:
	for {
		st := c.Stats() // a progress display's tick
		ticks++
		sawWaiting = sawWaiting || st.Waiting > 0
		sawRunning = sawRunning || st.Running > 0
		require.LessOrEqual(t, st.Running, 3, "WithMaxInFlight(3)")
		select {
		case sub = <-subc:
			break poll
		case <-time.After(time.Millisecond):
		}
	}
	require.NoError(t, sub.err)
	_, err = sfasync.WaitAll(ctx, sub.jobs...)
	require.ErrorContains(t, err, "100051")
	after := srv.Counts()

	require.True(t, sawWaiting, "three submissions waited for a slot")
	require.True(t, sawRunning)
	require.Greater(t, ticks, 10)
	require.Zero(t, after.Monitoring-before.Monitoring, "no status request")
	require.Equal(t, int64(6), after.Query-before.Query, "one submission per statement")
	require.Equal(t, int64(6), after.Result-before.Result, "one held result request per statement")

	st := c.Stats()
	require.Equal(t, 0, st.Waiting)
	require.Equal(t, 0, st.Running)
	require.Equal(t, 6, st.Succeeded, "five waits and the warm-up")
	require.Equal(t, 1, st.Failed)
	require.Equal(t, 7, st.Done())
	require.Len(t, st.Jobs, 7)
	byName := map[string]sfasync.JobStats{}
	for _, js := range st.Jobs {
		byName[js.Name] = js
	}
	for i, j := range sub.jobs {
		js := byName[stmts[i].Name]
		require.Equal(t, j.QueryID(), js.QueryID)
		require.False(t, js.Submitted.IsZero())
		require.False(t, js.Ended.Before(js.Submitted))
	}
	require.ErrorContains(t, byName["bad"].Err, "100051")

	// An ended event is sent once the job's waiters are woken: it may come
	// a moment after WaitAll returns.
	select {
	case <-all:
	case <-time.After(10 * time.Second):
		t.Fatal("not every event arrived")
	}
	mu.Lock()
	defer mu.Unlock()
	seen := map[string]sfasync.EventKind{}
	for _, e := range events {
		if e.Kind == sfasync.EventEnded {
			require.Equal(t, sfasync.EventSubmitted, seen[e.QueryID], "submitted before ended: %s", e.Name)
		}
		seen[e.QueryID] = e.Kind
	}
	require.Len(t, events, 14)
	for _, j := range sub.jobs {
		require.Equal(t, sfasync.EventEnded, seen[j.QueryID()])
	}
}

// A job ended with a cancel counts as canceled, not failed, and one the
// client attached to is not counted at all.
func TestStatsCountsCanceledAndIgnoresAttached(t *testing.T) {
	_, db := newServer(t)
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()
	j, err := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(60)")
	require.NoError(t, err)
	require.Equal(t, 1, c.Stats().Running)
	a, err := c.NewAsyncJob(j.QueryID())
	require.NoError(t, err)
	require.NoError(t, j.Cancel(ctx))
	_, err = sfasync.WaitAll(ctx, j, a)
	require.ErrorIs(t, err, sfasync.ErrCanceled)
	st := c.Stats()
	require.Equal(t, 1, st.Canceled)
	require.Equal(t, 0, st.Failed+st.Succeeded+st.Running)
	require.Len(t, st.Jobs, 1)
}
