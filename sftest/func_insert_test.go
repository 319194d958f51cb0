package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestInsertFunction(t *testing.T) {
	c := newSQLCheck(t)
	// Snowflake's documented examples.
	require.Equal(t, "Zc|abzzzef|ac|abcZ", c.rows("select insert('abc', 1, 2, 'Z'), insert('abcdef', 3, 2, 'zzz'), insert('abc', 2, 1, ''), insert('abc', 4, 0, 'Z')"))
	require.Equal(t, "NULL|NULL|NULL|NULL", c.rows("select insert(null, 1, 2, 'Z'), insert('abc', null, 2, 'Z'), insert('abc', 1, null, 'Z'), insert('abc', 1, 2, null)"))
	require.Equal(t, "TEXT", c.types("select insert('abc', 1, 2, 'Z')"))
	// Characters, not bytes; a length past the end replaces to the end.
	require.Equal(t, "hé!|abX", c.rows("select insert('héllo', 3, 9, '!'), insert('abc', 3, 5, 'X')"))
	c.exec("create table ins (s varchar, p number)", "insert into ins values ('abcdef', 3)")
	require.Equal(t, "abXYef", c.rows("select insert(s, p, 2, 'XY') from ins"))
	// MERGE's INSERT is not the function.
	c.exec("create table mt (a number, b varchar)",
		"merge into mt using (select 1 as a, 'x' as b) s on mt.a = s.a when not matched then insert (a, b) values (s.a, insert(s.b, 2, 0, 'y'))")
	require.Equal(t, "1|xy", c.rows("select * from mt"))
	c.fails("select insert('abc', 0, 1, 'Z')", "001003", "unsupported by sftest: INSERT with position 0")
	c.fails("select insert('abc', 1, -1, 'Z')", "001003", "length -1")
	c.fails("select insert('abc', 1, 2)", "001003", "not enough arguments for function [insert('abc', 1, 2)], expected 4, got 3")
}
