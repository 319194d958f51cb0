package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRuleLikeAny(t *testing.T) {
	checkRule(t, ruleLikeAny, nil, []ruleCase{
		{name: "any", in: "select x like any ('a%', 'b%') from t", want: "select ((x) LIKE 'a%' OR (x) LIKE 'b%') from t"},
		{name: "not ilike all escape", in: "where t.x not ilike all ('a!_%', 'b') escape '!'",
			want: "where ((t.x) NOT ILIKE 'a!_%' ESCAPE '!' AND (t.x) NOT ILIKE 'b' ESCAPE '!')"},
		{name: "call and concat subject", in: "where a and upper(x) || 'z' like any ('A%')", want: "where a and ((upper(x) || 'z') LIKE 'A%')"},
		{name: "subquery", in: "where x like any (select p from q)", code: "001003"},
		{name: "no subject", in: "where like any ('a')", code: "001003"},
		{name: "plain like", in: "where x like 'a%'", want: "where x like 'a%'"},
	})
	c := newSQLCheck(t)
	require.Equal(t, "true|false|true|false", c.rows("select 'apple' like any ('%x%', 'ap%'), 'apple' like all ('%x%', 'ap%'), 'apple' like all ('a%', '%e'), 'Apple' like any ('a%')"))
	require.Equal(t, "true|true|false", c.rows("select 'Apple' ilike any ('a%'), 'apple' not like any ('a%', 'x%'), 'apple' not like all ('a%', 'x%')"))
	require.Equal(t, "true|false", c.rows("select 'a_c' like any ('a!_c') escape '!', 'abc' like any ('a!_c') escape '!'"))
	// NULL: a NULL subject matches nothing; a NULL pattern only answers when no other does.
	require.Equal(t, "NULL|true|NULL", c.rows("select null like any ('a%'), 'ab' like any (null, 'a%'), 'ab' like any (null, 'x%')"))
	c.exec("create table la (name varchar)", "insert into la values ('Alice'), ('bob'), ('Carol'), (null)")
	require.Equal(t, "Alice\nbob", c.rows("select name from la where name ilike any ('a%', 'B%') order by name"))
	require.Equal(t, "Carol", c.rows("select name from la where not name ilike any ('a%', 'B%') order by name"))
	c.fails("select 'a' like any (select 'a')", "001003", "LIKE ANY over a subquery")
}
