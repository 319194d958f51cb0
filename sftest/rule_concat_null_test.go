package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRuleConcatNulls(t *testing.T) {
	checkRule(t, ruleConcatNulls, nil, []ruleCase{
		{name: "concat", in: "select concat('a', null)", want: "select CAST(('a') || (null) AS VARCHAR)"},
		{name: "operator and alias", in: "select 'a' || null x from t", want: "select CAST('a' || null AS VARCHAR) x from t"},
		{name: "chain", in: "select 1 + 2 || (null) || upper(b)::varchar, c", want: "select CAST(1 + 2 || (null) || upper(b)::varchar AS VARCHAR), c"},
		{name: "one argument", in: "select concat(x)", want: "select CAST((x) AS VARCHAR)"},
		{name: "no NULL", in: "select concat(a, b), a || b", want: "select concat(a, b), a || b"},
		{name: "IS NULL", in: "select a || b is null", want: "select a || b is null"},
	})
	c := newSQLCheck(t)
	q := "select concat('a', null), 'a' || null, concat(null), (null) || 'x', concat('a', 'b', null)"
	require.Equal(t, "TEXT, TEXT, TEXT, TEXT, TEXT", c.types(q))
	require.Equal(t, "NULL|NULL|NULL|NULL|NULL", c.rows(q))
	require.Equal(t, "ab|NULL|7", c.rows("select concat('a', 'b'), concat('a', null, 'b'), concat(7)"))
	require.Equal(t, "CONCAT('A', NULL)|X", c.header("select concat('a', null), 'a' || null as x"))
}
