package sftest

import (
	"testing"
)

func TestRuleCTASColumns(t *testing.T) {
	same := func(name, s string) ruleCase { return ruleCase{name: name, in: s, want: s} }
	from := func(query string, n int) string {
		inner := `"1"`
		nulls := "NULL"
		for k := 2; k <= n; k++ {
			inner += `, "` + string(rune('0'+k)) + `"`
			nulls += ", NULL"
		}
		return " FROM ((" + query + ") UNION ALL (SELECT " + nulls + " WHERE false)) AS __sftest_ctas(" + inner + ")"
	}
	checkRule(t, ruleCTASColumns, nil, []ruleCase{
		{name: "names and types", in: "create table t (c1 DECIMAL(38,0), c2 VARCHAR) as select a, b from s",
			want: `create table t AS SELECT CAST(__sftest_ctas."1" AS DECIMAL(38,0)) AS "C1", CAST(__sftest_ctas."2" AS VARCHAR) AS "C2"` + from("select a, b from s", 2)},
		{name: "or replace, quoted name, no type", in: `CREATE OR REPLACE TABLE db.s.t ("x y", c2) AS WITH q AS (SELECT 1 a, 2 b) SELECT * FROM q`,
			want: `CREATE OR REPLACE TABLE db.s.t AS SELECT __sftest_ctas."1" AS "x y", __sftest_ctas."2" AS "C2"` + from("WITH q AS (SELECT 1 a, 2 b) SELECT * FROM q", 2)},
		{name: "if not exists", in: "create table if not exists t (c1) as select 1",
			want: `create table if not exists t AS SELECT __sftest_ctas."1" AS "C1"` + from("select 1", 1)},
		same("plain ctas", "create table t as select 1"),
		same("plain create", "create table t (a int, b varchar)"),
		same("view", "create view v (a) as select 1"),
		{name: "constraint not emulated", in: "create table t (a int not null) as select 1", code: "001003"},
	})
}
