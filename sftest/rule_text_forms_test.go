package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestTextFormsDefaults turns dates, times and timestamps into text through
// the driver the ways Snowflake SQL does, at the default output formats
// (TIMESTAMP_NTZ_OUTPUT_FORMAT YYYY-MM-DD HH24:MI:SS.FF3,
// TIMESTAMP_OUTPUT_FORMAT ... TZHTZM, TIME_OUTPUT_FORMAT HH24:MI:SS,
// DATE_OUTPUT_FORMAT YYYY-MM-DD), and checks other values keep their text.
func TestTextFormsDefaults(t *testing.T) {
	c := newSQLCheck(t)
	cases := []struct{ sql, rows string }{
		{"select '2024-01-01 10:00:00'::timestamp_ntz::varchar", "2024-01-01 10:00:00.000"},
		{"select '2024-01-01 10:00:00'::timestamp_ltz::varchar", "2024-01-01 10:00:00.000 +0000"},
		// sftest keeps a TIMESTAMP_TZ as an instant: its text is at the
		// session's TIMEZONE (Snowflake: 2024-01-01 10:00:00.000 +0500).
		{"select '2024-01-01 10:00:00 +05:00'::timestamp_tz::varchar", "2024-01-01 05:00:00.000 +0000"},
		{"select to_varchar('2024-01-01 10:00:00.123456'::timestamp_ntz)", "2024-01-01 10:00:00.123"},
		{"select to_char('2024-01-01 10:00:00.987'::timestamp)", "2024-01-01 10:00:00.987"},
		{"select cast('2024-01-01 10:00:00'::timestamp as string), cast('2024-01-01 10:00:00'::timestamp as text), cast('2024-01-01'::date as varchar(20))",
			"2024-01-01 10:00:00.000|2024-01-01 10:00:00.000|2024-01-01"},
		{"select '10:00:01.5'::time::varchar, '2024-01-01'::date::varchar, to_varchar('23:59:59'::time)", "10:00:01|2024-01-01|23:59:59"},
		{"select 'x' || '2024-01-01 10:00:00'::timestamp || '!', concat('d=', '2024-01-01'::date), concat_ws(' ', 'at', '09:30:00'::time)",
			"x2024-01-01 10:00:00.000!|d=2024-01-01|at 09:30:00"},
		{"select '2024-01-01 10:00:00'::timestamp::varchar = '2024-01-01 10:00:00.000'", "true"},
		// Other values keep their text.
		{"select 1.50::varchar, true::varchar, 1e20::float::varchar, null::varchar, to_varchar(42), 'a' || 1 || 'b'", "1.50|true|1e+20|NULL|42|a1b"},
		{`select parse_json('{"a":"b"}'):a::varchar, parse_json('{"a":1}')::varchar, to_varchar(parse_json('[1,2]'))`, `b|{"a":1}|[1,2]`},
	}
	for _, tc := range cases {
		require.Equal(t, tc.rows, c.rows(tc.sql), tc.sql)
	}
	require.Equal(t, "TEXT, TEXT, TEXT", c.types("select '2024-01-01'::date::varchar, null::varchar, 'a' || '2024-01-01'::date"))
}

// TestTextFormsColumns converts columns, aggregates and window values, whose
// type is known only when the engine binds the statement.
func TestTextFormsColumns(t *testing.T) {
	c := newSQLCheck(t)
	c.exec("create table tf_events (id int, ts timestamp_ntz, day date, t time, n number(10,2))",
		"insert into tf_events values (1, '2024-01-01 10:00:00.5', '2024-01-01', '08:00:00', 1.50), (2, '2024-01-02 11:30:00', '2024-01-02', '09:15:30', 2)")
	require.Equal(t, "2024-01-01 10:00:00.500|2024-01-01|08:00:00|1.50|id 1 at 2024-01-01 10:00:00.500\n"+
		"2024-01-02 11:30:00.000|2024-01-02|09:15:30|2.00|id 2 at 2024-01-02 11:30:00.000",
		c.rows("select ts::varchar, day::varchar, t::varchar, n::varchar, 'id ' || id || ' at ' || ts from tf_events order by id"))
	require.Equal(t, "2024-01-02 11:30:00.000|2024-01-01|2",
		c.rows("select max(ts)::varchar, min(day)::varchar, count(*)::varchar from tf_events"))
	require.Equal(t, "1|2024-01-01 10:00:00.500\n2|2024-01-01 10:00:00.500",
		c.rows("select id, (first_value(ts) over (order by id))::varchar from tf_events order by id"))
	require.Equal(t, "2024-01-02", c.rows("select (select max(day) from tf_events e where e.id = o.id)::varchar from tf_events o where id = 2"))
}

// TestTextFormsSessionFormats honours the session's output format
// parameters and TIMEZONE, and their UNSET.
func TestTextFormsSessionFormats(t *testing.T) {
	c := newSQLCheck(t)
	const ltz = "select '2024-01-01 18:00:00 +00:00'::timestamp_ltz::varchar"
	c.exec("alter session set timezone = 'America/Los_Angeles'")
	require.Equal(t, "2024-01-01 10:00:00.000 -0800", c.rows(ltz))
	require.Equal(t, "2024-07-01 11:00:00.000 -0700", c.rows("select '2024-07-01 18:00:00 +00:00'::timestamp_ltz::varchar"))
	c.exec("alter session set timezone = 'Asia/Kolkata'")
	require.Equal(t, "2024-01-01 23:30:00.000 +0530", c.rows(ltz))

	c.exec("alter session set timestamp_output_format = 'YYYY-MM-DD\"T\"HH24:MI:SS.FF6TZH:TZM'")
	require.Equal(t, "2024-01-01T23:30:00.000000+05:30", c.rows(ltz))
	c.exec("alter session set timestamp_ltz_output_format = 'DD MON YYYY HH12:MI AM TZH'")
	require.Equal(t, "01 Jan 2024 11:30 PM +05", c.rows(ltz), "the LTZ format wins over TIMESTAMP_OUTPUT_FORMAT")
	require.Equal(t, "2024-01-01 10:00:00.000", c.rows("select '2024-01-01 10:00:00'::timestamp_ntz::varchar"),
		"TIMESTAMP_OUTPUT_FORMAT does not change TIMESTAMP_NTZ's own default")

	c.exec("alter session set timestamp_ntz_output_format = 'YYYY/MM/DD HH24:MI:SS.FF9 TZHTZM', date_output_format = 'MM/DD/YYYY', time_output_format = 'HH24:MI:SS.FF3'")
	require.Equal(t, "2024/01/01 10:00:00.123456789 Z|01/02/2024|08:00:01.500",
		c.rows("select '2024-01-01 10:00:00.123456789'::timestamp_ntz::varchar, '2024-01-02'::date::varchar, '08:00:01.5'::time::varchar"))

	c.exec("alter session unset timestamp_ntz_output_format, date_output_format, time_output_format, timestamp_ltz_output_format, timestamp_output_format, timezone")
	require.Equal(t, "2024-01-01 18:00:00.000 +0000|2024-01-01 10:00:00.000|01:02:03",
		c.rows(ltz+", '2024-01-01 10:00:00'::timestamp_ntz::varchar, '01:02:03'::time::varchar"))

	c.exec("alter session set timestamp_ntz_output_format = 'YYYY-MM-DD HH24:MI:SS.FF2'")
	c.fails("select current_timestamp()::timestamp_ntz::varchar", "001003", "FF2")
	require.Equal(t, "1.5", c.rows("select 1.5::varchar"), "a statement with no date or time to write is not refused")
}

// TestTextFormsBinds leaves a bound value's conversion to the engine: its
// type is chosen when it is bound.
func TestTextFormsBinds(t *testing.T) {
	c := newSQLCheck(t)
	var s string
	require.NoError(t, c.db.QueryRowContext(c.ctx, "select ?::varchar || '!'", "2024-01-01").Scan(&s))
	require.Equal(t, "2024-01-01!", s)
}

// TestOutputFormat turns Snowflake output formats into strftime's.
func TestOutputFormat(t *testing.T) {
	for _, tc := range []struct {
		in    string
		zoned bool
		want  string
	}{
		{"YYYY-MM-DD HH24:MI:SS.FF3", false, "%Y-%m-%d %H:%M:%S.%g"},
		{"YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM", true, "%Y-%m-%d %H:%M:%S.%g " + zoneHourMark + zoneMinMark},
		{"YYYY-MM-DD HH24:MI:SS.FF3 TZH:TZM", false, "%Y-%m-%d %H:%M:%S.%g Z"},
		{"HH12:MI:SS.FF AM", false, "%I:%M:%S.%f" + nanosMark + " %p"},
		{"UUUU-MM-DD\"T\"HH24:MI:SS.FF0 TZH", true, "%Y-%m-%dT%H:%M:%S. " + zoneHourMark},
		{"DY, DD MON YYYY 100%", false, "%a, %d %b %Y 100%%"},
	} {
		got, err := outputFormat(tc.in, tc.zoned)
		require.NoError(t, err, tc.in)
		require.Equal(t, tc.want, got, tc.in)
	}
	for _, bad := range []string{"HH24:MI:SS.FF5", "plain text"} {
		_, err := outputFormat(bad, false)
		require.Error(t, err, bad)
	}
}
