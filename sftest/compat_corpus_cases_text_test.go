package sftest

// textCases turn dates, times and timestamps into text (::VARCHAR, CAST AS
// STRING, TO_VARCHAR/TO_CHAR without a format, ||, CONCAT) as Snowflake's
// output format parameters define it (SQL reference: Parameters,
// TIMESTAMP_OUTPUT_FORMAT and its kin; Date and time formats in conversion
// functions; TO_CHAR , TO_VARCHAR), at the defaults and after ALTER SESSION,
// which the last case undoes. They follow moreCases on the same connection.
var textCases = []corpusCase{
	{name: "TIMESTAMP_NTZ as VARCHAR", sql: "select '2024-01-01 10:00:00'::timestamp_ntz::varchar", types: "TEXT", rows: "2024-01-01 10:00:00.000"},
	{name: "TIMESTAMP_LTZ as VARCHAR", sql: "select '2024-01-01 10:00:00'::timestamp_ltz::varchar", types: "TEXT", rows: "2024-01-01 10:00:00.000 +0000"},
	{name: "TO_VARCHAR of TIMESTAMP_NTZ", sql: "select to_varchar('2024-01-01 10:00:00.123456'::timestamp_ntz)", types: "TEXT", rows: "2024-01-01 10:00:00.123"},
	{name: "TO_CHAR of TIMESTAMP without format", sql: "select to_char('2024-03-12 01:02:03.123456789'::timestamp)", types: "TEXT", rows: "2024-03-12 01:02:03.123"},
	{name: "CAST TIMESTAMP AS STRING", sql: "select cast('2024-01-01 10:00:00'::timestamp as string)", types: "TEXT", rows: "2024-01-01 10:00:00.000"},
	{name: "TIME as VARCHAR", sql: "select '10:00:01.5'::time::varchar", types: "TEXT", rows: "10:00:01"},
	{name: "DATE as VARCHAR", sql: "select '2024-04-05'::date::varchar", types: "TEXT", rows: "2024-04-05"},
	{name: "concatenate TIMESTAMP", sql: "select 'at ' || '2024-01-01 10:00:00'::timestamp_ntz", types: "TEXT", rows: "at 2024-01-01 10:00:00.000"},
	{name: "CONCAT with DATE", sql: "select concat('hired ', hired) from employees where id = 1", types: "TEXT", rows: "hired 2019-03-01"},
	{name: "DATE column as VARCHAR", sql: "select max(sold)::varchar from sales", types: "TEXT", rows: "2024-03-01"},
	{name: "NUMBER as VARCHAR unchanged", sql: "select 1.50::varchar, to_varchar(salary) from employees where id = 4", types: "TEXT, TEXT", rows: "1.50 | 65000.50"},
	{name: "TIMEZONE set", sql: "alter session set timezone = 'America/Los_Angeles'", types: "TEXT", cols: colsStatus, rows: stmtOK},
	{name: "TIMESTAMP_LTZ as VARCHAR at TIMEZONE", sql: "select '2024-01-02 16:00:00 +00:00'::timestamp_ltz::varchar", types: "TEXT", rows: "2024-01-02 08:00:00.000 -0800"},
	{name: "TIMESTAMP_NTZ_OUTPUT_FORMAT set", sql: "alter session set timestamp_ntz_output_format = 'YYYY-MM-DD HH24:MI:SS.FF'", types: "TEXT", cols: colsStatus, rows: stmtOK},
	{name: "TIMESTAMP_NTZ as VARCHAR with FF", sql: "select '2024-03-12 01:02:03.123456789'::timestamp_ntz::varchar", types: "TEXT", rows: "2024-03-12 01:02:03.123456789"},
	{name: "DATE_OUTPUT_FORMAT set", sql: "alter session set date_output_format = 'MON DD, YYYY'", types: "TEXT", cols: colsStatus, rows: stmtOK},
	{name: "DATE as VARCHAR with DATE_OUTPUT_FORMAT", sql: "select '2024-04-05'::date::varchar", types: "TEXT", rows: "Apr 05, 2024"},
	{name: "output formats unset", sql: "alter session unset timezone, timestamp_ntz_output_format, date_output_format", types: "TEXT", cols: colsStatus, rows: stmtOK},
	{name: "DATE as VARCHAR after UNSET", sql: "select '2024-04-05'::date::varchar", types: "TEXT", rows: "2024-04-05"},
}
