package sftest

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// ruleCase is one input of a rule test: want is the rewritten text, or, when
// code is set, the rule must fail with that Snowflake error code.
type ruleCase struct {
	name, in, want string
	code           string
}

func checkRule(t *testing.T, fn func(string, *rewriteEnv) (string, error), env *rewriteEnv, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := fn(tc.in, env)
			if tc.code != "" {
				var se *sqlError
				require.True(t, errors.As(err, &se), "want *sqlError, got %v (output %q)", err, got)
				require.Equal(t, tc.code, se.Code, se.Message)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

func TestRuleTable(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range rules {
		require.NotEmpty(t, r.name)
		require.NotNil(t, r.fn, r.name)
		require.False(t, seen[r.name], "duplicate rule %s", r.name)
		seen[r.name] = true
	}
}

func TestRuleUnsupported(t *testing.T) {
	same := func(name, s string) ruleCase { return ruleCase{name: name, in: s, want: s} }
	bad := func(name, s string) ruleCase { return ruleCase{name: name, in: s, code: "001003"} }
	checkRule(t, ruleUnsupported, nil, []ruleCase{
		same("plain", "select a, b from t where c = 1"),
		same("qualify runs on DuckDB", "select a from t qualify row_number() over (order by a) = 1"),
		same("cast", "select a::int from t"),
		same("slice", "select l[1:2] from t"),
		same("struct literal", "select {'a': 1}"),
		same("lambda", "select list_transform(l, lambda x: x + 1) from t"),
		same("bind placeholder", "select * from t where a = :1"),
		same("colon in string", "select 'a:b' from t"),
		same("named argument", "select f(a := 1)"),
		same("generator", "select 1 from table(generator(rowcount => 1))"),
		same("result scan", "select * from table(result_scan('x'))"),
		same("query history", "select * from table(demo_db.information_schema.query_history())"),
		same("at as alias", "select a at from t"),
		bad("stage", "select $1 from @my_stage"),
		bad("user stage", "select * from @~"),
		bad("identifier of a bind", "select * from identifier(?)"),
		bad("other system function", "select system$typeof(1)"),
		bad("wait inside query", "select a, system$wait(1) from t"),
		bad("identifier", "select * from identifier('t')"),
		bad("time travel", "select * from t at(offset => -60)"),
		bad("connect by", "select a from t start with a = 1 connect by prior a = b"),
		bad("match_recognize", "select * from t match_recognize (order by a)"),
		bad("unknown table function", "select * from table(external_table_files(table_name => 'x'))"),
	})
}

func TestRuleComments(t *testing.T) {
	checkRule(t, ruleComments, nil, []ruleCase{
		{name: "slash comment", in: "select 7 // note\n", want: "select 7 -- note\n"},
		{name: "dash comment kept", in: "select 7 -- note", want: "select 7 -- note"},
		{name: "in string kept", in: "select '//x'", want: "select '//x'"},
	})
}

func TestRuleStrings(t *testing.T) {
	checkRule(t, ruleStrings, nil, []ruleCase{
		{name: "plain", in: "select 'a''b'", want: "select 'a''b'"},
		{name: "backslash quote", in: `select 'it\'s'`, want: "select 'it''s'"},
		{name: "backslash backslash", in: `select 'a\\b'`, want: `select 'a\b'`},
		{name: "newline", in: `select 'a\nb'`, want: "select ('a' || chr(10) || 'b')"},
		{name: "only tab", in: `select '\t'`, want: "select chr(9)"},
		{name: "hex and unicode", in: `select '\x41\u00e9'`, want: "select 'Aé'"},
		{name: "dollar", in: "select $$it's$$", want: "select 'it''s'"},
		{name: "empty dollar", in: "select $$$$", want: "select ''"},
		{name: "unterminated left alone", in: `select 'a\`, want: `select 'a\`},
	})
}

func TestRuleSelectAliases(t *testing.T) {
	checkRule(t, ruleSelectAliases, nil, []ruleCase{
		{name: "count star", in: "select count(*) from t", want: `select count(*) AS "COUNT(*)" from t`},
		{name: "expression", in: "select a+1, b from t", want: `select a+1 AS "A+1", b from t`},
		{name: "literal upper-cased", in: "select 'abc'", want: `select 'abc' AS "'ABC'"`},
		{name: "column refs kept", in: `select a, t.b, "c", db.s.t.d from t`, want: `select a, t.b, "c", db.s.t.d from t`},
		{name: "star kept", in: "select *, t.* from t", want: "select *, t.* from t"},
		{name: "explicit alias", in: "select count(*) as n from t", want: "select count(*) as n from t"},
		{name: "implicit alias", in: "select count(*) n, a+1 total from t", want: "select count(*) n, a+1 total from t"},
		{name: "case end", in: "select case when a then 1 end from t", want: `select case when a then 1 end AS "CASE WHEN A THEN 1 END" from t`},
		{name: "cast", in: "select a::int from t", want: `select a::int AS "A::INT" from t`},
		{name: "true", in: "select true", want: `select true AS "TRUE"`},
		{name: "distinct", in: "select distinct a+1 from t", want: `select distinct a+1 AS "A+1" from t`},
		{name: "wait function", in: "select system$wait(2)", want: `select system$wait(2) AS "SYSTEM$WAIT(2)"`},
		{name: "quote in alias", in: `select 'a"b'`, want: `select 'a"b' AS "'A""B'"`},
		{name: "cte main select only", in: "with c as (select 1+1) select count(*) from c", want: `with c as (select 1+1) select count(*) AS "COUNT(*)" from c`},
		{name: "union first only", in: "select 1+1 union all select 2+2", want: `select 1+1 AS "1+1" union all select 2+2`},
		{name: "ctas", in: "create table t as select seq4() from x", want: `create table t as select seq4() AS "SEQ4()" from x`},
		{name: "comment before from", in: "select 1+1 /* c */ from t", want: `select 1+1 AS "1+1" /* c */ from t`},
		{name: "no select", in: "update t set a = 1", want: "update t set a = 1"},
		{name: "nested select untouched", in: "delete from t where a in (select max(a) from t)", want: "delete from t where a in (select max(a) from t)"},
		{name: "is null", in: "select a is null from t", want: `select a is null AS "A IS NULL" from t`},
		{name: "two-word type", in: "select a::double precision from t", want: `select a::double precision AS "A::DOUBLE PRECISION" from t`},
		{name: "is distinct from", in: "select a is distinct from b from t", want: `select a is distinct from b AS "A IS DISTINCT FROM B" from t`},
	})
}

func TestRuleTableKind(t *testing.T) {
	checkRule(t, ruleTableKind, nil, []ruleCase{
		{name: "transient", in: "CREATE OR REPLACE TRANSIENT TABLE t (a INT)", want: "CREATE OR REPLACE TABLE t (a INT)"},
		{name: "temporary becomes ordinary", in: "create temporary table t (a int)", want: "create table t (a int)"},
		{name: "temp", in: "create or replace temp table t as select 1", want: "create or replace table t as select 1"},
		{name: "local temporary", in: "create local temporary table t (a int)", want: "create table t (a int)"},
		{name: "volatile", in: "create volatile table t (a int)", want: "create table t (a int)"},
		{name: "secure view", in: "create or replace secure view v as select 1", want: "create or replace view v as select 1"},
		{name: "plain kept", in: "create table transient (a int)", want: "create table transient (a int)"},
		{name: "not create", in: "select transient from t", want: "select transient from t"},
	})
}

func TestRuleTableOptions(t *testing.T) {
	checkRule(t, ruleTableOptions, nil, []ruleCase{
		{name: "cluster by", in: "create table t (a int) cluster by (a)", want: "create table t (a int) "},
		{name: "comment and retention", in: "create table t (a int) comment = 'x' data_retention_time_in_days = 1", want: "create table t (a int)  "},
		{name: "column comment", in: "create table t (a int comment 'the a', b int)", want: "create table t (a int , b int)"},
		{name: "copy grants ctas", in: "create or replace table t copy grants as select 1 as comment", want: "create or replace table t  as select 1 as comment"},
		{name: "view comment", in: "create view v comment = 'x' as select a = 1 from t", want: "create view v  as select a = 1 from t"},
		{name: "query untouched", in: "create table t as select * from u where comment = 'x'", want: "create table t as select * from u where comment = 'x'"},
		{name: "not create", in: "select 1 from t cluster by (a)", want: "select 1 from t cluster by (a)"},
	})
}

func TestRuleTypes(t *testing.T) {
	checkRule(t, ruleTypes, nil, []ruleCase{
		{name: "seed table", in: "CREATE TABLE t (CUSTOMER_ID INT, SEGMENT VARCHAR(50), UPDATED_TS TIMESTAMP)", want: "CREATE TABLE t (CUSTOMER_ID BIGINT, SEGMENT VARCHAR, UPDATED_TS TIMESTAMP_NS)"},
		{name: "numbers", in: "create table t (a NUMBER, b NUMBER(10,2), c NUMERIC(12), d DECIMAL, e number(38, 0))", want: "create table t (a DECIMAL(38,0), b DECIMAL(10,2), c DECIMAL(12,0), d DECIMAL(38,0), e DECIMAL(38,0))"},
		{name: "floats", in: "create table t (a FLOAT, b DOUBLE PRECISION, c REAL, d FLOAT8)", want: "create table t (a DOUBLE, b DOUBLE, c DOUBLE, d DOUBLE)"},
		{name: "strings", in: "create table t (a STRING, b TEXT, c CHAR(3), d CHARACTER VARYING(4))", want: "create table t (a VARCHAR, b VARCHAR, c VARCHAR, d VARCHAR)"},
		{name: "timestamps", in: "create table t (a TIMESTAMP_NTZ(9), b DATETIME, c TIMESTAMP_LTZ, d TIMESTAMP_TZ(3), e TIME(9), f TIMESTAMP WITH TIME ZONE)", want: "create table t (a TIMESTAMP_NS, b TIMESTAMP_NS, c TIMESTAMPTZ, d TIMESTAMPTZ, e TIME, f TIMESTAMPTZ)"},
		{name: "binary and semi-structured", in: "create table t (a BINARY(16), b VARBINARY, c VARIANT, d OBJECT, e ARRAY, f BOOLEAN, g DATE)", want: "create table t (a BLOB, b BLOB, c JSON, d JSON, e JSON, f BOOLEAN, g DATE)"},
		{name: "constraints", in: "create table if not exists s.t (id int not null primary key, text text default 'x', primary key (id))", want: "create table if not exists s.t (id BIGINT not null primary key, text VARCHAR default 'x', primary key (id))"},
		{name: "quoted column", in: `create table t ("Number" number)`, want: `create table t ("Number" DECIMAL(38,0))`},
		{name: "cast", in: "select cast(a as number(10,2)), try_cast(b as variant) from t", want: "select cast(a as DECIMAL(10,2)), try_cast(b as JSON) from t"},
		{name: "double colon", in: "select a::string, b::timestamp_ntz from t", want: "select a::VARCHAR, b::TIMESTAMP_NS from t"},
		{name: "column named like types kept", in: "select text, date, number as n from t", want: "select text, date, number as n from t"},
		{name: "alias in cast arg kept", in: "select cast((select 1 as text) as int)", want: "select cast((select 1 as text) as BIGINT)"},
		{name: "alter add", in: "alter table t add column c number(5,1)", want: "alter table t add column c DECIMAL(5,1)"},
		{name: "alter type", in: "alter table t alter column c set data type string", want: "alter table t alter column c set data type VARCHAR"},
		{name: "ctas untouched", in: "create table t as select 1 as text", want: "create table t as select 1 as text"},
		{name: "geography", in: "create table t (g geography)", code: "001003"},
		{name: "bad number", in: "select a::number(x)", code: "001003"},
	})
}

func TestRuleNiladic(t *testing.T) {
	env := &rewriteEnv{Database: "DEMO_DB", Schema: "PUBLIC", SessionID: 7}
	checkRule(t, ruleNiladic, env, []ruleCase{
		{name: "current_timestamp()", in: "select current_timestamp(), current_timestamp(3), current_timestamp", want: "select current_timestamp, current_timestamp, current_timestamp"},
		{name: "getdate", in: "select getdate(), current_date()", want: "select current_timestamp, current_date"},
		{name: "sysdate", in: "select sysdate()", want: "select CAST(timezone('UTC', current_timestamp) AS TIMESTAMP)"},
		{name: "session", in: "select current_database(), current_schema(), current_session()", want: "select 'DEMO_DB', 'PUBLIC', '7'"},
	})
	checkRule(t, ruleNiladic, &rewriteEnv{}, []ruleCase{
		{name: "no database", in: "select current_database()", want: "select CAST(NULL AS VARCHAR)"},
	})
	checkRule(t, ruleNiladic, nil, []ruleCase{
		{name: "nil env keeps DuckDB's", in: "select current_database()", want: "select current_database()"},
	})
}

func TestRuleLastQueryID(t *testing.T) {
	checkRule(t, ruleLastQueryID, &rewriteEnv{LastQueryID: "01ab-x'y"}, []ruleCase{
		{name: "literal", in: "select last_query_id()", want: "select '01ab-x''y'"},
		{name: "minus one", in: "select LAST_QUERY_ID(-1)", want: "select '01ab-x''y'"},
		{name: "other offset", in: "select last_query_id(-2)", code: "001003"},
		{name: "in string kept", in: "select 'last_query_id()'", want: "select 'last_query_id()'"},
	})
	checkRule(t, ruleLastQueryID, &rewriteEnv{}, []ruleCase{
		{name: "none", in: "select last_query_id()", want: "select CAST(NULL AS VARCHAR)"},
	})
}

func TestRuleResultScan(t *testing.T) {
	env := &rewriteEnv{ResultTable: func(id string) (string, error) {
		if id == "missing" {
			return "", &sqlError{Code: "002003", SQLState: "42S02", Message: "Statement missing not found"}
		}
		return "sftest_results.r_" + id, nil
	}}
	checkRule(t, ruleResultScan, env, []ruleCase{
		{name: "table form", in: "select * from table(result_scan('q1')) r where a = 1", want: "select * from sftest_results.r_q1 r where a = 1"},
		{name: "bare form", in: "select count(*) from RESULT_SCAN('q2')", want: "select count(*) from sftest_results.r_q2"},
		{name: "two", in: "select * from result_scan('a') join table(result_scan('b')) using (x)", want: "select * from sftest_results.r_a join sftest_results.r_b using (x)"},
		{name: "missing", in: "select * from table(result_scan('missing'))", code: "002003"},
		{name: "not a literal", in: "select * from table(result_scan(x))", code: "001003"},
		{name: "no last query", in: "select * from table(result_scan(CAST(NULL AS VARCHAR)))", code: "001003"},
	})
	checkRule(t, ruleResultScan, nil, []ruleCase{
		{name: "no server", in: "select * from table(result_scan('q1'))", code: "001003"},
	})
}

func TestRuleGenerator(t *testing.T) {
	checkRule(t, ruleGenerator, nil, []ruleCase{
		{name: "rowcount with seq", in: "select seq4(), seq8(0) from table(generator(rowcount => 10)) v", want: "select __sftest_seq, __sftest_seq from (SELECT range AS __sftest_seq FROM range(10)) v"},
		{name: "nested seq", in: "select mod(seq4(), 3) from table(GENERATOR(ROWCOUNT=>3))", want: "select mod(__sftest_seq, 3) from (SELECT range AS __sftest_seq FROM range(3))"},
		{name: "rowcount within timelimit", in: "select 1 from table(generator(rowcount => 5, timelimit => 1))", want: "select 1 from (SELECT range AS __sftest_seq FROM range(5))"},
		{name: "timelimit only", in: "select count(*) from table(generator(timelimit => 2))", want: "select count(*) from (SELECT range AS __sftest_seq FROM range(200000))"},
		{name: "null rowcount", in: "select 1 from table(generator(rowcount => null))", want: "select 1 from (SELECT range AS __sftest_seq FROM range(0))"},
		{name: "two generators leave seq", in: "select seq4() from table(generator(rowcount => 2)) a, table(generator(rowcount => 3)) b", want: "select seq4() from (SELECT range AS __sftest_seq FROM range(2)) a, (SELECT range AS __sftest_seq FROM range(3)) b"},
		{name: "no generator", in: "select seq4() from t", want: "select seq4() from t"},
		{name: "bad argument", in: "select 1 from table(generator(rows => 5))", code: "001003"},
		{name: "non-constant", in: "select 1 from table(generator(rowcount => 2+3))", code: "001003"},
		{name: "bad seq argument", in: "select seq4(5) from table(generator(rowcount => 1))", code: "001003"},
	})
}

func TestRuleGeneratorMinRun(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
	}{
		{"select 1 from table(generator(timelimit => 3))", 3 * time.Second},
		{"select 1 from table(generator(rowcount => 10, timelimit => 3))", 0},
		{"select 1 from table(generator(rowcount => 1000000000, timelimit => 1))", time.Second},
		{"select 1 from table(generator(rowcount => 10))", 0},
	} {
		require.Equal(t, tc.want, generatorMinRun(tokenize(tc.in)), tc.in)
	}
}

func TestRuleSeq(t *testing.T) {
	checkRule(t, ruleSeq, nil, []ruleCase{
		{name: "row number", in: "select seq4(), SEQ8(1), seq1(), seq2() from t", want: "select (row_number() OVER () - 1), (row_number() OVER () - 1), (row_number() OVER () - 1), (row_number() OVER () - 1) from t"},
		{name: "qualified kept", in: "select s.seq4() from t", want: "select s.seq4() from t"},
		{name: "bad argument", in: "select seq4(2)", code: "001003"},
	})
}

func TestRuleRandom(t *testing.T) {
	const r = "CAST(floor((random() * 2 - 1) * 9223372036854775807) AS BIGINT)"
	checkRule(t, ruleRandom, nil, []ruleCase{
		{name: "no seed", in: "select random()", want: "select " + r},
		{name: "seed ignored", in: "select RANDOM(42)", want: "select " + r},
		{name: "column kept", in: "select random from t", want: "select random from t"},
		{name: "too many", in: "select random(1, 2)", code: "001003"},
	})
}

func TestRuleUniform(t *testing.T) {
	checkRule(t, ruleUniform, nil, []ruleCase{
		{name: "integers", in: "select uniform(1, 1000, random())", want: "select CAST((1) + floor(random() * ((1000) - (1) + 1)) AS BIGINT)"},
		{name: "floats", in: "select uniform(0.0, 1, random())", want: "select ((0.0) + ((1) - (0.0)) * random())"},
		{name: "constant gen", in: "select uniform(1, 10, 12)", want: "select CAST((1) + floor((CAST(hash(12) AS DOUBLE) / 18446744073709551616.0) * ((10) - (1) + 1)) AS BIGINT)"},
		{name: "negative bound", in: "select uniform(-5, 5, random())", want: "select CAST((-5) + floor(random() * ((5) - (-5) + 1)) AS BIGINT)"},
		{name: "arity", in: "select uniform(1, 10)", code: "001003"},
		{name: "non-constant bound", in: "select uniform(1, a, random()) from t", code: "001003"},
	})
}

func TestRuleRandstr(t *testing.T) {
	const pre = "select array_to_string(list_transform(range(CAST((5) AS BIGINT)), lambda __sftest_i: substr('" + randstrAlphabet + "', "
	checkRule(t, ruleRandstr, nil, []ruleCase{
		{name: "random", in: "select randstr(5, random())", want: pre + "CAST(floor(random() * 62) AS INTEGER) + 1, 1)), '')"},
		{name: "constant gen", in: "select randstr(5, 3)", want: pre + "CAST(hash(3, __sftest_i) % 62 AS INTEGER) + 1, 1)), '')"},
		{name: "arity", in: "select randstr(5)", code: "001003"},
	})
}

func TestRuleBindColon(t *testing.T) {
	checkRule(t, ruleBindColon, nil, []ruleCase{
		{name: "placeholders", in: "insert into t values (:1, :2)", want: "insert into t values ($1, $2)"},
		{name: "after operator", in: "select * from t where a = :1 limit :2", want: "select * from t where a = $1 limit $2"},
		{name: "slice kept", in: "select l[1:2], l[:3] from t", want: "select l[1:2], l[:3] from t"},
		{name: "cast kept", in: "select a::int from t", want: "select a::int from t"},
		{name: "string kept", in: "select ':1'", want: "select ':1'"},
	})
}

func TestRuleDatabaseAndSchemaDDL(t *testing.T) {
	x := []namePart{{text: "X"}}
	got, err := createDatabase(x, false, false, nil)
	require.NoError(t, err)
	require.Equal(t, []string{`ATTACH ':memory:' AS "X"`, `CREATE SCHEMA IF NOT EXISTS "X"."PUBLIC"`}, got)
	got, err = createDatabase(x, false, true, nil)
	require.NoError(t, err)
	require.Equal(t, []string{`ATTACH IF NOT EXISTS ':memory:' AS "X"`, `CREATE SCHEMA IF NOT EXISTS "X"."PUBLIC"`}, got)
	got, err = createDatabase(x, true, false, codeOnly(tokenize("comment = 'c' data_retention_time_in_days = 1")))
	require.NoError(t, err)
	require.Equal(t, []string{"USE memory", `DETACH DATABASE IF EXISTS "X"`, `ATTACH ':memory:' AS "X"`, `CREATE SCHEMA IF NOT EXISTS "X"."PUBLIC"`}, got)
	_, err = createDatabase(x, true, true, nil)
	require.Error(t, err)
	_, err = createDatabase(x, false, false, codeOnly(tokenize("from share a.b")))
	require.Error(t, err)

	xs := []namePart{{text: "X"}, {text: "s", quoted: true}}
	got, err = createSchema(xs, true, false, codeOnly(tokenize("with managed access")))
	require.NoError(t, err)
	require.Equal(t, []string{`DROP SCHEMA IF EXISTS "X"."s" CASCADE`, `CREATE SCHEMA "X"."s"`}, got)
	got, err = dropSchema(xs, true, nil)
	require.NoError(t, err)
	require.Equal(t, []string{`DROP SCHEMA IF EXISTS "X"."s" CASCADE`}, got)
	got, err = dropDatabase(x, false, codeOnly(tokenize("cascade")))
	require.NoError(t, err)
	require.Equal(t, []string{"USE memory", `DETACH DATABASE "X"`}, got)
}

func TestRuleWithinGroup(t *testing.T) {
	checkRule(t, ruleWithinGroup, nil, []ruleCase{
		{name: "listagg", in: "select listagg(s, ',') within group (order by s desc) from t", want: "select listagg(s, ',' order by s desc) from t"},
		{name: "array_agg", in: "select array_agg(x) WITHIN GROUP (ORDER BY y), 1 from t", want: "select array_agg(x ORDER BY y), 1 from t"},
		{name: "plain aggregate", in: "select count(*) from t", want: "select count(*) from t"},
	})
}

func TestRuleListagg(t *testing.T) {
	checkRule(t, ruleListagg, nil, []ruleCase{
		{name: "default delimiter", in: "select listagg(s) from t", want: "select LISTAGG(s, '') from t"},
		{name: "ordered", in: "select listagg(s order by s) from t", want: "select LISTAGG(s, '' order by s) from t"},
		{name: "delimiter kept", in: "select listagg(s, ',') from t", want: "select listagg(s, ',') from t"},
	})
}

func TestRuleValues(t *testing.T) {
	checkRule(t, ruleValues, nil, []ruleCase{
		{name: "statement", in: "VALUES (1, 'a'), (2, 'b')", want: "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS __sftest_values(COLUMN1, COLUMN2)"},
		{name: "bare from", in: "select column1 from values (1), (2) where column1 > 1", want: "select column1 from (values (1), (2)) AS __sftest_values(COLUMN1) where column1 > 1"},
		{name: "bare from with alias", in: "select * from values (1, 2) as v", want: "select * from (values (1, 2)) as v(COLUMN1, COLUMN2)"},
		{name: "bare from with columns", in: "select * from values (1, 2) v(a, b)", want: "select * from (values (1, 2)) v(a, b)"},
		{name: "wrapped", in: "select * from (values (1)) join t on true", want: "select * from (values (1)) AS __sftest_values(COLUMN1) join t on true"},
		{name: "wrapped with alias", in: "select * from (values (1)) t", want: "select * from (values (1)) t(COLUMN1)"},
		{name: "insert untouched", in: "insert into t values (1), (2)", want: "insert into t values (1), (2)"},
		{name: "insert columns untouched", in: "insert into t (a) values (1)", want: "insert into t (a) values (1)"},
	})
}

func TestRuleFunctions(t *testing.T) {
	checkRule(t, ruleFunctions, nil, []ruleCase{
		{name: "iff nvl", in: "select iff(a > 1, 'x', 'y'), nvl(b, 0) from t", want: "select if(a > 1, 'x', 'y'), coalesce(b, 0) from t"},
		{name: "nested", in: "select zeroifnull(nvl(a, b))", want: "select coalesce(coalesce(a, b), 0)"},
		{name: "div0", in: "select div0(a, b+1)", want: "select CASE WHEN (b+1) = 0 THEN 0 ELSE (a) / (b+1) END"},
		{name: "to_char with format left alone", in: "select to_char(d, 'YYYY')", want: "select to_char(d, 'YYYY')"},
		{name: "to_varchar", in: "select to_varchar(1.5)", want: "select CAST(1.5 AS VARCHAR)"},
	})
}

// A call the callback leaves as written keeps the rewrites of the calls
// nested in it (its arguments and its window).
func TestRewriteCallsKeepsNestedRewrites(t *testing.T) {
	oneArg := func(args []string, call string) (string, error) {
		if len(args) == 1 {
			return "g(" + args[0] + ")", nil
		}
		return call, nil
	}
	got, err := rewriteCalls("select f(a, f(b)), f(c, d)", "f", oneArg)
	require.NoError(t, err)
	require.Equal(t, "select f(a, g(b)), f(c, d)", got)
	got, err = rewriteWindowCalls("select f(x, y) over (order by f(z))", "f", func(c windowCall) (string, error) {
		if len(c.args) == 1 {
			return "g(" + c.args[0] + ")", nil
		}
		return c.text, nil
	})
	require.NoError(t, err)
	require.Equal(t, "select f(x, y) OVER (order by g(z))", got)
}
