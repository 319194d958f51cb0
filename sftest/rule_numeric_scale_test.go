package sftest

import "testing"

func TestNumericScale(t *testing.T) {
	checkTypedRows(t, []typedRows{
		{"select ceil(1.234, 2), floor(-1.234, 1), ceil(1.10, 1), floor(155, -1), ceil(151, -2), trunc(123.456, -1)",
			"FIXED(38,2), FIXED(38,1), FIXED(38,1), FIXED(38,0), FIXED(38,0), FIXED(6,0)", "1.24|-1.3|1.1|150|200|120"},
		{"select round(2.5, 0, 'HALF_TO_EVEN'), round(-2.5, 0, 'HALF_TO_EVEN'), round(2.5, 0, 'HALF_AWAY_FROM_ZERO'), round(2.675, 2, 'half_to_even'), round(2.665, 2, 'HALF_TO_EVEN'), round(25, -1, 'HALF_TO_EVEN'), round(35, -1, 'HALF_TO_EVEN')",
			"", "2|-2|3|2.68|2.66|20|40"},
	})
	c := newSQLCheck(t)
	c.fails("select round(2.5, 0, 'UP')", "001003", "invalid value ['UP'] for parameter 'ROUNDING_MODE'")
	c.fails("select ceil(1.5, column1) from values (1)", "001003", "CEIL with a scale that is not an integer literal")
}
