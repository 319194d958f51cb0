package sftest

import (
	"database/sql"
	"errors"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

func TestRuleDual(t *testing.T) {
	same := func(name, s string) ruleCase { return ruleCase{name: name, in: s, want: s} }
	checkRule(t, ruleDual, nil, []ruleCase{
		{name: "plain", in: "select 1 from dual", want: "select 1 from (SELECT 1) AS DUAL"},
		{name: "upper with where", in: "SELECT 1 FROM DUAL WHERE 1 = 1", want: "SELECT 1 FROM (SELECT 1) AS DUAL WHERE 1 = 1"},
		{name: "alias kept", in: "select 1 from dual d", want: "select 1 from (SELECT 1) d"},
		{name: "join", in: "select * from t join dual on true", want: "select * from t join (SELECT 1) AS DUAL on true"},
		same("qualified", "select 1 from s.dual"),
		same("quoted", `select 1 from "DUAL"`),
		same("column named dual", "select dual from t"),
		same("in a string", "select 'from dual'"),
	})
}

func TestRuleDecode(t *testing.T) {
	same := func(name, s string) ruleCase { return ruleCase{name: name, in: s, want: s} }
	checkRule(t, ruleDecode, nil, []ruleCase{
		{name: "pairs and default", in: "select decode(a, 1, 'one', 2, 'two', 'other') from t",
			want: "select CASE WHEN (a) IS NOT DISTINCT FROM (1) THEN 'one' WHEN (a) IS NOT DISTINCT FROM (2) THEN 'two' ELSE 'other' END from t"},
		{name: "no default", in: "select decode(a, null, 'none')",
			want: "select CASE WHEN (a) IS NOT DISTINCT FROM (null) THEN 'none' END"},
		{name: "nested", in: "select decode(decode(a, 1, 2, 3), 2, 'x')",
			want: "select CASE WHEN (CASE WHEN (a) IS NOT DISTINCT FROM (1) THEN 2 ELSE 3 END) IS NOT DISTINCT FROM (2) THEN 'x' END"},
		same("duckdb blob decode", "select decode(b) from t"),
	})
}

func TestRuleDateParts(t *testing.T) {
	same := func(name, s string) ruleCase { return ruleCase{name: name, in: s, want: s} }
	checkRule(t, ruleDateParts, nil, []ruleCase{
		{name: "datediff unquoted", in: "select datediff(day, a, b) from t", want: "select date_diff('day', a, b) from t"},
		{name: "datediff abbreviation", in: "select datediff(yy, a, b)", want: "select date_diff('year', a, b)"},
		{name: "datediff quoted", in: "select datediff('MM', a, b)", want: "select date_diff('month', a, b)"},
		{name: "timestampdiff", in: "select timestampdiff(hour, a, b)", want: "select date_diff('hour', a, b)"},
		{name: "date_trunc", in: "select date_trunc(month, d) from t", want: "select time_bucket(INTERVAL 1 MONTH, d) from t"},
		{name: "date_trunc quoted", in: "select date_trunc('dd', ts)", want: "select time_bucket(INTERVAL 1 DAY, ts)"},
		{name: "dateadd column", in: "select dateadd(day, 1, d) from t", want: "select memory.main.sftest_date_plus((d), INTERVAL (1) DAY) from t"},
		{name: "dateadd date literal", in: "select dateadd(mm, -1, '2024-03-31'::date)", want: "select memory.main.sftest_date_plus(('2024-03-31'::date), INTERVAL (-1) MONTH)"},
		{name: "dateadd hour on a date", in: "select dateadd(hour, 2, date '2024-01-01')", want: "select memory.main.sftest_time_plus((date '2024-01-01'), INTERVAL (2) HOUR)"},
		{name: "nested", in: "select datediff(day, dateadd(day, 1, a), b)", want: "select date_diff('day', memory.main.sftest_date_plus((a), INTERVAL (1) DAY), b)"},
		{name: "dateadd current_date", in: "select dateadd(year, 1, current_date())", want: "select memory.main.sftest_date_plus((current_date()), INTERVAL (1) YEAR)"},
		{name: "dateadd week", in: "select dateadd(wk, 2, d)", want: "select memory.main.sftest_date_plus((d), INTERVAL (2) WEEK)"},
		{name: "timeadd", in: "select timeadd(minute, 2, t)", want: "select memory.main.sftest_time_plus((t), INTERVAL (2) MINUTE)"},
		{name: "dateadd bind date", in: "select dateadd(dd, 1, ?::date)", want: "select CAST((?::date) + INTERVAL (1) DAY AS DATE)"},
		{name: "dateadd bind", in: "select dateadd(dd, 1, ?)", want: "select (CAST(? AS TIMESTAMP) + INTERVAL (1) DAY)"},
		{name: "date_trunc week", in: "select date_trunc('week', d)", want: "select time_bucket(INTERVAL 7 DAY, d, INTERVAL 0 DAY)"},
		same("week left alone", "select datediff(week, a, b)"),
		same("unknown part", "select dateadd(fortnight, 1, a)"),
		same("duckdb spelling", "select date_diff('day', a, b)"),
	})
}

// TestSnowflakeFunctionsOnDuckDB runs the rewritten functions on DuckDB.
func TestSnowflakeFunctionsOnDuckDB(t *testing.T) {
	db := openDuck(t)
	run := func(q string) [][]string { t.Helper(); return runSnowflake(t, db, nil, q) }
	require.Equal(t, [][]string{{"1"}}, run("select 1 from dual"))
	require.Equal(t, [][]string{{"two", "none", "other", "NULL"}},
		run("select decode(2, 1, 'one', 2, 'two'), decode(null, null, 'none', 'x'), decode(3, 1, 'one', 'other'), decode(3, 1, 'one')"))
	require.Equal(t, [][]string{{"2", "1", "27", "2"}},
		run("select datediff(mm, '2024-01-31'::date, '2024-03-01'::date), datediff('year', '2024-12-31'::date, '2025-01-01'::date), datediff(hour, '2024-01-31'::timestamp, '2024-02-01 03:00'::timestamp), datediff(quarter, '2024-03-31'::date, '2024-07-01'::date)"))
	require.Equal(t, [][]string{{"DATE", "2024-03-01 00:00:00 +0000 UTC", "2024-03-15 10:00:00 +0000 UTC", "2024-01-01 00:00:00 +0000 UTC"}},
		run("select typeof(date_trunc(month, '2024-03-15'::date)), date_trunc('MONTH', '2024-03-15'::date), date_trunc(hour, '2024-03-15 10:42:07'::timestamp), date_trunc(y, '2024-03-15 10:42:07'::timestamp)"))
	require.Equal(t, [][]string{{"DATE", "2024-02-29 00:00:00 +0000 UTC", "2024-01-31 02:30:00 +0000 UTC", "2023-04-01 00:00:00 +0000 UTC"}},
		run("select typeof(dateadd(month, 1, '2024-01-31'::date)), dateadd(mm, 1, '2024-01-31'::date), dateadd(minute, 150, '2024-01-31'::timestamp), dateadd(quarter, -4, date '2024-04-01')"))
}

func TestFromDualThroughDriver(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	rows, err := db.QueryContext(ctx, "SELECT 1 FROM DUAL")
	require.NoError(t, err)
	cols, err := rows.Columns()
	require.NoError(t, err)
	require.Equal(t, []string{"1"}, cols)
	require.True(t, rows.Next())
	var one int64
	require.NoError(t, rows.Scan(&one))
	require.Equal(t, int64(1), one)
	require.False(t, rows.Next())
	require.NoError(t, rows.Close())

	var d time.Time
	require.NoError(t, db.QueryRowContext(ctx, "SELECT CURRENT_DATE() FROM DUAL").Scan(&d))
	now := time.Now().UTC()
	require.Equal(t, time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), d.UTC())
}

func TestSnowflakeFunctionsThroughDriver(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, "create table f (id int, a int, b varchar, d date)")
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, "insert into f values (1, null, 'x', '2024-01-31'), (2, 5, null, '2024-03-15')")
	require.NoError(t, err)

	rows, err := db.QueryContext(ctx, `select iff(a is null, 'none', 'some'), nvl(b, 'dflt'), nvl2(a, 'has', 'hasnot'),
  zeroifnull(a), decode(a, null, 'null!', 5, 'five', 'other'), datediff(day, d, '2024-04-01'::date),
  dateadd(month, 1, d), date_trunc('MM', d) from f order by id`)
	require.NoError(t, err)
	cols, err := rows.Columns()
	require.NoError(t, err)
	require.Equal(t, []string{"IFF(A IS NULL, 'NONE', 'SOME')", "NVL(B, 'DFLT')", "NVL2(A, 'HAS', 'HASNOT')",
		"ZEROIFNULL(A)", "DECODE(A, NULL, 'NULL!', 5, 'FIVE', 'OTHER')", "DATEDIFF(DAY, D, '2024-04-01'::DATE)",
		"DATEADD(MONTH, 1, D)", "DATE_TRUNC('MM', D)"}, cols)
	type row struct {
		iff, nvl, nvl2 string
		zero           int64
		decode         string
		diff           int64
		add, trunc     time.Time
	}
	var got []row
	for rows.Next() {
		var r row
		require.NoError(t, rows.Scan(&r.iff, &r.nvl, &r.nvl2, &r.zero, &r.decode, &r.diff, &r.add, &r.trunc))
		got = append(got, r)
	}
	require.NoError(t, rows.Err())
	require.NoError(t, rows.Close())
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	require.Len(t, got, 2)
	require.Equal(t, []string{"none", "x", "hasnot", "null!"}, []string{got[0].iff, got[0].nvl, got[0].nvl2, got[0].decode})
	require.Equal(t, []string{"some", "dflt", "has", "five"}, []string{got[1].iff, got[1].nvl, got[1].nvl2, got[1].decode})
	require.Equal(t, []int64{0, 5}, []int64{got[0].zero, got[1].zero})
	require.Equal(t, []int64{61, 17}, []int64{got[0].diff, got[1].diff})
	require.Equal(t, day(2024, 2, 29), got[0].add.UTC())
	require.Equal(t, day(2024, 4, 15), got[1].add.UTC())
	require.Equal(t, day(2024, 1, 1), got[0].trunc.UTC())
	require.Equal(t, day(2024, 3, 1), got[1].trunc.UTC())
}

// TestCTASColumnListThroughDriver: the list names and types the query's
// columns in order; a count mismatch is a compilation error and creates
// nothing.
func TestCTASColumnListThroughDriver(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, "create or replace table c (c1 number(10,2), c2 string, \"Mixed\") as select 1 as x, 2, 'three' from dual")
	require.NoError(t, err)
	rows, err := db.QueryContext(ctx, `select c1, c2, "Mixed" from c`)
	require.NoError(t, err)
	cols, err := rows.Columns()
	require.NoError(t, err)
	require.Equal(t, []string{"C1", "C2", "Mixed"}, cols)
	types, err := rows.ColumnTypes()
	require.NoError(t, err)
	require.Equal(t, []string{"FIXED", "TEXT", "TEXT"}, []string{types[0].DatabaseTypeName(), types[1].DatabaseTypeName(), types[2].DatabaseTypeName()})
	prec, scale, ok := types[0].DecimalSize()
	require.True(t, ok)
	require.Equal(t, []int64{10, 2}, []int64{prec, scale})
	require.True(t, rows.Next())
	var c1, c2, mixed string
	require.NoError(t, rows.Scan(&c1, &c2, &mixed))
	require.Equal(t, []string{"1.00", "2", "three"}, []string{c1, c2, mixed})
	require.NoError(t, rows.Close())

	for _, q := range []string{
		"create table bad1 (a int, b int) as select 1, 2, 3",
		"create or replace table bad2 (a int, b int, c int) as select 1, 2",
		"create table bad3 (a int) as select * from c",
	} {
		_, err = db.ExecContext(ctx, q)
		var se *sf.SnowflakeError
		require.True(t, errors.As(err, &se), "%s: %v", q, err)
		require.Equal(t, 2057, se.Number, q)
		require.Equal(t, "42601", se.SQLState, q)
		require.Contains(t, se.Message, "Invalid column definition list", q)
	}
	var n int64
	err = db.QueryRowContext(ctx, "select count(*) from bad1").Scan(&n)
	var se *sf.SnowflakeError
	require.True(t, errors.As(err, &se), "%v", err)
	require.Equal(t, 2003, se.Number)
	// An ordinary set-operation mismatch is not worded as a CTAS one.
	err = db.QueryRowContext(ctx, "select 1 union all select 1, 2").Scan(&n)
	require.True(t, errors.As(err, &se), "%v", err)
	require.NotEqual(t, 2057, se.Number)
	require.ErrorIs(t, db.QueryRowContext(ctx, "select c1 from c where c2 = '9'").Scan(&c1), sql.ErrNoRows)
}
