package sftest

import (
	"strconv"
	"strings"
)

// ctasAlias names the derived table ruleCTASColumns reads the query from;
// exec_errors.go recognises a column-count mismatch by it.
const ctasAlias = "__sftest_ctas"

// ctasColumnConstraints are words that may follow a CTAS column's type in
// Snowflake but that sftest does not carry over to the query's columns.
var ctasColumnConstraints = map[string]bool{
	"NOT": true, "NULL": true, "DEFAULT": true, "PRIMARY": true, "UNIQUE": true, "REFERENCES": true,
	"CONSTRAINT": true, "COLLATE": true, "AUTOINCREMENT": true, "IDENTITY": true, "FOREIGN": true,
	"CHECK": true, "WITH": true, "MASKING": true, "TAG": true,
}

// ruleCTASColumns runs Snowflake's CREATE TABLE t (c1 T1, c2 T2) AS SELECT
// ..., which DuckDB does not parse: the listed names (upper-cased unless
// quoted) and types are given to the query's columns in order, as
//
//	CREATE TABLE t AS SELECT CAST(__sftest_ctas."1" AS T1) AS "C1", ...
//	FROM ((query) UNION ALL (SELECT NULL, NULL WHERE false)) AS __sftest_ctas("1", "2")
//
// A type may be left out (c1, c2), as Snowflake allows; the column then
// keeps the query's type. The empty UNION ALL branch makes DuckDB reject a
// query with more or fewer columns than the list, which exec_errors.go
// words as Snowflake's compilation error (see ctasColumnMismatch). Column
// constraints (NOT NULL, DEFAULT, ...) in such a list are not emulated. It
// runs after the types rule, so the types are already DuckDB's.
func ruleCTASColumns(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "CREATE") {
		return s, nil
	}
	toks := tokenize(s)
	open, close, query, ok := ctasColumnList(toks)
	if !ok {
		return s, nil
	}
	spans := argSpans(toks, open+1, close)
	sel := make([]string, len(spans))
	inner := make([]string, len(spans))
	nulls := make([]string, len(spans))
	for k, sp := range spans {
		col := codeOnly(toks[sp[0]:sp[1]])
		var name string
		switch col[0].kind {
		case tkWord:
			name = strings.ToUpper(col[0].text)
		case tkQuoted:
			name = unquoteIdent(col[0].text)
		default:
			return "", compileError("syntax error: invalid column definition %s", trimmed(toks[sp[0]:sp[1]]))
		}
		for _, t := range col[1:] {
			if t.kind == tkWord && ctasColumnConstraints[strings.ToUpper(t.text)] {
				return "", unsupported("column constraint " + strings.ToUpper(t.text) + " in CREATE TABLE ... (columns) AS SELECT")
			}
		}
		inner[k] = quoteIdent(strconv.Itoa(k + 1))
		nulls[k] = "NULL"
		ref := ctasAlias + "." + inner[k]
		if len(col) > 1 {
			ref = "CAST(" + ref + " AS " + ctasType(toks[sp[0]:sp[1]]) + ")"
		}
		sel[k] = ref + " AS " + quoteIdent(name)
	}
	var b strings.Builder
	b.WriteString(strings.TrimRight(joinTokens(toks[:open]), " \t\r\n"))
	b.WriteString(" AS SELECT " + strings.Join(sel, ", "))
	b.WriteString(" FROM ((" + strings.TrimSpace(joinTokens(toks[query:])) + ") UNION ALL (SELECT ")
	b.WriteString(strings.Join(nulls, ", ") + " WHERE false)) AS " + ctasAlias + "(" + strings.Join(inner, ", ") + ")")
	return b.String(), nil
}

// ctasType is the source text of a column definition after its name.
func ctasType(def []token) string {
	_, ni := codeAt(def, 0)
	return trimmed(def[ni+1:])
}

// ctasColumnList finds CREATE TABLE name (columns) AS query in toks: the
// indexes of the column list's parentheses and of the query's first token.
func ctasColumnList(toks []token) (open, close, query int, ok bool) {
	at, object := createHead(toks)
	if at < 0 || object != "TABLE" {
		return 0, 0, 0, false
	}
	i := at + 1
	if t, _ := codeAt(toks, i); t.isWord("IF") {
		i = skipCode(toks, i, 3) // IF NOT EXISTS
	}
	parts, i := parseName(toks, i)
	if len(parts) == 0 {
		return 0, 0, 0, false
	}
	p, open := codeAt(toks, i)
	if !p.is("(") {
		return 0, 0, 0, false
	}
	if close = closeParen(toks, open); close < 0 {
		return 0, 0, 0, false
	}
	as, ai := codeAt(toks, close+1)
	if !as.isWord("AS") {
		return 0, 0, 0, false
	}
	if _, query = codeAt(toks, ai+1); query >= len(toks) || len(argSpans(toks, open+1, close)) == 0 {
		return 0, 0, 0, false
	}
	return open, close, query, true
}

// ctasColumnMismatch answers DuckDB's set-operation column-count error for
// a statement ruleCTASColumns rewrote: the query's columns do not match the
// list. Snowflake fails such a statement at compile time with a 002xxx
// error; the exact code and words could not be checked against a live
// account here, so they follow Snowflake's documented compilation error
// shape with 002057, the code we believe it uses for a column definition
// list that does not match the query. Other statements are left to the
// generic answer (nil).
func ctasColumnMismatch(_ []string, fs failedStmt) *sqlError {
	text, err := ruleTableOptions(fs.text, nil) // as the rules saw it
	if err != nil {
		return nil
	}
	if _, _, _, ok := ctasColumnList(tokenize(text)); !ok {
		return nil
	}
	return compilation("002057", "42601", "", "Invalid column definition list")
}
