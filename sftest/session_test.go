package sftest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// The driver retries a query-request with the same requestId after a
// network error; the server returns the first statement and never runs it twice.
func TestRetriedRequestIDRunsOnce(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx) // one session: request IDs are per session
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, "create table once (a int)")
	require.NoError(t, err)

	rctx := sf.WithRequestID(ctx, sf.NewUUID())
	for range 2 {
		r, err := conn.ExecContext(rctx, "insert into once values (1)")
		require.NoError(t, err)
		n, err := r.RowsAffected()
		require.NoError(t, err)
		require.Equal(t, int64(1), n)
	}
	var n int64
	require.NoError(t, conn.QueryRowContext(ctx, "select count(*) from once").Scan(&n))
	require.Equal(t, int64(1), n)
	var inserts int
	for _, q := range srv.Queries() {
		if q.SQL == "insert into once values (1)" {
			inserts++
		}
	}
	require.Equal(t, 1, inserts)
	require.Equal(t, int64(4), srv.Counts().Query)
}

// A token unused longer than the idle timeout answers 390112; the driver
// renews it with the master token and the query succeeds.
func TestSessionExpiryRenews(t *testing.T) {
	const idle = 50 * time.Millisecond
	srv, db := newTestServer(t, WithSessionIdleTimeout(idle))
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	var x int
	require.NoError(t, conn.QueryRowContext(ctx, "select 1").Scan(&x))
	require.Zero(t, srv.Counts().Renew)

	time.Sleep(2 * idle) // let the token idle out
	require.NoError(t, conn.QueryRowContext(ctx, "select 2").Scan(&x))
	require.Equal(t, 2, x)
	require.GreaterOrEqual(t, srv.Counts().Renew, int64(1))

	// Async fetch path renews too.
	time.Sleep(2 * idle)
	id := submitAsync(t, ctx, db, "select 3")
	require.NotEmpty(t, id)
	waitFor(t, srv, id, hasStatus(StatusSuccess))
}

// Closing the *sql.DB logs its sessions out; statements still running there
// are aborted after the logout grace, as Snowflake does.
func TestLogoutGraceAbortsRunning(t *testing.T) {
	srv, err := NewServer(WithLogoutGrace(20 * time.Millisecond))
	require.NoError(t, err)
	defer srv.Close()
	db := openDB(t, srv)
	ctx := testCtx(t)
	id := submitAsync(t, ctx, db, "select system$wait(60)")
	waitFor(t, srv, id, hasStatus(StatusRunning))
	require.NoError(t, db.Close())
	q := waitFor(t, srv, id, hasStatus(StatusAborted))
	require.Equal(t, "000604", q.ErrorCode)
	opened, closed := srv.Sessions()
	require.GreaterOrEqual(t, opened, int64(1))
	require.Equal(t, opened, closed)
	require.GreaterOrEqual(t, srv.Counts().Logout, int64(1))
}

// Within the grace a statement of a logged-out session runs to the end.
func TestLogoutWithinGraceCompletes(t *testing.T) {
	srv, err := NewServer(WithLogoutGrace(time.Hour))
	require.NoError(t, err)
	defer srv.Close()
	db := openDB(t, srv)
	ctx := testCtx(t)
	id := submitAsync(t, ctx, db, "select system$wait(1)")
	waitFor(t, srv, id, hasStatus(StatusRunning))
	require.NoError(t, db.Close())
	waitFor(t, srv, id, hasStatus(StatusSuccess))
}

func TestWrongPasswordFails(t *testing.T) {
	srv, err := NewServer()
	require.NoError(t, err)
	defer srv.Close()
	dsn := srv.DSN()
	bad := "sftest:wrong@" + dsn[len("sftest:sftest@"):]
	db, err := sqlOpen(bad)
	require.NoError(t, err)
	defer db.Close()
	err = db.PingContext(testCtx(t))
	var se *sf.SnowflakeError
	require.ErrorAs(t, err, &se)
	require.Equal(t, 390100, se.Number)
}

// A synchronous statement longer than the result hold is answered 333333;
// the driver then polls the result URL (held again) until it ends.
func TestSyncQueryOutlivesResultHold(t *testing.T) {
	srv, db := newTestServer(t, WithResultHold(20*time.Millisecond))
	var w string
	require.NoError(t, db.QueryRowContext(testCtx(t), "select system$wait(1)").Scan(&w))
	require.Equal(t, "waited 1 seconds", w)
	require.GreaterOrEqual(t, srv.Counts().Result, int64(1))
}

func TestHeartbeat(t *testing.T) {
	srv, _ := newTestServer(t)
	tok := rawLogin(t, srv)
	a := raw(t, "POST", srv.URL()+"/session/heartbeat", tok, nil, nil)
	require.True(t, a.Success, a.Message)
	require.Equal(t, int64(1), srv.Counts().Heartbeat)
}

// BEGIN ... COMMIT share one DuckDB transaction; Close with a transaction
// still open (and its table lock held) leaves nothing behind.
func TestTransactionCommitAndCloseWithOpenTxn(t *testing.T) {
	srv, err := NewServer()
	require.NoError(t, err)
	defer srv.Close()
	db := openDB(t, srv)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	for _, q := range []string{"create table tx (a int)", "begin", "insert into tx values (1)", "update tx set a = 2", "commit"} {
		_, err := conn.ExecContext(ctx, q)
		require.NoError(t, err, q)
	}
	require.NoError(t, conn.Close())
	var a int
	require.NoError(t, db.QueryRowContext(ctx, "select a from tx").Scan(&a))
	require.Equal(t, 2, a)
	require.NoError(t, db.Close())

	tok := rawLogin(t, srv)
	for i, q := range []string{"begin", "update tx set a = 3"} {
		a := raw(t, "POST", srv.URL()+"/queries/v1/query-request?requestId=t"+itoa(int64(i)), tok,
			strings.NewReader(`{"sqlText":"`+q+`"}`), nil)
		require.True(t, a.Success, a.Message)
	}
	require.NoError(t, srv.Close())
	http.DefaultClient.CloseIdleConnections()
}

// rawQuery posts one query-request with the given requestId.
func rawQuery(t *testing.T, srv *Server, tok, requestID, sqlText string, async bool) rawAnswer {
	t.Helper()
	body, err := json.Marshal(map[string]any{"sqlText": sqlText, "asyncExec": async})
	require.NoError(t, err)
	return raw(t, "POST", srv.URL()+"/queries/v1/query-request?requestId="+requestID, tok, bytes.NewReader(body), nil)
}

func queryIDOf(t *testing.T, a rawAnswer) string {
	t.Helper()
	var d struct {
		QueryID string `json:"queryId"`
	}
	require.NoError(t, json.Unmarshal(a.Data, &d), string(a.Data))
	require.NotEmpty(t, d.QueryID, string(a.Data))
	return d.QueryID
}

// Retries of one request that reach the server at the same time (the first
// attempt still in flight when the driver gives up on it) run the statement
// once: every attempt is answered with the one query ID.
func TestConcurrentRetriesOfOneRequestRunOnce(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, "create table retried (a int)")
	require.NoError(t, err)
	tok := rawLogin(t, srv)

	const attempts = 16
	bodies := make([][]byte, attempts)
	errs := make([]error, attempts)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range attempts {
		wg.Go(func() {
			<-start
			req, err := http.NewRequest("POST", srv.URL()+"/queries/v1/query-request?requestId=same-request",
				strings.NewReader(`{"sqlText":"insert into retried values (1)","asyncExec":true}`))
			if err != nil {
				errs[i] = err
				return
			}
			req.Header.Set("Authorization", `Snowflake Token="`+tok+`"`)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				errs[i] = err
				return
			}
			defer resp.Body.Close()
			bodies[i], errs[i] = io.ReadAll(resp.Body)
		})
	}
	close(start)
	wg.Wait()
	var ids []string
	for i := range attempts {
		require.NoError(t, errs[i])
		var a rawAnswer
		require.NoError(t, json.Unmarshal(bodies[i], &a), string(bodies[i]))
		require.Equal(t, "333334", a.Code, a.Message)
		ids = append(ids, queryIDOf(t, a))
	}
	for _, id := range ids {
		require.Equal(t, ids[0], id)
	}
	waitFor(t, srv, ids[0], hasStatus(StatusSuccess))
	var n int
	require.NoError(t, db.QueryRowContext(ctx, "select count(*) from retried").Scan(&n))
	require.Equal(t, 1, n)
}

// A statement BLOCKED on a table lock inside a transaction whose session logs
// out must not, once the lock frees, run outside that (rolled back)
// transaction nor keep the table lock: later UPDATEs of the table run.
func TestBlockedStatementOfLoggedOutTransaction(t *testing.T) {
	srv, db := newTestServer(t) // logout grace: the default 2 minutes
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, "create table contended (a int)")
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, "insert into contended values (1)")
	require.NoError(t, err)

	tokA, tokB := rawLogin(t, srv), rawLogin(t, srv)
	for i, q := range []string{"begin", "update contended set a = 2"} {
		a := rawQuery(t, srv, tokB, "b"+itoa(int64(i)), q, false)
		require.True(t, a.Success, a.Message)
	}
	a := rawQuery(t, srv, tokA, "a0", "begin", false)
	require.True(t, a.Success, a.Message)
	blocked := queryIDOf(t, rawQuery(t, srv, tokA, "a1", "update contended set a = 3", true))
	waitFor(t, srv, blocked, hasStatus(StatusBlocked))

	a = raw(t, "POST", srv.URL()+"/session?delete=true", tokA, nil, nil)
	require.True(t, a.Success, a.Message)
	a = rawQuery(t, srv, tokB, "b2", "commit", false)
	require.True(t, a.Success, a.Message)

	q := waitFor(t, srv, blocked, func(q Query) bool { return terminal(q.Status) })
	require.Equal(t, StatusAborted, q.Status, "%+v", q)
	var v int
	require.NoError(t, db.QueryRowContext(ctx, "select a from contended").Scan(&v))
	require.Equal(t, 2, v, "the logged-out transaction's UPDATE ran on its own")

	later, err := db.ExecContext(ctx, "update contended set a = 4")
	require.NoError(t, err)
	n, err := later.RowsAffected()
	require.NoError(t, err)
	require.Equal(t, int64(1), n)
}

// A logout that arrives while the server is closing (no goroutine may start
// any more, and Close looks for open transactions in the sessions) still
// releases the session's transaction: its DuckDB connection and table locks.
func TestLogoutDuringCloseReleasesTransaction(t *testing.T) {
	srv, err := NewServer()
	require.NoError(t, err)
	defer srv.Close()
	tok := rawLogin(t, srv)
	for i, q := range []string{"create table closing (a int)", "begin", "update closing set a = 1"} {
		a := rawQuery(t, srv, tok, "c"+itoa(int64(i)), q, false)
		require.True(t, a.Success, a.Message)
	}
	srv.mu.Lock()
	var txn *connHolder
	for _, sess := range srv.sessions {
		txn = sess.txn
	}
	srv.closed = true // the first step of Close, before it collects open transactions
	srv.mu.Unlock()
	require.NotNil(t, txn)

	req, err := http.NewRequest("POST", srv.URL()+"/session?delete=true", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", `Snowflake Token="`+tok+`"`)
	require.Nil(t, srv.logout(req))

	txn.mu.Lock()
	defer txn.mu.Unlock()
	require.True(t, txn.released)
	require.Nil(t, txn.c)
	require.Empty(t, txn.locks)
	http.DefaultClient.CloseIdleConnections()
}
