package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRuleRegexpLike(t *testing.T) {
	checkRule(t, ruleRegexpLike, nil, []ruleCase{
		{name: "operator", in: "select a rlike 'x', a not regexp 'y' from t", want: "select a SIMILAR TO 'x', a not SIMILAR TO 'y' from t"},
		{name: "function after NOT", in: "where not rlike(c, 's.*', 'i')", want: "where not regexp_full_match(c, '(?i)' || ('s.*'))"},
		{name: "c wins when last", in: "select regexp_like(a, 'x', 'ic')", want: "select regexp_full_match(a, '(?-i)' || ('x'))"},
		{name: "unknown parameter", in: "select regexp_like(a, 'x', 'q')", code: "001003"},
		{name: "parameter column", in: "select regexp_like(a, 'x', p) from t", code: "001003"},
		{name: "one argument", in: "select regexp_like(a)", code: "001003"},
	})
	c := newSQLCheck(t)
	require.Equal(t, "true|false|true|true", c.rows("select regexp_like('Snowflake', 'snow.*', 'i'), regexp_like('Snowflake', 'snow.*'), 'abc' rlike '[a-c]+', 'abc' regexp 'a.c'"))
	// Implicitly anchored: a substring does not match.
	require.Equal(t, "false|true|false", c.rows("select 'xabcx' rlike 'abc', 'xabcx' not rlike 'abc', regexp_like('ab', 'a')"))
	// s lets . match a newline; m makes ^ and $ match at lines; c after i is case-sensitive.
	require.Equal(t, "false|true|true|false", c.rows(`select regexp_like('a\nb', 'a.b'), regexp_like('a\nb', 'a.b', 's'), regexp_like('a\nb', '.*^b$', 'ms'), regexp_like('A', 'a', 'ic')`))
	require.Equal(t, "NULL|NULL|NULL", c.rows("select regexp_like(null, 'a'), null rlike 'a', rlike('a', 'a', null)"))
	c.exec("create table rl (city varchar)", "insert into rl values ('Sacramento'), ('San Francisco'), ('San Jose'), (null)")
	require.Equal(t, "San Francisco\nSan Jose", c.rows("select city from rl where rlike(city, 'san.*', 'i') order by city"))
	require.Equal(t, "Sacramento", c.rows("select city from rl where not rlike(city, 'san.*', 'i') order by city"))
	c.fails("select regexp_like('a', 'a', 'x')", "001003", "REGEXP_LIKE with the parameter 'x'")
	c.fails("select regexp_like('a')", "001003", "not enough arguments for function")
}
