package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPositionalColumns: $1, $2 over FROM VALUES read its columns and name
// result columns $1, $2 as Snowflake does; elsewhere they fail with a
// clear 001003, past the last column with 000904.
func TestPositionalColumns(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	rows, err := db.QueryContext(ctx, "select $1, $2 from values (1, 'x'), (2, 'y') order by $1 desc")
	require.NoError(t, err)
	cols, err := rows.Columns()
	require.NoError(t, err)
	require.Equal(t, []string{"$1", "$2"}, cols)
	var got []string
	for rows.Next() {
		var n int64
		var s string
		require.NoError(t, rows.Scan(&n, &s))
		got = append(got, itoa(n)+s)
	}
	require.NoError(t, rows.Close())
	require.Equal(t, []string{"2y", "1x"}, got)

	var sum int64
	require.NoError(t, db.QueryRowContext(ctx, "select sum($1 * $2) from (values (2, 3), (4, 5)) as v(a, b) where $1 > ?", 1).Scan(&sum))
	require.Equal(t, int64(26), sum)
	var s string
	require.NoError(t, db.QueryRowContext(ctx, "select t.$2 from values (1, 'only') t").Scan(&s))
	require.Equal(t, "only", s)

	mustExec(t, ctx, db, "create table pt (a number)")
	requireCompileOutcomes(t, ctx, db, map[string]string{
		"select $1 from pt":                                       "001003",
		"select $1 from values (1) a join values (2) b":           "001003",
		"select $3 from values (1, 2)":                            "000904",
		"select $0 from values (1, 2)":                            "000904",
		"select $1 from (select * from values (1, 2)) sub":        "",
		"insert into pt select $1 from values (5), (6)":           "",
		"select a from pt where a in (select $1 from values (5))": "",
	})
}
