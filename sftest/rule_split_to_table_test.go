package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TABLE(SPLIT_TO_TABLE(...)) gives SEQ, INDEX and VALUE rows, laterally
// per row of a table too, with Snowflake's empty and NULL cases.
func TestSplitToTable(t *testing.T) {
	ctx, conn := driverConn(t)
	types, rows := semiRows(t, ctx, conn, "select seq, index, value from table(split_to_table('a.b..c', '.')) order by index")
	require.Equal(t, []string{"FIXED", "FIXED", "TEXT"}, types)
	require.Equal(t, []string{"1 | 1 | a", "1 | 2 | b", "1 | 3 | ", "1 | 4 | c"}, rows)
	require.Equal(t, [][]string{{"a, b", "1"}}, driverRows(t, ctx, conn, "select value, index from table(split_to_table('a, b', ''))"))
	require.Equal(t, [][]string{{"", "1"}}, driverRows(t, ctx, conn, "select value, index from table(split_to_table('', ','))"))
	require.Empty(t, driverRows(t, ctx, conn, "select value from table(split_to_table(null, ','))"))

	driverExec(t, ctx, conn, "create table tags (id int, csv string)", "insert into tags values (1, 'x,y'), (2, 'z'), (3, null)")
	require.Equal(t, [][]string{{"1", "1", "x"}, {"1", "2", "y"}, {"2", "1", "z"}},
		driverRows(t, ctx, conn, "select t.id, s.index, s.value from tags t, lateral split_to_table(t.csv, ',') s order by t.id, s.index"))
	require.Equal(t, [][]string{{"1", "y"}},
		driverRows(t, ctx, conn, "select id, value from tags, table(split_to_table(tags.csv, ',')) where index = 2"))

	_, err := conn.ExecContext(ctx, "select * from table(split_to_table('a'))")
	require.ErrorContains(t, err, "not enough arguments for function [SPLIT_TO_TABLE('a')], expected 2, got 1")
}
