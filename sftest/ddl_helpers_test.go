package sftest

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// ddlConn is one driver connection (one Snowflake session) on a new server.
func ddlConn(t *testing.T) (*Server, context.Context, *sql.Conn) {
	t.Helper()
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return srv, ctx, conn
}

// status runs a statement that answers one status row and returns it.
func status(t *testing.T, ctx context.Context, conn *sql.Conn, q string) string {
	t.Helper()
	var s string
	require.NoError(t, conn.QueryRowContext(ctx, q).Scan(&s), q)
	return s
}

// int64s reads the first column of a query as integers, in order.
func int64s(t *testing.T, ctx context.Context, conn *sql.Conn, q string) []int64 {
	t.Helper()
	rows, err := conn.QueryContext(ctx, q)
	require.NoError(t, err, q)
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var n sql.NullInt64
		require.NoError(t, rows.Scan(&n))
		out = append(out, n.Int64)
	}
	require.NoError(t, rows.Err())
	return out
}

// requireSnowflakeError asserts err is Snowflake's error with that code and
// SQLSTATE and a message containing words.
func requireSnowflakeError(t *testing.T, err error, code int, state, words string) {
	t.Helper()
	var se *sf.SnowflakeError
	require.True(t, errors.As(err, &se), "want a Snowflake error, got %v", err)
	require.Equal(t, code, se.Number, se.Message)
	require.Equal(t, state, se.SQLState, se.Message)
	require.Contains(t, se.Message, words)
}

// failsWith runs q and asserts it fails as requireSnowflakeError says.
func failsWith(t *testing.T, ctx context.Context, conn *sql.Conn, q string, code int, state, words string) {
	t.Helper()
	_, err := conn.ExecContext(ctx, q)
	requireSnowflakeError(t, err, code, state, words)
}

// run executes statements in order, each of which must succeed.
func run(t *testing.T, ctx context.Context, conn *sql.Conn, qs ...string) {
	t.Helper()
	for _, q := range qs {
		_, err := conn.ExecContext(ctx, q)
		require.NoError(t, err, q)
	}
}

// failCompiling asserts each statement fails as a compilation error (001003).
func failCompiling(t *testing.T, ctx context.Context, conn *sql.Conn, qs ...string) {
	t.Helper()
	for _, q := range qs {
		failsWith(t, ctx, conn, q, 1003, "42000", "SQL compilation error")
	}
}

// describeRows maps each column of table to its DESCRIBE TABLE row (NULL as "").
func describeRows(t *testing.T, ctx context.Context, conn *sql.Conn, table string) map[string][]string {
	t.Helper()
	rows, err := conn.QueryContext(ctx, "describe table "+table)
	require.NoError(t, err)
	defer rows.Close()
	cols, err := rows.Columns()
	require.NoError(t, err)
	out := map[string][]string{}
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		require.NoError(t, rows.Scan(ptrs...))
		row := make([]string, len(vals))
		for i, v := range vals {
			row[i] = v.String
		}
		out[row[0]] = row
	}
	require.NoError(t, rows.Err())
	return out
}
