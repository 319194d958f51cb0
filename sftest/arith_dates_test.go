package sftest

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// DATEADD, TIMEADD and x + INTERVAL '...' keep their operand's type as
// Snowflake does (a DATE column plus days is a DATE, plus hours a
// TIMESTAMP_NTZ; a timestamp keeps its scale and nanoseconds; a TIME stays
// a TIME), and DATE_TRUNC of a week keeps a DATE and starts the week on
// WEEK_START; both result formats give the driver the same values.
func TestDateArithmeticTypes(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	execAll(t, ctx, db,
		"create table dt (d date, ts timestamp_ntz(9), ts3 timestamp_ntz(3), tm time, pre timestamp_ntz(9))",
		"insert into dt values ('2024-01-31', '2024-01-31 10:11:12.123456789', '2024-01-31 10:11:12.123', '10:00:00', '1960-03-30 23:59:59.999999999')")
	arrowConn, jsonConn := formatConns(t, ctx, db)
	utc := func(s string) time.Time {
		v, err := time.Parse("2006-01-02 15:04:05.999999999", s)
		require.NoError(t, err)
		return v
	}
	for _, c := range []struct {
		query string
		typ   string
		scale int64 // of a TIMESTAMP_NTZ or TIME (-1: not compared)
		want  time.Time
	}{
		{"select dateadd(day, 1, d) from dt", "DATE", -1, utc("2024-02-01 00:00:00")},
		{"select dateadd('month', 1, d) from dt", "DATE", -1, utc("2024-02-29 00:00:00")},
		{"select timestampadd(yy, -1, d) from dt", "DATE", -1, utc("2023-01-31 00:00:00")},
		{"select dateadd(week, 2, d) from dt", "DATE", -1, utc("2024-02-14 00:00:00")},
		{"select dateadd(quarter, 1, d) from dt", "DATE", -1, utc("2024-04-30 00:00:00")},
		{"select dateadd(hour, 3, d) from dt", "TIMESTAMP_NTZ", 9, utc("2024-01-31 03:00:00")},
		{"select dateadd(day, 1, ts) from dt", "TIMESTAMP_NTZ", 9, utc("2024-02-01 10:11:12.123456789")},
		{"select dateadd(month, 1, ts) from dt", "TIMESTAMP_NTZ", 9, utc("2024-02-29 10:11:12.123456789")},
		{"select dateadd(minute, 1, pre) from dt", "TIMESTAMP_NTZ", 9, utc("1960-03-31 00:00:59.999999999")},
		{"select dateadd(month, 1, pre) from dt", "TIMESTAMP_NTZ", 9, utc("1960-04-30 23:59:59.999999999")},
		{"select dateadd(month, 1, ts3) from dt", "TIMESTAMP_NTZ", 3, utc("2024-02-29 10:11:12.123")},
		{"select timeadd(hour, 15, tm) from dt", "TIME", 9, utc("0001-01-01 01:00:00")},
		{"select d + interval '1 month' from dt", "DATE", -1, utc("2024-02-29 00:00:00")},
		{"select d - interval '1 year, 2 months' from dt", "DATE", -1, utc("2022-11-30 00:00:00")},
		{"select d + interval '1 week, 1 d' as x from dt", "DATE", -1, utc("2024-02-08 00:00:00")},
		{"select d + interval '2 hours, 30 minutes' from dt", "TIMESTAMP_NTZ", 9, utc("2024-01-31 02:30:00")},
		{"select ts + interval '1 day' from dt", "TIMESTAMP_NTZ", 9, utc("2024-02-01 10:11:12.123456789")},
		{"select date_trunc('week', d) from dt", "DATE", -1, utc("2024-01-29 00:00:00")},
		{"select date_trunc(wk, ts) from dt", "TIMESTAMP_NTZ", 9, utc("2024-01-29 00:00:00")},
	} {
		t.Run(c.query, func(t *testing.T) {
			arrowRows, arrowTypes := readTyped(t, ctx, arrowConn, c.query)
			jsonRows, jsonTypes := readTyped(t, ctx, jsonConn, c.query)
			require.Equal(t, jsonRows, arrowRows)
			for _, ct := range []string{arrowTypes[0].DatabaseTypeName(), jsonTypes[0].DatabaseTypeName()} {
				require.Equal(t, c.typ, ct)
			}
			if c.scale >= 0 { // the driver hides a timestamp's scale: read the wire's
				results := resultsOf(srv, c.query)
				require.Len(t, results, 2)
				for _, res := range results {
					require.Equal(t, c.scale, res.rowType[0].Scale, res.format)
				}
			}
			got, ok := arrowRows[0][0].(time.Time)
			require.True(t, ok, "%T", arrowRows[0][0])
			if c.typ == "TIME" {
				require.Equal(t, c.want.Format("15:04:05.999999999"), got.Format("15:04:05.999999999"))
				return
			}
			require.True(t, c.want.Equal(got.UTC()) || c.want.Format(time.DateTime) == got.Format(time.DateTime) && c.want.Nanosecond() == got.Nanosecond(), "got %v", got)
		})
	}
}

// The typed forms work outside the select list too: in WHERE a DATEADD of
// a DATE column compares and converts to text as a DATE, and a string of it
// has no time of day; WEEK_START moves DATE_TRUNC's weeks; a bind as the
// count works, and a TIME plus days fails as in Snowflake.
func TestDateArithmeticInExpressions(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	execAll(t, ctx, conn,
		"create table dt (id int, d date, tm time)",
		"insert into dt values (1, '2024-01-31', '10:00:00'), (2, '2024-02-29', '11:00:00')")
	count := func(q string, args ...any) int {
		var n int
		require.NoError(t, conn.QueryRowContext(ctx, q, args...).Scan(&n), q)
		return n
	}
	require.Equal(t, 1, count("select count(*) from dt where dateadd(day, 1, d) = '2024-02-01'::date"))
	require.Equal(t, 1, count("select count(*) from dt where to_varchar(dateadd(month, 1, d)) = '2024-02-29'"))
	require.Equal(t, 1, count("select count(*) from dt where d - interval '1 month' = '2024-01-29'"))
	require.Equal(t, 2, count("select count(*) from dt where dateadd(day, ?, d) > '2024-01-01'", 1))
	require.Equal(t, 1, count("select count(*) from dt where dateadd(day, 1, ?) = dateadd(day, 1, d)", "2024-01-31"))

	var s string
	require.NoError(t, conn.QueryRowContext(ctx, "select dateadd(day, 1, d)::varchar from dt where id = 1").Scan(&s))
	require.Equal(t, "2024-02-01", s)

	var week time.Time
	_, err = conn.ExecContext(ctx, "alter session set week_start = 7")
	require.NoError(t, err)
	require.NoError(t, conn.QueryRowContext(ctx, "select date_trunc('week', d) from dt where id = 1").Scan(&week))
	require.Equal(t, "2024-01-28", week.Format(time.DateOnly), "a Sunday")

	_, err = conn.QueryContext(ctx, "select dateadd(day, 1, tm) from dt")
	require.Error(t, err, "Snowflake refuses a date part for a TIME")
}

// snowflakeInterval reads Snowflake's interval constants into DuckDB's
// months, days and microseconds, and says whether they hold only date parts.
func TestSnowflakeIntervalText(t *testing.T) {
	for _, c := range []struct {
		in, duck string
		dateOnly bool
	}{
		{"1 month", "1 months 0 days 0 microseconds", true},
		{"1 year, 2 months", "14 months 0 days 0 microseconds", true},
		{"1 year, 3 quarters, 4 months, 5 weeks, 6 days", "25 months 41 days 0 microseconds", true},
		{"2h, 30 min", "0 months 0 days 9000000000 microseconds", false},
		{"1 second, 1000 milliseconds, 4000000 microseconds, 5000000001 nanoseconds", "0 months 0 days 11000000 microseconds", false},
		{"-3 days", "0 months -3 days 0 microseconds", true},
	} {
		duck, dateOnly, ok := snowflakeInterval(c.in)
		require.True(t, ok, c.in)
		require.Equal(t, c.duck, duck, c.in)
		require.Equal(t, c.dateOnly, dateOnly, c.in)
	}
	for _, bad := range []string{"", "1", "P1D", "1 fortnight", "1:30:00"} {
		_, _, ok := snowflakeInterval(bad)
		require.False(t, ok, bad)
	}
}

// ruleDateIntervals reads interval constants and sends x + INTERVAL through
// the macro that keeps x's type, x being the whole additive operand.
func TestRuleDateIntervals(t *testing.T) {
	same := func(name, s string) ruleCase { return ruleCase{name: name, in: s, want: s} }
	checkRule(t, ruleDateIntervals, nil, []ruleCase{
		{name: "date part", in: "select d + interval '1 month' from t",
			want: "select memory.main.sftest_date_plus(d, CAST('1 months 0 days 0 microseconds' AS INTERVAL)) from t"},
		{name: "minus in where", in: "select 1 from t where x > current_date - interval '7 days'",
			want: "select 1 from t where x > memory.main.sftest_date_plus(current_date, -CAST('0 months 7 days 0 microseconds' AS INTERVAL))"},
		{name: "time part", in: "select '2024-01-01'::date + interval '1 hour, 2 min'",
			want: "select memory.main.sftest_time_plus('2024-01-01'::date, CAST('0 months 0 days 3720000000 microseconds' AS INTERVAL))"},
		{name: "chain", in: "select date '2024-01-01' + 1 + interval '1 y' + interval '2 d'",
			want: "select memory.main.sftest_date_plus(memory.main.sftest_date_plus(date '2024-01-01' + 1, CAST('12 months 0 days 0 microseconds' AS INTERVAL)), CAST('0 months 2 days 0 microseconds' AS INTERVAL))"},
		{name: "not an operand", in: "select time_bucket(interval '1 hour', ts)",
			want: "select time_bucket(CAST('0 months 0 days 3600000000 microseconds' AS INTERVAL), ts)"},
		{name: "bind operand", in: "select ? + interval '1 day'", want: "select ? + CAST('0 months 1 days 0 microseconds' AS INTERVAL)"},
		same("duckdb unit after", "select d + interval '1' day"),
		same("unreadable", "select d + interval 'P1D'"),
	})
}

// execAll runs statements in order on a *sql.DB or *sql.Conn, failing the
// test at the first error.
func execAll(t *testing.T, ctx context.Context, db interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, stmts ...string) {
	t.Helper()
	for _, q := range stmts {
		_, err := db.ExecContext(ctx, q)
		require.NoError(t, err, q)
	}
}

// TestDateAddOverAggregatesAndWindows adds to an aggregate or window value,
// whose type DuckDB learns only after it picks a macro's overload: each
// keeps its operand's type, as in Snowflake.
func TestDateAddOverAggregatesAndWindows(t *testing.T) {
	c := newSQLCheck(t)
	c.exec("create table dagg (g number, d date, ts timestamp_ntz)",
		"insert into dagg values (1, '2024-01-31', '2024-01-31 10:00:00'), (1, '2024-02-10', '2024-02-10 11:00:00')")
	q := "select dateadd(day, 1, max(d)), dateadd(month, 1, min(d)), dateadd(hour, 1, max(ts)), " +
		"timestampadd(day, g, max(d)::date), max(d) + interval '1 day' from dagg group by g"
	require.Equal(t, "2024-02-11T00:00:00Z|2024-02-29T00:00:00Z|2024-02-10T12:00:00Z|2024-02-11T00:00:00Z|2024-02-11T00:00:00Z", c.rows(q))
	require.Equal(t, "DATE, DATE, TIMESTAMP_NTZ, DATE, DATE", c.types(q))
	require.Equal(t, "NULL\n2024-02-01T00:00:00Z", c.rows("select dateadd(day, 1, lag(d) over (order by d)) from dagg order by d"))
}
