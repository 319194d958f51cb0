package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestWindowFunctions: RATIO_TO_REPORT, OBJECT_AGG and IGNORE|RESPECT
// NULLS after the argument list, through the driver.
func TestWindowFunctions(t *testing.T) {
	ctx, conn := driverConn(t)
	driverExec(t, ctx, conn,
		"create table w (g int, a int, v int, k string)",
		"insert into w values (1, 1, null, 'x'), (1, 2, 5, 'y'), (2, 3, null, null), (2, 4, 0, 'z')",
	)
	// A NUMBER with scale 6; a zero or NULL sum gives NULL, as does a NULL value.
	require.Equal(t, [][]string{
		{"1", "0.100000", "0.333333", "NULL"},
		{"2", "0.200000", "0.666667", "1.000000"},
		{"3", "0.300000", "0.428571", "NULL"},
		{"4", "0.400000", "0.571429", "NULL"},
	}, driverRows(t, ctx, conn, `select a, ratio_to_report(a) over (), ratio_to_report(a) over (partition by g),
		ratio_to_report(v) over (partition by g) from w order by a`))
	requireCode(t, ctx, conn, "select ratio_to_report(a) over (order by a) from w", 1003)
	requireCode(t, ctx, conn, "select ratio_to_report(a) from w", 1003)

	// NULL keys and values are skipped; keys come in order; no pairs is {}.
	require.JSONEq(t, `{"x": 1, "y": 2, "z": 4}`, driverRows(t, ctx, conn, "select object_agg(k, a) from w")[0][0])
	got := driverRows(t, ctx, conn, "select g, object_agg(k, v) from w group by g order by g")
	require.JSONEq(t, `{"y": 5}`, got[0][1])
	require.JSONEq(t, `{"z": 0}`, got[1][1])
	require.JSONEq(t, `{"x": {"n": 1}}`, driverRows(t, ctx, conn, `select object_agg(k, parse_json('{"n": ' || a || '}')) from w where a = 1`)[0][0])
	require.Equal(t, "{}", driverRows(t, ctx, conn, "select object_agg(k, a) from w where a > 10")[0][0])
	got = driverRows(t, ctx, conn, "select a, object_agg(k, a) over (partition by g) from w order by a")
	require.JSONEq(t, `{"x": 1, "y": 2}`, got[0][1])
	require.JSONEq(t, `{"z": 4}`, got[3][1])
	requireCode(t, ctx, conn, "select object_agg(k) from w", 1003)
	_, err := conn.ExecContext(ctx, "select object_agg(g, a) from w")
	require.Error(t, err, "a repeated key fails")
	require.JSONEq(t, `{"1": "x"}`, driverRows(t, ctx, conn, "select object_agg(distinct g, 'x') from w where g = 1")[0][0])

	require.Equal(t, [][]string{
		{"1", "NULL", "NULL", "NULL", "5", "NULL"},
		{"2", "5", "NULL", "NULL", "0", "5"},
		{"3", "5", "NULL", "5", "0", "5"},
		{"4", "0", "NULL", "5", "-1", "5"},
	}, driverRows(t, ctx, conn, `select a, last_value(v) ignore nulls over (order by a), first_value(v) respect nulls over (order by a),
		lag(v) ignore nulls over (order by a), lead(v, 1, -1) ignore nulls over (order by a),
		nth_value(v, 1) ignore nulls over (order by a rows between unbounded preceding and current row) from w order by a`))
	// The column is named as written.
	rows, err := conn.QueryContext(ctx, "select last_value(v) IGNORE NULLS over (order by a) from w")
	require.NoError(t, err)
	names, err := rows.Columns()
	require.NoError(t, err)
	require.NoError(t, rows.Close())
	require.Equal(t, []string{"LAST_VALUE(V) IGNORE NULLS OVER (ORDER BY A)"}, names)
}

// TestNullsTreatmentRewrite: quoted text and other functions are left
// alone.
func TestNullsTreatmentRewrite(t *testing.T) {
	in := `select 'lag(x) ignore nulls', sum(x) ignore_nulls, lag(x) respect nulls over (order by y)`
	got, err := nullsTreatment(in)
	require.NoError(t, err)
	require.Equal(t, `select 'lag(x) ignore nulls', sum(x) ignore_nulls, lag(x)   over (order by y)`, got)
}
