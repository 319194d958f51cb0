package sftest

import (
	"testing"
)

// FuzzScript feeds arbitrary text to the block splitter, the block parser
// and the variable binder: none may panic, and a text the splitter keeps
// whole must come back whole.
func FuzzScript(f *testing.F) {
	for _, seed := range []string{
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
	} {
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
