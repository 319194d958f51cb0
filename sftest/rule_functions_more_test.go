package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRuleMoreFunctions(t *testing.T) {
	db := openDuck(t)
	run := func(s string) [][]string { t.Helper(); return runSnowflake(t, db, nil, s) }
	require.Equal(t, [][]string{{"NULL", "true", "false", "NULL"}},
		run("select nullifzero(0), equal_null(null, null), booland(1, 0), concat('a', null)"))
	require.Equal(t, [][]string{{"Hello World", "4", "a#b#c#", "b", "2", "3"}},
		run("select initcap('hello wORLD'), charindex('an', 'banana', 3), regexp_replace('a1b22c333', '[0-9]+', '#'), strtok('a..b', '.', 2), regexp_count('abab', 'b'), editdistance('kitten', 'sitting')"))
	require.Equal(t, [][]string{{"2024-03-01", "2024-02-29", "0", "Sun"}},
		run("select date_from_parts(2024, 2, 30)::varchar, add_months('2024-01-31'::date, 1)::varchar, dayofweek('2024-03-17'::date), dayname('2024-03-17'::date)"))
	require.Equal(t, [][]string{{"2024-12-31", "2024-03-18", "2024-03-11", "2024-03-17 10:00:00.000"}},
		run("select last_day('2024-02-10'::date, 'year')::varchar, next_day('2024-03-14'::date, 'Monday')::varchar, previous_day('2024-03-14'::date, 'mo')::varchar, time_slice('2024-03-17 10:07:00'::timestamp_ntz, 15, 'MINUTE')::varchar"))
	require.Equal(t, [][]string{{"U25vd2ZsYWtl", "536E6F77", "Snow"}},
		run("select base64_encode('Snowflake'), hex_encode('Snow'), hex_decode_string('536E6F77')"))
	require.Equal(t, [][]string{{"acac"}}, run("select replace('abcabc', 'b')"))
	require.Equal(t, [][]string{{"x", "20"}}, run("select * replace ('x' as a, 20 as b) from (select 1 as a, 2 as b)"))
	require.Equal(t, [][]string{{"2", "c"}},
		run(`select get(parse_json('[1, 2]'), 1)::varchar, get(parse_json('{"k": "c"}'), 'k')::varchar`))
	require.Equal(t, [][]string{{"Oslo", "true"}},
		run(`select get_path(parse_json('{"a": {"city": "Oslo"}}'), 'a.city')::varchar, is_null_value(parse_json('{"x": null}'):x)`))
}

func TestRuleSetOperators(t *testing.T) {
	checkRule(t, ruleSetOperators, nil, []ruleCase{
		{name: "minus", in: "select 1 minus select 2", want: "select 1 EXCEPT select 2"},
		{name: "hex literal", in: "select x'4142'", want: "select unhex('4142')"},
		{name: "alias x untouched", in: "select x from t x", want: "select x from t x"},
	})
}

// TestSelectAliasesDistinctFrom: IS [NOT] DISTINCT FROM does not end the select list.
func TestSelectAliasesDistinctFrom(t *testing.T) {
	checkRule(t, ruleSelectAliases, nil, []ruleCase{
		{name: "distinct from", in: "select 1 is not distinct from null from t", want: `select 1 is not distinct from null AS "1 IS NOT DISTINCT FROM NULL" from t`},
	})
}
