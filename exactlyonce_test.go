package sfasync_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/sftest"
)

// TestLostAnswersRunTheStatementOnce: when the answers to a submission are
// lost and the driver gives up, the client sends it again with the same
// request ID in the same session, and the server hands back the statement
// it accepted the first time: the statement runs once, and the job is its.
func TestLostAnswersRunTheStatementOnce(t *testing.T) {
	// The server accepts the first two query-requests and loses their
	// answers; the driver's own retries are bounded to one, so it gives up
	// while the answers are still being lost.
	srv, err := sftest.NewServer(sftest.WithFaults(1,
		sftest.Fault{Endpoint: sftest.EndpointQuery, Kind: sftest.FaultAnswerLost, Next: 2}))
	require.NoError(t, err)
	defer srv.Close()
	db, err := sql.Open("snowflake", srv.DSN()+"&maxRetryCount=1")
	require.NoError(t, err)
	defer db.Close()
	c := sfasync.New(db, sfasync.WithPollBackoff(10*time.Millisecond, 50*time.Millisecond))
	defer c.Close()
	ctx := context.Background()

	j, err := c.SubmitNoWait(ctx, "SELECT 42 AS ANSWER")
	require.NoError(t, err)
	res, err := j.Result(ctx)
	require.NoError(t, err)
	require.Equal(t, [][]any{{int64(42)}}, res.Rows)

	var runs []sftest.Query
	for _, q := range srv.Queries() {
		if q.SQL == "SELECT 42 AS ANSWER" {
			runs = append(runs, q)
		}
	}
	require.Len(t, runs, 1, "three sends, one statement")
	require.Equal(t, runs[0].ID, j.QueryID())
	require.GreaterOrEqual(t, srv.Counts().Query, int64(3), "the driver's two sends and the client's")
	require.Equal(t, int64(2), srv.Faults().Query.AnswerLost)
}

// TestFanOutThroughFaultsRunsEachStatementOnce: a fan-out through a server
// that loses answers to submissions after accepting them, refuses some
// with 503 and resets some result requests, with the driver's own retries
// bounded so that it gives up now and then. Every statement runs exactly
// once (the server's history), and every job gets its own result.
func TestFanOutThroughFaultsRunsEachStatementOnce(t *testing.T) {
	srv, err := sftest.NewServer(sftest.WithMaxConcurrency(256), sftest.WithFaults(7,
		sftest.Fault{Endpoint: sftest.EndpointQuery, Kind: sftest.FaultAnswerLost, Fraction: 0.2},
		sftest.Fault{Endpoint: sftest.EndpointQuery, Kind: sftest.FaultHTTP503, Fraction: 0.1},
		sftest.Fault{Endpoint: sftest.EndpointResult, Kind: sftest.FaultReset, Fraction: 0.1},
	))
	require.NoError(t, err)
	defer srv.Close()
	db, err := sql.Open("snowflake", srv.DSN()+"&maxRetryCount=1")
	require.NoError(t, err)
	defer db.Close()
	c := sfasync.New(db, sfasync.WithSessions(8), sfasync.WithPollBackoff(10*time.Millisecond, 50*time.Millisecond))
	defer c.Close()
	ctx := context.Background()

	stmts := numbered(64)
	jobs, err := c.SubmitAll(ctx, stmts...)
	require.NoError(t, err)
	results, err := sfasync.WaitAll(ctx, jobs...)
	require.NoError(t, err)
	requireNumbered(t, results)
	requireRanOnce(t, srv, stmts)
	faults := srv.Faults()
	require.Positive(t, faults.Query.AnswerLost, "answers were lost")
	require.Positive(t, faults.Query.HTTP503)
	t.Logf("faults injected: %+v", faults)
}

// TestMixedFaultsOnEveryEndpoint: 500 statements through one client while
// 20 % of the requests to every endpoint get a fault, every kind mixed
// (HTTP 503/429/500, resets, answers lost after the work was done, delays,
// expired tokens, dropped sessions). Nothing is lost, nothing runs twice
// (the server's history), every result is right and no error reaches the
// caller, for the jobs the client submitted and for jobs a second client
// attaches to by query ID.
func TestMixedFaultsOnEveryEndpoint(t *testing.T) {
	t.Parallel() // it spends most of its time in the driver's retry backoff
	srv, err := sftest.NewServer(sftest.WithMaxConcurrency(512),
		sftest.WithFaults(11, sftest.MixedFaults(0.2, 20*time.Millisecond)...))
	require.NoError(t, err)
	defer srv.Close()
	db, err := sql.Open("snowflake", srv.DSN()+"&maxRetryCount=2")
	require.NoError(t, err)
	defer db.Close()
	// The driver's own retries back off from 1 s; a job whose requests
	// meet several faults in a row takes tens of seconds.
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()

	const n = 500
	stmts := numbered(n)
	c := sfasync.New(db, sfasync.WithPollBackoff(5*time.Millisecond, 50*time.Millisecond))
	defer c.Close()
	start := time.Now()
	jobs, err := c.SubmitAll(ctx, stmts...)
	require.NoError(t, err)
	t.Logf("submitted in %s", time.Since(start))
	results, err := sfasync.WaitAll(ctx, jobs...)
	require.NoError(t, err)
	t.Logf("waited in %s", time.Since(start))
	requireNumbered(t, results)

	attacher := sfasync.New(db, sfasync.WithPollBackoff(5*time.Millisecond, 50*time.Millisecond))
	defer attacher.Close()
	attached := make([]*sfasync.AsyncJob, n)
	for i, j := range jobs {
		attached[i], err = attacher.NewAsyncJob(j.QueryID())
		require.NoError(t, err)
	}
	results, err = sfasync.WaitAll(ctx, attached...)
	require.NoError(t, err)
	t.Logf("attached and waited in %s", time.Since(start))
	requireNumbered(t, results)
	requireRanOnce(t, srv, stmts)
	f := srv.Faults()
	require.Positive(t, f.Query.AnswerLost)
	require.Positive(t, f.Query.SessionDropped)
	require.Positive(t, f.Result.Reset)
	t.Logf("faults injected: %+v", f)
}

// numbered is n statements, SELECT i AS I for i from 0.
func numbered(n int) []sfasync.Statement {
	stmts := make([]sfasync.Statement, n)
	for i := range stmts {
		stmts[i] = sfasync.Statement{SQL: fmt.Sprintf("SELECT %d AS I", i)}
	}
	return stmts
}

// requireNumbered checks that results are those of numbered's statements, in order.
func requireNumbered(t *testing.T, results []*sfasync.Result) {
	t.Helper()
	for i, r := range results {
		require.Equal(t, [][]any{{int64(i)}}, r.Rows)
	}
}

// requireRanOnce checks in srv's history that each of stmts ran exactly once.
func requireRanOnce(t *testing.T, srv *sftest.Server, stmts []sfasync.Statement) {
	t.Helper()
	runs := map[string]int{}
	for _, q := range srv.Queries() {
		runs[q.SQL]++
	}
	for _, s := range stmts {
		require.Equal(t, 1, runs[s.SQL], "%s ran once", s.SQL)
	}
}
