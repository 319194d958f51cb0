package sfasync_test

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/sftest"
)

// newServer starts an sftest server and opens a database on it; both close
// when the test ends.
func newServer(t *testing.T, opts ...sftest.Option) (*sftest.Server, *sql.DB) {
	t.Helper()
	srv, err := sftest.NewServer(opts...)
	require.NoError(t, err)
	db, err := sql.Open("snowflake", srv.DSN())
	require.NoError(t, err)
	t.Cleanup(func() {
		_ = db.Close()
		_ = srv.Close()
	})
	return srv, db
}

// query returns the server's history entry for id.
func query(t *testing.T, srv *sftest.Server, id string) sftest.Query {
	t.Helper()
	for _, q := range srv.Queries() {
		if q.ID == id {
			return q
		}
	}
	t.Fatalf("query %s is not in the server's history", id)
	return sftest.Query{}
}

// testWait bounds how long a test waits for a condition on the server; tick
// is how often it looks.
const (
	testWait = 20 * time.Second
	tick     = 5 * time.Millisecond
)

// eventuallyStatus waits until the server reports want for the job.
func eventuallyStatus(t *testing.T, srv *sftest.Server, id, want string) {
	t.Helper()
	require.Eventually(t, func() bool {
		for _, q := range srv.Queries() {
			if q.ID == id {
				return q.Status == want
			}
		}
		return false
	}, testWait, tick, "query %s never reached %s", id, want)
}

func TestSeedPipeline(t *testing.T) {
	srv, db := newServer(t)
	ctx := context.Background()
	for _, s := range []string{
		"CREATE DATABASE IF NOT EXISTS DEMO_DB",
		`CREATE OR REPLACE TRANSIENT TABLE DEMO_DB.PUBLIC.CUSTOMER_DATA (CUSTOMER_ID INT, SEGMENT VARCHAR(50),
  LOYALTY_SCORE INT, PURCHASE_TRENDS VARCHAR(100), UPDATED_TS TIMESTAMP)`,
		`INSERT INTO DEMO_DB.PUBLIC.CUSTOMER_DATA SELECT SEQ4() AS CUSTOMER_ID,
  CASE WHEN MOD(SEQ4(), 3) = 0 THEN 'High Value' WHEN MOD(SEQ4(), 3) = 1 THEN 'Medium Value'
  ELSE 'Low Value' END AS SEGMENT, NULL AS LOYALTY_SCORE, NULL AS PURCHASE_TRENDS,
  CURRENT_TIMESTAMP AS UPDATED_TS FROM TABLE(GENERATOR(ROWCOUNT => 100000))`,
	} {
		_, err := db.ExecContext(ctx, s)
		require.NoError(t, err, s)
	}

	c := sfasync.New(db)
	defer c.Close()
	loads := map[string]int{"NORTH_AMERICA": 3000, "EUROPE": 2000, "ASIA": 1000}
	regions := []string{"NORTH_AMERICA", "EUROPE", "ASIA"}
	segments := []struct {
		name  string
		score int
		rows  int64
	}{{"High Value", 90, 33334}, {"Medium Value", 60, 33333}, {"Low Value", 30, 33333}}

	var stmts []sfasync.Statement
	for _, r := range regions {
		stmts = append(stmts, sfasync.Statement{SQL: fmt.Sprintf(`CREATE OR REPLACE TABLE DEMO_DB.PUBLIC.%s_SALES AS
  SELECT SEQ4() AS SALE_ID, UNIFORM(1, 1000, RANDOM()) AS AMOUNT FROM TABLE(GENERATOR(ROWCOUNT => %d));
CALL SYSTEM$WAIT(2)`, r, loads[r]), MultiStatement: 2})
	}
	for _, s := range segments {
		stmts = append(stmts, sfasync.Statement{SQL: `UPDATE DEMO_DB.PUBLIC.CUSTOMER_DATA SET LOYALTY_SCORE = ?,
  PURCHASE_TRENDS = 'reviewed', UPDATED_TS = CURRENT_TIMESTAMP WHERE SEGMENT = ?`, Args: []any{s.score, s.name}})
	}
	jobs, err := c.SubmitAll(ctx, stmts...)
	require.NoError(t, err)
	require.Len(t, jobs, 6)

	results, err := sfasync.WaitAll(ctx, jobs...)
	require.NoError(t, err)
	require.Len(t, results, 6)
	for i, s := range segments {
		require.Equal(t, s.rows, results[3+i].RowsAffected, "%s: %v %v", s.name, results[3+i].Columns, results[3+i].Rows)
	}
	for _, r := range regions {
		var n int
		require.NoError(t, db.QueryRowContext(ctx, "SELECT COUNT(*) FROM DEMO_DB.PUBLIC."+r+"_SALES").Scan(&n))
		require.Equal(t, loads[r], n, r)
	}
	for _, s := range segments {
		var n, updated int
		require.NoError(t, db.QueryRowContext(ctx, `SELECT COUNT(*), COUNT_IF(LOYALTY_SCORE = ? AND PURCHASE_TRENDS = 'reviewed')
  FROM DEMO_DB.PUBLIC.CUSTOMER_DATA WHERE SEGMENT = ?`, s.score, s.name).Scan(&n, &updated))
		require.Equal(t, int(s.rows), n)
		require.Equal(t, n, updated, "every row of %s updated", s.name)
	}

	// All six were submitted together and the three loads overlapped.
	var last time.Time
	for _, j := range jobs {
		q := query(t, srv, j.QueryID())
		require.Equal(t, "SUCCESS", q.Status)
		if q.Submitted.After(last) {
			last = q.Submitted
		}
	}
	var latestStart, earliestEnd time.Time
	for i, j := range jobs[:3] {
		q := query(t, srv, j.QueryID())
		if i == 0 || q.Start.After(latestStart) {
			latestStart = q.Start
		}
		if i == 0 || q.End.Before(earliestEnd) {
			earliestEnd = q.End
		}
	}
	require.True(t, latestStart.Before(earliestEnd), "the three loads overlap: last start %v, first end %v", latestStart, earliestEnd)
	require.True(t, last.Before(earliestEnd), "all six were submitted while the loads ran: last submitted %v, first load end %v", last, earliestEnd)
}

func TestFailingStatementAmongSucceeding(t *testing.T) {
	_, db := newServer(t)
	ctx := context.Background()
	c := sfasync.New(db)
	defer c.Close()
	var jobs []*sfasync.AsyncJob
	for _, q := range []string{"SELECT 1 AS A", "SELECT * FROM NO_SUCH_TABLE", "SELECT 'x' AS B"} {
		// sftest accepts async statements first; they fail when they run.
		j, err := c.SubmitNoWait(ctx, q)
		require.NoError(t, err, q)
		jobs = append(jobs, j)
	}
	res, err := sfasync.WaitAll(ctx, jobs...)
	require.Error(t, err)
	require.Len(t, err.(interface{ Unwrap() []error }).Unwrap(), 1, "exactly the one failure")
	var qe *sfasync.QueryError
	require.ErrorAs(t, err, &qe)
	require.Equal(t, jobs[1].QueryID(), qe.QueryID)
	require.Equal(t, "002003", qe.Code)
	require.Contains(t, err.Error(), jobs[1].QueryID())
	require.Equal(t, [][]any{{int64(1)}}, res[0].Rows)
	require.Nil(t, res[1])
	require.Equal(t, [][]any{{"x"}}, res[2].Rows)
	st, err := jobs[1].Status(ctx)
	require.NoError(t, err)
	require.Equal(t, sfasync.StatusFailedWithError, st)
}

func TestCompletedOnSnowflake(t *testing.T) {
	_, db := newServer(t)
	ctx := context.Background()
	c := sfasync.New(db)
	defer c.Close()
	slow, err := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(1500, 'MILLISECONDS')")
	require.NoError(t, err)
	fast, err := c.SubmitNoWait(ctx, "SELECT 1 AS A")
	require.NoError(t, err)
	var order []string
	for j, err := range sfasync.Completed(ctx, slow, fast) {
		require.NoError(t, err)
		order = append(order, j.QueryID())
	}
	require.Equal(t, []string{fast.QueryID(), slow.QueryID()}, order)
}

// TestFanOut512LogsInAFewTimes: 512 statements submitted at once need at
// most WithSessions logins, and cost two requests each.
func TestFanOut512LogsInAFewTimes(t *testing.T) {
	srv, db := newServer(t, sftest.WithMaxConcurrency(1024))
	c := sfasync.New(db, sfasync.WithSessions(16))
	defer c.Close()
	ctx := context.Background()
	const n = 512
	stmts := make([]sfasync.Statement, n)
	for i := range stmts {
		stmts[i] = sfasync.Statement{SQL: "SELECT SYSTEM$WAIT(1)"}
	}
	jobs, err := c.SubmitAll(ctx, stmts...)
	require.NoError(t, err)
	results, err := sfasync.WaitAll(ctx, jobs...)
	require.NoError(t, err)
	require.Len(t, results, n)
	opened, closed := srv.Sessions()
	require.LessOrEqual(t, opened, int64(16))
	require.Zero(t, closed, "no session the statements ran in was logged out")
	for _, j := range jobs {
		require.Equal(t, "SUCCESS", query(t, srv, j.QueryID()).Status)
	}
	// Each job cost its submit and one held result request, no polling.
	counts := srv.Counts()
	require.Equal(t, int64(n), counts.Query)
	require.Zero(t, counts.Monitoring)
}

func TestResultIsSharedAcrossGoroutines(t *testing.T) {
	_, db := newServer(t)
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()
	j, err := c.SubmitNoWait(ctx, "SELECT SEQ4() AS N FROM TABLE(GENERATOR(ROWCOUNT => 1000))")
	require.NoError(t, err)
	results := make([]*sfasync.Result, 8)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			r, err := j.Result(ctx)
			if err == nil {
				results[i] = r
			}
		})
	}
	wg.Wait()
	require.NotNil(t, results[0])
	require.Len(t, results[0].Rows, 1000)
	for _, r := range results {
		require.Same(t, results[0], r)
	}
}

// TestSessionOutlivesPoolChurn shows why the client holds its session: the
// obvious code hands its connection back to database/sql, which logs the
// session out, and the server then aborts the statement running in it; the
// client's statement, in the session it holds, succeeds.
func TestSessionOutlivesPoolChurn(t *testing.T) {
	srv, db := newServer(t, sftest.WithLogoutGrace(50*time.Millisecond))
	db.SetMaxIdleConns(0) // database/sql logs out every session handed back
	ctx := context.Background()

	ids := make(chan string, 1)
	res, err := db.ExecContext(sf.WithQueryIDChan(sf.WithAsyncMode(ctx), ids), "CALL SYSTEM$WAIT(2)")
	require.NoError(t, err)
	naive := <-ids
	eventuallyStatus(t, srv, naive, "ABORTED")
	_, err = res.RowsAffected()
	require.Error(t, err)

	c := sfasync.New(db)
	defer c.Close()
	j, err := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(1)")
	require.NoError(t, err)
	_, err = j.Result(ctx)
	require.NoError(t, err)
	require.Equal(t, "SUCCESS", query(t, srv, j.QueryID()).Status)
}

func TestExpiredSessionIsRenewed(t *testing.T) {
	srv, db := newServer(t, sftest.WithSessionIdleTimeout(100*time.Millisecond))
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()
	j, err := c.SubmitNoWait(ctx, "SELECT 1 AS A")
	require.NoError(t, err)
	_, err = j.Result(ctx)
	require.NoError(t, err)

	time.Sleep(200 * time.Millisecond) // the behaviour under test: the token goes idle past its timeout
	j, err = c.SubmitNoWait(ctx, "SELECT 2 AS B")
	require.NoError(t, err)
	res, err := j.Result(ctx)
	require.NoError(t, err)
	require.Equal(t, [][]any{{int64(2)}}, res.Rows)
	require.GreaterOrEqual(t, srv.Counts().Renew, int64(1))
	opened, _ := srv.Sessions()
	require.Equal(t, int64(1), opened, "renewed, not logged in again")
}

// TestSubmitDuringLoginHonoursContext: while the client's one login is under
// way, a second submission waits for it only as long as its own context
// allows, and the first goes on.
func TestSubmitDuringLoginHonoursContext(t *testing.T) {
	srv, db := newServer(t, sftest.WithLoginLatency(time.Second))
	c := sfasync.New(db)
	defer c.Close()
	first := make(chan error, 1)
	go func() {
		j, err := c.SubmitNoWait(context.Background(), "SELECT 1 AS A")
		if err == nil {
			_, err = j.Result(context.Background())
		}
		first <- err
	}()
	require.Eventually(t, func() bool { return srv.Counts().Login > 0 }, testWait, tick, "the first submission logs in")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.SubmitNoWait(ctx, "SELECT 2 AS B")
	require.ErrorIs(t, err, context.Canceled)
	require.ErrorContains(t, err, "waiting for a Snowflake session")
	require.Zero(t, srv.Counts().Query, "it returned while the login was still under way")
	require.NoError(t, <-first)
	opened, _ := srv.Sessions()
	require.Equal(t, int64(1), opened)
}

// TestCloseLeavesStatementsRunning: closing the client stops its waits (the
// package's goleak check proves no goroutine is left) but not the
// statements, which run on in Snowflake and can be attached to again.
func TestCloseLeavesStatementsRunning(t *testing.T) {
	srv, db := newServer(t)
	c := sfasync.New(db)
	ctx := context.Background()
	j, err := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(1)")
	require.NoError(t, err)
	eventuallyStatus(t, srv, j.QueryID(), "RUNNING")
	require.NoError(t, c.Close())
	_, err = j.Result(ctx)
	require.ErrorIs(t, err, sfasync.ErrClosed)
	require.ErrorContains(t, err, j.QueryID())
	require.Equal(t, "RUNNING", query(t, srv, j.QueryID()).Status)

	c2 := sfasync.New(db)
	defer c2.Close()
	again, err := c2.NewAsyncJob(j.QueryID())
	require.NoError(t, err)
	res, err := again.Result(ctx)
	require.NoError(t, err)
	require.Equal(t, [][]any{{"waited 1 seconds"}}, res.Rows)
}
