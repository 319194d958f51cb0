package sftest

import "testing"

func TestRegexpFunctions(t *testing.T) {
	checkTypedRows(t, []typedRows{
		{`select regexp_substr('It was the best of times', 'the\\W+(\\w+)', 1, 1, 'e', 1), regexp_substr('It was the best of times', 'the\\W+(\\w+)', 1, 1, 'e'), regexp_substr('abc ABC', 'abc', 2), regexp_substr('abc ABC', 'abc', 2, 1, 'i'), regexp_substr('abc', 'x', 1)`,
			"TEXT, TEXT, TEXT, TEXT, TEXT", "best|best|NULL|ABC|NULL"},
		{"select regexp_instr('It was the best of times, it was the worst of times', 'the', 1, 2), regexp_instr('ñandú ñandú', 'dú', 1, 2, 1), regexp_instr('abc', 'x', 1)",
			"FIXED(38,0), FIXED(38,0), FIXED(38,0)", "34|12|0"},
		{"select regexp_substr_all('a1_a2a3_a4A5a6', 'a[[:digit:]]'), regexp_substr_all('a1_a2a3_a4A5a6', 'a[[:digit:]]', 1, 1, 'i'), regexp_substr_all('a1_a2a3', 'a[[:digit:]]', 2, 2), regexp_substr_all('x', 'y')",
			"ARRAY, ARRAY, ARRAY, ARRAY", "[\n  \"a1\",\n  \"a2\",\n  \"a3\",\n  \"a4\",\n  \"a6\"\n]|" +
				"[\n  \"a1\",\n  \"a2\",\n  \"a3\",\n  \"a4\",\n  \"A5\",\n  \"a6\"\n]|[\n  \"a3\"\n]|[]"},
		{"select regexp_count('abcabc', 'b', 3), regexp_count('aBcabc', 'b', 1, 'i'), regexp_substr(null, 'a', 1)", "", "1|2|NULL"},
	})
	c := newSQLCheck(t)
	c.fails("select regexp_substr('abc', '(', 1)", "100048", "Invalid regular expression: '('")
	c.fails("select regexp_substr('abc', 'b', 0)", "001003", "REGEXP_SUBSTR with position 0")
	c.fails("select regexp_instr('a', 'a', 1, 1, 0, 'c', 1, 1)", "001003", "too many arguments")
}
