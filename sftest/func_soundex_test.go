package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSoundex(t *testing.T) {
	for in, want := range map[string][2]string{
		"Robert": {"R163", "R163"}, "Rupert": {"R163", "R163"}, "Ashcraft": {"A261", "A261"},
		"Tymczak": {"T522", "T522"}, "Pfister": {"P236", "P123"}, "Lloyd": {"L300", "L430"},
		"Honeyman": {"H555", "H555"}, "Marsha": {"M620", "M620"}, "Marcia": {"M620", "M620"},
		"Smith": {"S530", "S530"}, "Johnson": {"J525", "J525"}, "o'hara": {"O600", "O600"},
		"  Lee": {"L000", "L000"}, "": {"", ""}, "123 !": {"", ""},
	} {
		require.Equal(t, want[0], soundex(in, false), in)
		require.Equal(t, want[1], soundex(in, true), "P123 %s", in)
	}
	c := newSQLCheck(t)
	q := "select soundex('Robert'), soundex_p123('Pfister'), soundex(null), soundex(42)"
	require.Equal(t, "R163|P123|NULL|", c.rows(q))
	require.Equal(t, "TEXT, TEXT, TEXT, TEXT", c.types(q))
	c.exec("create table sx (name varchar)", "insert into sx values ('Levine'), ('Lavine'), ('Smith')")
	require.Equal(t, "Lavine\nLevine", c.rows("select name from sx where soundex(name) = soundex('Leavine') order by name"))
	c.fails("select soundex('a', 'b')", "001003", "too many arguments for function [soundex('a', 'b')], expected 1, got 2")
}
