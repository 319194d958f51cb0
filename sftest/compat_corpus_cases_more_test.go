package sftest

// Column names of Snowflake's DML and DDL answers.
const (
	colsStatus   = "status"
	colsInserted = "number of rows inserted"
	colsDeleted  = "number of rows deleted"
	colsUpdated  = "number of rows updated, number of multi-joined rows updated"
	colsMergeAll = "number of rows inserted, number of rows updated, number of rows deleted"
	stmtOK       = "Statement executed successfully."
)

// moreCases extend the corpus to DDL and DML answers (sequences, identity
// columns, CLONE, LIKE, SWAP WITH, INSERT OVERWRITE, multi-table INSERT,
// UPDATE ... FROM, DELETE ... USING, MERGE), session variables, context
// functions, INFORMATION_SCHEMA, SHOW, GET_DDL, hash functions, window
// functions with IGNORE NULLS, DATE_PART's epoch parts, CONVERT_TIMEZONE,
// more string, number, date, TRY_ and semi-structured functions, and
// Snowflake's error codes, after the examples of Snowflake's SQL reference.
// They run in order on one connection: the DDL/DML cases build on the ones
// before them, over tables named cx_*.
var moreCases = []corpusCase{
	// Sequences and identity columns.
	{name: "CREATE SEQUENCE message", sql: "create or replace sequence cx_seq start = 10 increment = 5 order", types: "TEXT", cols: colsStatus, rows: "Sequence CX_SEQ successfully created."},
	{name: "sequence NEXTVAL first", sql: "select cx_seq.nextval", types: "FIXED", cols: "NEXTVAL", rows: "10"},
	{name: "sequence NEXTVAL increments", sql: "select cx_seq.nextval", types: "FIXED", rows: "15"},
	{name: "sequence as column default", sql: "create or replace table cx_seq_t (id number default cx_seq.nextval, v varchar)", types: "TEXT", rows: "Table CX_SEQ_T successfully created."},
	{name: "sequence default insert", sql: "insert into cx_seq_t (v) values ('a')", types: "FIXED", cols: colsInserted, rows: "1"},
	{name: "sequence default value", sql: "select id, v from cx_seq_t", types: "FIXED, TEXT", rows: "20 | a"},
	{name: "IDENTITY column create", sql: "create or replace table cx_ident (id number identity(1, 1) order, v varchar)", types: "TEXT", rows: "Table CX_IDENT successfully created."},
	{name: "IDENTITY insert first", sql: "insert into cx_ident (v) values ('a')", types: "FIXED", rows: "1"},
	{name: "IDENTITY insert second", sql: "insert into cx_ident (v) values ('b')", types: "FIXED", rows: "1"},
	{name: "IDENTITY values", sql: "select id, v from cx_ident order by id", types: "FIXED, TEXT", rows: "1 | a\n2 | b"},
	{name: "AUTOINCREMENT START INCREMENT", sql: "create or replace table cx_auto (id number autoincrement start 100 increment 10 order, v varchar)", types: "TEXT", rows: "Table CX_AUTO successfully created."},
	{name: "AUTOINCREMENT insert", sql: "insert into cx_auto (v) values ('x')", types: "FIXED", rows: "1"},
	{name: "AUTOINCREMENT value", sql: "select id from cx_auto", types: "FIXED", rows: "100"},
	{name: "DROP SEQUENCE message", sql: "drop sequence cx_seq", types: "TEXT", cols: colsStatus, rows: "CX_SEQ successfully dropped."},

	// CLONE, LIKE, SWAP WITH, RENAME, IF [NOT] EXISTS.
	{name: "CLONE source create", sql: "create or replace table cx_base (id number, name varchar)", types: "TEXT", rows: "Table CX_BASE successfully created."},
	{name: "CLONE source insert", sql: "insert into cx_base values (1, 'one'), (2, 'two')", types: "FIXED", cols: colsInserted, rows: "2"},
	{name: "CREATE TABLE CLONE", sql: "create or replace table cx_clone clone cx_base", types: "TEXT", rows: "Table CX_CLONE successfully created."},
	{name: "CLONE copies rows", sql: "select count(*) from cx_clone", types: "FIXED", rows: "2"},
	{name: "CREATE TABLE LIKE", sql: "create or replace table cx_like like cx_base", types: "TEXT", rows: "Table CX_LIKE successfully created."},
	{name: "LIKE copies no rows", sql: "select count(*) from cx_like", types: "FIXED", rows: "0"},
	{name: "LIKE copies columns", sql: "describe table cx_like", types: "TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT", rows: "ID | NUMBER(38,0) | COLUMN | Y | NULL | N | N | NULL | NULL | NULL | NULL | NULL\nNAME | VARCHAR(16777216) | COLUMN | Y | NULL | N | N | NULL | NULL | NULL | NULL | NULL"},
	{name: "LIKE table insert", sql: "insert into cx_like values (9, 'nine')", types: "FIXED", rows: "1"},
	{name: "ALTER TABLE SWAP WITH", sql: "alter table cx_base swap with cx_like", types: "TEXT", cols: colsStatus, rows: stmtOK},
	{name: "SWAP WITH exchanges rows", sql: "select id, name from cx_base", types: "FIXED, TEXT", rows: "9 | nine"},
	{name: "SWAP WITH other side", sql: "select count(*) from cx_like", types: "FIXED", rows: "2"},
	{name: "ALTER TABLE RENAME", sql: "alter table cx_clone rename to cx_renamed", types: "TEXT", rows: stmtOK},
	{name: "RENAME keeps rows", sql: "select count(*) from cx_renamed", types: "FIXED", rows: "2"},
	{name: "RENAME old name gone", sql: "select count(*) from cx_clone", code: "002003"},
	{name: "CREATE IF NOT EXISTS existing", sql: "create table if not exists cx_base (x number)", types: "TEXT", rows: "CX_BASE already exists, statement succeeded."},
	{name: "CREATE existing table", sql: "create table cx_base (x number)", code: "002002"},
	{name: "DROP IF EXISTS missing", sql: "drop table if exists cx_missing", types: "TEXT", rows: "Drop statement executed successfully (CX_MISSING already dropped)."},
	{name: "DROP missing table", sql: "drop table cx_missing", code: "002003"},

	// INSERT OVERWRITE and multi-table INSERT.
	{name: "INSERT OVERWRITE", sql: "insert overwrite into cx_renamed values (5, 'five')", types: "FIXED", cols: colsInserted, rows: "1"},
	{name: "INSERT OVERWRITE replaces rows", sql: "select id, name from cx_renamed", types: "FIXED, TEXT", rows: "5 | five"},
	{name: "INSERT SELECT", sql: "insert into cx_renamed select id, name from cx_base", types: "FIXED", cols: colsInserted, rows: "1"},
	{name: "multi-table target one", sql: "create or replace table cx_t1 (n number)", types: "TEXT", rows: "Table CX_T1 successfully created."},
	{name: "multi-table target two", sql: "create or replace table cx_t2 (n number, s varchar)", types: "TEXT", rows: "Table CX_T2 successfully created."},
	{name: "INSERT ALL unconditional", sql: "insert all into cx_t1 into cx_t2 (n, s) values (n, 'x') select column1 as n from values (1), (2), (3)", types: "FIXED, FIXED", rows: "3 | 3"},
	{name: "INSERT FIRST conditional", sql: "insert first when n > 2 then into cx_t1 when n > 1 then into cx_t2 (n, s) values (n, 'y') else into cx_t1 select column1 as n from values (1), (2), (3)", types: "FIXED, FIXED", rows: "2 | 1"},
	{name: "INSERT ALL conditional", sql: "insert all when n > 1 then into cx_t1 when n > 2 then into cx_t2 (n, s) values (n, 'z') select column1 as n from values (1), (2), (3)", types: "FIXED, FIXED", rows: "2 | 1"},
	{name: "multi-table rows one", sql: "select count(*) from cx_t1", types: "FIXED", rows: "7"},
	{name: "multi-table rows two", sql: "select s, count(*) from cx_t2 group by s order by s", types: "TEXT, FIXED", rows: "x | 3\ny | 1\nz | 1"},
	{name: "INSERT OVERWRITE ALL", sql: "insert overwrite all into cx_t1 select 42", types: "FIXED", rows: "1"},
	{name: "INSERT OVERWRITE ALL truncates", sql: "select n from cx_t1", types: "FIXED", rows: "42"},
	{name: "INSERT column count mismatch", sql: "insert into cx_t1 values (1, 2)", code: "002020"},
	{name: "TRUNCATE without TABLE", sql: "truncate cx_t2", types: "TEXT", cols: colsStatus, rows: stmtOK},

	// UPDATE ... FROM, DELETE ... USING, MERGE.
	{name: "UPDATE FROM target", sql: "create or replace table cx_target (id number, v varchar)", types: "TEXT", rows: "Table CX_TARGET successfully created."},
	{name: "UPDATE FROM target rows", sql: "insert into cx_target values (1, 'a'), (2, 'b'), (3, 'c')", types: "FIXED", rows: "3"},
	{name: "UPDATE FROM source", sql: "create or replace table cx_src (id number, v varchar)", types: "TEXT", rows: "Table CX_SRC successfully created."},
	{name: "UPDATE FROM source rows", sql: "insert into cx_src values (1, 'A'), (3, 'C'), (4, 'D')", types: "FIXED", rows: "3"},
	{name: "UPDATE FROM", sql: "update cx_target set v = s.v from cx_src s where cx_target.id = s.id", types: "FIXED, FIXED", cols: colsUpdated, rows: "2 | 0"},
	{name: "UPDATE FROM result", sql: "select id, v from cx_target order by id", types: "FIXED, TEXT", rows: "1 | A\n2 | b\n3 | C"},
	{name: "DELETE USING", sql: "delete from cx_target using cx_src where cx_target.id = cx_src.id", types: "FIXED", cols: colsDeleted, rows: "2"},
	{name: "DELETE USING result", sql: "select id, v from cx_target", types: "FIXED, TEXT", rows: "2 | b"},
	{name: "MERGE all clauses inserts", sql: "merge into cx_target t using cx_src s on t.id = s.id when matched and s.id = 3 then delete when matched then update set v = s.v when not matched then insert (id, v) values (s.id, s.v)", types: "FIXED, FIXED, FIXED", cols: colsMergeAll, rows: "3 | 0 | 0"},
	{name: "MERGE all clauses updates deletes", sql: "merge into cx_target t using cx_src s on t.id = s.id when matched and s.id = 3 then delete when matched then update set v = lower(s.v) when not matched then insert (id, v) values (s.id, s.v)", types: "FIXED, FIXED, FIXED", cols: colsMergeAll, rows: "0 | 2 | 1"},
	{name: "MERGE result", sql: "select id, v from cx_target order by id", types: "FIXED, TEXT", rows: "1 | a\n2 | b\n4 | d"},
	{name: "MERGE insert only", sql: "merge into cx_target t using (select 5 as id, 'E' as v) s on t.id = s.id when not matched then insert values (s.id, s.v)", types: "FIXED", cols: colsInserted, rows: "1"},
	{name: "NOT NULL table", sql: "create or replace table cx_nn (a number not null)", types: "TEXT", rows: "Table CX_NN successfully created."},
	{name: "NOT NULL violation", sql: "insert into cx_nn values (null)", code: "100072"},
	{name: "CREATE VIEW message", sql: "create or replace view cx_view as select id from cx_target", types: "TEXT", rows: "View CX_VIEW successfully created."},
	{name: "view rows", sql: "select count(*) from cx_view", types: "FIXED", rows: "4"},

	// Metadata: INFORMATION_SCHEMA, SHOW, GET_DDL.
	{name: "INFORMATION_SCHEMA.TABLES type", sql: "select table_name, table_type from information_schema.tables where table_name = 'EMPLOYEES'", types: "TEXT, TEXT", rows: "EMPLOYEES | BASE TABLE"},
	{name: "INFORMATION_SCHEMA.TABLES row count", sql: "select table_catalog, table_schema, row_count from information_schema.tables where table_name = 'SALES'", types: "TEXT, TEXT, FIXED", rows: Database + " | " + Schema + " | 5"},
	{name: "INFORMATION_SCHEMA.TABLES view", sql: "select table_type from information_schema.tables where table_name = 'CX_VIEW'", types: "TEXT", rows: "VIEW"},
	{name: "INFORMATION_SCHEMA.VIEWS", sql: "select table_name from information_schema.views where table_name = 'CX_VIEW'", types: "TEXT", rows: "CX_VIEW"},
	{name: "INFORMATION_SCHEMA.COLUMNS", sql: "select column_name, data_type, ordinal_position from information_schema.columns where table_name = 'SALES' order by ordinal_position", types: "TEXT, TEXT, FIXED", rows: "REGION | TEXT | 1\nPRODUCT | TEXT | 2\nAMOUNT | NUMBER | 3\nSOLD | DATE | 4"},
	{name: "INFORMATION_SCHEMA.COLUMNS precision", sql: "select numeric_precision, numeric_scale, is_nullable from information_schema.columns where table_name = 'SALES' and column_name = 'AMOUNT'", types: "FIXED, FIXED, TEXT", rows: "10 | 2 | YES"},
	{name: "INFORMATION_SCHEMA.COLUMNS text length", sql: "select character_maximum_length from information_schema.columns where table_name = 'EMPLOYEES' and column_name = 'NAME'", types: "FIXED", rows: "16777216"},
	{name: "INFORMATION_SCHEMA.SCHEMATA", sql: "select count(*) from information_schema.schemata where schema_name in ('PUBLIC', 'INFORMATION_SCHEMA')", types: "FIXED", rows: "2"},
	{name: "SHOW VIEWS terse", sql: "show terse views like 'CX_VIEW'", types: "TIMESTAMP_LTZ, TEXT, TEXT, TEXT, TEXT", rows: "*"},
	{name: "SHOW VIEWS result scan", sql: `select "name", "database_name", "schema_name" from table(result_scan(last_query_id()))`, types: "TEXT, TEXT, TEXT", rows: "CX_VIEW | " + Database + " | " + Schema},
	{name: "DROP VIEW message", sql: "drop view cx_view", types: "TEXT", rows: "CX_VIEW successfully dropped."},
	{name: "GET_DDL table create", sql: "create or replace table cx_ddl (a number, b varchar)", types: "TEXT", rows: "Table CX_DDL successfully created."},
	{name: "GET_DDL table", sql: "select get_ddl('table', 'cx_ddl') ilike 'create or replace table cx_ddl (%', contains(get_ddl('table', 'cx_ddl'), 'A NUMBER(38,0),'), contains(get_ddl('table', 'cx_ddl'), 'B VARCHAR(16777216)')", types: "BOOLEAN, BOOLEAN, BOOLEAN", rows: "true | true | true"},

	// Session variables.
	{name: "SET variable", sql: "set cx_v = 10", types: "TEXT", cols: colsStatus, rows: stmtOK},
	{name: "variable in expression", sql: "select $cx_v + 1", types: "FIXED", rows: "11"},
	{name: "SET several variables", sql: "set (cx_a, cx_b) = (2, 'bee')", types: "TEXT", rows: stmtOK},
	{name: "variables of two types", sql: "select $cx_a * 3, $cx_b", types: "FIXED, TEXT", rows: "6 | bee"},
	{name: "variable in WHERE", sql: "select name from employees where id = $cx_a", types: "TEXT", rows: "Bob"},
	{name: "SET from subquery", sql: "set cx_cnt = (select count(*) from sales where region = 'US')", types: "TEXT", rows: stmtOK},
	{name: "variable from subquery", sql: "select $cx_cnt", types: "FIXED", rows: "2"},
	{name: "SET table name", sql: "set cx_tab = 'employees'", types: "TEXT", rows: stmtOK},
	{name: "IDENTIFIER variable", sql: "select count(*) from identifier($cx_tab)", types: "FIXED", rows: "5"},
	{name: "IDENTIFIER literal", sql: "select count(*) from identifier('sales')", types: "FIXED", rows: "5"},
	{name: "UNSET variable", sql: "unset cx_v", types: "TEXT", cols: colsStatus, rows: stmtOK},
	{name: "unset variable fails", sql: "select $cx_v", code: "002211"},

	// Context functions.
	{name: "CURRENT_STATEMENT", sql: "select current_statement()", types: "TEXT", rows: "select current_statement()"},
	{name: "CURRENT_ROLE CURRENT_USER", sql: "select current_role() is not null, current_user() is not null", types: "BOOLEAN, BOOLEAN", rows: "true | true"},
	{name: "CURRENT_ACCOUNT REGION SESSION", sql: "select current_account() is not null, current_region() is not null, current_session() is not null", types: "BOOLEAN, BOOLEAN, BOOLEAN", rows: "true | true | true"},
	{name: "current date and time types", sql: "select current_date(), current_timestamp(), sysdate(), current_time()", types: "DATE, TIMESTAMP_LTZ, TIMESTAMP_NTZ, TIME", rows: "*"},
	{name: "LOCALTIMESTAMP GETDATE types", sql: "select localtimestamp(), getdate()", types: "TIMESTAMP_LTZ, TIMESTAMP_LTZ", rows: "*"},

	// Hash functions.
	{name: "SHA2 default 256", sql: "select sha2('Snowflake')", types: "TEXT", rows: "1dbd59f661d68b90724f21084396b865497173e4d2714f4d91cf05fa5fc5e18d"},
	{name: "SHA2 224", sql: "select sha2('Snowflake', 224)", types: "TEXT", rows: "6267d3d7a59929e6864dd4b737d98e3ef8569d9f88a7466647838532"},
	{name: "SHA2_BINARY", sql: "select sha2_binary('Snowflake', 256)", types: "BINARY", rows: "1DBD59F661D68B90724F21084396B865497173E4D2714F4D91CF05FA5FC5E18D"},
	{name: "MD5_HEX SHA1_HEX", sql: "select md5_hex('Snowflake'), sha1_hex('')", types: "TEXT, TEXT", rows: "edf1439075a83a447fb8b630ddc9c8de | da39a3ee5e6b4b0d3255bfef95601890afd80709"},
	{name: "MD5_BINARY", sql: "select md5_binary('Snowflake')", types: "BINARY", rows: "EDF1439075A83A447FB8B630DDC9C8DE"},
	{name: "MD5_NUMBER_LOWER64", sql: "select md5_number_lower64('Snowflake')", types: "FIXED", rows: "9203306159527282910"},
	{name: "SHA2 null", sql: "select sha2(null)", types: "TEXT", rows: "NULL"},

	// Window functions.
	{name: "LAG IGNORE NULLS", sql: "select column1, lag(column2) ignore nulls over (order by column1) from values (1, 'a'), (2, null), (3, 'c'), (4, null) order by column1", types: "FIXED, TEXT", rows: "1 | NULL\n2 | a\n3 | a\n4 | c"},
	{name: "LEAD IGNORE NULLS", sql: "select column1, lead(column2) ignore nulls over (order by column1) from values (1, 'a'), (2, null), (3, 'c'), (4, null) order by column1", types: "FIXED, TEXT", rows: "1 | c\n2 | c\n3 | NULL\n4 | NULL"},
	{name: "LAST_VALUE IGNORE NULLS", sql: "select column1, last_value(column2) ignore nulls over (order by column1 rows between unbounded preceding and current row) from values (1, 'a'), (2, null), (3, 'c'), (4, null) order by column1", types: "FIXED, TEXT", rows: "1 | a\n2 | a\n3 | c\n4 | c"},
	{name: "FIRST_VALUE IGNORE NULLS", sql: "select column1, first_value(column2) ignore nulls over (order by column1 rows between unbounded preceding and unbounded following) from values (1, null), (2, 'b'), (3, 'c') order by column1", types: "FIXED, TEXT", rows: "1 | b\n2 | b\n3 | b"},
	{name: "NTH_VALUE", sql: "select distinct nth_value(column2, 2) over (order by column1 rows between unbounded preceding and unbounded following) from values (1, 'a'), (2, 'b'), (3, 'c')", types: "TEXT", rows: "b"},
	{name: "RATIO_TO_REPORT", sql: "select column1, ratio_to_report(column1) over () from values (10), (30), (60) order by column1", types: "FIXED, FIXED", rows: "10 | 0.1\n30 | 0.3\n60 | 0.6"},
	{name: "RATIO_TO_REPORT partitioned", sql: "select amount, round(ratio_to_report(amount) over (partition by region), 2) from sales where region = 'US' order by amount", types: "FIXED, FIXED", rows: "25.25 | 0.11\n200 | 0.89"},
	{name: "default frame is RANGE", sql: "select column1, sum(column1) over (order by column1) from values (1), (1), (2) order by column1", types: "FIXED, FIXED", rows: "1 | 2\n1 | 2\n2 | 4"},
	{name: "sliding ROWS frame", sql: "select column1, sum(column1) over (order by column1 rows between 1 preceding and 1 following) from values (1), (2), (3), (4) order by column1", types: "FIXED, FIXED", rows: "1 | 3\n2 | 6\n3 | 9\n4 | 7"},
	{name: "OBJECT_AGG", sql: "select object_agg(column1, column2::variant) from values ('a', 1), ('b', 2)", types: "OBJECT", rows: `{"a":1,"b":2}`},

	// DATE_PART epoch parts and CONVERT_TIMEZONE.
	{name: "DATE_PART epoch_second", sql: "select date_part(epoch_second, '2024-01-01 00:00:00'::timestamp_ntz)", types: "FIXED", rows: "1704067200"},
	{name: "DATE_PART epoch_millisecond", sql: "select date_part(epoch_millisecond, '2024-01-01 00:00:01.5'::timestamp_ntz)", types: "FIXED", rows: "1704067201500"},
	{name: "EXTRACT epoch_second", sql: "select extract(epoch_second from '1970-01-02 00:00:00'::timestamp_ntz)", types: "FIXED", rows: "86400"},
	{name: "DATE_PART epoch of TIMESTAMP_TZ", sql: "select date_part(epoch_second, '2024-01-01 10:00:00 +02:00'::timestamp_tz)", types: "FIXED", rows: "1704096000"},
	{name: "DATE_PART timezone_hour", sql: "select date_part(timezone_hour, '2024-01-01 10:00:00 +02:00'::timestamp_tz)", types: "FIXED", rows: "2"},
	{name: "DATE_PART nanosecond", sql: "select date_part(nanosecond, '2024-01-01 10:11:12.345'::timestamp_ntz)", types: "FIXED", rows: "345000000"},
	{name: "DATE_PART ISO parts", sql: "select date_part(yearofweekiso, '2024-12-30'::date), date_part(dayofweekiso, '2024-03-17'::date), date_part(dayofyear, '2024-12-31'::date)", types: "FIXED, FIXED, FIXED", rows: "2025 | 7 | 366"},
	{name: "CONVERT_TIMEZONE summer time", sql: "select convert_timezone('America/Los_Angeles', 'UTC', '2024-07-01 12:00:00'::timestamp_ntz)", types: "TIMESTAMP_NTZ", rows: "2024-07-01 19:00:00"},
	{name: "CONVERT_TIMEZONE across DST change", sql: "select convert_timezone('Asia/Tokyo', 'America/New_York', '2024-03-10 12:00:00'::timestamp_ntz)", types: "TIMESTAMP_NTZ", rows: "2024-03-09 22:00:00"},
	{name: "CONVERT_TIMEZONE two arguments", sql: "select convert_timezone('Europe/Warsaw', '2024-01-01 12:00:00 +00:00'::timestamp_tz)", types: "TIMESTAMP_TZ", rows: "2024-01-01 13:00:00"},

	// String functions.
	{name: "REGEXP_SUBSTR_ALL", sql: "select regexp_substr_all('a1_a2a3_a4A5a6', 'a[[:digit:]]')", types: "ARRAY", rows: `["a1","a2","a3","a4","a6"]`},
	{name: "REGEXP_SUBSTR_ALL case-insensitive", sql: "select regexp_substr_all('a1_a2a3_a4A5a6', 'a[[:digit:]]', 1, 1, 'i')", types: "ARRAY", rows: `["a1","a2","a3","a4","A5","a6"]`},
	{name: "REGEXP_SUBSTR group", sql: `select regexp_substr('It was the best of times', 'the\\W+(\\w+)', 1, 1, 'e', 1)`, types: "TEXT", rows: "best"},
	{name: "REGEXP_REPLACE back-references", sql: `select regexp_replace('firstname middlename lastname', '(.*) (.*) (.*)', '\\3, \\1 \\2')`, types: "TEXT", rows: "lastname, firstname middlename"},
	{name: "REGEXP_INSTR occurrence", sql: "select regexp_instr('It was the best of times, it was the worst of times', 'the', 1, 2)", types: "FIXED", rows: "34"},
	{name: "SPLIT_TO_TABLE", sql: "select value from table(split_to_table('a.b.c', '.')) order by index", types: "TEXT", rows: "a\nb\nc"},
	{name: "SPLIT_PART multi-character delimiter", sql: "select split_part('aaa--bbb-BBB--ccc', '--', 2)", types: "TEXT", rows: "bbb-BBB"},
	{name: "STRTOK several delimiters", sql: "select strtok('user@snowflake.com', '@.', 1), strtok('user@snowflake.com', '@.', 3)", types: "TEXT, TEXT", rows: "user | com"},
	{name: "INITCAP delimiters", sql: "select initcap('iqamqinterestedqinqthisqtopic', 'q')", types: "TEXT", rows: "IqAmqInterestedqInqThisqTopic"},
	{name: "RTRIMMED_LENGTH", sql: "select rtrimmed_length(' ABCD ')", types: "FIXED", rows: "5"},
	{name: "LPAD RPAD truncate", sql: "select lpad('abcdef', 3, '*'), rpad('abc', 2)", types: "TEXT, TEXT", rows: "abc | ab"},
	{name: "TRIM characters", sql: "select trim('$$$abc$$', '$')", types: "TEXT", rows: "abc"},
	{name: "CONCAT_WS null", sql: "select concat_ws(',', 'a', null)", types: "TEXT", rows: "NULL"},
	{name: "POSITION start", sql: "select position('an', 'banana', 3)", types: "FIXED", rows: "4"},
	{name: "LENGTH UPPER unicode", sql: "select length('ñandú'), upper('ñandú')", types: "FIXED, TEXT", rows: "5 | ÑANDÚ"},
	{name: "UUID_STRING version 5", sql: "select uuid_string('fe971b24-9572-4005-b22f-351e9c09274d', 'foo')", types: "TEXT", rows: "dc0b6f65-fca6-5b4b-9d37-ccc3fde1f3e2"},
	{name: "HEX BASE64 decode binary", sql: "select hex_decode_binary('536E6F77'), base64_decode_binary('U25vdw==')", types: "BINARY, BINARY", rows: "536E6F77 | 536E6F77"},
	{name: "TRY_ decode strings", sql: "select try_hex_decode_string('ZZ'), try_base64_decode_string('!!')", types: "TEXT, TEXT", rows: "NULL | NULL"},
	{name: "JAROWINKLER_SIMILARITY equal", sql: "select jarowinkler_similarity('Snowflake', 'Snowflake')", types: "FIXED", rows: "100"},

	// Numeric functions.
	{name: "ROUND rounding modes", sql: "select round(2.5, 0, 'HALF_TO_EVEN'), round(-2.5, 0, 'HALF_TO_EVEN'), round(2.5, 0, 'HALF_AWAY_FROM_ZERO')", types: "FIXED, FIXED, FIXED", rows: "2 | -2 | 3"},
	{name: "CEIL FLOOR TRUNC scale", sql: "select ceil(1.234, 2), floor(-1.234, 1), trunc(123.456, -1)", types: "FIXED, FIXED, FIXED", rows: "1.24 | -1.3 | 120"},
	{name: "BITAND BITOR BITXOR BITNOT", sql: "select bitand(12, 10), bitor(12, 10), bitxor(12, 10), bitnot(0)", types: "FIXED, FIXED, FIXED, FIXED", rows: "8 | 14 | 6 | -1"},
	{name: "BITSHIFTLEFT BITSHIFTRIGHT", sql: "select bitshiftleft(1, 4), bitshiftright(256, 4)", types: "FIXED, FIXED", rows: "16 | 16"},
	{name: "GREATEST LEAST null", sql: "select greatest(1, null, 3), least(1, null)", types: "FIXED, FIXED", rows: "NULL | NULL"},
	{name: "trigonometry", sql: "select round(sin(pi() / 2), 6), cos(0), round(atan2(1, 1), 6)", types: "REAL, REAL, REAL", rows: "1 | 1 | 0.785398"},
	{name: "TO_NUMBER format", sql: "select to_number('$1,234.50', '$9,999.99', 10, 2)", types: "FIXED", rows: "1234.5"},
	{name: "MOD decimal", sql: "select mod(5.5, 2)", types: "FIXED", rows: "1.5"},

	// Date and time functions.
	{name: "DATEADD quarter month end", sql: "select dateadd(quarter, 1, '2024-01-31'::date)", types: "DATE", rows: "2024-04-30"},
	{name: "DATEADD week", sql: "select dateadd(week, 2, '2024-02-20'::date)", types: "DATE", rows: "2024-03-05"},
	{name: "DATEDIFF week boundaries", sql: "select datediff(week, '2024-01-07'::date, '2024-01-08'::date), datediff(week, '2024-01-06'::date, '2024-01-07'::date)", types: "FIXED, FIXED", rows: "1 | 0"},
	{name: "TIMESTAMPDIFF minutes", sql: "select timestampdiff(minute, '2024-01-01 10:00:00'::timestamp_ntz, '2024-01-01 11:30:00'::timestamp_ntz)", types: "FIXED", rows: "90"},
	{name: "LAST_DAY quarter week", sql: "select last_day('2024-02-10'::date, 'quarter'), last_day('2024-02-10'::date, 'week')", types: "DATE, DATE", rows: "2024-03-31 | 2024-02-11"},
	{name: "DATE_FROM_PARTS overflow", sql: "select date_from_parts(2024, 1, 0), date_from_parts(2024, 13, 1)", types: "DATE, DATE", rows: "2023-12-31 | 2025-01-01"},
	{name: "TIME_FROM_PARTS overflow", sql: "select time_from_parts(0, 100, 0)", types: "TIME", rows: "01:40:00"},
	{name: "TIMESTAMP_NTZ_FROM_PARTS nanoseconds", sql: "select timestamp_ntz_from_parts(2024, 1, 2, 3, 4, 5, 123000000)", types: "TIMESTAMP_NTZ", rows: "2024-01-02 03:04:05.123"},
	{name: "TO_TIMESTAMP milliseconds string", sql: "select to_timestamp('1700000000000')", types: "TIMESTAMP_NTZ", rows: "2023-11-14 22:13:20"},
	{name: "TO_TIMESTAMP scale", sql: "select to_timestamp(1700000000123, 3)", types: "TIMESTAMP_NTZ", rows: "2023-11-14 22:13:20.123"},
	{name: "TO_DATE compact format", sql: "select to_date('20240317', 'YYYYMMDD')", types: "DATE", rows: "2024-03-17"},
	{name: "TO_CHAR day name", sql: "select to_char('2024-03-17'::date, 'DY, DD MON YYYY')", types: "TEXT", rows: "Sun, 17 Mar 2024"},
	{name: "DATE_TRUNC minute day", sql: "select date_trunc('minute', '2024-03-17 13:45:12'::timestamp_ntz), date_trunc('day', '2024-03-17 13:45:12'::timestamp_ntz)", types: "TIMESTAMP_NTZ, TIMESTAMP_NTZ", rows: "2024-03-17 13:45:00 | 2024-03-17 00:00:00"},
	{name: "WEEK YEAROFWEEK", sql: "select week('2024-12-30'::date), yearofweek('2024-12-30'::date), dayofmonth('2024-03-17'::date)", types: "FIXED, FIXED, FIXED", rows: "1 | 2025 | 17"},
	{name: "timestamp plus interval", sql: "select '2024-03-17 10:00:00'::timestamp_ntz + interval '90 minutes'", types: "TIMESTAMP_NTZ", rows: "2024-03-17 11:30:00"},

	// TRY_ conversions.
	{name: "TRY_TO_DATE invalid day", sql: "select try_to_date('2024-02-30')", types: "DATE", rows: "NULL"},
	{name: "TRY_TO_TIME", sql: "select try_to_time('25:00:00'), try_to_time('23:59:59')", types: "TIME, TIME", rows: "NULL | 23:59:59"},
	{name: "TRY_TO_TIMESTAMP_NTZ", sql: "select try_to_timestamp_ntz('2024-03-05 10:00:00')", types: "TIMESTAMP_NTZ", rows: "2024-03-05 10:00:00"},
	{name: "TRY_TO_TIMESTAMP format mismatch", sql: "select try_to_timestamp('2024-03-05', 'DD/MM/YYYY')", types: "TIMESTAMP_NTZ", rows: "NULL"},
	{name: "TRY_TO_BINARY", sql: "select try_to_binary('zz', 'HEX'), try_to_binary('4142', 'HEX')", types: "BINARY, BINARY", rows: "NULL | 4142"},
	{name: "TRY_TO_DECIMAL", sql: "select try_to_decimal('12.34', 10, 1), try_to_decimal('abc', 10, 1)", types: "FIXED, FIXED", rows: "12.3 | NULL"},
	{name: "TRY_TO_NUMBER format", sql: "select try_to_number('1,234', '9,999')", types: "FIXED", rows: "1234"},
	{name: "TRY_CAST date boolean", sql: "select try_cast('2024-13-01' as date), try_cast('true' as boolean)", types: "DATE, BOOLEAN", rows: "NULL | true"},
	{name: "TRY_TO_BOOLEAN words", sql: "select try_to_boolean('1'), try_to_boolean('on')", types: "BOOLEAN, BOOLEAN", rows: "true | true"},

	// Semi-structured functions.
	{name: "ARRAY_SLICE", sql: "select array_slice(array_construct(0, 1, 2, 3, 4, 5, 6), 0, 2)", types: "ARRAY", rows: "[0,1]"},
	{name: "ARRAY_INSERT", sql: "select array_insert(array_construct(0, 1, 2, 3), 2, 'hello')", types: "ARRAY", rows: `[0,1,"hello",2,3]`},
	{name: "ARRAY_CAT", sql: "select array_cat(array_construct(1, 2), array_construct(3))", types: "ARRAY", rows: "[1,2,3]"},
	{name: "ARRAY_COMPACT", sql: "select array_compact(array_construct(1, null, 2))", types: "ARRAY", rows: "[1,2]"},
	{name: "ARRAY_POSITION", sql: "select array_position('b'::variant, array_construct('a', 'b'))", types: "FIXED", rows: "1"},
	{name: "ARRAY_GENERATE_RANGE", sql: "select array_generate_range(2, 5)", types: "ARRAY", rows: "[2,3,4]"},
	{name: "ARRAYS_OVERLAP ARRAY_INTERSECTION", sql: "select arrays_overlap(array_construct(1, 2), array_construct(2, 3)), array_intersection(array_construct('A', 'B'), array_construct('B', 'C'))", types: "BOOLEAN, ARRAY", rows: `true | ["B"]`},
	{name: "OBJECT_INSERT", sql: "select object_insert(object_construct('a', 1), 'b', 2)", types: "OBJECT", rows: `{"a":1,"b":2}`},
	{name: "OBJECT_DELETE", sql: "select object_delete(object_construct('a', 1, 'b', 2), 'b')", types: "OBJECT", rows: `{"a":1}`},
	{name: "OBJECT_PICK", sql: "select object_pick(object_construct('a', 1, 'b', 2, 'c', 3), 'a', 'c')", types: "OBJECT", rows: `{"a":1,"c":3}`},
	{name: "AS_INTEGER AS_VARCHAR", sql: `select as_integer(parse_json('7')), as_varchar(parse_json('"x"'))`, types: "FIXED, TEXT", rows: "7 | x"},
	{name: "IS_ARRAY IS_OBJECT", sql: "select is_array(parse_json('[1]')), is_object(parse_json('{}'))", types: "BOOLEAN, BOOLEAN", rows: "true | true"},

	// Error codes.
	{name: "unknown function", sql: "select no_such_fn(1)", code: "002140"},
	{name: "ambiguous column", sql: "select id from employees a join employees b on a.id = b.id", code: "002028"},
	{name: "bad boolean", sql: "select 'abc'::boolean", code: "100037"},
	{name: "bad JSON", sql: "select parse_json('{bad')", code: "100069"},
	{name: "bad timestamp", sql: "select 'garbage'::timestamp_ntz", code: "100035"},
}
