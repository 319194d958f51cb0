package sfasync_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/sftest"
)

func TestAttachFromSecondDB(t *testing.T) {
	srv, db := newServer(t)
	ctx := context.Background()
	c := sfasync.New(db)
	defer c.Close()
	j, err := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(1)")
	require.NoError(t, err)

	// Another process would hold only the query ID.
	other, err := sql.Open("snowflake", srv.DSN())
	require.NoError(t, err)
	defer other.Close()
	c2 := sfasync.New(other)
	defer c2.Close()
	attached, err := c2.NewAsyncJob(j.QueryID())
	require.NoError(t, err)
	require.Equal(t, j.QueryID(), attached.QueryID())
	st, err := attached.Status(ctx)
	require.NoError(t, err)
	require.Contains(t, []sfasync.Status{sfasync.StatusQueued, sfasync.StatusRunning, sfasync.StatusSuccess}, st)

	res, err := attached.Result(ctx)
	require.NoError(t, err)
	require.Equal(t, [][]any{{"waited 1 seconds"}}, res.Rows)
	done, err := attached.IsDone(ctx)
	require.NoError(t, err)
	require.True(t, done)
	st, err = attached.Status(ctx)
	require.NoError(t, err)
	require.Equal(t, sfasync.StatusSuccess, st)

	rows, err := attached.Rows(ctx)
	require.NoError(t, err)
	defer rows.Close()
	require.True(t, rows.Next())
	var s string
	require.NoError(t, rows.Scan(&s))
	require.Equal(t, "waited 1 seconds", s)
	require.False(t, rows.Next())
	require.NoError(t, rows.Err())
	require.NoError(t, attached.Cancel(ctx), "cancel of a finished job is a no-op")
}

func TestAttachToAFinishedStatementByStatus(t *testing.T) {
	srv, db := newServer(t)
	ctx := context.Background()
	ids := make(chan string, 1)
	rows, err := db.QueryContext(sf.WithQueryIDChan(ctx, ids), "SELECT 42 AS ANSWER")
	require.NoError(t, err)
	require.NoError(t, rows.Close())
	id := <-ids
	require.Equal(t, "SUCCESS", query(t, srv, id).Status)

	c := sfasync.New(db)
	defer c.Close()
	j, err := c.NewAsyncJob(id)
	require.NoError(t, err)
	done, err := j.IsDone(ctx)
	require.NoError(t, err)
	require.True(t, done, "an attached job asks the server")
	res, err := j.Result(ctx)
	require.NoError(t, err)
	require.Equal(t, []string{"ANSWER"}, res.Columns)
	require.Equal(t, [][]any{{int64(42)}}, res.Rows)
}

func TestMalformedAndUnknownQueryIDs(t *testing.T) {
	srv, db := newServer(t)
	ctx := context.Background()
	c := sfasync.New(db)
	defer c.Close()
	for _, id := range []string{"", "abc", "01b2c3d4-0000-1234-0000-00000000abc", "01b2c3d4_0000_1234_0000_00000000abcd", "'; DROP TABLE X; --01234567890123456"} {
		_, err := c.NewAsyncJob(id)
		require.ErrorIs(t, err, sfasync.ErrInvalidQueryID, "%q", id)
	}
	require.Zero(t, srv.Counts().Total(), "no request for a malformed ID")

	j, err := c.NewAsyncJob("01b2c3d4-0000-1234-0000-00000000abcd")
	require.NoError(t, err)
	_, err = j.Status(ctx)
	require.ErrorIs(t, err, sfasync.ErrQueryNotFound)
	_, err = j.IsDone(ctx)
	require.ErrorIs(t, err, sfasync.ErrQueryNotFound)
	_, err = j.Result(ctx)
	require.ErrorIs(t, err, sfasync.ErrQueryNotFound)
	require.Contains(t, err.Error(), j.QueryID())
}

// TestAttachToBlockedStatement: gosnowflake's fetch by ID reports a BLOCKED
// statement as an error; an attached job must wait it out, not fail.
func TestAttachToBlockedStatement(t *testing.T) {
	srv, db := newServer(t)
	ctx := context.Background()
	for _, s := range []string{"CREATE OR REPLACE TABLE T (X INT)", "INSERT INTO T VALUES (1)"} {
		_, err := db.ExecContext(ctx, s)
		require.NoError(t, err)
	}
	holder, err := db.Conn(ctx)
	require.NoError(t, err)
	defer holder.Close()
	_, err = holder.ExecContext(ctx, "BEGIN")
	require.NoError(t, err)
	_, err = holder.ExecContext(ctx, "UPDATE T SET X = 2")
	require.NoError(t, err)

	c := sfasync.New(db, sfasync.WithPollBackoff(10*time.Millisecond, 100*time.Millisecond))
	defer c.Close()
	j, err := c.SubmitNoWait(ctx, "UPDATE T SET X = 3")
	require.NoError(t, err)
	eventuallyStatus(t, srv, j.QueryID(), "BLOCKED")

	attached, err := c.NewAsyncJob(j.QueryID())
	require.NoError(t, err)
	st, err := attached.Status(ctx)
	require.NoError(t, err)
	require.Equal(t, sfasync.StatusBlocked, st)
	checks := srv.Counts().Monitoring
	done := make(chan error, 1)
	go func() {
		res, err := attached.Result(ctx)
		if err == nil && res.RowsAffected != 1 {
			err = fmt.Errorf("rows affected %d, want 1", res.RowsAffected)
		}
		done <- err
	}()
	// Let the attached wait ask about the statement while it is BLOCKED.
	require.Eventually(t, func() bool { return srv.Counts().Monitoring >= checks+2 }, testWait, tick)
	require.Equal(t, "BLOCKED", query(t, srv, j.QueryID()).Status)

	_, err = holder.ExecContext(ctx, "COMMIT")
	require.NoError(t, err)
	require.NoError(t, <-done)
	_, err = j.Result(ctx)
	require.NoError(t, err)
}

// TestWaitAllWatchesAttachedJobsAtOnce: WaitAll starts watching every
// attached job before it blocks on the first, so a new client waiting for
// N statements started elsewhere asks about all of them at once, not one
// after the other as each ends.
func TestWaitAllWatchesAttachedJobsAtOnce(t *testing.T) {
	srv, db := newServer(t, sftest.WithMaxConcurrency(64))
	ctx := context.Background()
	a := sfasync.New(db)
	defer a.Close()
	const n = 20
	stmts := make([]sfasync.Statement, n)
	for i := range stmts {
		stmts[i] = sfasync.Statement{SQL: "CALL SYSTEM$WAIT(60)"}
	}
	started, err := a.SubmitAll(ctx, stmts...)
	require.NoError(t, err)

	b := sfasync.New(db)
	defer b.Close()
	attached := make([]*sfasync.AsyncJob, n)
	for i, j := range started {
		attached[i], err = b.NewAsyncJob(j.QueryID())
		require.NoError(t, err)
	}
	before := srv.Counts().Monitoring
	done := make(chan error, 1)
	go func() {
		_, err := sfasync.WaitAll(ctx, attached...)
		done <- err
	}()
	// Fetch by ID asks monitoring first: every job is asked about while
	// all of them still run for a minute.
	require.Eventually(t, func() bool { return srv.Counts().Monitoring-before >= n }, testWait, tick,
		"WaitAll asked about every attached job at once")
	for _, j := range started {
		require.Equal(t, "RUNNING", query(t, srv, j.QueryID()).Status)
		require.NoError(t, j.Cancel(ctx))
	}
	require.ErrorIs(t, <-done, sfasync.ErrCanceled)
}

// TestSubmittedJobOutlivesASessionDroppedOnMonitoring: gosnowflake reports
// a monitoring answer for a dropped session as "no status", the answer it
// gives for a statement monitoring does not know yet. When the session a
// submitted job is watched from is dropped on a monitoring request, the
// client must find out that the session is gone, not ask through it
// forever.
func TestSubmittedJobOutlivesASessionDroppedOnMonitoring(t *testing.T) {
	srv, err := sftest.NewServer(sftest.WithFaults(1,
		// The driver's result request for the job drops its session: the
		// client watches the job by its query ID (monitoring, then the
		// result) from another session.
		sftest.Fault{Endpoint: sftest.EndpointResult, Kind: sftest.FaultSessionDropped, Next: 1},
		// Its first monitoring request drops that session too.
		sftest.Fault{Endpoint: sftest.EndpointMonitoring, Kind: sftest.FaultSessionDropped, Next: 1},
	))
	require.NoError(t, err)
	defer srv.Close()
	db, err := sql.Open("snowflake", srv.DSN())
	require.NoError(t, err)
	defer db.Close()
	c := sfasync.New(db, sfasync.WithPollBackoff(5*time.Millisecond, 20*time.Millisecond))
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	j, err := c.SubmitNoWait(ctx, "SELECT 42 AS ANSWER")
	require.NoError(t, err)
	res, err := j.Result(ctx)
	require.NoError(t, err)
	require.Equal(t, [][]any{{int64(42)}}, res.Rows)
	f := srv.Faults()
	require.Equal(t, int64(1), f.Monitoring.SessionDropped, "the fault was met")
	require.Equal(t, int64(2), c.Stats().Recovered.SessionsLost)
}

// TestStatusOfASubmittedJobThroughADroppedSession: Status of a job the
// client submitted, asked through a session that was dropped, finds the
// session gone and answers from a new one, rather than NO_DATA for as
// long as it is asked.
func TestStatusOfASubmittedJobThroughADroppedSession(t *testing.T) {
	srv, err := sftest.NewServer()
	require.NoError(t, err)
	defer srv.Close()
	db, err := sql.Open("snowflake", srv.DSN())
	require.NoError(t, err)
	defer db.Close()
	c := sfasync.New(db, sfasync.WithPollBackoff(5*time.Millisecond, 20*time.Millisecond))
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	j, err := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(3)")
	require.NoError(t, err)
	eventuallyStatus(t, srv, j.QueryID(), "RUNNING")
	require.NoError(t, srv.InjectFaults(sftest.Fault{Endpoint: sftest.EndpointMonitoring, Kind: sftest.FaultSessionDropped, Next: 1}))
	// The first answer may say the session is gone; the next comes from a
	// new session.
	_, _ = j.Status(ctx)
	require.Equal(t, int64(1), srv.Faults().Monitoring.SessionDropped)
	st, err := j.Status(ctx)
	require.NoError(t, err)
	require.Equal(t, sfasync.StatusRunning, st)
	require.NoError(t, j.Cancel(ctx))
}
