package sftest

import (
	"database/sql"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// oneConn is a connection of db (one Snowflake session) closed at the end
// of the test.
func oneConn(t *testing.T, db *sql.DB) *sql.Conn {
	t.Helper()
	conn, err := db.Conn(testCtx(t))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// TestSessionVariables: SET stores typed values the session's later
// statements read as $name; names are case-insensitive; a column selecting
// $v is named $V; SET evaluates every value before storing any.
func TestSessionVariables(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn := oneConn(t, db)
	mustExec(t, ctx, conn,
		"set n = 10",
		"SET (S, d, f, b, neg) = ('it''s', '2024-02-29'::date, 1.5::float, true, -3)",
		"set dec = 12.50",
		"create table t (k number, v varchar)",
		"insert into t values (1, 'a'), (2, 'b'), (3, 'c')",
		"set cnt = (select count(*) from t)",
	)
	var (
		n, cnt int64
		s      string
		d      time.Time
		f      float64
		b      bool
		dec    string
	)
	rows, err := conn.QueryContext(ctx, "select $n, $N + 1 - $neg, $s, $d, $f, $b, $cnt, $dec::varchar, 10-$neg")
	require.NoError(t, err)
	cols, err := rows.Columns()
	require.NoError(t, err)
	require.Equal(t, []string{"$N", "$N + 1 - $NEG", "$S", "$D", "$F", "$B", "$CNT", "$DEC::VARCHAR", "10-$NEG"}, cols)
	require.True(t, rows.Next())
	var sum, diff int64
	require.NoError(t, rows.Scan(&n, &sum, &s, &d, &f, &b, &cnt, &dec, &diff))
	require.NoError(t, rows.Close())
	require.Equal(t, int64(10), n)
	require.Equal(t, int64(14), sum)
	require.Equal(t, "it's", s)
	require.Equal(t, "2024-02-29", d.Format(time.DateOnly))
	require.Equal(t, 1.5, f)
	require.True(t, b)
	require.Equal(t, int64(3), cnt)
	require.Equal(t, "12.50", dec)
	require.Equal(t, int64(13), diff)

	// $v in a WHERE clause, in DML, and in GETVARIABLE (its text).
	var k int64
	mustExec(t, ctx, conn, "set want = 'b'", "update t set k = $n where v = $want")
	require.NoError(t, conn.QueryRowContext(ctx, "select k from t where v = 'b'").Scan(&k))
	require.Equal(t, int64(10), k)
	var gv, missing sql.NullString
	require.NoError(t, conn.QueryRowContext(ctx, "select getvariable('N'), getvariable('n')").Scan(&gv, &missing))
	require.Equal(t, "10", gv.String)
	require.False(t, missing.Valid) // GETVARIABLE is case-sensitive

	// Every value is evaluated before any is set.
	mustExec(t, ctx, conn, "set (lo, hi) = (40, 70)", "set (lo, hi) = (50, 2 * $lo)")
	var hi int64
	require.NoError(t, conn.QueryRowContext(ctx, "select $hi").Scan(&hi))
	require.Equal(t, int64(80), hi)

	// SET (a, b) = (query).
	mustExec(t, ctx, conn, "set (mn, mx) = (select min(k), max(k) from t)")
	var mn, mx int64
	require.NoError(t, conn.QueryRowContext(ctx, "select $mn, $mx").Scan(&mn, &mx))
	require.Equal(t, []int64{1, 10}, []int64{mn, mx})

	// A NULL value stays NULL; a quoted name keeps its case.
	mustExec(t, ctx, conn, `set "lower" = null`)
	var null sql.NullString
	require.NoError(t, conn.QueryRowContext(ctx, `select $"lower"`).Scan(&null))
	require.False(t, null.Valid)
}

// TestSessionVariablesScope: variables belong to their session; UNSET
// drops them; a missing one fails as Snowflake's 002211.
func TestSessionVariablesScope(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	a, b := oneConn(t, db), oneConn(t, db)
	mustExec(t, ctx, a, "set x = 1", "set (y, z) = (2, 3)")
	_, err := b.ExecContext(ctx, "select $x")
	se := requireSFError(t, err, "002211")
	require.Equal(t, "SQL compilation error:\nSession variable '$X' does not exist", se.Message)

	var x int64
	require.NoError(t, a.QueryRowContext(ctx, "select $x").Scan(&x))
	require.Equal(t, int64(1), x)
	mustExec(t, ctx, a, "unset x", "UNSET (y, Z)")
	for _, q := range []string{"select $x", "select $y", "select $z", "unset x", "select * from identifier($x)"} {
		_, err = a.ExecContext(ctx, q)
		requireSFError(t, err, "002211")
	}

	// A multi-statement request sees the variables its earlier statements set.
	var got int64
	rows, err := a.QueryContext(sf.WithMultiStatement(ctx, 2), "set m = 41; select $m + 1")
	require.NoError(t, err)
	require.True(t, rows.NextResultSet())
	require.True(t, rows.Next())
	require.NoError(t, rows.Scan(&got))
	require.NoError(t, rows.Close())
	require.Equal(t, int64(42), got)
}

// TestSessionVariablesBadInput: malformed SET and UNSET fail with 001003.
func TestSessionVariablesBadInput(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	for _, q := range []string{
		"set", "set x", "set x =", "set = 1", "set (a, b) = (1)", "set (a, b) = 1, 2", "set (a b) = (1, 2)",
		"set ('a') = (1)", "unset", "unset (x", "unset x y", "set 1 = 2", "set (a,,b) = (1, 2, 3)",
		"select getvariable(1)", "select getvariable('A', 'B')",
	} {
		_, err := db.ExecContext(ctx, q)
		se := requireSFError(t, err, "001003")
		require.Contains(t, se.Message, "SQL compilation error", q)
	}
	_, err := db.ExecContext(ctx, "set x = (select * from values (1), (2))")
	require.Error(t, err)
}

// TestIdentifier: IDENTIFIER('name') and IDENTIFIER($v) name tables in
// DDL, DML and queries, with Snowflake's case rules.
func TestIdentifier(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn := oneConn(t, db)
	mustExec(t, ctx, conn,
		"create table identifier('my_t') (c1 number)",
		"set tbl = 'PUBLIC.my_t'",
		"insert into identifier($tbl) values (1), (2)",
		`create table identifier('"Mixed"') (c1 number)`,
		`insert into "Mixed" values (7)`,
		"set tname = 'MY_T'",
		"delete from identifier($tname) where c1 = 1",
	)
	var n int64
	require.NoError(t, conn.QueryRowContext(ctx, "select count(*) from identifier($tbl)").Scan(&n))
	require.Equal(t, int64(1), n)
	require.NoError(t, conn.QueryRowContext(ctx, `select c1 from identifier('"Mixed"')`).Scan(&n))
	require.Equal(t, int64(7), n)
	require.NoError(t, conn.QueryRowContext(ctx, "select count(*) from identifier('sftest.public.my_t')").Scan(&n))
	require.Equal(t, int64(1), n)
	// TABLE(...) is IDENTIFIER(...)'s synonym in FROM.
	require.NoError(t, conn.QueryRowContext(ctx, "select count(*) from table($tbl) join table('my_t') u using (c1)").Scan(&n))
	require.Equal(t, int64(1), n)

	for _, q := range []string{"select * from identifier('a b')", "select * from identifier('a.')", "select * from identifier('')",
		"select * from identifier('a.b.c.d')"} {
		_, err := conn.ExecContext(ctx, q)
		requireSFError(t, err, "000904")
	}
	_, err := conn.ExecContext(ctx, "select * from identifier('no_such_t')")
	requireSFError(t, err, "002003")

	// IDENTIFIER(?) takes the name from its bind; the other binds keep
	// their places.
	_, err = conn.ExecContext(ctx, "create table identifier(?) (a number, b varchar)", "bound_t")
	require.NoError(t, err)
	_, err = conn.ExecContext(ctx, "insert into identifier(?) values (?, ?)", "BOUND_T", 5, "x")
	require.NoError(t, err)
	var b string
	require.NoError(t, conn.QueryRowContext(ctx, "select b from identifier(?) where a = ? and b = ?", "public.bound_t", 5, "x").Scan(&b))
	require.Equal(t, "x", b)
	require.NoError(t, conn.QueryRowContext(ctx, "select count(*) from table(?)", "bound_t").Scan(&n))
	require.Equal(t, int64(1), n)
	for _, bad := range []any{7, "a b", "x."} {
		_, err = conn.ExecContext(ctx, "select * from identifier(?)", bad)
		requireSFError(t, err, "000904")
	}
}

// TestShowVariables: SHOW VARIABLES lists the session's variables with
// Snowflake's columns, ordered by name, LIKE filtering case-insensitively.
func TestShowVariables(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn := oneConn(t, db)
	rows, err := conn.QueryContext(ctx, "show variables")
	require.NoError(t, err)
	require.False(t, rows.Next())
	require.NoError(t, rows.Close())

	mustExec(t, ctx, conn, "set (b_num, a_txt) = (5, 'x')", "set c_flag = false")
	rows, err = conn.QueryContext(ctx, "show variables like '%_n%'")
	require.NoError(t, err)
	cols, err := rows.Columns()
	require.NoError(t, err)
	require.Equal(t, []string{"session_id", "created_on", "updated_on", "name", "value", "type", "comment"}, cols)
	var got []string
	for rows.Next() {
		var sid int64
		var created, updated time.Time
		var name, value, typ, comment string
		require.NoError(t, rows.Scan(&sid, &created, &updated, &name, &value, &typ, &comment))
		require.Positive(t, sid)
		require.False(t, created.IsZero())
		got = append(got, name+"="+value+":"+typ)
	}
	require.NoError(t, rows.Close())
	require.Equal(t, []string{"B_NUM=5:fixed"}, got)

	rows, err = conn.QueryContext(ctx, "show variables")
	require.NoError(t, err)
	got = nil
	for rows.Next() {
		var sid, created, updated, name, value, typ, comment any
		require.NoError(t, rows.Scan(&sid, &created, &updated, &name, &value, &typ, &comment))
		got = append(got, name.(string)+":"+typ.(string))
	}
	require.NoError(t, rows.Close())
	require.Equal(t, []string{"A_TXT:text", "B_NUM:fixed", "C_FLAG:boolean"}, got)
}

// TestSessionVariablesInScripting: inside a Snowflake Scripting block, $n
// is the session variable and n (or :n) the block's own, in expressions
// and in SQL statements alike.
func TestSessionVariablesInScripting(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn := oneConn(t, db)
	mustExec(t, ctx, conn, "set n = 100")
	var got string
	require.NoError(t, conn.QueryRowContext(ctx, `DECLARE
  n INTEGER DEFAULT 1;
BEGIN
  LET m INTEGER := n + $n;
  LET r INTEGER := 0;
  SELECT :n + $n + :m INTO :r;
  RETURN r;
END;`).Scan(&got))
	require.Equal(t, "202", got)
}
