package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// scriptKindCases are statements of each kind runScripting tells apart,
// with leading whitespace and comments, and plain SQL that shares a first
// word (or the word PROCEDURE) with them.
var scriptKindCases = []struct {
	text string
	want scriptKind
}{
	{"SELECT 1", notScripting},
	{"  \n\t select * from t where a = 'BEGIN'", notScripting},
	{"-- a comment\n/* another */ INSERT INTO t VALUES (1)", notScripting},
	{"update t set a = 1", notScripting},
	{"WITH a AS (SELECT 1) SELECT * FROM a", notScripting},
	{"with procedure_names as (select 1) select * from procedure_names", notScripting},
	{"(SELECT 1)", notScripting},
	{`"DECLARE"`, notScripting},
	{"", notScripting},
	{"   ", notScripting},
	{"-- only a comment", notScripting},
	{"/* unclosed", notScripting},
	{";", notScripting},

	{"begin return 1; end;", scriptBlock},
	{"BEGIN\n  RETURN 1;\nEND", scriptBlock},
	{"/* lead */ DECLARE x INT DEFAULT 1; BEGIN RETURN x; END;", scriptBlock},
	{"-- lead\n\n  declare", scriptBlock},
	{"BEGIN", notScripting},
	{"BEGIN;", notScripting},
	{"  begin transaction", notScripting},
	{"BEGIN WORK", notScripting},
	{"BEGIN NAME t1", notScripting},

	{"EXECUTE IMMEDIATE 'SELECT 1'", scriptImmediate},
	{"-- lead\n  execute immediate $$ BEGIN RETURN 1; END; $$;", scriptImmediate},
	{"EXECUTE IMMEDIATE ?", scriptImmediate},
	{"EXECUTE TASK t", notScripting},
	{"EXECUTE", notScripting},

	{"CALL p(1)", scriptCall},
	{"/* c */ call db.s.p(a => 1);", scriptCall},
	{"CALL SYSTEM$WAIT(1)", notScripting},
	{"call system$wait(10, 'MILLISECONDS');", notScripting},
	{"CALL", notScripting},

	{"WITH p AS PROCEDURE () RETURNS INT LANGUAGE SQL AS $$ BEGIN RETURN 1; END $$ CALL p()", scriptWithCall},
	{"  with p as procedure (x int) returns int language sql as 'begin return x; end' call p(1);", scriptWithCall},

	{"CREATE OR REPLACE PROCEDURE p() RETURNS INT LANGUAGE SQL AS $$ BEGIN RETURN 1; END $$", scriptProcDDL},
	{"-- c\ncreate secure procedure p() returns int language sql as 'begin return 1; end'", scriptProcDDL},
	{"create table procedure_log (a int)", notScripting},
	{"CREATE TABLE t (a INT)", notScripting},
	{"DROP PROCEDURE p(INT)", scriptProcDDL},
	{"drop procedure if exists p()", scriptProcDDL},
	{"DROP TABLE procedures", notScripting},
	{"SHOW PROCEDURES", scriptProcDDL},
	{"show user procedures in database d", scriptProcDDL},
	{"SHOW TABLES", notScripting},
	{"DESC PROCEDURE p(INT)", scriptProcDDL},
	{"describe procedure p()", scriptProcDDL},
	{"DESCRIBE TABLE t", notScripting},
}

// tokenizedKind is what the statement is decided from all its tokens, the
// way runScripting decided every statement before the first-word check.
func tokenizedKind(text string) (scriptKind, []token) {
	code := trimSemis(codeOnly(tokenize(text)))
	return classifyScripting(code), code
}

// requireSameKind checks that scriptingKind's first-word shortcut decides
// text as tokenizing all of it does, and hands back the same code tokens.
func requireSameKind(t *testing.T, text string) scriptKind {
	t.Helper()
	got, code := scriptingKind(text)
	want, wantCode := tokenizedKind(text)
	require.Equal(t, want, got, "%q", text)
	if want != notScripting {
		require.Equal(t, wantCode, code, "%q", text)
	}
	return got
}

// TestScriptingKind: statements of every scripting kind, and plain SQL, are
// told apart with leading whitespace and comments, the first-word check
// agreeing with tokenizing the whole statement.
func TestScriptingKind(t *testing.T) {
	for _, c := range scriptKindCases {
		require.Equal(t, c.want, requireSameKind(t, c.text), "%q", c.text)
	}
}

// TestScriptingKindOverCorpora: over every statement of the scripting,
// procedure and compatibility corpora and the fuzz seeds, with a comment
// and whitespace before them, the first-word check decides as tokenizing
// the whole statement does.
func TestScriptingKindOverCorpora(t *testing.T) {
	var texts []string
	for _, c := range scriptCorpus() {
		texts = append(append(texts, c.sql), c.setup...)
	}
	for _, c := range corpusCases {
		texts = append(texts, c.sql)
	}
	texts = append(texts, scriptSeeds...)
	kinds := map[scriptKind]bool{}
	for _, text := range texts {
		for _, lead := range []string{"", "\n  ", "-- lead\n", "/* lead */ ", "// lead\n\t"} {
			kinds[requireSameKind(t, lead+text)] = true
		}
	}
	require.Len(t, kinds, 6, "the corpora hold every kind")
}

// FuzzScriptingKind: for any text, the first-word check decides as
// tokenizing the whole text does.
func FuzzScriptingKind(f *testing.F) {
	for _, c := range scriptKindCases {
		f.Add(c.text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		requireSameKind(t, text)
	})
}

// BenchmarkScriptingKind is the cost runOne pays per statement to learn it
// is not scripting: tokenizing the statement (as before) against the
// first-word check, for a plain INSERT, a CTE query and a CREATE TABLE.
func BenchmarkScriptingKind(b *testing.B) {
	texts := map[string]string{
		"insert": "INSERT INTO orders (id, customer, amount, note) VALUES (?, ?, ?, ?)",
		"with":   "WITH recent AS (SELECT id, amount FROM orders WHERE ts > DATEADD(day, -1, CURRENT_TIMESTAMP())) SELECT COUNT(*), SUM(amount) FROM recent",
		"create": "CREATE OR REPLACE TABLE orders (id NUMBER, customer VARCHAR, amount NUMBER(12, 2), note VARCHAR, ts TIMESTAMP_NTZ)",
	}
	for _, name := range []string{"insert", "with", "create"} {
		text := texts[name]
		b.Run(name+"/tokenize", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if k, _ := tokenizedKind(text); k != notScripting {
					b.Fatal(k)
				}
			}
		})
		b.Run(name+"/first-word", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if k, _ := scriptingKind(text); k != notScripting {
					b.Fatal(k)
				}
			}
		})
	}
}
