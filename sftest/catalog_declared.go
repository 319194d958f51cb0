package sftest

import (
	"strconv"
	"strings"
)

// Declared column types: what a column definition says that the DuckDB type
// sftest stores the column as cannot hold. TIMESTAMP_TZ and TIMESTAMP_LTZ
// are both DuckDB's TIMESTAMPTZ; TIME(3) is DuckDB's TIME; VARCHAR(10) is
// VARCHAR; OBJECT and ARRAY are JSON. So CREATE TABLE and ALTER TABLE
// record such a column's Snowflake type in DuckDB's catalog, as the
// column's comment ("sftest:type TIMESTAMP_TZ(9)"), where it follows the
// column through renames, transactions and drops. Result columns that read
// a table column (result_sources.go) and DESCRIBE TABLE report it.

// declaredPrefix starts the comment that records a column's declared type.
const declaredPrefix = "sftest:type "

// declaredCol is a column definition whose type says more than DuckDB's, or
// that has a COMMENT.
type declaredCol struct {
	name    namePart
	typ     string // as DESCRIBE spells it: TIMESTAMP_TZ(9), VARCHAR(10), OBJECT, ...; "" for none
	comment string // the definition's COMMENT '...', "" for none
}

// declaredType is the Snowflake spelling of the column type starting at
// toks[p] when sftest's DuckDB type for it loses something a client sees
// (the zone kind, a scale, a length, OBJECT or ARRAY); ok is false for
// types DuckDB's type already describes.
func declaredType(toks []token, p int) (string, bool) {
	if p >= len(toks) || toks[p].kind != tkWord {
		return "", false
	}
	if n, ok := declaredLength(toks, p); ok {
		return "VARCHAR(" + strconv.Itoa(n) + ")", n != textLength
	}
	w := strings.ToUpper(toks[p].text)
	arg, to := -1, p
	if open, oi := codeAt(toks, p+1); open.is("(") {
		if c := closeParen(toks, oi); c > 0 {
			to = c
			if a := splitArgs(toks, oi+1, c); len(a) == 1 {
				if n, err := strconv.Atoi(trimmed(a[0])); err == nil {
					arg = n
				}
			}
		}
	}
	scaled := func(name string, duckScales ...int) (string, bool) {
		scale := 9
		if arg >= 0 {
			scale = arg
		}
		for _, s := range duckScales {
			if s == scale {
				return "", false
			}
		}
		return name + "(" + strconv.Itoa(scale) + ")", true
	}
	words := func(ws ...string) bool {
		_, ok := wordsAfter(toks, to, ws...)
		return ok
	}
	switch w {
	case "TIMESTAMP_TZ":
		return scaled("TIMESTAMP_TZ")
	case "TIMESTAMP_LTZ":
		return scaled("TIMESTAMP_LTZ", 9)
	case "TIMESTAMP":
		switch {
		case words("WITH", "LOCAL", "TIME", "ZONE"):
			return scaled("TIMESTAMP_LTZ", 9)
		case words("WITH", "TIME", "ZONE"):
			return scaled("TIMESTAMP_TZ")
		}
		return scaled("TIMESTAMP_NTZ", 0, 3, 9)
	case "TIMESTAMP_NTZ", "DATETIME":
		return scaled("TIMESTAMP_NTZ", 0, 3, 9)
	case "TIME":
		return scaled("TIME", 9)
	case "BINARY", "VARBINARY":
		if arg > 0 && arg != binaryLength {
			return "BINARY(" + strconv.Itoa(arg) + ")", true
		}
	case "OBJECT", "ARRAY":
		return w, true
	}
	return "", false
}

// declaredColumns returns the table a CREATE TABLE (with a column list) or
// ALTER TABLE ... ADD [COLUMN] defines columns of, and those of its columns
// whose type declaredType records or that have a COMMENT.
func declaredColumns(toks []token) (table []namePart, cols []declaredCol) {
	if open, cl := createTableColumns(toks); open >= 0 {
		at, _ := createHead(toks)
		i := at + 1
		if t, _ := codeAt(toks, i); t.isWord("IF") {
			return nil, nil // the table may exist, with other columns
		}
		table, _ = parseName(toks, i)
		for _, sp := range argSpans(toks, open+1, cl) {
			name, ni := codeAt(toks, sp[0])
			if ni >= sp[1] || name.kind == tkWord && columnConstraintStarts[strings.ToUpper(name.text)] {
				continue
			}
			if c, ok := columnDefinition(toks, name, ni+1, sp[1]); ok {
				cols = append(cols, c)
			}
		}
		return table, cols
	}
	first, i := codeAt(toks, 0)
	second, j := codeAt(toks, i+1)
	if !first.isWord("ALTER") || !second.isWord("TABLE") {
		return nil, nil
	}
	i = j + 1
	if t, _ := codeAt(toks, i); t.isWord("IF") {
		i = skipCode(toks, i, 2) // IF EXISTS
	}
	table, i = parseName(toks, i)
	verb, vi := codeAt(toks, i)
	next, ni := codeAt(toks, vi+1)
	if next.isWord("COLUMN") {
		next, ni = codeAt(toks, ni+1)
	}
	if !verb.isWord("ADD") || next.isWord("IF") || next.kind != tkWord && next.kind != tkQuoted {
		return nil, nil // ADD [COLUMN] IF NOT EXISTS may find the column there
	}
	if c, ok := columnDefinition(toks, next, ni+1, len(toks)); ok {
		return table, []declaredCol{c}
	}
	return table, nil
}

// columnDefinition reads the definition of column name from toks[from:to]
// (its type, then its options): ok is false when it declares nothing
// sftest records.
func columnDefinition(toks []token, name token, from, to int) (declaredCol, bool) {
	c := declaredCol{name: identPart(name)}
	if _, ti := codeAt(toks, from); ti < to {
		if typ, ok := declaredType(toks, ti); ok {
			c.typ = typ
		}
	}
	depth := 0
	for k := from; k < to; k++ {
		switch t := toks[k]; {
		case t.is("("):
			depth++
		case t.is(")"):
			depth--
		case depth == 0 && t.isWord("COMMENT"):
			if lit, _ := codeAt(toks, k+1); lit.kind == tkString {
				c.comment, _ = stringValue(lit)
			}
		}
	}
	return c, c.typ != "" || c.comment != ""
}

// identPart is a column name token as a namePart: upper-cased unless quoted.
func identPart(t token) namePart {
	if t.kind == tkQuoted {
		return namePart{text: unquoteIdent(t.text), quoted: true}
	}
	return namePart{text: strings.ToUpper(t.text)}
}

// declareStatements are the DuckDB statements that record what toks
// declares (run after the statement itself, on its connection): column
// types and comments (columnComment), and a CREATE TABLE or VIEW's
// COMMENT = '...'; nil when there is nothing to record.
func declareStatements(toks []token) []string {
	out := objectComment(toks)
	table, cols := declaredColumns(toks)
	for _, c := range cols {
		text, _ := columnComment(c.typ, c.comment)
		out = append(out, "COMMENT ON COLUMN "+duckName(append(table[:len(table):len(table)], c.name))+
			" IS "+quoteString(text))
	}
	return out
}

// declaredQuery is a CREATE TABLE|VIEW ... AS SELECT: the object made and
// the query whose result columns it takes, by position.
type declaredQuery struct {
	object []namePart
	query  string
}

// createdFromQuery is the declaredQuery of a CREATE TABLE or VIEW whose
// columns are a query's (no column list), or nil. parts is the object's
// name, next the index in the code tokens after it.
func createdFromQuery(toks []token, object string, parts []namePart, next int) *declaredQuery {
	if object != "TABLE" && object != "VIEW" {
		return nil
	}
	if t, _ := codeAt(codeOnly(toks), next); t.is("(") {
		return nil
	}
	as := firstTopLevel(toks, len(toks), func(t token) bool { return t.isWord("AS") })
	if as < 0 {
		return nil
	}
	return &declaredQuery{object: parts, query: trimmed(toks[as+1:])}
}

// declaredTypeSQL is a DuckDB expression over duckdb_columns() naming a
// column's type as Snowflake spells it: the declared type where one was
// recorded, else what snowflakeTypeSQL makes of DuckDB's type.
func declaredTypeSQL() string {
	return `CASE WHEN ` + isDeclaredSQL + ` THEN substr(split_part(comment, chr(10), 1), ` + strconv.Itoa(len(declaredPrefix)+1) + `) ELSE ` +
		snowflakeTypeSQL("data_type", "numeric_precision", "numeric_scale") + ` END`
}

// userCommentSQL is duckdb_columns()' comment as the user sees it: without
// sftest's record of the declared type (see columnComment).
const userCommentSQL = `CASE WHEN NOT ` + isDeclaredSQL + ` THEN comment ` +
	`WHEN strpos(comment, chr(10)) > 0 THEN substr(comment, strpos(comment, chr(10)) + 1) END`

// isDeclaredSQL tells, over duckdb_columns(), a comment that records a
// declared type.
const isDeclaredSQL = `comment LIKE '` + declaredPrefix + `%'`
