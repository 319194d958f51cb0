package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMergeNondeterministicUpdateFails merges a source with two rows for
// one target row: Snowflake refuses to pick the update (100090) and leaves
// the table as it was, takes several rows that only delete a target row,
// and picks one when ERROR_ON_NONDETERMINISTIC_MERGE is FALSE.
func TestMergeNondeterministicUpdateFails(t *testing.T) {
	c := newSQLCheck(t)
	c.exec("create table mt (id int, v varchar)", "insert into mt values (1, 'a'), (2, 'b')",
		"create table ms (id int, v varchar, del boolean)",
		"insert into ms values (1, 'x', false), (1, 'y', false), (3, 'z', false), (2, 'd', true), (2, 'e', true)")
	c.fails("merge into mt using ms on mt.id = ms.id when matched then update set v = ms.v when not matched then insert (id, v) values (ms.id, ms.v)",
		"100090", "Duplicate row detected during DML action\nRow Values: [1, \"a\"]")
	require.Equal(t, "1|a\n2|b", c.rows("select * from mt order by id"))

	// One update per target row once the clauses' conditions apply; deletes may repeat.
	require.Equal(t, "1|1", c.rows("merge into mt t using ms s on t.id = s.id when matched and s.del then delete "+
		"when matched and s.v = 'x' then update set v = s.v"))
	require.Equal(t, "1|x", c.rows("select * from mt order by id"))

	c.exec("alter session set error_on_nondeterministic_merge = false")
	c.exec("merge into mt using ms on mt.id = ms.id when matched then update set v = ms.v")
	require.Contains(t, []string{"1|x", "1|y"}, c.rows("select * from mt order by id"))
}

// TestMergeCheckWithBinds runs MERGEs whose binds sit where the
// duplicate check reads them and where it does not.
func TestMergeCheckWithBinds(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, "create table mbt (id int, v varchar)")
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, "insert into mbt values (1, 'a')")
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, "merge into mbt t using (select ? id, ? v) s on t.id = s.id when matched then update set v = s.v when not matched then insert (id, v) values (s.id, ?)", 2, "b", "c")
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, "merge into mbt t using (select 1 id) s on t.id = s.id when matched then update set v = ? when not matched then insert (id, v) values (s.id, 'q')", "z")
	require.NoError(t, err)
	var n int
	require.NoError(t, db.QueryRowContext(ctx, "select count(*) from mbt where v in ('c', 'z')").Scan(&n))
	require.Equal(t, 2, n)
}
