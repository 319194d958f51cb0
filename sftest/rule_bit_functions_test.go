package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// BITAND, BITOR, BITXOR, BITNOT and the shifts answer Snowflake's numbers
// (two's complement, beyond 64 bits) and NULL for a NULL operand.
func TestBitFunctions(t *testing.T) {
	ctx, conn := driverConn(t)
	types, rows := semiRows(t, ctx, conn, `select bitand(12, 10), bitor(12, 10), bitxor(12, 10), bitnot(0), bitnot(5),
		bitshiftleft(1, 4), bitshiftright(256, 4), bitshiftleft(1, 64), bitshiftright(-16, 2), bitand(null, 1), bitshiftleft(1, null)`)
	require.Equal(t, []string{"FIXED", "FIXED", "FIXED", "FIXED", "FIXED", "FIXED", "FIXED", "FIXED", "FIXED", "FIXED", "FIXED"}, types)
	require.Equal(t, []string{"8 | 14 | 6 | -1 | -6 | 16 | 16 | 18446744073709551616 | -4 | NULL | NULL"}, rows)
	driverExec(t, ctx, conn, "create table bits (a int, b int)", "insert into bits values (6, 3), (null, 1)")
	require.Equal(t, [][]string{{"2", "7", "5"}, {"NULL", "NULL", "NULL"}},
		driverRows(t, ctx, conn, "select bitand(a, b), bitor(a, b), bitxor(a, b) from bits order by a nulls last"))
	_, err := conn.ExecContext(ctx, "select bitand(1)")
	require.ErrorContains(t, err, "not enough arguments for function [BITAND(1)], expected 2, got 1")
	_, err = conn.ExecContext(ctx, "select bitnot(1, 2)")
	require.ErrorContains(t, err, "too many arguments for function [BITNOT(1, 2)], expected 1, got 2")
}
