package sftest

import (
	"context"
	"strings"
)

// Comments: a column's DuckDB comment holds both sftest's record of its
// declared type (catalog_declared.go) and the user's comment, so that
// neither overwrites the other: "sftest:type VARCHAR(10)", then, on the
// next line, the user's comment if it has one. A column without a declared
// type keeps the user's comment as it is. Tables and views keep theirs as
// DuckDB's own comment.

// columnComment is the DuckDB comment of a column whose declared type is
// declared ("" for none) and whose user comment is user ("" for none); ok
// is false when the comment is empty (NULL).
func columnComment(declared, user string) (text string, ok bool) {
	if declared == "" {
		return user, user != ""
	}
	text = declaredPrefix + declared
	if user != "" {
		text += "\n" + user
	}
	return text, true
}

// splitComment splits a column's DuckDB comment into the declared type it
// records and the user's comment ("" where there is none).
func splitComment(comment string) (declared, user string) {
	rest, ok := strings.CutPrefix(comment, declaredPrefix)
	if !ok {
		return "", comment
	}
	declared, user, _ = strings.Cut(rest, "\n")
	return declared, user
}

// declaredOf is the declared type a column comment records, or "".
func declaredOf(comment string) string {
	declared, _ := splitComment(comment)
	return declared
}

// objectComment is the COMMENT ON statement recording a CREATE TABLE or
// CREATE VIEW's COMMENT = '...' (ruleTableOptions drops it from DuckDB's
// statement), or nil.
func objectComment(toks []token) []string {
	at, object := createHead(toks)
	if at < 0 || object != "TABLE" && object != "VIEW" {
		return nil
	}
	i := at + 1
	if t, _ := codeAt(toks, i); t.isWord("IF") {
		return nil // the object may exist and keep its comment
	}
	name, i := parseName(toks, i)
	depth := 0
	for ; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.is("("):
			depth++
		case t.is(")"):
			depth--
		case depth == 0 && (t.isWord("AS") || t.isWord("SELECT")):
			return nil
		case depth == 0 && t.isWord("COMMENT"):
			eq, ei := codeAt(toks, i+1)
			lit, _ := codeAt(toks, ei+1)
			if text, ok := stringValue(lit); eq.is("=") && ok {
				return []string{"COMMENT ON " + object + " " + duckName(name) + " IS " + quoteString(text)}
			}
		}
	}
	return nil
}

// classifyCommentOn classifies COMMENT [IF EXISTS] ON COLUMN t.c IS '...'
// | NULL: a table's column keeps its declared type with the new comment
// (alterColumn); a view's column is DuckDB's. ok is false for other
// COMMENT statements, which DuckDB runs.
func classifyCommentOn(st *stmt, code []token) (ok bool, err error) {
	i, ifExists := 1, false
	if i+1 < len(code) && code[i].isWord("IF") && code[i+1].isWord("EXISTS") {
		ifExists, i = true, i+2
	}
	if i+1 >= len(code) || !code[i].isWord("ON") || !code[i+1].isWord("COLUMN") {
		return false, nil
	}
	parts, j := parseName(code, i+2)
	if len(parts) < 2 || j+1 >= len(code) || !code[j].isWord("IS") {
		return false, nil
	}
	a := columnAction{col: parts[len(parts)-1], kind: "UNSET COMMENT"}
	if !code[j+1].isWord("NULL") {
		text, ok := stringValue(code[j+1])
		if !ok || j+2 != len(code) {
			return true, compileError("syntax error in COMMENT ON COLUMN: IS needs a string")
		}
		a.kind, a.comment = "COMMENT", text
	}
	table := parts[:len(parts)-1]
	st.Kind, st.Message = kindDDL, msgOK
	st.Program = func(ctx context.Context, r *programRun) error {
		_, k, found, err := r.tableSQL(ctx, r.key(table))
		if err != nil {
			return err
		}
		if found {
			return alterColumn(ctx, r, k, a)
		}
		// A view's column, or nothing: DuckDB answers.
		value := "NULL"
		if a.kind == "COMMENT" {
			value = quoteString(a.comment)
		}
		ifx := ""
		if ifExists {
			ifx = "IF EXISTS "
		}
		return r.exec(ctx, "COMMENT "+ifx+"ON COLUMN "+duckName(parts)+" IS "+value)
	}
	return true, nil
}
