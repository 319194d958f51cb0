package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMonthsBetween(t *testing.T) {
	c := newSQLCheck(t)
	// Snowflake's documented examples.
	require.Equal(t, "1.000000|1.000000", c.rows("select months_between('2019-03-15'::date, '2019-02-15'::date), months_between('2019-03-31'::date, '2019-02-28'::date)"))
	require.Equal(t, "0.548387|0.549731|0.000000", c.rows(`select months_between('2019-03-01'::date, '2019-02-15'::date),
		months_between('2019-03-01 02:00:00'::timestamp, '2019-02-15 01:00:00'::timestamp),
		months_between('2019-02-15 02:00:00'::timestamp, '2019-02-15 01:00:00'::timestamp)`))
	require.Equal(t, "1.000000|1.064516|1.000000", c.rows("select months_between('2019-03-28'::date, '2019-02-28'::date), months_between('2019-03-30'::date, '2019-02-28'::date), months_between('2019-03-31'::date, '2019-02-28'::date)"))
	require.Equal(t, "1.000000|-1.000000|1.000000", c.rows("select months_between('2019-03-01'::date, '2019-02-01'::date), months_between('2019-02-01'::date, '2019-03-01'::date), months_between('2019-03-31 01:00:00'::timestamp, '2019-02-28 13:00:00'::timestamp)"))
	require.Equal(t, "FIXED(38,6)", c.types("select months_between('2024-03-31'::date, '2024-02-29'::date)"))
	// Across years, strings, a DATE against a TIMESTAMP, NULL.
	require.Equal(t, "-22.000000|13.000000|0.516129|NULL", c.rows(`select months_between('2022-05-10'::date, '2024-03-10'::date),
		months_between('2025-04-30', '2024-03-31'), months_between('2024-03-17'::date, '2024-03-01 00:00:00'::timestamp), months_between(null, '2024-01-01'::date)`))
	c.fails("select months_between('2024-13-01', '2024-01-01')", "100035", "'2024-13-01' is not recognized")
	c.fails("select months_between('2024-01-01'::date)", "001003", "expected 2, got 1")
}
