package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// requireAnswers runs each case through the driver on conn and requires
// Snowflake's types and rows (runCorpusCase compares them).
func requireAnswers(t *testing.T, cases ...corpusCase) {
	t.Helper()
	ctx, conn := driverConn(t)
	for _, c := range cases {
		require.Empty(t, runCorpusCase(ctx, conn, c), c.sql)
	}
}

// TestImplicitDates: the date and time functions read a string argument,
// literal or VARCHAR column, as a TIMESTAMP_NTZ; other arguments keep
// their type; a string that is no timestamp fails as Snowflake's cast does.
func TestImplicitDates(t *testing.T) {
	requireAnswers(t,
		corpusCase{sql: "create table s (d varchar, ts varchar)", types: "TEXT", rows: "Table S successfully created."},
		corpusCase{sql: "insert into s values ('2024-01-15', '2024-01-15 10:30:00'), ('2024-03-01', null)", types: "FIXED", rows: "2"},
		corpusCase{sql: "select datediff(day, '2024-01-01', '2024-03-01'), timestampdiff(hour, '2024-01-01', '2024-01-02 06:00:00')",
			types: "FIXED, FIXED", rows: "60 | 30"},
		corpusCase{sql: "select datediff(day, d, '2024-03-01'), datediff(minute, ts, '2024-01-15 11:00:00') from s order by 1",
			types: "FIXED, FIXED", rows: "0 | NULL\n46 | 30"},
		// Sat 2024-01-06 to Mon 2024-01-08 crosses one week start.
		corpusCase{sql: "select datediff(week, '2024-01-06', '2024-01-08')", types: "FIXED", rows: "1"},
		corpusCase{sql: "select date_trunc('month', '2024-03-15'), date_trunc(week, '2024-03-15 10:00:00')",
			types: "TIMESTAMP_NTZ, TIMESTAMP_NTZ", rows: "2024-03-01 00:00:00 | 2024-03-11 00:00:00"},
		corpusCase{sql: "select date_trunc(month, d) from s order by 1", types: "TIMESTAMP_NTZ", rows: "2024-01-01 00:00:00\n2024-03-01 00:00:00"},
		corpusCase{sql: "select year(d), month(d), day(d), dayname(d), monthname(d), last_day(d) from s order by 1, 2",
			types: "FIXED, FIXED, FIXED, TEXT, TEXT, DATE", rows: "2024 | 1 | 15 | Mon | Jan | 2024-01-31\n2024 | 3 | 1 | Fri | Mar | 2024-03-31"},
		corpusCase{sql: "select hour(ts), minute(ts), second(ts), quarter(d), dayofweek(d), dayofyear(d) from s where ts is not null",
			types: "FIXED, FIXED, FIXED, FIXED, FIXED, FIXED", rows: "10 | 30 | 0 | 1 | 1 | 15"},
		corpusCase{sql: "select extract(year from '2024-05-01'), date_part(month, '2024-05-01'), extract(day from d) from s order by 3",
			types: "FIXED, FIXED, FIXED", rows: "2024 | 5 | 1\n2024 | 5 | 15"},
		corpusCase{sql: "select last_day('2024-02-10'), last_day('2024-02-10', 'year'), next_day('2024-01-01', 'FR'), previous_day('2024-01-01', 'FR')",
			types: "DATE, DATE, DATE, DATE", rows: "2024-02-29 | 2024-12-31 | 2024-01-05 | 2023-12-29"},
		// Typed arguments keep their type; NULL stays NULL.
		corpusCase{sql: "select date_trunc(month, '2024-03-15'::date), year(null), datediff(day, null, '2024-01-01')",
			types: "DATE, FIXED, FIXED", rows: "2024-03-01 | NULL | NULL"},
		// Nested calls and GROUP BY over a coerced argument.
		corpusCase{sql: "select year(dateadd(day, 1, d)), count(*) from s group by year(dateadd(day, 1, d))", types: "FIXED, FIXED", rows: "2024 | 2"},
		corpusCase{sql: "select datediff(day, 'abc', '2024-01-01')", code: "100035"},
		// A VARIANT string is read as the string it holds.
		corpusCase{sql: "select datediff(day, v:d, '2024-03-01'), year(v:d), date_trunc(month, v:t) from (select parse_json('{\"d\": \"2024-01-01\", \"t\": \"2024-05-06 07:08:09\"}') as v)",
			types: "FIXED, FIXED, TIMESTAMP_NTZ", rows: "60 | 2024 | 2024-05-01 00:00:00"},
	)
}

// TestAddMonths: ADD_MONTHS keeps its operand's type and the end of the
// month, which DATEADD does not.
func TestAddMonths(t *testing.T) {
	requireAnswers(t,
		corpusCase{sql: "select add_months('2023-02-28'::date, 1), dateadd(month, 1, '2023-02-28'::date), add_months('2023-01-31'::date, 1), add_months('2024-03-31'::date, -1)",
			types: "DATE, DATE, DATE, DATE", rows: "2023-03-31 | 2023-03-28 | 2023-02-28 | 2024-02-29"},
		corpusCase{sql: "select add_months('2024-01-31 10:00:00.123456789'::timestamp_ntz, 1), add_months('2024-01-15 10:00:00'::timestamp_ntz, 1.4)",
			types: "TIMESTAMP_NTZ, TIMESTAMP_NTZ", rows: "2024-02-29 10:00:00.123456789 | 2024-02-15 10:00:00"},
		corpusCase{sql: "select add_months('2024-02-29', 12), add_months(null::date, 1)", types: "TIMESTAMP_NTZ, DATE", rows: "2025-02-28 00:00:00 | NULL"},
	)
}
