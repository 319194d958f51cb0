package sftest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/stretchr/testify/require"
)

func TestParseStatementKinds(t *testing.T) {
	cases := []struct {
		in   string
		want stmt // Text and Duck are not compared
	}{
		{"select 1", stmt{Kind: kindQuery, Verb: "SELECT"}},
		{"WITH c AS (select 1) select * from c", stmt{Kind: kindQuery, Verb: "WITH"}},
		{"(select 1)", stmt{Kind: kindQuery, Verb: "SELECT"}},
		{"select count(*) from table(generator(timelimit => 4))", stmt{Kind: kindQuery, Verb: "SELECT", MinRun: 4 * time.Second}},
		{"insert into t values (1)", stmt{Kind: kindDML, Verb: "INSERT"}},
		{"update demo_db.public.customer_data c set a = 1", stmt{Kind: kindDML, Verb: "UPDATE", LockTable: "DEMO_DB.PUBLIC.CUSTOMER_DATA"}},
		{`delete from "Mixed".t where a = 1`, stmt{Kind: kindDML, Verb: "DELETE", LockTable: "Mixed.T"}},
		{"merge into t using s on t.a = s.a when matched then delete", stmt{Kind: kindDML, Verb: "MERGE", LockTable: "T"}},
		{"create or replace transient table t (a int)", stmt{Kind: kindDDL, Verb: "CREATE", Message: "Table T successfully created."}},
		{"create view v as select 1", stmt{Kind: kindDDL, Verb: "CREATE", Message: "View V successfully created."}},
		{"create database demo_db", stmt{Kind: kindDDL, Verb: "CREATE", Message: "Database DEMO_DB successfully created.", UseKind: "DATABASE", UseName: "DEMO_DB"}},
		{"create or replace schema demo_db.s1", stmt{Kind: kindDDL, Verb: "CREATE", Message: "Schema S1 successfully created.", UseKind: "SCHEMA", UseName: "DEMO_DB.S1"}},
		{"drop table if exists t", stmt{Kind: kindDDL, Verb: "DROP", Message: "T successfully dropped.",
			Exists: &existenceCheck{object: "TABLE", parts: []namePart{{text: "T"}}}}},
		{"drop database demo_db", stmt{Kind: kindDDL, Verb: "DROP", Message: "DEMO_DB successfully dropped."}},
		{"alter table t add column b int", stmt{Kind: kindDDL, Verb: "ALTER", Message: msgOK}},
		{"truncate table t", stmt{Kind: kindDDL, Verb: "TRUNCATE", Message: msgOK}},
		{"use demo_db", stmt{Kind: kindUse, Verb: "USE", UseKind: "DATABASE", UseName: "DEMO_DB", Message: msgOK}},
		{"use demo_db.public", stmt{Kind: kindUse, Verb: "USE", UseKind: "SCHEMA", UseName: "DEMO_DB.PUBLIC", Message: msgOK}},
		{"USE DATABASE \"myDb\"", stmt{Kind: kindUse, Verb: "USE", UseKind: "DATABASE", UseName: "myDb", Message: msgOK}},
		{"use schema s", stmt{Kind: kindUse, Verb: "USE", UseKind: "SCHEMA", UseName: "S", Message: msgOK}},
		{"use warehouse compute_wh", stmt{Kind: kindUse, Verb: "USE", UseKind: "WAREHOUSE", UseName: "COMPUTE_WH", Message: msgOK}},
		{"use role sysadmin", stmt{Kind: kindUse, Verb: "USE", UseKind: "ROLE", UseName: "SYSADMIN", Message: msgOK}},
		{"use secondary roles all", stmt{Kind: kindUse, Verb: "USE", UseKind: "SECONDARY ROLES", UseName: "ALL", Message: msgOK}},
		{"alter session set query_tag = 'x''y' timezone = 'UTC', abort_detached_query = true, n = -5", stmt{Kind: kindSession, Verb: "ALTER", Message: msgOK,
			SessionParams: map[string]string{"QUERY_TAG": "x'y", "TIMEZONE": "UTC", "ABORT_DETACHED_QUERY": "true", "N": "-5"}}},
		{"alter session unset query_tag, timezone", stmt{Kind: kindSession, Verb: "ALTER", Message: msgOK, SessionParams: map[string]string{"QUERY_TAG": "", "TIMEZONE": ""}}},
		{"select system$wait(2)", stmt{Kind: kindWait, Verb: "SELECT", WaitFor: 2 * time.Second, WaitText: "waited 2 seconds", Columns: []string{"SYSTEM$WAIT(2)"}}},
		{"SELECT SYSTEM$WAIT(500, 'milliseconds') AS w", stmt{Kind: kindWait, Verb: "SELECT", WaitFor: 500 * time.Millisecond, WaitText: "waited 500 milliseconds", Columns: []string{"W"}}},
		{"select system$wait(1.5, 'MINUTES') \"w\"", stmt{Kind: kindWait, Verb: "SELECT", WaitFor: 90 * time.Second, WaitText: "waited 1.5 minutes", Columns: []string{"w"}}},
		{"CALL SYSTEM$WAIT(2, 'HOURS')", stmt{Kind: kindWait, Verb: "CALL", WaitFor: 2 * time.Hour, WaitText: "waited 2 hours", Columns: []string{"SYSTEM$WAIT"}}},
		{"select system$cancel_query('01b2-0000-abcd')", stmt{Kind: kindCancel, Verb: "SELECT", CancelID: "01b2-0000-abcd", Columns: []string{"SYSTEM$CANCEL_QUERY('01B2-0000-ABCD')"}}},
		{"begin", stmt{Kind: kindTxn, Verb: "BEGIN", Message: msgOK}},
		{"begin transaction name t1", stmt{Kind: kindTxn, Verb: "BEGIN", Message: msgOK}},
		{"start transaction", stmt{Kind: kindTxn, Verb: "START", Message: msgOK}},
		{"commit work", stmt{Kind: kindTxn, Verb: "COMMIT", Message: msgOK}},
		{"rollback", stmt{Kind: kindTxn, Verb: "ROLLBACK", Message: msgOK}},
		{"select 1;", stmt{Kind: kindQuery, Verb: "SELECT"}},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseStatement(tc.in, &rewriteEnv{})
			require.NoError(t, err)
			require.Equal(t, tc.in, got.Text)
			switch got.Kind {
			case kindQuery, kindDML, kindDDL:
				require.NotEmpty(t, got.Duck)
			default:
				require.Empty(t, got.Duck)
			}
			got.Text, got.Duck, got.DeclareFrom = "", nil, nil // DeclareFrom: catalog_declared_test.go
			got.Program = nil                                  // DDL programs: ddl_*_test.go
			if tc.want.Kind != kindSession {
				got.SessionParams = nil
			}
			require.Equal(t, tc.want, *got)
		})
	}
}

func TestParseStatementDuck(t *testing.T) {
	got, err := parseStatement("create or replace database demo_db", nil)
	require.NoError(t, err)
	require.Equal(t, []string{"USE memory", `DETACH DATABASE IF EXISTS "DEMO_DB"`, `ATTACH ':memory:' AS "DEMO_DB"`, `CREATE SCHEMA IF NOT EXISTS "DEMO_DB"."PUBLIC"`}, got.Duck)
	got, err = parseStatement("select count(*) from t -- c", nil)
	require.NoError(t, err)
	require.Equal(t, []string{`select count(*) AS "COUNT(*)" from t -- c`}, got.Duck)
}

func TestParseStatementErrors(t *testing.T) {
	cases := []struct{ in, code string }{
		{"", "000900"},
		{" -- nothing", "000900"},
		{"select 1; select 2", "001003"},
		{"show streams", "001003"},
		{"describe table t", "001003"},
		{"desc table t", "001003"},
		{"put file://data.csv @s", "001003"},
		{"get @s file:///tmp", "001003"},
		{"copy into t from @s", "001003"},
		{"list @s", "001003"},
		{"grant select on table t", "001003"},
		{"set v", "001003"},
		{"select $missing", "002211"},
		{"select * from identifier($missing)", "002211"},
		{"call my_proc(1)", "001003"},
		{"call system$wait(1) x", "001003"},
		{"create warehouse w xsmall", "001003"},
		{"create stage s", "001003"},
		{"create or replace procedure p() returns int language sql as $$ select 1 $$", "001003"},
		{"create materialized view v as select 1", "001003"},
		{"create table t clone u at(offset => -60)", "001003"},
		{"create or replace database if not exists d", "001003"},
		{"alter warehouse w explode", "001003"},
		{"alter session", "001003"},
		{"alter session set", "001003"},
		{"alter session set a", "001003"},
		{"begin select 1; end", "001003"},
		{"begin let x := 1 end", "001003"},
		{"commit foo", "001003"},
		{"start", "001003"},
		{"use", "001003"},
		{"use a.b.c", "001003"},
		{"use database a.b", "001003"},
		{"select system$wait('x')", "001003"},
		{"select system$wait(1, 'fortnights')", "001003"},
		{"select system$wait(1e300, 'days')", "001003"},
		{"select system$wait()", "001003"},
		{"select system$cancel_query(1)", "001003"},
		{"select system$wait(1) from t", "001003"},
		{"select v:a[x] from t", "001003"},
		{"select * from table(flatten(input => parse_json('[1]'), recursive => true))", "001003"},
		{"insert overwrite t select 1", "001003"},
		{"insert all select 1", "001003"},
		{"update", "001003"},
		{"drop t", "001003"},
		{"drop stage s", "001003"},
		{"drop database a.b", "001003"},
		{"123", "001003"},
		{"'abc'", "001003"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseStatement(tc.in, &rewriteEnv{})
			var se *sqlError
			require.True(t, errors.As(err, &se), "want *sqlError, got %v, %+v", err, got)
			require.Nil(t, got)
			require.Equal(t, tc.code, se.Code, se.Message)
			require.Len(t, se.SQLState, 5)
			require.Contains(t, se.Error(), se.Code)
		})
	}
}

func TestParseUnsupportedNamesConstruct(t *testing.T) {
	_, err := parseStatement("show streams", nil)
	require.EqualError(t, err, "001003 (42000): SQL compilation error: unsupported by sftest: SHOW STREAMS")
	_, err = parseStatement("select * from table(flatten(input => parse_json('[1]'), outer => true))", nil)
	require.ErrorContains(t, err, "unsupported by sftest: FLATTEN OUTER => TRUE")
}

func TestColumnName(t *testing.T) {
	cases := []struct{ duck, text, want string }{
		{"x", "select 1 as x", "X"},
		{"a", "select a from t", "A"},
		{"x", `select 1 as "x"`, "x"},
		{"MiXed", `select 1 as "MiXed"`, "MiXed"},
		{"mixed", `select 1 as MiXed`, "MIXED"},
		{"COUNT(*)", "select count(*) from t", "COUNT(*)"},
		{"count_star()", "select count(*) from t", "COUNT(*)"},
		{"SYSTEM$WAIT(2)", "select system$wait(2)", "SYSTEM$WAIT(2)"},
		{"a", `select "a" from t`, "a"},
		{"b", `select "a" as b from t`, "B"},
	}
	for _, tc := range cases {
		require.Equal(t, tc.want, columnName(tc.duck, tc.text), "%s / %s", tc.duck, tc.text)
	}
}

// openDuck opens an in-memory DuckDB on a single connection, so USE and
// catalogs behave as on one of the server's connections.
func openDuck(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	require.NoError(t, err)
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	require.NoError(t, registerVariantFuncs(context.Background(), db))
	require.NoError(t, registerEngineFunctions(context.Background(), db))
	for _, q := range slices.Concat(createDateMacros, createImplicitMacros) {
		_, err := db.Exec(q)
		require.NoError(t, err)
	}
	return db
}

// runSnowflake parses and runs Snowflake statements on db, returning the
// last statement's rows as strings.
func runSnowflake(t *testing.T, db *sql.DB, env *rewriteEnv, text string) [][]string {
	t.Helper()
	ctx := context.Background()
	var out [][]string
	for _, s := range splitStatements(text) {
		st, err := parseStatement(s, env)
		require.NoError(t, err, s)
		for _, d := range st.Duck {
			rows, err := db.QueryContext(ctx, d)
			require.NoError(t, err, d)
			cols, err := rows.Columns()
			require.NoError(t, err)
			out = nil
			for rows.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				require.NoError(t, rows.Scan(ptrs...))
				row := make([]string, len(cols))
				for i, v := range vals {
					switch v := v.(type) {
					case nil:
						row[i] = "NULL"
					case []byte:
						row[i] = string(v)
					default:
						row[i] = fmt.Sprint(v)
					}
				}
				out = append(out, row)
			}
			require.NoError(t, rows.Err())
			require.NoError(t, rows.Close())
		}
	}
	return out
}

func TestParseSeedOnDuckDB(t *testing.T) {
	db := openDuck(t)
	runSnowflake(t, db, nil, "CREATE DATABASE IF NOT EXISTS DEMO_DB")
	runSnowflake(t, db, nil, `CREATE OR REPLACE TRANSIENT TABLE DEMO_DB.PUBLIC.CUSTOMER_DATA (CUSTOMER_ID INT, SEGMENT VARCHAR(50), LOYALTY_SCORE INT, PURCHASE_TRENDS VARCHAR(100), UPDATED_TS TIMESTAMP);
INSERT INTO DEMO_DB.PUBLIC.CUSTOMER_DATA SELECT SEQ4() AS CUSTOMER_ID, CASE WHEN MOD(SEQ4(), 3) = 0 THEN 'High Value' WHEN MOD(SEQ4(), 3) = 1 THEN 'Medium Value' ELSE 'Low Value' END AS SEGMENT, NULL AS LOYALTY_SCORE, NULL AS PURCHASE_TRENDS, CURRENT_TIMESTAMP AS UPDATED_TS FROM TABLE(GENERATOR(ROWCOUNT => 100000));`)
	got := runSnowflake(t, db, nil, `SELECT COUNT(*), COUNT_IF(SEGMENT = 'High Value'), MIN(CUSTOMER_ID), MAX(CUSTOMER_ID), COUNT(DISTINCT CUSTOMER_ID), COUNT(UPDATED_TS) FROM DEMO_DB.PUBLIC.CUSTOMER_DATA`)
	require.Equal(t, [][]string{{"100000", "33334", "0", "99999", "100000", "100000"}}, got)
	// Every row's SEQ4() calls agree: the segment follows the ID.
	got = runSnowflake(t, db, nil, `SELECT COUNT(*) FROM DEMO_DB.PUBLIC.CUSTOMER_DATA WHERE SEGMENT <> CASE MOD(CUSTOMER_ID, 3) WHEN 0 THEN 'High Value' WHEN 1 THEN 'Medium Value' ELSE 'Low Value' END`)
	require.Equal(t, [][]string{{"0"}}, got)

	runSnowflake(t, db, nil, `CREATE OR REPLACE TABLE DEMO_DB.PUBLIC.NA_SALES AS SELECT SEQ4() AS ID, UNIFORM(1, 1000, RANDOM()) AS AMOUNT FROM TABLE(GENERATOR(ROWCOUNT => 5000))`)
	got = runSnowflake(t, db, nil, `SELECT COUNT(*), COUNT(DISTINCT ID), MIN(AMOUNT) >= 1, MAX(AMOUNT) <= 1000, COUNT(DISTINCT AMOUNT) > 900 FROM DEMO_DB.PUBLIC.NA_SALES`)
	require.Equal(t, [][]string{{"5000", "5000", "true", "true", "true"}}, got)

	// OR REPLACE of the current database works and empties it.
	runSnowflake(t, db, nil, "USE DEMO_DB")
	runSnowflake(t, db, nil, "CREATE OR REPLACE DATABASE DEMO_DB")
	got = runSnowflake(t, db, nil, "SELECT COUNT(*) FROM DEMO_DB.information_schema.tables WHERE table_schema <> 'INFORMATION_SCHEMA'")
	require.Equal(t, [][]string{{"0"}}, got)
}

func TestParseRewritesRunOnDuckDB(t *testing.T) {
	db := openDuck(t)
	t0 := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	require.NoError(t, registerHistoryFunction(context.Background(), db, func() []historyRow {
		return []historyRow{
			{QueryID: "q1", QueryText: "select 'it''s'", Status: "SUCCESS", SessionID: 9, Start: t0, End: t0.Add(2 * time.Second)},
			{QueryID: "q2", QueryText: "select system$wait(10)", Status: "RUNNING", SessionID: 8, Start: t0.Add(time.Second)},
		}
	}))
	env := &rewriteEnv{
		Database: "D1", Schema: "PUBLIC", LastQueryID: "q-last", SessionID: 9,
		History:     true,
		ResultTable: func(id string) (string, error) { return `"D1"."PUBLIC"."T"`, nil },
	}
	run := func(s string) [][]string { return runSnowflake(t, db, env, s) }
	run("create database d1; create schema if not exists d1.s2; create or replace schema d1.s2")
	run(`create or replace temporary table d1.public.t (id number, amount number(10,2), name string, f float, ts timestamp_ntz(9), tz timestamp_ltz, b binary, v variant, ok boolean) comment = 'x' cluster by (id)`)
	run(`insert into d1.public.t (id, amount, name, f, ok) values (1, 2.50, 'it\'s', 1.5, true), (2, 3, $$two$$, 2, false)`)
	require.Equal(t, [][]string{{"2", "5.5", "it's"}}, run(`select count(*), sum(amount), min(name) from d1.public.t`))
	require.Equal(t, [][]string{{"1"}}, run(`update d1.public.t set name = 'x' where id = 1`))
	require.Equal(t, [][]string{{"1"}}, run(`delete from d1.public.t where id = 2`))
	run("alter table d1.public.t add column extra number(5,1)")
	require.Equal(t, [][]string{{"NUMBER", "5", "1"}}, run("select data_type, numeric_precision, numeric_scale from information_schema.columns where table_catalog = 'D1' and table_name = 'T' and column_name = 'EXTRA'"))
	require.Equal(t, [][]string{{"NUMBER", "38", "0"}}, run("select data_type, numeric_precision, numeric_scale from information_schema.columns where table_catalog = 'D1' and table_name = 'T' and column_name = 'ID'"))
	require.Equal(t, [][]string{{"q-last", "D1", "PUBLIC", "9"}}, run("select last_query_id(), current_database(), current_schema(), current_session()"))
	require.Equal(t, [][]string{{"1"}}, run("select count(*) from table(result_scan(last_query_id()))"))
	require.Equal(t, [][]string{{"q2", "RUNNING", "true", "true"}, {"q1", "SUCCESS", "false", "false"}}, run(`select query_id, execution_status, end_time is null, total_elapsed_time > 2000 from table(information_schema.query_history(result_limit => 10)) order by start_time desc`))
	require.Equal(t, [][]string{{"q1", "select 'it''s'"}}, run(`select query_id, query_text from table(d1.information_schema.query_history_by_session())`))
	require.Equal(t, [][]string{{"0"}}, run(`select count(*) from table(information_schema.query_history_by_session(session_id => 12345))`))
	got := run(`select randstr(8, random()), randstr(4, 1) = randstr(4, 1), typeof(random()), uniform(1, 10, 5) = uniform(1, 10, 5), uniform(0.0, 1.0, random()) < 1`)
	require.Len(t, got[0][0], 8)
	require.Equal(t, []string{"true", "INTEGER", "true", "true"}, got[0][1:])
	require.Equal(t, [][]string{{"3", "3"}}, run(`select count(*), count(distinct s) from (select seq4() as s from table(generator(rowcount => 3)))`))
	require.Equal(t, [][]string{{"0,1,2"}}, run(`select listagg(s, ',') within group (order by s) from (select cast(seq8() as varchar) as s from (select 1 union all select 2 union all select 3))`))
	require.Equal(t, [][]string{{"a\nb"}}, run(`select 'a\nb' // comment`))
	require.Equal(t, [][]string{{"2"}}, run(`select a from (select 1 as a union all select 2) qualify row_number() over (order by a desc) = 1`))
	require.Equal(t, [][]string{{"2024-01-01 00:00:00 +0000 UTC"}}, run(`select '2024-01-01'::timestamp_ntz`))
	require.Equal(t, [][]string{{"true"}}, run(`select current_timestamp() <= current_timestamp and sysdate() is not null`))
	require.Equal(t, [][]string{{"1", "a"}, {"2", "b"}}, run(`values (1, 'a'), (2, 'b')`))
	require.Equal(t, [][]string{{"2"}}, run(`select column1 from values (1), (2) where column1 > 1`))
	require.Equal(t, [][]string{{"y", "0", "true", "0"}}, run(`select iff(1 > 2, 'x', 'y'), nvl(null, 0), startswith('ab', 'a'), div0(1, 0)`))
	run("create or replace view d1.public.v as select count(*) from d1.public.t")
	require.Equal(t, [][]string{{"1"}}, run(`select "COUNT(*)" from d1.public.v`))
	run("drop view d1.public.v; drop table d1.public.t; drop schema d1.s2; drop database d1")
	require.Equal(t, [][]string{{"0"}}, run("select count(*) from duckdb_databases() where database_name = 'D1'"))
}

func TestParseColumnNamesOnDuckDB(t *testing.T) {
	db := openDuck(t)
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"select 1 as x, 2 as \"y\", count(*), a, 'lit', a+1 total from (select 1 as a) group by a", []string{"X", "y", "COUNT(*)", "A", "'LIT'", "TOTAL"}},
		{"select seq4(), uniform(1, 2, random()) from table(generator(rowcount => 1))", []string{"SEQ4()", "UNIFORM(1, 2, RANDOM())"}},
		{"select true, null, current_timestamp", []string{"TRUE", "NULL", "CURRENT_TIMESTAMP"}},
		{"values (1, 'a')", []string{"COLUMN1", "COLUMN2"}},
		{"select * from values (1) v", []string{"COLUMN1"}},
		{"select listagg(s) within group (order by s) from (select 'a' as s)", []string{"LISTAGG(S) WITHIN GROUP (ORDER BY S)"}},
	} {
		st, err := parseStatement(tc.text, nil)
		require.NoError(t, err)
		rows, err := db.Query(st.Duck[0])
		require.NoError(t, err, st.Duck[0])
		cols, err := rows.Columns()
		require.NoError(t, err)
		require.NoError(t, rows.Close())
		for i := range cols {
			cols[i] = columnName(cols[i], tc.text)
		}
		require.Equal(t, tc.want, cols, st.Duck[0])
	}
}

func FuzzParseStatement(f *testing.F) {
	for _, s := range []string{
		"select 1", "select system$wait(1, 'seconds')", "CALL SYSTEM$WAIT(2)",
		"select * from table(generator(rowcount => 10))", "create or replace transient table t (a number(10,2))",
		"alter session set query_tag = 'x'", "use d.s", "select 'a;b' -- c\n; select $$x$$",
		"select * from table(result_scan(last_query_id()))", "select v:a from t",
		"create table t (id int autoincrement start 1 increment 1 order, b int identity(1, 2))", "select db.s.q.nextval",
		"create or replace sequence s start with -1 increment by -2", "create table t clone s copy grants",
		"alter table if exists a swap with b", "truncate table if exists t", "alter table t set comment = 'x'",
		"grant select on table t to role r", "create warehouse w with warehouse_size = xsmall tag (a = 'b')",
		"set (a, b) = (select 1, $x)", "unset (a, b)", "select $v, getvariable('V') from identifier($t)",
		"insert overwrite all when a > 1 then into t1 (a) values (a) else into t2 select a from s",
		"insert overwrite into t (a) values (1)", "select $1, $2 from values (1, 2) v(a, b)", "show variables like 'x%'",
	} {
		f.Add(s)
	}
	env := &rewriteEnv{
		LastQueryID: "q", History: true,
		Vars:        map[string]sessionVar{"V": {val: sStr("a'b")}, "X": {val: sInt(-1)}, "T": {val: sStr("db.s.t")}},
		ResultTable: func(string) (string, error) { return "t", nil },
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, s := range splitStatements(text) {
			for _, e := range []*rewriteEnv{nil, env} {
				st, err := parseStatement(s, e)
				if err != nil {
					var se *sqlError
					if !errors.As(err, &se) || st != nil {
						t.Fatalf("parseStatement(%q) = %v, %v: want a stmt or an *sqlError", s, st, err)
					}
					continue
				}
				if st == nil {
					t.Fatalf("parseStatement(%q) = nil, nil", s)
				}
			}
		}
		parseStatement(text, env) //nolint:errcheck // must only not panic
		columnName(text, text)
	})
}

func TestParseLargeStatement(t *testing.T) {
	// A big multi-row INSERT must stay linear-ish: every rule scans it.
	var b []byte
	b = append(b, "insert into t select * from values "...)
	for i := 0; i < 5000; i++ {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, "(1::number(10,2), 'it''s', current_timestamp())"...)
	}
	start := time.Now()
	st, err := parseStatement(string(b), &rewriteEnv{})
	require.NoError(t, err)
	require.Equal(t, kindDML, st.Kind)
	require.Less(t, time.Since(start), 20*time.Second)
}
