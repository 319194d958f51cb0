package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRuleConversions(t *testing.T) {
	db := openDuck(t)
	run := func(s string) [][]string { t.Helper(); return runSnowflake(t, db, nil, s) }
	require.Equal(t, [][]string{{"2024-03-05", "2024-03-05", "2024-12-31"}},
		run(`select to_varchar(to_date('05/03/2024', 'DD/MM/YYYY'), 'YYYY-MM-DD'), to_date('2024-03-05')::varchar, date('31.12.2024', 'DD.MM.YYYY')::varchar`))
	require.Equal(t, [][]string{{"2024-03-05 14:30:15.000", "Mar 05, 2024", "14:30"}},
		run(`select to_timestamp('2024-03-05 14:30:15', 'YYYY-MM-DD HH24:MI:SS')::varchar, to_char(to_date('2024-03-05'), 'MON DD, YYYY'), to_char(to_timestamp_ntz('2024-03-05 14:30:15'), 'HH24:MI')`))
	require.Equal(t, [][]string{{"13", "12.35", "1.5", "true"}},
		run(`select to_number('12.7'), to_decimal('12.345', 10, 2), to_double('1.5'), to_boolean('true')`))
	require.Equal(t, [][]string{{"NULL", "NULL", "NULL", "7", "NULL"}},
		run(`select try_to_number('abc'), try_to_date('2024-13-01'), try_to_timestamp('x', 'YYYY'), try_to_number('7'), try_to_date('31/02/2024', 'DD/MM/YYYY')`))
	require.Equal(t, [][]string{{"2023-11-14 22:13:20.000"}}, run(`select to_timestamp(1700000000)::varchar`))
	for _, bad := range []string{
		"select to_char(1234.5, '9.99EEEE')", "select to_date(x, fmt_col) from t",
	} {
		_, err := parseStatement(bad, nil)
		require.ErrorContains(t, err, "unsupported by sftest", bad)
	}
	// Failing as Snowflake does: a bad conversion is an error, not NULL.
	_, err := db.Exec(mustDuck(t, "select to_number('abc')"))
	require.Error(t, err)
}

func TestRuleSemiStructured(t *testing.T) {
	db := openDuck(t)
	run := func(s string) [][]string { t.Helper(); return runSnowflake(t, db, nil, s) }
	require.Equal(t, [][]string{{`{"a":1,"c":"x"}`, `{"a":1,"b":null}`, `[1,"two",null]`}},
		run(`select object_construct('a', 1, 'b', null, 'c', 'x')::varchar, object_construct_keep_null('a', 1, 'b', null)::varchar, array_construct(1, 'two', null)::varchar`))
	run("create table g (k int, v varchar, o int); insert into g values (1, 'b', 2), (1, 'a', 1), (1, null, 3), (2, 'z', 1)")
	require.Equal(t, [][]string{{"1", `["a","b"]`}, {"2", `["z"]`}},
		run(`select k, array_agg(v) within group (order by o)::varchar from g group by k order by k`))
	require.Equal(t, [][]string{{`[]`}}, run(`select array_agg(v)::varchar from g where k = 3`))
	require.Equal(t, [][]string{{`["a","b","z"]`}}, run(`select array_agg(distinct v) within group (order by v)::varchar from g`))
	_, err := parseStatement("select array_agg(v) over (partition by k) from g", nil)
	require.ErrorContains(t, err, "ARRAY_AGG as a window function")
}

// mustDuck is the DuckDB text of one Snowflake statement.
func mustDuck(t *testing.T, s string) string {
	t.Helper()
	st, err := parseStatement(s, nil)
	require.NoError(t, err)
	return st.Duck[len(st.Duck)-1]
}
