package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// countChildren counts the children of parent in the history by status.
func countChildren(srv *Server, parent string) map[string]int {
	n := map[string]int{}
	for _, q := range srv.Queries() {
		if q.ParentID == parent {
			n[q.Status]++
		}
	}
	return n
}

// waitChildren polls until the children of parent satisfy ok.
func waitChildren(t *testing.T, srv *Server, parent string, ok func(map[string]int) bool) {
	t.Helper()
	waitForQuery(t, srv, "children of "+parent, func(Query) bool { return ok(countChildren(srv, parent)) })
}

// TestAsyncChildrenUseTheWarehouse runs ASYNC children beyond the
// warehouse's slots: two run, the others are QUEUED, and a cancel of the
// block leaves none of them running.
func TestAsyncChildrenUseTheWarehouse(t *testing.T) {
	srv, db := newTestServer(t, WithMaxConcurrency(2))
	ctx := testCtx(t)
	id := submitAsync(t, ctx, db, `BEGIN
  ASYNC (CALL SYSTEM$WAIT(60));
  ASYNC (CALL SYSTEM$WAIT(60));
  ASYNC (CALL SYSTEM$WAIT(60));
  ASYNC (CALL SYSTEM$WAIT(60));
  AWAIT ALL;
END;`)
	waitChildren(t, srv, id, func(n map[string]int) bool { return n[StatusRunning] == 2 && n[StatusQueued] == 2 })
	waitFor(t, srv, id, hasStatus(StatusRunning))

	_, err := db.ExecContext(ctx, "SELECT SYSTEM$CANCEL_QUERY('"+id+"')")
	require.NoError(t, err)
	waitFor(t, srv, id, hasStatus(StatusAborted))
	waitChildren(t, srv, id, func(n map[string]int) bool { return n[StatusAborted] == 4 })
}

// TestAsyncChildWaitsForTheBlocksLock: an ASYNC UPDATE of a table the
// block's open transaction updated is BLOCKED until the block commits; the
// block sees it through SYSTEM$GET_RESULTSET_STATUS.
func TestAsyncChildWaitsForTheBlocksLock(t *testing.T) {
	_, db := newTestServer(t)
	runScriptCases(t, db, []scriptCase{{
		name:  "blocked child",
		setup: []string{"CREATE TABLE acc (v INT)", "INSERT INTO acc VALUES (0)"},
		sql: `BEGIN
  BEGIN TRANSACTION;
  UPDATE acc SET v = v + 1;
  LET rs RESULTSET := ASYNC (UPDATE acc SET v = v * 10);
  LET seen VARCHAR := '';
  WHILE (seen <> 'BLOCKED') DO
    seen := SYSTEM$GET_RESULTSET_STATUS(rs);
  END WHILE;
  COMMIT;
  AWAIT rs;
  RETURN seen || ' ' || (SELECT v FROM acc);
END;`,
		want: "anonymous block\nBLOCKED 10",
	}})
}

// TestAsyncChildLimit: more than 4,000 child jobs running at once is an
// error, and the ones started are canceled with the block.
func TestAsyncChildLimit(t *testing.T) {
	srv, db := newTestServer(t, WithMaxConcurrency(1))
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, "BEGIN FOR i IN 1 TO 4001 DO ASYNC (CALL SYSTEM$WAIT(60)); END FOR; END;")
	require.Error(t, err)
	require.Contains(t, err.Error(), "at most 4000")
	var block string
	for _, q := range srv.Queries() {
		if q.ParentID == "" && q.ErrorCode != "" {
			block = q.ID
		}
	}
	require.NotEmpty(t, block, "the failed block is in the history")
	waitChildren(t, srv, block, func(n map[string]int) bool { return n[StatusAborted] == 4000 })
}

// TestAsyncChildFailureSurfaces: a failing child fails AWAIT with its own
// code unless a handler catches it.
func TestAsyncChildFailureSurfaces(t *testing.T) {
	_, db := newTestServer(t)
	runScriptCases(t, db, []scriptCase{
		{name: "uncaught", sql: "BEGIN ASYNC (SELECT * FROM missing_t); AWAIT ALL; END;", errCode: "002003", errText: "STATEMENT_ERROR"},
		{name: "caught", sql: "BEGIN LET rs RESULTSET := ASYNC (SELECT 1/0); AWAIT rs; EXCEPTION WHEN STATEMENT_ERROR THEN RETURN SQLCODE; END;", want: "anonymous block\n100051"},
		{name: "awaiting a canceled child", sql: "BEGIN LET rs RESULTSET := ASYNC (CALL SYSTEM$WAIT(60)); CANCEL rs; AWAIT rs; EXCEPTION WHEN STATEMENT_ERROR THEN RETURN SQLCODE || ' ' || SQLERRM; END;", want: "anonymous block\n604 SQL execution canceled"},
		{name: "canceled child", sql: "BEGIN LET rs RESULTSET := ASYNC (CALL SYSTEM$WAIT(60)); CANCEL rs; RETURN SYSTEM$GET_RESULTSET_STATUS(rs); END;", want: "anonymous block\nABORTED"},
	})
}
