package sftest

import (
	"errors"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

func TestSelectOneColumnName(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	rows, err := db.QueryContext(ctx, "select 1 as x")
	require.NoError(t, err)
	defer rows.Close()
	cols, err := rows.Columns()
	require.NoError(t, err)
	require.Equal(t, []string{"X"}, cols)
	require.True(t, rows.Next())
	var x int64
	require.NoError(t, rows.Scan(&x))
	require.Equal(t, int64(1), x)
}

func TestDMLRowsAffected(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	exec := func(q string) int64 {
		t.Helper()
		r, err := db.ExecContext(ctx, q)
		require.NoError(t, err, q)
		n, err := r.RowsAffected()
		require.NoError(t, err)
		return n
	}
	_, err := db.ExecContext(ctx, "create table t (id int, v varchar)")
	require.NoError(t, err)
	require.Equal(t, int64(3), exec("insert into t values (1, 'a'), (2, 'b'), (3, 'c')"))
	require.Equal(t, int64(2), exec("update t set v = 'x' where id >= 2"))
	require.Equal(t, int64(1), exec("delete from t where id = 1"))
	require.Equal(t, int64(2), exec("insert into t select id + 10, v from t"))
}

func TestSeedTable(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, "create database if not exists DEMO_DB")
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, `CREATE OR REPLACE TRANSIENT TABLE DEMO_DB.PUBLIC.CUSTOMER_DATA (CUSTOMER_ID INT, SEGMENT VARCHAR(50),
  LOYALTY_SCORE INT, PURCHASE_TRENDS VARCHAR(100), UPDATED_TS TIMESTAMP)`)
	require.NoError(t, err)
	r, err := db.ExecContext(ctx, `INSERT INTO DEMO_DB.PUBLIC.CUSTOMER_DATA SELECT SEQ4() AS CUSTOMER_ID,
  CASE WHEN MOD(SEQ4(), 3) = 0 THEN 'High Value' WHEN MOD(SEQ4(), 3) = 1 THEN 'Medium Value'
  ELSE 'Low Value' END AS SEGMENT, NULL AS LOYALTY_SCORE, NULL AS PURCHASE_TRENDS,
  CURRENT_TIMESTAMP AS UPDATED_TS FROM TABLE(GENERATOR(ROWCOUNT => 100000))`)
	require.NoError(t, err)
	n, err := r.RowsAffected()
	require.NoError(t, err)
	require.Equal(t, int64(100000), n)

	var total, high int64
	require.NoError(t, db.QueryRowContext(ctx, "select count(*) from DEMO_DB.PUBLIC.CUSTOMER_DATA").Scan(&total))
	require.Equal(t, int64(100000), total)
	require.NoError(t, db.QueryRowContext(ctx,
		"select count(*) from DEMO_DB.PUBLIC.CUSTOMER_DATA where SEGMENT = 'High Value'").Scan(&high))
	require.Equal(t, int64(33334), high)

	// The whole table comes back through the JSON rowset.
	rows, err := db.QueryContext(ctx, "select * from DEMO_DB.PUBLIC.CUSTOMER_DATA")
	require.NoError(t, err)
	defer rows.Close()
	cols, err := rows.Columns()
	require.NoError(t, err)
	require.Equal(t, []string{"CUSTOMER_ID", "SEGMENT", "LOYALTY_SCORE", "PURCHASE_TRENDS", "UPDATED_TS"}, cols)
	var count int
	for rows.Next() {
		count++
	}
	require.NoError(t, rows.Err())
	require.Equal(t, 100000, count)
}

func TestMultiStatement(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := sf.WithMultiStatement(testCtx(t), 0)
	r, err := db.ExecContext(ctx, "create table m (a int); insert into m values (1), (2); update m set a = a * 10")
	require.NoError(t, err)
	n, err := r.RowsAffected()
	require.NoError(t, err)
	require.Equal(t, int64(4), n)

	rows, err := db.QueryContext(ctx, "select a from m order by a; select count(*) as c from m")
	require.NoError(t, err)
	defer rows.Close()
	var got []int64
	for rows.Next() {
		var a int64
		require.NoError(t, rows.Scan(&a))
		got = append(got, a)
	}
	require.Equal(t, []int64{10, 20}, got)
	require.True(t, rows.NextResultSet())
	require.True(t, rows.Next())
	var c int64
	require.NoError(t, rows.Scan(&c))
	require.Equal(t, int64(2), c)
	require.False(t, rows.NextResultSet())

	// Every child is its own statement in the history, after its parent.
	var texts []string
	for _, q := range srv.Queries() {
		texts = append(texts, q.SQL)
		require.Equal(t, StatusSuccess, q.Status)
	}
	require.Contains(t, texts, "insert into m values (1), (2)")

	// A failing child fails the parent; the rest do not run.
	_, err = db.ExecContext(ctx, "insert into m values (3); select * from nope; insert into m values (4)")
	var se *sf.SnowflakeError
	require.True(t, errors.As(err, &se), "%v", err)
	require.Equal(t, 2003, se.Number)
	var cnt int64
	require.NoError(t, db.QueryRowContext(testCtx(t), "select count(*) from m").Scan(&cnt))
	require.Equal(t, int64(3), cnt)

	// Without MULTI_STATEMENT_COUNT, two statements are refused.
	_, err = db.ExecContext(testCtx(t), "select 1; select 2")
	require.True(t, errors.As(err, &se), "%v", err)
	require.Equal(t, 8, se.Number)
}

// TestMultiStatementFollowsUse: the children of one request share a
// pinned connection, which skips its USE when it is already where the
// session is; a USE (or DDL) between children still moves the next one.
func TestMultiStatementFollowsUse(t *testing.T) {
	_, db := newTestServer(t)
	ctx := sf.WithMultiStatement(testCtx(t), 0)
	_, err := db.ExecContext(ctx, `create schema s2; use schema s2; create table here (a int); insert into here values (1);
		use schema public; create table here (a int); insert into here values (2), (3);
		begin; use schema s2; insert into here values (4); use schema public; insert into here values (5); commit`)
	require.NoError(t, err)
	for schema, want := range map[string]int64{"s2": 2, "public": 3} {
		var n int64
		require.NoError(t, db.QueryRowContext(testCtx(t), "select count(*) from "+schema+".here").Scan(&n))
		require.Equal(t, want, n, schema)
	}

	// A block's expressions run on the same pinned connection.
	var got string
	require.NoError(t, db.QueryRowContext(testCtx(t), `EXECUTE IMMEDIATE $$ DECLARE v INT; w INT; x INT; BEGIN
		SELECT COUNT(*) INTO :v FROM here; USE SCHEMA s2; x := (SELECT COUNT(*) FROM here);
		USE SCHEMA public; SELECT COUNT(*) INTO :w FROM here; RETURN v || ',' || x || ',' || w; END; $$`).Scan(&got))
	require.Equal(t, "3,2,3", got)
}

func TestResultScanAndLastQueryID(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, "create table r (a int, s varchar, d date)")
	require.NoError(t, err)
	_, err = conn.ExecContext(ctx, "insert into r values (1, 'x', '2024-01-02'), (2, null, null)")
	require.NoError(t, err)
	_, err = conn.ExecContext(ctx, "select a, s, d from r order by a")
	require.NoError(t, err)
	rows, err := conn.QueryContext(ctx, "select * from table(result_scan(last_query_id()))")
	require.NoError(t, err)
	defer rows.Close()
	cts, err := rows.ColumnTypes()
	require.NoError(t, err)
	require.Equal(t, "DATE", cts[2].DatabaseTypeName())
	var as []int64
	for rows.Next() {
		var a int64
		var s *string
		var d *time.Time
		require.NoError(t, rows.Scan(&a, &s, &d))
		as = append(as, a)
	}
	require.Equal(t, []int64{1, 2}, as)
}

func TestUseAndSessionState(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	for _, q := range []string{
		"create database d2",
		"create schema d2.s2",
		"use schema d2.s2",
		"create table here (a int)",
		"use warehouse other_wh",
		"alter session set query_tag = 'tagged'",
	} {
		_, err := conn.ExecContext(ctx, q)
		require.NoError(t, err, q)
	}
	var n int64
	require.NoError(t, conn.QueryRowContext(ctx, "select count(*) from d2.s2.here").Scan(&n))
	q := waitForSQL(t, srv, "select count(*) from d2.s2.here", hasStatus(StatusSuccess))
	require.Equal(t, "tagged", q.QueryTag)

	_, err = conn.ExecContext(ctx, "use database nope_db")
	var se *sf.SnowflakeError
	require.True(t, errors.As(err, &se), "%v", err)

	// A query tag sent as a request parameter wins.
	_, err = conn.ExecContext(sf.WithQueryTag(ctx, "from-ctx"), "select 7")
	require.NoError(t, err)
	require.Equal(t, "from-ctx", waitForSQL(t, srv, "select 7", hasStatus(StatusSuccess)).QueryTag)
}

func TestBindings(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	var (
		i int64
		f float64
		s string
		b bool
		d time.Time
	)
	day := time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)
	require.NoError(t, db.QueryRowContext(ctx, "select ?, ?, ?, ?, ?::date", int64(7), 2.5, "it's", true, day).
		Scan(&i, &f, &s, &b, &d))
	require.Equal(t, int64(7), i)
	require.Equal(t, 2.5, f)
	require.Equal(t, "it's", s)
	require.True(t, b)
	require.Equal(t, day, d)

	mctx := sf.WithMultiStatement(ctx, 2)
	_, err := db.ExecContext(mctx, "create table bq (a int, s varchar); insert into bq values (?, ?)", int64(1), "one")
	require.NoError(t, err)
	require.NoError(t, db.QueryRowContext(ctx, "select s from bq where a = ?", int64(1)).Scan(&s))
	require.Equal(t, "one", s)
}
