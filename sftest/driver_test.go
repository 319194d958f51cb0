package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSelectOneColumnName(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	rows, err := db.QueryContext(ctx, "select 1 as x")
	require.NoError(t, err)
	defer rows.Close()
	cols, err := rows.Columns()
	require.NoError(t, err)
	require.Equal(t, []string{"X"}, cols)
	require.True(t, rows.Next())
	var x int64
	require.NoError(t, rows.Scan(&x))
	require.Equal(t, int64(1), x)
}
