package sftest

import (
	"database/sql"
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// countSQL is how many statements with text sqlText the history holds.
func countSQL(srv *Server, sqlText string) int {
	n := 0
	for _, q := range srv.Queries() {
		if q.SQL == sqlText {
			n++
		}
	}
	return n
}

// rowCount is the number of rows of table.
func rowCount(t *testing.T, conn *sql.Conn, table string) int {
	t.Helper()
	var n int
	require.NoError(t, conn.QueryRowContext(testCtx(t), "select count(*) from "+table).Scan(&n))
	return n
}

// The driver retries a query-request answered with 503, 429 or 500, or
// whose connection was reset, before the server did anything: the statement
// runs once.
func TestFaultBeforeQueryRequestIsRetried(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, "create table retried (k varchar)")
	require.NoError(t, err)

	for _, kind := range []FaultKind{FaultHTTP503, FaultHTTP429, FaultHTTP500, FaultReset} {
		require.NoError(t, srv.InjectFaults(Fault{Endpoint: EndpointQuery, Kind: kind, Next: 1}))
		before := srv.Counts().Query
		insert := "insert into retried values ('" + string(kind) + "')"
		_, err := conn.ExecContext(ctx, insert)
		require.NoError(t, err, kind)
		require.Equal(t, int64(2), srv.Counts().Query-before, "%s: the failed request and its retry", kind)
		require.Equal(t, 1, countSQL(srv, insert), kind)
		require.Equal(t, int64(1), srv.Faults().Of(EndpointQuery, kind))
	}
	require.Equal(t, 4, rowCount(t, conn, "retried"))
}

// A query-request whose answer is lost has started its statement; the
// driver's retry carries the same requestId in the same session and gets
// that statement: it is in the history once and inserted one row.
func TestFaultAnswerLostOnQueryRequestRunsOnce(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, "create table once (a int)")
	require.NoError(t, err)

	require.NoError(t, srv.InjectFaults(Fault{Endpoint: EndpointQuery, Kind: FaultAnswerLost, Next: 1}))
	const insert = "insert into once values (1)"
	r, err := conn.ExecContext(sf.WithRequestID(ctx, sf.NewUUID()), insert)
	require.NoError(t, err)
	n, err := r.RowsAffected()
	require.NoError(t, err)
	require.Equal(t, int64(1), n)
	require.Equal(t, 1, countSQL(srv, insert))
	require.Equal(t, 1, rowCount(t, conn, "once"))
	require.Equal(t, int64(1), srv.Faults().Query.AnswerLost)

	// Async: the retried submit answers the query ID of the statement the
	// lost answer was about.
	require.NoError(t, srv.InjectFaults(Fault{Endpoint: EndpointQuery, Kind: FaultAnswerLost, Next: 1}))
	const async = "insert into once values (2)"
	id := submitAsync(t, sf.WithRequestID(ctx, sf.NewUUID()), db, async)
	q := waitFor(t, srv, id, hasStatus(StatusSuccess))
	require.Equal(t, async, q.SQL)
	require.Equal(t, 1, countSQL(srv, async))
	require.Equal(t, 2, rowCount(t, conn, "once"))
	require.Equal(t, int64(2), srv.Faults().Query.AnswerLost)
}

// The answer of a result request is lost after the server read the ended
// statement's result; asked again, it answers the same result. The
// statement ran once.
func TestFaultAnswerLostOnResult(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	const q = "select 42 as answer"
	// Submitted over raw HTTP: the driver's async mode would fetch the
	// result on its own.
	id := queryIDOf(t, rawQuery(t, srv, rawLogin(t, srv), "r1", q, true))
	waitFor(t, srv, id, hasStatus(StatusSuccess))

	require.NoError(t, srv.InjectFaults(Fault{Endpoint: EndpointResult, Kind: FaultAnswerLost, Next: 1}))
	before := srv.Counts().Result
	var answer int
	require.NoError(t, db.QueryRowContext(sf.WithFetchResultByID(ctx, id), "").Scan(&answer))
	require.Equal(t, 42, answer)
	require.Equal(t, int64(2), srv.Counts().Result-before, "the lost answer and the one read")
	require.Equal(t, 1, countSQL(srv, q))
	require.Equal(t, int64(1), srv.Faults().Result.AnswerLost)
}

// An expired token answers 390112; the driver renews it and sends the
// request again.
func TestFaultTokenExpiredIsRenewed(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	var x int
	require.NoError(t, conn.QueryRowContext(ctx, "select 1").Scan(&x))

	require.NoError(t, srv.InjectFaults(Fault{Endpoint: EndpointQuery, Kind: FaultTokenExpired, Next: 1}))
	require.NoError(t, conn.QueryRowContext(ctx, "select 2").Scan(&x))
	require.Equal(t, 2, x)
	require.Equal(t, int64(1), srv.Counts().Renew)
	require.Equal(t, 1, countSQL(srv, "select 2"))
	require.Equal(t, int64(1), srv.Faults().Query.TokenExpired)
}

// A dropped session fails the request with 390111, and every later request
// of that session too: the session is gone for good.
func TestFaultSessionDroppedFailsForGood(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	var x int
	require.NoError(t, conn.QueryRowContext(ctx, "select 1").Scan(&x))

	require.NoError(t, srv.InjectFaults(Fault{Endpoint: EndpointQuery, Kind: FaultSessionDropped, Next: 1}))
	for _, q := range []string{"select 2", "select 3"} {
		err := conn.QueryRowContext(ctx, q).Scan(&x)
		var se *sf.SnowflakeError
		require.ErrorAs(t, err, &se, q)
		require.Equal(t, 390111, se.Number, q)
		require.Zero(t, countSQL(srv, q))
	}
	require.Equal(t, int64(1), srv.Faults().Query.SessionDropped)
	require.Equal(t, int64(1), srv.Faults().Total())
}

// A login whose answer is lost opened a session; the driver logs in again
// and works on the second one.
func TestFaultAnswerLostOnLogin(t *testing.T) {
	srv, db := newTestServer(t, WithFaults(1, Fault{Endpoint: EndpointLogin, Kind: FaultAnswerLost, Next: 1}))
	var x int
	require.NoError(t, db.QueryRowContext(testCtx(t), "select 7").Scan(&x))
	require.Equal(t, 7, x)
	opened, _ := srv.Sessions()
	require.Equal(t, int64(2), opened)
	require.Equal(t, int64(1), srv.Faults().Login.AnswerLost)
	require.Equal(t, srv.Queries()[0].SessionID, int64(1_000_002), "the statement ran in the second session")
}

// A requestId is remembered per session, as in Snowflake (gosnowflake's
// TestRequestIDFromTwoDifferentSessions): re-sent in the same session it
// returns the statement already accepted, even after it finished; from
// another session it runs again.
func TestRequestIDIsPerSession(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	conn1, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn1.Close()
	conn2, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn2.Close()

	create := sf.WithRequestID(ctx, sf.NewUUID())
	const createSQL = "create table req_id (id integer)"
	_, err = conn1.ExecContext(create, createSQL)
	require.NoError(t, err)
	_, err = conn1.ExecContext(create, createSQL)
	require.NoError(t, err, "same session: the finished CREATE is returned, not run again")
	_, err = conn2.ExecContext(create, createSQL)
	var se *sf.SnowflakeError
	require.ErrorAs(t, err, &se, "another session: the CREATE runs again")
	require.Equal(t, 2002, se.Number)
	require.Equal(t, "SQL compilation error:\nObject 'REQ_ID' already exists.", se.Message)
	require.Equal(t, 2, countSQL(srv, createSQL))

	insert := sf.WithRequestID(ctx, sf.NewUUID())
	const insertSQL = "insert into req_id values (1)"
	for _, c := range []*sql.Conn{conn1, conn1, conn2} {
		r, err := c.ExecContext(insert, insertSQL)
		require.NoError(t, err)
		n, err := r.RowsAffected()
		require.NoError(t, err)
		require.Equal(t, int64(1), n)
	}
	require.Equal(t, 2, countSQL(srv, insertSQL), "once per session")
	require.Equal(t, 2, rowCount(t, conn1, "req_id"))
}
