package sftest

import (
	"net/http"
	"strings"
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
