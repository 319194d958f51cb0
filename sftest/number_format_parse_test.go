package sftest

import "testing"

func TestToNumberWithFormat(t *testing.T) {
	checkTypedRows(t, []typedRows{
		{"select to_number('$1,234.50', '$9,999.99', 10, 2), try_to_number('1,234', '9,999'), to_decimal('-12.5', '99.9', 5, 1), to_number('12-', '99MI'), try_to_number('12345', '9,999'), try_to_number('1.234', '9.99', 5, 2), to_number(null, '99')",
			"FIXED(10,2), FIXED(38,0), FIXED(5,1), FIXED(38,0), FIXED(38,0), FIXED(5,2), FIXED(38,0)", "1234.50|1234|-12.5|-12|NULL|NULL|NULL"},
	})
	c := newSQLCheck(t)
	c.fails("select to_number('12a', '999')", "100038", "Numeric value '12a' is not recognized")
	c.fails("select to_number('12', '999', 10)", "001003", "precision and scale both or neither")
}
