package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDateDiffWeeks(t *testing.T) {
	c := newSQLCheck(t)
	q := "select datediff(week, '2024-01-07'::date, '2024-01-08'::date), datediff(week, '2024-01-06'::date, '2024-01-07'::date), " +
		"datediff('wk', '2024-01-01'::date, '2024-01-31'::date), timestampdiff(weeks, '2024-01-15 10:00:00'::timestamp_ntz, '2024-01-01 00:00:00'::timestamp_ntz)"
	require.Equal(t, "1|0|4|-2", c.rows(q))
	require.Equal(t, "FIXED(38,0), FIXED(38,0), FIXED(38,0), FIXED(38,0)", c.types(q))
	// Weeks starting on Sunday: Saturday to Sunday crosses one.
	c.exec("alter session set week_start = 7")
	require.Equal(t, "0|1", c.rows("select datediff(week, '2024-01-07'::date, '2024-01-08'::date), datediff(week, '2024-01-06'::date, '2024-01-07'::date)"))
}
