package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// DDL commits the open transaction and then itself, as Snowflake does: a
// later ROLLBACK undoes neither, and the statements after the DDL
// autocommit. TRUNCATE, DML in Snowflake's terms, stays in the transaction
// and is replayed with it.
func TestTxnDDLCommitsTransaction(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn := pinned(t, db)
	run(t, ctx, conn, "create table ta (a int not null)", "begin", "insert into ta values (1)",
		"create table tdd (d number(10,2))", "insert into ta values (2)", "rollback")
	require.Equal(t, []int64{1, 2}, int64s(t, ctx, conn, "select a from ta order by a"))
	require.Empty(t, int64s(t, ctx, conn, "select d from tdd"), "the table created in the transaction stays")

	run(t, ctx, conn, "begin", "truncate table ta", "insert into ta values (5)")
	requireCode(t, ctx, conn, "insert into ta values (null)", 100072)
	run(t, ctx, conn, "insert into ta values (6)", "commit")
	require.Equal(t, []int64{5, 6}, int64s(t, ctx, conn, "select a from ta order by a"))

	run(t, ctx, conn, "begin", "truncate table ta", "rollback")
	require.Equal(t, []int64{5, 6}, int64s(t, ctx, conn, "select a from ta order by a"))

	// DDL in a Scripting block run inside the transaction commits it too.
	run(t, ctx, conn, "begin", "insert into ta values (7)",
		"BEGIN CREATE TABLE tblk (a INT); INSERT INTO ta VALUES (8); END;", "insert into ta values (9)", "rollback")
	require.Equal(t, []int64{5, 6, 7, 8, 9}, int64s(t, ctx, conn, "select a from ta order by a"))
	run(t, ctx, conn, "begin", "insert into ta values (10)", "rollback")
	require.Equal(t, []int64{5, 6, 7, 8, 9}, int64s(t, ctx, conn, "select a from ta order by a"), "BEGIN opens a new transaction")
}
