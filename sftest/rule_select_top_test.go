package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRuleSelectTop(t *testing.T) {
	checkRule(t, ruleSelectTop, nil, []ruleCase{
		{name: "end of statement", in: "select top 2 a from t order by a", want: "select a from t order by a LIMIT 2"},
		{name: "distinct", in: "select distinct top 1 a from t", want: "select distinct a from t LIMIT 1"},
		{name: "subquery", in: "select * from (select top 3 a from t) s", want: "select * from (select a from t LIMIT 3 ) s"},
		{name: "set operation", in: "select top 1 a from t union all select b from u", want: "(select a from t  LIMIT 1) union all select b from u"},
		{name: "column named top", in: "select top from t", code: "001003"},
		{name: "not a constant", in: "select top n a from t", code: "001003"},
		{name: "no TOP", in: "select a as top from t", want: "select a as top from t"},
	})
	c := newSQLCheck(t)
	c.exec("create table tt (id number, g varchar)",
		"insert into tt values (3, 'b'), (1, 'a'), (2, 'a'), (4, 'b'), (5, 'c')")
	require.Equal(t, "1\n2", c.rows("select top 2 id from tt order by id"))
	require.Equal(t, "a\nb", c.rows("select distinct top 2 g from tt order by g"))
	require.Equal(t, "", c.rows("select top 0 id from tt"))
	require.Equal(t, "2", c.rows("select count(*) from (select top 2 id from tt order by id desc) s"))
	require.Equal(t, "5\n1", c.rows("select * from (select top 1 id from tt order by id desc) union all select * from (select top 1 id from tt order by id)"))
	require.Equal(t, "ID", c.header("select top 1 id from tt"))
	c.fails("select top -1 id from tt", "001003", "syntax error line 1 at position 11 unexpected '-'.")
	c.fails("select top id from tt", "001003", "unexpected 'id'")
}
