package sftest

import (
	"database/sql"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRuleKeywordAliases(t *testing.T) {
	checkRule(t, ruleKeywordAliases, nil, []ruleCase{
		{name: "bare keyword aliases", in: "select 1 year, 'b' name, v value from t", want: "select 1 AS year, 'b' AS name, v AS value from t"},
		{name: "subquery and CTE", in: "with c as (select a month from t) select * from (select x first from c) s", want: "with c as (select a AS month from t) select * from (select x AS first from c) s"},
		{name: "after a cast, call, path and CASE", in: "select d::date day, count(*) rows, v['k'] key, case when a then 1 end level from t",
			want: "select d::date AS day, count(*) AS rows, v['k'] AS key, case when a then 1 end AS level from t"},
		{name: "not a keyword", in: "select 1 total, a cnt from t", want: "select 1 total, a cnt from t"},
		{name: "already AS", in: "select 1 as year", want: "select 1 as year"},
		{name: "column reference", in: "select year, t.name, value from t", want: "select year, t.name, value from t"},
		{name: "expression ends in a keyword", in: "select a is null, b is not true, case when c then 1 end from t", want: "select a is null, b is not true, case when c then 1 end from t"},
		{name: "word after an operator", in: "select x like name, not value, a and first from t", want: "select x like name, not value, a and first from t"},
		{name: "two-word types", in: "select x::double precision, y::char varying from t", want: "select x::double precision, y::char varying from t"},
		{name: "interval unit", in: "select interval '1' day", want: "select interval '1' day"},
		{name: "is distinct from", in: "select a is distinct from value from t", want: "select a is distinct from value from t"},
		{name: "star forms", in: "select * exclude name, t.* rename a as b from t", want: "select * exclude name, t.* rename a as b from t"},
		{name: "variant path", in: "select v:name, v:name name from t", want: "select v:name, v:name AS name from t"},
		{name: "after a bind", in: "select ? value, :1 name", want: "select ? AS value, :1 AS name"},
		{name: "in a literal", in: "select 'select 1 year'", want: "select 'select 1 year'"},
	})
}

// TestKeywordAliasesThroughDriver runs Snowflake statements whose aliases
// are DuckDB keywords and checks the values and the column names.
func TestKeywordAliasesThroughDriver(t *testing.T) {
	c := newSQLCheck(t)
	c.exec("create table kwa (d date, n varchar, v number)",
		"insert into kwa values ('2024-03-05', 'a', 1), ('2025-01-02', 'b', 2)")
	require.Equal(t, "2024|a|1\n2025|b|2", c.rows("select year(d) year, n name, v value from kwa order by v"))
	require.Equal(t, "YEAR|NAME|VALUE", c.header("select year(d) year, n name, v value from kwa"))
	require.Equal(t, "b", c.rows("select name from (select n name, v value from kwa) s where value = 2"))
	require.Equal(t, "3", c.rows("select sum(value) total from (select v value from kwa) s"))
}

// TestDuckDBKeywordsMatchEngine checks duckDBKeywords against the linked
// DuckDB's own list: a DuckDB upgrade that adds or drops a keyword fails
// here rather than as a syntax error in a user's query.
func TestDuckDBKeywordsMatchEngine(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	require.NoError(t, err)
	defer db.Close()
	rows, err := db.Query("select upper(keyword_name) from duckdb_keywords()")
	require.NoError(t, err)
	defer rows.Close()
	engine := map[string]bool{}
	for rows.Next() {
		var k string
		require.NoError(t, rows.Scan(&k))
		engine[k] = true
	}
	require.NoError(t, rows.Err())
	require.Equal(t, engine, duckDBKeywords, "duckDBKeywords must list duckdb_keywords() exactly")
	// Every keyword is refused bare and taken after AS: the rule's premise.
	for _, k := range []string{"YEAR", "NAME", "VALUE", "ABORT"} {
		_, err := db.Exec("select 1 " + strings.ToLower(k))
		require.Error(t, err, k)
		_, err = db.Exec("select 1 as " + strings.ToLower(k))
		require.NoError(t, err, k)
	}
}
