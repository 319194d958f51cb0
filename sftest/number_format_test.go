package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNumberFormatDocs prints the examples of Snowflake's TO_CHAR and "SQL
// format models" documentation with their documented output.
func TestNumberFormatDocs(t *testing.T) {
	exact := func(s string) numValue { v, err := parseNumValue(s); require.NoError(t, err); return v }
	float := func(f float64) numValue { v, err := numValueOf(f); require.NoError(t, err); return v }
	check := func(f string, v numValue, want string) {
		t.Helper()
		nf, err := parseNumberFormat(f)
		require.NoError(t, err, f)
		require.Equal(t, want, nf.format(v), "%s of %+v", f, v)
	}
	// TO_CHAR's table: a NUMBER column with scale 3.
	for _, row := range []struct{ v, d21, d41, tme, tm9, x4, sx4 string }{
		{"-12.391", ">-$12.4<", ">   -12.4<", ">-1.2391E1<", ">-12.391<", ">FFF4<", ">-000C<"},
		{"0.000", ">  $0.0<", ">      .0<", ">0E0<", ">0.000<", ">0000<", ">+0000<"},
		{"-1.000", "> -$1.0<", ">    -1.0<", ">-1E0<", ">-1.000<", ">FFFF<", ">-0001<"},
		{"0.100", ">  $0.1<", ">      .1<", ">1E-1<", ">0.100<", ">0000<", ">+0000<"},
		{"0.010", ">  $0.0<", ">      .0<", ">1E-2<", ">0.010<", ">0000<", ">+0000<"},
		{"3987.000", "> $##.#<", "> 3,987.0<", ">3.987E3<", ">3987.000<", ">0F93<", ">+0F93<"},
		{"1.111", ">  $1.1<", ">     1.1<", ">1.111E0<", ">1.111<", ">0001<", ">+0001<"},
	} {
		v := exact(row.v)
		check(`">"$99.0"<"`, v, row.d21)
		check(`">"B9,999.0"<"`, v, row.d41)
		check(`">"TME"<"`, v, row.tme)
		check(`">"TM9"<"`, v, row.tm9)
		check(`">"0XXX"<"`, v, row.x4)
		check(`">"S0XXX"<"`, v, row.sx4)
	}
	// Sign positions: 12 and -7.
	for f, want := range map[string][2]string{
		"99": {" 12", " -7"}, "S99": {"+12", " -7"}, "99S": {"12+", " 7-"}, "MI99": {" 12", "- 7"},
		"99MI": {"12 ", " 7-"}, "$99": {" $12", " -$7"}, "FM99": {"12", "-7"},
	} {
		check(f, exact("12"), want[0])
		check(f, exact("-7"), want[1])
	}
	// The FLOAT column of the format models page: a float's trailing zeros
	// in 9 positions are blanks.
	for _, row := range []struct {
		f                float64
		nines, zeros, fm string
	}{
		{1.2, "       1.2  ", "+000,001.200", "1.2"},
		{123.456, "     123.456", "+000,123.456", "123.456"},
		{1234.56, "   1,234.56 ", "+001,234.560", "1,234.56"},
		{-123456.789, "-123,456.789", "-123,456.789", "-123,456.789"},
	} {
		check("999,999.999", float(row.f), row.nines)
		check("S000,000.000", float(row.f), row.zeros)
		check("FM999,999.999", float(row.f), row.fm)
	}
	check(`">"99"<"`, exact("12"), "> 12<")
	check("9,999.99", exact("1234.5"), " 1,234.50")
	check("999", exact("5"), "   5")
	check("0000", exact("5"), " 0005")
	check("S9.99", exact("1.5"), "+1.50")
	check("$9,999", exact("1234"), " $1,234")
	check("9.9", exact("0.05"), " 0.1")
	check("9.99", exact("-0.001"), " 0.00")
	check("99", exact("100"), " ##")
	check("xxxx", exact("255"), "  ff")
	check("TM", exact("1000000000000000000000"), "1E21")
	check("TM", exact("12.5"), "12.5")
}

func TestNumberFormatParse(t *testing.T) {
	for f, want := range map[string]string{
		"9EEEE": "exponent", "99.9.9": "digits after", "S99MI": "more than one sign", "9X": "X with 9",
		"X.X": "digits after", "99$": "$ or B after", `"abc`: "unterminated", "9Q": "element 'Q'", "TM99": "digits after",
	} {
		_, err := parseNumberFormat(f)
		require.ErrorContains(t, err, want, f)
	}
	_, err := parseNumberFormat("abc")
	require.ErrorContains(t, err, "element 'a'")
	_, err = parseNumberFormat(`"x"`)
	require.ErrorIs(t, err, errNoNumber)
}

func TestRuleNumberFormat(t *testing.T) {
	c := newSQLCheck(t)
	q := "select to_char(1234.5, '9,999.99'), to_varchar(-5, 'S999'), to_char(255, 'FMXXXX'), to_char(7, '0000'), to_char(1234, '$9,999')"
	require.Equal(t, " 1,234.50|  -5|FF| 0007| $1,234", c.rows(q))
	require.Equal(t, "TEXT, TEXT, TEXT, TEXT, TEXT", c.types(q))
	c.exec("create table nf (n number(10,2), f float, s varchar)", "insert into nf values (12.5, 1.25, '3.5'), (null, null, null)")
	require.Equal(t, "    12.50|   1.25 |3.5\nNULL|NULL|NULL", c.rows("select to_char(n, '9,999.99'), to_char(f, '999.999'), to_char(s, 'FM9.9') from nf order by n"))
	// Date formats still go to strftime.
	require.Equal(t, "2024-03-05|14:30", c.rows("select to_char('2024-03-05'::date, 'YYYY-MM-DD'), to_char('2024-03-05 14:30:00'::timestamp, 'HH24:MI')"))
	c.fails("select to_char(1, '9.99EEEE')", "001003", "unsupported by sftest: TO_CHAR with the number format '9.99EEEE': the exponent elements (EE...) are not emulated")
	c.fails("select to_char(1, 'FM9Q')", "001003", "element 'Q'")
	c.fails("select to_char('abc', '999')", "100038", "Numeric value 'abc' is not recognized")
}
