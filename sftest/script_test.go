package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestScriptBlocks runs anonymous blocks sent as one statement and through
// EXECUTE IMMEDIATE, through the real driver.
func TestScriptBlocks(t *testing.T) {
	_, db := newTestServer(t)
	runScriptCases(t, db, []scriptCase{
		{name: "return", sql: "BEGIN RETURN 1; END;", want: "anonymous block\n1"},
		{name: "execute immediate $$", sql: "EXECUTE IMMEDIATE $$ BEGIN RETURN 'a'; END; $$", want: "anonymous block\na"},
		{name: "execute immediate quoted", sql: "EXECUTE IMMEDIATE 'BEGIN RETURN ''q''; END;'", want: "anonymous block\nq"},
		{name: "execute immediate using", sql: "EXECUTE IMMEDIATE 'SELECT ? + ? AS s' USING (2, 3)", want: "S\n5"},
		{name: "execute immediate without text", sql: "EXECUTE IMMEDIATE ?", errCode: "001003", errText: "unexpected '?'."},
		{name: "no return", sql: "BEGIN NULL; END", want: "anonymous block\nNULL"},
		{name: "declare, let, for", sql: `DECLARE x INTEGER DEFAULT 3; BEGIN LET y := x * 2; FOR i IN 1 TO 3 DO y := y + i; END FOR; RETURN y; END;`, want: "anonymous block\n12"},
		{name: "for reverse", sql: `BEGIN LET s VARCHAR := ''; FOR i IN REVERSE 1 TO 3 LOOP s := s || i; END LOOP; RETURN s; END;`, want: "anonymous block\n321"},
		{name: "sqlrowcount", sql: `BEGIN CREATE OR REPLACE TABLE t1 (a INT); INSERT INTO t1 VALUES (1), (2), (3); RETURN SQLROWCOUNT; END;`, want: "anonymous block\n3"},
		{name: "sqlrowcount null after select", sql: `BEGIN INSERT INTO t1 VALUES (9); SELECT 1; RETURN SQLROWCOUNT; END;`, want: "anonymous block\nNULL"},
		{name: "sqlfound", sql: `BEGIN DELETE FROM t1 WHERE a = 9; IF (SQLFOUND) THEN RETURN 'found'; END IF; RETURN 'none'; END;`, want: "anonymous block\nfound"},
		{name: "sqlnotfound", sql: `BEGIN UPDATE t1 SET a = 0 WHERE a = 99; RETURN SQLNOTFOUND::VARCHAR; END;`, want: "anonymous block\ntrue"},
		{name: "cursor for", sql: `DECLARE c CURSOR FOR SELECT a FROM t1 ORDER BY a; s INT DEFAULT 0; BEGIN FOR r IN c DO s := s + r.a; END FOR; RETURN s; END;`, want: "anonymous block\n6"},
		{name: "cursor open fetch", sql: `DECLARE c CURSOR FOR SELECT a FROM t1 WHERE a > ? ORDER BY a; v INT; BEGIN OPEN c USING (1); FETCH c INTO v; CLOSE c; RETURN v; END;`, want: "anonymous block\n2"},
		{name: "bind in sql", sql: `DECLARE m INT DEFAULT 2; BEGIN LET rs RESULTSET := (SELECT a FROM t1 WHERE a >= :m ORDER BY a); RETURN TABLE(rs); END;`, want: "A\n2\n3"},
		{name: "select into", sql: `DECLARE n INT; BEGIN SELECT COUNT(*) INTO :n FROM t1; RETURN n; END;`, want: "anonymous block\n3"},
		{name: "named exception", sql: `DECLARE e EXCEPTION (-20002, 'boom'); BEGIN RAISE e; EXCEPTION WHEN e THEN RETURN SQLCODE || ' ' || SQLERRM || ' ' || SQLSTATE; END;`, want: "anonymous block\n-20002 boom P0001"},
		{name: "statement error handled", sql: `BEGIN SELECT * FROM nope; EXCEPTION WHEN STATEMENT_ERROR THEN RETURN SQLCODE; END;`, want: "anonymous block\n2003"},
		{name: "other handler", sql: `BEGIN SELECT * FROM nope; EXCEPTION WHEN OTHER THEN RETURN 'other'; END;`, want: "anonymous block\nother"},
		{name: "uncaught statement error", sql: "BEGIN\n  SELECT * FROM nope;\nEND;", errCode: "002003", errText: "Uncaught exception of type 'STATEMENT_ERROR' on line 2 at position 2 : SQL compilation error:"},
		{name: "uncaught raise", sql: "DECLARE e EXCEPTION (-20001, 'my message'); BEGIN RAISE e; END;", errCode: "-20001", errText: "Uncaught exception of type 'E' on line 1 at position 50 : my message"},
		{name: "reraise", sql: "DECLARE e EXCEPTION (-20003, 'again'); BEGIN RAISE e; EXCEPTION WHEN OTHER THEN RAISE; END;", errCode: "-20003", errText: "again"},
		{name: "while break", sql: `BEGIN LET n INT := 0; WHILE (n < 5) DO n := n + 1; IF (n = 3) THEN BREAK; END IF; END WHILE; RETURN n; END;`, want: "anonymous block\n3"},
		{name: "repeat", sql: `BEGIN LET n INT := 0; REPEAT n := n + 2; UNTIL (n >= 5) END REPEAT; RETURN n; END;`, want: "anonymous block\n6"},
		{name: "loop continue", sql: `BEGIN LET n INT := 0; LET s INT := 0; LOOP n := n + 1; IF (n > 4) THEN BREAK; END IF; IF (n = 2) THEN CONTINUE; END IF; s := s + n; END LOOP; RETURN s; END;`, want: "anonymous block\n8"},
		{name: "labels", sql: `BEGIN LET s INT := 0; FOR i IN 1 TO 3 DO FOR j IN 1 TO 3 DO IF (j = 2) THEN BREAK outer; END IF; s := s + 1; END FOR inner; END FOR outer; RETURN s; END;`, want: "anonymous block\n1"},
		{name: "case searched", sql: `BEGIN LET v INT := 5; CASE WHEN v < 3 THEN RETURN 'low'; WHEN v < 10 THEN RETURN 'mid'; ELSE RETURN 'high'; END CASE; END;`, want: "anonymous block\nmid"},
		{name: "case simple", sql: `BEGIN LET v VARCHAR := 'b'; CASE (v) WHEN 'a' THEN RETURN 1; WHEN 'b' THEN RETURN 2; END; END;`, want: "anonymous block\n2"},
		{name: "if elseif else", sql: `BEGIN LET v INT := 2; IF (v = 1) THEN RETURN 'one'; ELSEIF (v = 2) THEN RETURN 'two'; ELSE RETURN 'many'; END IF; END;`, want: "anonymous block\ntwo"},
		{name: "nested block scope", sql: `DECLARE v INT DEFAULT 1; BEGIN DECLARE v INT DEFAULT 2; BEGIN v := v + 10; END; RETURN v; END;`, want: "anonymous block\n1"},
		{name: "async await", sql: `BEGIN ASYNC (INSERT INTO t1 VALUES (10)); ASYNC (INSERT INTO t1 VALUES (11)); AWAIT ALL; RETURN (SELECT COUNT(*) FROM t1); END;`, want: "anonymous block\n5"},
		{name: "async resultset", sql: `BEGIN LET rs RESULTSET := ASYNC (SELECT MAX(a) AS m FROM t1); AWAIT rs; RETURN TABLE(rs); END;`, want: "M\n11"},
		{name: "resultset status", sql: `BEGIN LET rs RESULTSET := ASYNC (SELECT 1); AWAIT rs; RETURN SYSTEM$GET_RESULTSET_STATUS(rs); END;`, want: "anonymous block\nSUCCESS"},
		{name: "typed default cast", sql: `DECLARE p NUMBER(10, 2) DEFAULT 1.005; BEGIN RETURN p; END;`, want: "anonymous block\n1.01"},
		{name: "no semicolon after END", sql: "BEGIN RETURN 7; END", want: "anonymous block\n7"},
	})
}

// TestScriptInSessionTransaction: a block run inside the session's open
// transaction is part of it; ROLLBACK undoes what the block did.
func TestScriptInSessionTransaction(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn := pinned(t, db)
	for _, q := range []string{
		"CREATE TABLE tx_t (a INT)",
		"BEGIN TRANSACTION",
		"BEGIN INSERT INTO tx_t VALUES (1); INSERT INTO tx_t VALUES (2); END;",
		"ROLLBACK",
	} {
		_, err := conn.ExecContext(ctx, q)
		require.NoError(t, err, q)
	}
	var n int
	require.NoError(t, conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM tx_t").Scan(&n))
	require.Zero(t, n, "the block's inserts were rolled back with the transaction")
}

// TestExecuteImmediateBinds: the text of EXECUTE IMMEDIATE and its USING
// values may be client binds.
func TestExecuteImmediateBinds(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	var n int
	require.NoError(t, db.QueryRowContext(ctx, "EXECUTE IMMEDIATE ?", "SELECT 40 + 2").Scan(&n))
	require.Equal(t, 42, n)
	var s string
	require.NoError(t, db.QueryRowContext(ctx, "EXECUTE IMMEDIATE 'BEGIN RETURN ? || ?; END;' USING (?, ?)", "a", "b").Scan(&s))
	require.Equal(t, "ab", s)
}
