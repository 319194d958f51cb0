package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCurrentStatement(t *testing.T) {
	c := newSQLCheck(t)
	q := "select current_statement(), 'it''s' as x"
	require.Equal(t, q+"|it's", c.rows(q))
	require.Equal(t, "TEXT, TEXT", c.types(q))
	c.fails("select current_statement(1)", "001003", "too many arguments for function [CURRENT_STATEMENT]")
}
