package sfasync_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/sftest"
)

// childrenOf returns the history entries a block or CALL ran.
func childrenOf(srv *sftest.Server, parentID string) []sftest.Query {
	var out []sftest.Query
	for _, q := range srv.Queries() {
		if q.ParentID == parentID {
			out = append(out, q)
		}
	}
	return out
}

// TestProcedureCallThroughSubmitNoWait submits CALLs of a SQL procedure
// through sfasync's asynchronous path: a query ID at once, RUNNING while the
// body runs, a result like any statement's, and Cancel aborting the body and
// the child statement it is running.
func TestProcedureCallThroughSubmitNoWait(t *testing.T) {
	srv, db := newServer(t)
	ctx := context.Background()
	_, err := db.ExecContext(ctx, "CREATE TABLE loads (region VARCHAR)")
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, `CREATE OR REPLACE PROCEDURE load_region(region VARCHAR, secs INT)
RETURNS VARCHAR LANGUAGE SQL AS $$
BEGIN
  INSERT INTO loads VALUES (:region);
  CALL SYSTEM$WAIT(:secs);
  RETURN 'loaded ' || region;
END;
$$`)
	require.NoError(t, err)

	c := sfasync.New(db)
	defer c.Close()
	quick, err := c.SubmitNoWait(ctx, "CALL load_region('EU', 0)")
	require.NoError(t, err)
	slow, err := c.SubmitNoWait(ctx, "CALL load_region('NA', 60)")
	require.NoError(t, err)

	res, err := quick.Result(ctx)
	require.NoError(t, err)
	require.Equal(t, []string{"LOAD_REGION"}, res.Columns)
	require.Equal(t, [][]any{{"loaded EU"}}, res.Rows)

	eventuallyStatus(t, srv, slow.QueryID(), "RUNNING")
	st, err := slow.Status(ctx)
	require.NoError(t, err)
	require.Equal(t, sfasync.StatusRunning, st)
	var wait sftest.Query
	require.Eventually(t, func() bool {
		for _, q := range childrenOf(srv, slow.QueryID()) {
			if strings.Contains(q.SQL, "SYSTEM$WAIT") && q.Status == "RUNNING" {
				wait = q
				return true
			}
		}
		return false
	}, testWait, tick, "the procedure's SYSTEM$WAIT never ran")

	require.NoError(t, slow.Cancel(ctx))
	_, err = slow.Result(ctx)
	require.ErrorIs(t, err, sfasync.ErrCanceled)
	require.Equal(t, "ABORTED", query(t, srv, slow.QueryID()).Status)
	eventuallyStatus(t, srv, wait.ID, "ABORTED")
	for _, q := range childrenOf(srv, slow.QueryID()) {
		require.NotEqual(t, "RUNNING", q.Status, "%s outlived its CALL", q.SQL)
	}
}
