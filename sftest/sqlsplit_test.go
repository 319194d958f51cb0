package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSplitStatements(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"whitespace", " \n\t ", nil},
		{"only semicolons", ";;  ;", nil},
		{"one", "select 1", []string{"select 1"}},
		{"trailing semicolon", "select 1;", []string{"select 1"}},
		{"two trimmed", "  select 1 ;\n select 2  ", []string{"select 1", "select 2"}},
		{"empty pieces dropped", "select 1;; ;select 2;", []string{"select 1", "select 2"}},
		{"semicolon in string", "select 'a;b'; select 2", []string{"select 'a;b'", "select 2"}},
		{"doubled quote", "select 'it''s;'; select 2", []string{"select 'it''s;'", "select 2"}},
		{"backslash quote", `select 'it\'s;'; select 2`, []string{`select 'it\'s;'`, "select 2"}},
		{"quoted identifier", `select 1 as "a;""b"; select 2`, []string{`select 1 as "a;""b"`, "select 2"}},
		{"dollar string", "select $$a;'b$$; select 2", []string{"select $$a;'b$$", "select 2"}},
		{"line comment", "select 1 -- a;b\n; select 2", []string{"select 1 -- a;b", "select 2"}},
		{"slash comment", "select 1 // a;b\n; select 2", []string{"select 1 // a;b", "select 2"}},
		{"block comment", "select /* ; */ 1; select 2", []string{"select /* ; */ 1", "select 2"}},
		{"comment-only piece dropped", "select 1; -- done", []string{"select 1"}},
		{"comment-only block dropped", "/* a */ ; select 1", []string{"select 1"}},
		{"unterminated string", "select 'a;b", []string{"select 'a;b"}},
		{"unterminated comment", "select 1 /* ;", []string{"select 1 /* ;"}},
		{"unicode", "select 'é;ü' as ß; select 2", []string{"select 'é;ü' as ß", "select 2"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, splitStatements(tc.in))
		})
	}
}

func TestSplitTokenizeRoundTrip(t *testing.T) {
	for _, s := range []string{
		"", "select 1", `select 'a''b\'c' || "x""y" from t -- c` + "\n/* d */ where a::int >= :1 and b => $1 $$z$$",
		"select 'unterminated", "select \"unterminated", "/* unterminated", "$$unterminated", "\xff\xfe", "1.5e10 .5 1e+ x$y",
	} {
		require.Equal(t, s, joinTokens(tokenize(s)), s)
	}
}

func TestSplitTokenKinds(t *testing.T) {
	var kinds []tokKind
	var texts []string
	for _, tok := range tokenize(`SYSTEM$WAIT(1.5e3, 'x') :: "Q" $1 => // c`) {
		if tok.isCode() || tok.kind == tkComment {
			kinds = append(kinds, tok.kind)
			texts = append(texts, tok.text)
		}
	}
	require.Equal(t, []string{"SYSTEM$WAIT", "(", "1.5e3", ",", "'x'", ")", "::", `"Q"`, "$1", "=>", "// c"}, texts)
	require.Equal(t, []tokKind{tkWord, tkPunct, tkNumber, tkPunct, tkString, tkPunct, tkPunct, tkQuoted, tkParam, tkPunct, tkComment}, kinds)
}
