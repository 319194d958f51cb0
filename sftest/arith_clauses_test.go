package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Divisions in WHERE, GROUP BY and HAVING are exact NUMBER divisions too,
// so a comparison with a quotient's Snowflake value holds (1/3 is
// 0.333333, not DOUBLE's 0.3333333333333333), a select item grouped by the
// same division is exact and still matches its GROUP BY, and a ? bind in an
// operand is typed by its value.
func TestExactDivisionInClauses(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	execAll(t, ctx, db,
		"create table g (a int, n number(10,2))",
		"insert into g values (1, 2.50), (2, 3.50), (3, 2.50)")
	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		require.NoError(t, db.QueryRowContext(ctx, q, args...).Scan(&n), q)
		return n
	}
	require.Equal(t, 1, count("select count(*) from g where a / 3 = 0.333333"))
	require.Equal(t, 1, count("select count(*) from g where a / ? = 0.333333", 3))
	require.Equal(t, 2, count("select count(*) from g where div0(n, a - 1) = 0 or a / 2 = 1.5"))
	require.Equal(t, 2, count("select count(*) from (select a from g group by a having sum(n) / 3 = 0.83333333)"))
	require.Equal(t, 0, count("select count(*) from g where a / 3.0e0 = 0.333333"), "a FLOAT divisor keeps DOUBLE")

	rows, err := db.QueryContext(ctx, "select a / 3 as q, count(*) from g group by a / 3 order by 1")
	require.NoError(t, err)
	cts, err := rows.ColumnTypes()
	require.NoError(t, err)
	require.Equal(t, "FIXED", cts[0].DatabaseTypeName())
	var got []string
	for rows.Next() {
		var q string
		var c int
		require.NoError(t, rows.Scan(&q, &c))
		got = append(got, q)
	}
	require.NoError(t, rows.Close())
	require.Equal(t, []string{"0.333333", "0.666667", "1.000000"}, got)

	// GROUP BY a position: the operands are probed as they are.
	var q string
	require.NoError(t, db.QueryRowContext(ctx, "select a / 3, count(*) from g group by 1 order by 1 limit 1").Scan(&q, new(int)))
	require.Equal(t, "0.333333", q)

	// A + - * in WHERE alone needs no retyping (it compares the same).
	require.Nil(t, exactArithmetic(tokenize("select a from g where a + 1 > n * 2"), nil))
}

// probeBinds orders a probe's placeholders as the probe holds them: the
// CTEs', the columns', then the tail's.
func TestProbeBinds(t *testing.T) {
	toks := tokenize("select a / ?, ? * b from t where c = ?")
	var qs []int
	for i, tk := range toks {
		if tk.is("?") {
			qs = append(qs, i)
		}
	}
	require.Len(t, qs, 3)
	require.Equal(t, []int{2, 1, 0}, probeBinds(toks, [][2]int{{qs[2], qs[2] + 1}, {qs[1], qs[1] + 1}, {qs[0], qs[0] + 1}}))
	require.Nil(t, probeBinds(tokenize("select a / $1 from t"), [][2]int{{0, 5}}))
}
