package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRuleStringArithmetic(t *testing.T) {
	for in, want := range map[string]string{
		"select '5' + 3":                "select CAST('5' AS DECIMAL(38,0)) + 3",
		"select 2 * '1.25', -'7'":       "select 2 * CAST('1.25' AS DECIMAL(38,2)), -CAST('7' AS DECIMAL(38,0))",
		"select '1e3' / 2":              "select CAST('1e3' AS DOUBLE) / 2",
		"select 'abc' + 1":              "select CAST('abc' AS DECIMAL(38,0)) + 1",
		"select d + interval '1' day":   "select d + interval '1' day",
		"select 1 + '2024-01-01'::date": "select 1 + '2024-01-01'::date",
		"select date '2024-01-01' - 1":  "select date '2024-01-01' - 1",
		"select '5', f('5') + 1":        "select '5', f('5') + 1",
		"select x from t where v = '5'": "select x from t where v = '5'",
	} {
		got, err := ruleStringArithmetic(in, nil)
		require.NoError(t, err)
		require.Equal(t, want, got, in)
	}
}

// Through the driver: Snowflake's values and types, and its error for a
// string that is no number.
func TestStringArithmeticThroughDriver(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	var a, b string
	require.NoError(t, db.QueryRowContext(ctx, "select '5' + 3, '2.5' * 2").Scan(&a, &b))
	require.Equal(t, "8", a)
	require.Equal(t, "5.0", b)
	_, err := db.ExecContext(ctx, "select 'abc' + 1")
	require.Error(t, err)
	require.Contains(t, err.Error(), "100038")
	require.Contains(t, err.Error(), "Numeric value 'abc' is not recognized")
}
