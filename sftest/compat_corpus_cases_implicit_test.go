package sftest

// implicitCases extend the corpus to Snowflake's implicit conversions in
// the everyday SQL of ETL code: string arguments of the date and time
// functions (literals and VARCHAR columns, read as TIMESTAMP_NTZ),
// ADD_MONTHS's end of month, numbers and VARIANTs in string functions, || and LIKE, PERCENTILE_CONT/DISC TO_VARIANT/TO_ARRAY/TO_OBJECT COUNT of several expressions, TRUNC of a date and TIMEDIFF, after the examples of Snowflake's SQL
// reference. They run after moreCases, over tables named ci_*.
var implicitCases = []corpusCase{
	// Date and time functions read a string as a timestamp.
	{name: "DATEDIFF string literals", sql: "select datediff(day, '2024-01-01', '2024-03-01')", types: "FIXED", rows: "60"},
	{name: "TIMESTAMPDIFF string literals", sql: "select timestampdiff(hour, '2024-01-01 00:00:00', '2024-01-02 06:00:00')", types: "FIXED", rows: "30"},
	{name: "DATE_TRUNC string literal", sql: "select date_trunc('month', '2024-03-15')", types: "TIMESTAMP_NTZ", rows: "2024-03-01 00:00:00"},
	{name: "LAST_DAY string literal", sql: "select last_day('2024-02-10')", types: "DATE", rows: "2024-02-29"},
	{name: "DAYNAME MONTHNAME string literal", sql: "select dayname('2024-01-01'), monthname('2024-01-01')", types: "TEXT, TEXT", rows: "Mon | Jan"},
	{name: "YEAR MONTH DAY string literal", sql: "select year('2024-05-01'), month('2024-05-01'), day('2024-05-01')", types: "FIXED, FIXED, FIXED", rows: "2024 | 5 | 1"},
	{name: "HOUR MINUTE SECOND string literal", sql: "select hour('2024-05-01 13:14:15'), minute('2024-05-01 13:14:15'), second('2024-05-01 13:14:15')", types: "FIXED, FIXED, FIXED", rows: "13 | 14 | 15"},
	{name: "EXTRACT DATE_PART string literal", sql: "select extract(year from '2024-05-01'), date_part(month, '2024-05-01')", types: "FIXED, FIXED", rows: "2024 | 5"},
	{name: "NEXT_DAY string literal", sql: "select next_day('2024-01-01', 'FR')", types: "DATE", rows: "2024-01-05"},
	{name: "DATEADD string literal", sql: "select dateadd(day, 1, '2024-01-01')", types: "TIMESTAMP_NTZ", rows: "2024-01-02 00:00:00"},
	{name: "string dates table", sql: "create or replace table ci_stage (d varchar, ts varchar)", types: "TEXT", rows: "Table CI_STAGE successfully created."},
	{name: "string dates rows", sql: "insert into ci_stage values ('2024-01-15', '2024-01-15 10:30:00'), ('2024-03-01', '2024-03-01 00:00:00')", types: "FIXED", rows: "2"},
	{name: "DATEDIFF VARCHAR column", sql: "select datediff(day, d, '2024-03-01') from ci_stage order by 1", types: "FIXED", rows: "0\n46"},
	{name: "DATE_TRUNC VARCHAR column", sql: "select date_trunc(month, d) from ci_stage order by 1", types: "TIMESTAMP_NTZ", rows: "2024-01-01 00:00:00\n2024-03-01 00:00:00"},
	{name: "YEAR MONTH VARCHAR column", sql: "select year(d), month(d) from ci_stage order by 2", types: "FIXED, FIXED", rows: "2024 | 1\n2024 | 3"},
	{name: "EXTRACT VARCHAR column", sql: "select extract(hour from ts) from ci_stage order by 1", types: "FIXED", rows: "0\n10"},
	{name: "LAST_DAY VARCHAR column", sql: "select last_day(d) from ci_stage order by 1", types: "DATE", rows: "2024-01-31\n2024-03-31"},
	{name: "DATEDIFF VARIANT path", sql: "select datediff(day, parse_json('{\"d\": \"2024-01-01\"}'):d, '2024-01-31')", types: "FIXED", rows: "30"},
	{name: "DAYNAME VARCHAR column", sql: "select dayname(d) from ci_stage order by d", types: "TEXT", rows: "Mon\nFri"},

	// ADD_MONTHS keeps the end of the month and its operand's type.
	{name: "ADD_MONTHS end of month", sql: "select add_months('2016-02-29'::date, 1)", types: "DATE", rows: "2016-03-31"},
	{name: "ADD_MONTHS shorter month", sql: "select add_months('2016-01-31'::date, 1)", types: "DATE", rows: "2016-02-29"},
	{name: "ADD_MONTHS negative", sql: "select add_months('2016-05-31'::date, -1)", types: "DATE", rows: "2016-04-30"},
	{name: "ADD_MONTHS timestamp", sql: "select add_months('2016-05-15 10:00:00'::timestamp_ntz, 2)", types: "TIMESTAMP_NTZ", rows: "2016-07-15 10:00:00"},

	// String functions read a number or a VARIANT as text.
	{name: "LENGTH of a number", sql: "select length(12345), length(-1.50)", types: "FIXED, FIXED", rows: "5 | 5"},
	{name: "SUBSTR of a number", sql: "select substr(20240115, 1, 4), left(20240115, 6), right(20240115, 2)", types: "TEXT, TEXT, TEXT", rows: "2024 | 202401 | 15"},
	{name: "LPAD of a number column", sql: "select lpad(id, 5, '0') from employees where id = 3", types: "TEXT", rows: "00003"},
	{name: "MD5 of a number column", sql: "select md5(id) from employees where id = 1", types: "TEXT", rows: "c4ca4238a0b923820dcc509a6f75849b"},
	{name: "LENGTH of a NUMBER with scale", sql: "select length(salary) from employees where id = 4", types: "FIXED", rows: "8"},
	{name: "UPPER of a VARIANT string", sql: "select upper(v:name) from docs order by id", types: "TEXT", rows: "ANN\nBEN"},
	{name: "LENGTH of a VARIANT string", sql: "select length(v:address.city) from docs order by id", types: "FIXED", rows: "4\n4"},
	{name: "SPLIT_PART of a number", sql: "select split_part(3.14, '.', 2)", types: "TEXT", rows: "14"},

	// || and LIKE read VARIANTs and numbers as text.
	{name: "concat VARIANT paths", sql: "select v:name || ' of ' || v:address.city from docs order by id", types: "TEXT", rows: "Ann of Oslo\nBen of Lima"},
	{name: "CONCAT VARIANT and number", sql: "select concat(v:name, ':', v:age) from docs order by id", types: "TEXT", rows: "Ann:31\nBen:45"},
	{name: "LIKE on a number column", sql: "select id from employees where id like '4%'", types: "FIXED", rows: "4"},
	{name: "LIKE on a VARIANT path", sql: "select id from docs where v:name like 'B%'", types: "FIXED", rows: "2"},

	// PERCENTILE_CONT and PERCENTILE_DISC, after the reference's example.
	{name: "PERCENTILE table", sql: "create or replace table ci_aggr (k int, v decimal(10,2))", types: "TEXT", rows: "Table CI_AGGR successfully created."},
	{name: "PERCENTILE rows", sql: "insert into ci_aggr (k, v) values (0, 0), (0, 10), (0, 20), (0, 30), (0, 40), (1, 10), (1, 20), (2, 10), (2, 20), (2, 25), (2, 30), (3, 60), (4, null)", types: "FIXED", rows: "13"},
	{name: "PERCENTILE_CONT", sql: "select k, percentile_cont(0.25) within group (order by v) from ci_aggr group by k order by k", types: "FIXED, FIXED", rows: "0 | 10\n1 | 12.5\n2 | 17.5\n3 | 60\n4 | NULL"},
	{name: "MEDIAN interpolates", sql: "select k, median(v) from ci_aggr group by k order by k", types: "FIXED, FIXED", rows: "0 | 20\n1 | 15\n2 | 22.5\n3 | 60\n4 | NULL"},
	{name: "MEDIAN of integers", sql: "select median(column1) from values (1), (2), (3), (4)", types: "FIXED", rows: "2.5"},
	{name: "PERCENTILE_DISC", sql: "select k, percentile_disc(0.25) within group (order by v) from ci_aggr group by k order by k", types: "FIXED, FIXED", rows: "0 | 10\n1 | 10\n2 | 10\n3 | 60\n4 | NULL"},

	// TO_VARIANT, TO_ARRAY, TO_OBJECT.
	{name: "TO_VARIANT", sql: "select to_variant(3), typeof(to_variant('x'))", types: "VARIANT, TEXT", rows: "3 | VARCHAR"},
	{name: "TO_ARRAY of a scalar", sql: "select to_array(1), to_array(parse_json('[1,2]'))", types: "ARRAY, ARRAY", rows: "[1] | [1,2]"},
	{name: "TO_OBJECT of an OBJECT", sql: "select to_object(v:address) from docs where id = 2", types: "OBJECT", rows: "{\"city\":\"Lima\"}"},

	// COUNT of several expressions.
	{name: "COUNT DISTINCT two columns", sql: "select count(distinct dept, name) from employees", types: "FIXED", rows: "4"},
	{name: "COUNT two columns", sql: "select count(dept, manager_id) from employees", types: "FIXED", rows: "3"},

	// TRUNC of a date, TIMEDIFF.
	{name: "TRUNC date part", sql: "select trunc(hired, 'MONTH') from employees where id = 2", types: "DATE", rows: "2020-07-01"},
	{name: "TRUNC number", sql: "select trunc(3.789, 1)", types: "FIXED", rows: "3.7"},
	{name: "TIMEDIFF", sql: "select timediff(hour, '2024-01-01 08:00:00'::timestamp, '2024-01-01 17:30:00'::timestamp)", types: "FIXED", rows: "9"},

	// A VARCHAR compared with a number is read as one.
	{name: "VARCHAR equals number not recognized", sql: "select count(*) from employees where name = 1", code: "100038"},
}
