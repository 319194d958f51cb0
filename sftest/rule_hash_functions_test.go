package sftest

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// driverRows runs q through the driver and returns its rows as text (NULL
// for NULL).
func driverRows(t *testing.T, ctx context.Context, conn *sql.Conn, q string) [][]string {
	t.Helper()
	_, rows := driverResult(t, ctx, conn, q)
	return rows
}

// driverResult runs q through the driver and returns its column names and
// its rows as text (NULL for NULL).
func driverResult(t *testing.T, ctx context.Context, conn *sql.Conn, q string) ([]string, [][]string) {
	t.Helper()
	rows, err := conn.QueryContext(ctx, q)
	require.NoError(t, err, q)
	defer rows.Close()
	names, err := rows.Columns()
	require.NoError(t, err)
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(names))
		ptrs := make([]any, len(names))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		require.NoError(t, rows.Scan(ptrs...))
		row := make([]string, len(names))
		for i, v := range vals {
			row[i] = "NULL"
			if v.Valid {
				row[i] = v.String
			}
		}
		out = append(out, row)
	}
	require.NoError(t, rows.Err())
	return names, out
}

// requireCode asserts that q fails through the driver with Snowflake's code.
func requireCode(t *testing.T, ctx context.Context, conn *sql.Conn, q string, code int) {
	t.Helper()
	_, err := conn.ExecContext(ctx, q)
	var se *sf.SnowflakeError
	require.ErrorAs(t, err, &se, q)
	require.Equal(t, code, se.Number, fmt.Sprint(q, ": ", err))
}

// driverExec runs statements through the driver, each required to succeed.
func driverExec(t *testing.T, ctx context.Context, conn *sql.Conn, stmts ...string) {
	t.Helper()
	for _, q := range stmts {
		_, err := conn.ExecContext(ctx, q)
		require.NoError(t, err, q)
	}
}

// driverConn is one connection to a new server, for tests that need a
// session.
func driverConn(t *testing.T) (context.Context, *sql.Conn) {
	t.Helper()
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return ctx, conn
}

// TestHashFunctions: MD5/SHA1/SHA2 give the standard digests (hex, or
// bytes for _BINARY) and HASH_AGG is order-independent, counts NULLs and
// is 0 with no rows.
func TestHashFunctions(t *testing.T) {
	ctx, conn := driverConn(t)
	got := driverRows(t, ctx, conn, `select md5('a'), md5_hex('a'), sha1('a'), sha1_hex('a'), sha2('a'), sha2_hex('a', 256),
		sha2('a', 224), sha2('a', 384), sha2('a', 512), hex_encode(md5_binary('a')), hex_encode(sha2_binary('a', 224)), sha2(null)`)
	require.Equal(t, [][]string{{
		"0cc175b9c0f1b6a831c399e269772661", "0cc175b9c0f1b6a831c399e269772661",
		"86f7e437faa5a7fce15d1ddcb9eaeaea377667b8", "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8",
		"ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb",
		"ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb",
		"abd37534c7d9a2efb9465de931cd7055ffdb8879563ae98078d6d6d5",
		"54a59b9f22b0b80880d8427e548b7c23abd873486e1f035dce9cd697e85175033caa88e6d57bc35efae0b5afd3145f31",
		"1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75",
		"0CC175B9C0F1B6A831C399E269772661",
		"ABD37534C7D9A2EFB9465DE931CD7055FFDB8879563AE98078D6D6D5",
		"NULL",
	}}, got)

	driverExec(t, ctx, conn, "create table h (a int, b string)", "insert into h values (1, 'x'), (2, null), (3, 'z')")
	agg := driverRows(t, ctx, conn, "select hash_agg(a, b), hash_agg(b), hash_agg(distinct a) from h")
	again := driverRows(t, ctx, conn, "select hash_agg(a, b), hash_agg(b), hash_agg(distinct a) from (select * from h order by a desc)")
	require.Equal(t, agg, again, "HASH_AGG does not depend on row order")
	withoutNull := driverRows(t, ctx, conn, "select hash_agg(b) from h where b is not null")
	require.NotEqual(t, agg[0][1], withoutNull[0][0], "a NULL row counts")
	require.NotEqual(t, agg[0][0], agg[0][1])
	require.Equal(t, [][]string{{"0"}}, driverRows(t, ctx, conn, "select hash_agg(a) from h where a > 10"))
	window := driverRows(t, ctx, conn, "select hash_agg(a, b) over (), hash_agg(a) over (partition by a) from h order by a")
	require.Equal(t, agg[0][0], window[0][0], "as a window function over the whole table")
	require.NotEqual(t, window[0][1], window[1][1])
	var n int64
	require.NoError(t, conn.QueryRowContext(ctx, "select hash_agg(a) from h").Scan(&n), "a signed 64-bit number")

	requireCode(t, ctx, conn, "select sha2('a', 100)", 1003)
	requireCode(t, ctx, conn, "select md5('a', 'b')", 1003)
	requireCode(t, ctx, conn, "select hash_agg(*) from h", 1003)
	requireCode(t, ctx, conn, "select hash_agg() from h", 1003)
	_, err := conn.ExecContext(ctx, "select sha2('a', a * 100) from h")
	require.ErrorContains(t, err, "Invalid digest size for function SHA2: 100")
}
