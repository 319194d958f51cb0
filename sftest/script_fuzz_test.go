package sftest

import (
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync/internal/testbuf"
)

// FuzzScript feeds arbitrary text to the block splitter, the block parser
// and the variable binder: none may panic, and a text the splitter keeps
// whole must come back whole.
func FuzzScript(f *testing.F) {
	for _, seed := range scriptSeeds {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		parts := splitStatements(text)
		if len(parts) == 1 && scriptBlockStart(codeOnly(tokenize(text))) {
			// A block is one statement: its semicolons do not split it.
			if n := len(codeOnly(tokenize(parts[0]))); n == 0 {
				t.Fatalf("block %q split to nothing", text)
			}
		}
		_, _ = parseScript(text)
		_, _ = selectInto(text)
		_ = fillPlaceholders(text, []string{"1", "'a'"})
		x := &scriptRun{async: &asyncSet{}}
		sc := newScope(nil)
		sc.vars["X"] = &svar{kind: declVar, val: sInt(1)}
		sc.vars["R"] = &svar{kind: declVar, val: sNull, record: map[string]sval{"A": sStr("a")}}
		_ = x.bind(text, true, sc)
		_ = x.bind(text, false, sc)
	})
}

// FuzzScriptRun runs block text on a server through the driver, with a
// one-second statement timeout: whatever the text, the answer is a result or
// a Snowflake error, never a panic (the server recovers and logs one) and
// never a hang.
func FuzzScriptRun(f *testing.F) {
	for _, seed := range scriptSeeds {
		f.Add(seed)
	}
	var logged testbuf.Buffer
	_, db := newTestServer(f, WithLogger(slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelError}))))
	conn, err := db.Conn(testCtx(f))
	require.NoError(f, err)
	f.Cleanup(func() { _ = conn.Close() })
	_, err = conn.ExecContext(testCtx(f), "ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = 1")
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		start := time.Now()
		rows, err := conn.QueryContext(testCtx(t), text)
		if err == nil {
			for rows.Next() {
			}
			err = rows.Err()
			_ = rows.Close()
		}
		if l := logged.String(); strings.Contains(l, "panicked") {
			t.Fatalf("%q: %v\n%s", text, err, l)
		}
		if d := time.Since(start); d > 30*time.Second {
			t.Fatalf("%q took %v", text, d)
		}
	})
}

// scriptSeeds are the seed inputs of both fuzz targets (testdata holds more).
var scriptSeeds = []string{
	"BEGIN RETURN 1; END;",
	"DECLARE x INT DEFAULT 1; c CURSOR FOR SELECT 1; e EXCEPTION (-20001, 'm'); BEGIN x := x + 1; RETURN x; END;",
	"BEGIN FOR i IN REVERSE 1 TO 3 DO CONTINUE; END FOR l; WHILE (TRUE) DO BREAK; END WHILE; END",
	"BEGIN CASE WHEN 1 = 1 THEN NULL; ELSE RETURN CASE 1 WHEN 1 THEN 'a' END; END CASE; END;",
	"BEGIN LET rs RESULTSET := ASYNC (SELECT 1); AWAIT rs; CANCEL rs; RETURN TABLE(rs); EXCEPTION WHEN OTHER THEN RAISE; END;",
	"EXECUTE IMMEDIATE $$ BEGIN RETURN :1; END; $$ USING (1)",
	"BEGIN SELECT a INTO :x FROM t WHERE b = :y AND c:d = 1; END;",
	"BEGIN TRANSACTION; COMMIT;",
	"DECLARE",
	"BEGIN IF (",
	"BEGIN END",
	"",
}
