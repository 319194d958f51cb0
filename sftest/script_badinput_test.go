package sftest

import (
	"database/sql"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestScriptSyntaxErrors: a block that does not parse is 001003 naming the
// line and position of the unexpected word, as Snowflake words it.
func TestScriptSyntaxErrors(t *testing.T) {
	_, db := newTestServer(t)
	runScriptCases(t, db, []scriptCase{
		{name: "missing semicolon", sql: "BEGIN\n  LET x := 1\n  RETURN x;\nEND;", errCode: "001003", errText: "syntax error line 3 at position 2 unexpected 'RETURN'."},
		{name: "unclosed block", sql: "BEGIN\n  RETURN 1;", errCode: "001003", errText: "unexpected '<EOF>'."},
		{name: "end if missing", sql: "BEGIN\n  IF (1 = 1) THEN\n    RETURN 1;\n  END;\nEND;", errCode: "001003", errText: "syntax error line 4 at position 5 unexpected ';'."},
		{name: "bad declare", sql: "DECLARE\n  x;\nBEGIN\n  RETURN 1;\nEND;", errCode: "001003", errText: "syntax error line 2 at position 3 unexpected ';'."},
		{name: "stray end loop", sql: "BEGIN\n  FOR i IN 1 TO 2 DO\n    NULL;\n  END WHILE;\nEND;", errCode: "001003", errText: "syntax error line 4 at position 6 unexpected 'WHILE'."},
		{name: "exception without handler", sql: "BEGIN RETURN 1; EXCEPTION END;", errCode: "001003", errText: "syntax error line 1 at position 26 unexpected 'END'."},
		{name: "undeclared", sql: "BEGIN\n  y := 1;\nEND;", errCode: "000904", errText: "invalid identifier 'Y'"},
		{name: "raise outside handler", sql: "BEGIN RAISE; END;", errCode: "001003"},
		{name: "expression error caught", sql: "BEGIN LET n INT := 'x'::INT; EXCEPTION WHEN EXPRESSION_ERROR THEN RETURN 'caught'; END;", want: "anonymous block\ncaught"},
		{name: "execute immediate not a string", sql: "EXECUTE IMMEDIATE 42", errCode: "001003", errText: "unexpected '42'."},
	})
}

// pinned returns one connection (one session) of db.
func pinned(t *testing.T, db *sql.DB) *sql.Conn {
	t.Helper()
	conn, err := db.Conn(testCtx(t))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// TestScriptEndlessLoopTimesOut: STATEMENT_TIMEOUT_IN_SECONDS ends an
// endless loop with Snowflake's 000630.
func TestScriptEndlessLoopTimesOut(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	conn := pinned(t, db)
	_, err := conn.ExecContext(ctx, "ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = 1")
	require.NoError(t, err)
	_, err = conn.ExecContext(ctx, "BEGIN LOOP NULL; END LOOP; END;")
	require.Error(t, err)
	require.Contains(t, err.Error(), "000630")
	require.Contains(t, err.Error(), "Statement reached its statement or warehouse timeout of 1 second(s) and was canceled.")
	q := waitForSQL(t, srv, "BEGIN LOOP NULL; END LOOP; END;", hasStatus(StatusFailedWithError))
	require.Equal(t, "000630", q.ErrorCode)
}

// TestScriptCancelEndsTheBlock: a cancel ends an endless loop and the
// statement it is running; nothing of the block is left running.
func TestScriptCancelEndsTheBlock(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	id := submitAsync(t, ctx, db, "BEGIN LET n INT := 0; LOOP n := n + 1; IF (n > 3) THEN CALL SYSTEM$WAIT(60); END IF; END LOOP; END;")
	waitChildren(t, srv, id, func(n map[string]int) bool { return n[StatusRunning] == 1 })
	_, err := db.ExecContext(ctx, "SELECT SYSTEM$CANCEL_QUERY('"+id+"')")
	require.NoError(t, err)
	waitFor(t, srv, id, hasStatus(StatusAborted))
	waitChildren(t, srv, id, func(n map[string]int) bool { return n[StatusAborted] == 1 && n[StatusRunning] == 0 })
}
