package sftest

import (
	"context"
	"errors"
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

func requireAborted(t *testing.T, srv *Server, id string) {
	t.Helper()
	q := waitFor(t, srv, id, func(q Query) bool {
		return q.Status != StatusRunning && q.Status != StatusQueued && q.Status != StatusBlocked
	})
	require.Equal(t, StatusAborted, q.Status, "%+v", q)
	require.Equal(t, "000604", q.ErrorCode)
	require.False(t, q.End.IsZero())
}

// A synchronous statement whose context is canceled: the driver sends
// abort-request by request ID and the statement ends ABORTED.
func TestCancelRunningByContext(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	qctx, cancel := context.WithCancel(ctx)
	errc := make(chan error, 1)
	go func() {
		_, err := db.ExecContext(qctx, "select system$wait(60)")
		errc <- err
	}()
	id := waitForSQL(t, srv, "select system$wait(60)", hasStatus(StatusRunning)).ID
	cancel()
	require.Error(t, <-errc)
	requireAborted(t, srv, id)
	require.GreaterOrEqual(t, srv.Counts().Abort, int64(1))
}

// SYSTEM$CANCEL_QUERY from another session ends a running DuckDB query.
func TestCancelRunningDuckDBQuery(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	id := submitAsync(t, ctx, db, "select count(*) from range(100000000000)")
	waitFor(t, srv, id, hasStatus(StatusRunning))
	db2 := openDB(t, srv)
	var msg string
	require.NoError(t, db2.QueryRowContext(ctx, "select system$cancel_query('"+id+"')").Scan(&msg))
	require.Equal(t, "query ["+id+"] terminated.", msg)
	requireAborted(t, srv, id)

	_, err := db2.QueryContext(sf.WithFetchResultByID(ctx, id), "")
	var se *sf.SnowflakeError
	require.True(t, errors.As(err, &se), "%v", err)
}

// With one slot, the second statement is QUEUED; cancel ends it as ABORTED.
func TestCancelQueued(t *testing.T) {
	srv, db := newTestServer(t, WithMaxConcurrency(1))
	ctx := testCtx(t)
	first := submitAsync(t, ctx, db, "select system$wait(60)")
	waitFor(t, srv, first, hasStatus(StatusRunning))
	second := submitAsync(t, ctx, db, "select 42")
	waitFor(t, srv, second, hasStatus(StatusQueued))
	_, err := db.ExecContext(ctx, "select system$cancel_query('"+second+"')")
	require.NoError(t, err)
	requireAborted(t, srv, second)
	_, err = db.ExecContext(ctx, "select system$cancel_query('"+first+"')")
	require.NoError(t, err)
	requireAborted(t, srv, first)
}

// Two UPDATEs on one table: the second is BLOCKED by the first (held in an
// open transaction); cancel ends it as ABORTED.
func TestCancelBlocked(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, "create table t (a int)")
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, "insert into t values (1), (2)")
	require.NoError(t, err)

	holder, err := db.Conn(ctx)
	require.NoError(t, err)
	defer holder.Close()
	_, err = holder.ExecContext(ctx, "begin")
	require.NoError(t, err)
	_, err = holder.ExecContext(ctx, "update t set a = a + 1")
	require.NoError(t, err)

	blocked := submitAsync(t, ctx, db, "update t set a = 0")
	waitFor(t, srv, blocked, hasStatus(StatusBlocked))
	_, err = db.ExecContext(ctx, "select system$cancel_query('"+blocked+"')")
	require.NoError(t, err)
	requireAborted(t, srv, blocked)

	_, err = holder.ExecContext(ctx, "rollback")
	require.NoError(t, err)
	// The lock is free again: an UPDATE runs at once.
	r, err := db.ExecContext(ctx, "update t set a = 5")
	require.NoError(t, err)
	n, err := r.RowsAffected()
	require.NoError(t, err)
	require.Equal(t, int64(2), n)
}
