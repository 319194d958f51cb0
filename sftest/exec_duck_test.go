package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDDLStepsAreOneTransaction runs a DDL statement of two DuckDB steps
// whose second fails: the first must be undone with it, and a statement of
// one step runs as before.
func TestDDLStepsAreOneTransaction(t *testing.T) {
	srv, _ := newTestServer(t)
	ctx := testCtx(t)
	conn, err := srv.eng.db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	exists := func(name string) bool {
		var n int
		require.NoError(t, conn.QueryRowContext(ctx, "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", name).Scan(&n))
		return n == 1
	}
	half := &stmt{Kind: kindDDL, Duck: []string{"CREATE TABLE halfmade (a INT)", "COMMENT ON COLUMN halfmade.nosuch IS 'x'"}}
	_, _, err = srv.duckWork(ctx, conn, duckRun{p: half})
	require.Error(t, err)
	require.False(t, exists("halfmade"), "the failed statement's first step stayed")

	whole := &stmt{Kind: kindDDL, Duck: []string{"CREATE TABLE wholemade (a INT)"}, Declare: []string{"COMMENT ON COLUMN wholemade.a IS 'x'"}}
	_, _, err = srv.duckWork(ctx, conn, duckRun{p: whole})
	require.NoError(t, err)
	require.True(t, exists("wholemade"))
	var comment string
	require.NoError(t, conn.QueryRowContext(ctx, "SELECT comment FROM duckdb_columns() WHERE table_name = 'wholemade'").Scan(&comment))
	require.Equal(t, "x", comment, "the declare step did not run")
}
