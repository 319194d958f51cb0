package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// CONCAT_WS, GREATEST and LEAST are NULL when any argument is, as in
// Snowflake; their _IGNORE_NULLS forms skip NULLs; nested calls work.
func TestRuleNullStrict(t *testing.T) {
	c := newSQLCheck(t)
	require.Equal(t, "NULL|NULL|NULL", c.rows("select concat_ws('-', 'a', null), greatest(1, null, 3), least(2, null)"))
	require.Equal(t, "a-b|3|1", c.rows("select concat_ws('-', 'a', 'b'), greatest(1, 2, 3), least(2, 1)"))
	require.Equal(t, "3|1", c.rows("select greatest_ignore_nulls(1, null, 3), least_ignore_nulls(null, 1)"))
	require.Equal(t, "5|NULL", c.rows("select greatest(1, least(5, 9)), greatest(1, least(5, null))"))
}
