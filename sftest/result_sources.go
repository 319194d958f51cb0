package sftest

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// Result columns that read a table column as it is (SELECT ts, t.v, * FROM
// t) take the column's declared type (catalog_declared.go): DuckDB's result
// types cannot tell TIMESTAMP_TZ from TIMESTAMP_LTZ, or carry TIME(3)'s
// scale or VARCHAR(10)'s length.

// fromTable is one table a FROM clause reads: its name as written, and the
// name its columns are qualified by (the alias, else the name's last part).
// known is false for what is not a named table (a subquery, a table
// function).
type fromTable struct {
	parts     []namePart
	qualifier namePart
	known     bool
}

// selectRef is one select item: a star (of every table, or of the one
// qualified), a column (qualifier optional), or something else.
type selectRef struct {
	star      bool
	qualifier *namePart
	column    namePart
	plain     bool // a column reference, nothing more
}

// fromClauseEnds end a FROM clause at the top level.
var fromClauseEnds = map[string]bool{
	"WHERE": true, "GROUP": true, "HAVING": true, "QUALIFY": true, "ORDER": true, "LIMIT": true,
	"WINDOW": true, "FETCH": true, "OFFSET": true,
}

// joinWords may stand between two tables of a FROM clause.
var joinWords = map[string]bool{
	"JOIN": true, "INNER": true, "LEFT": true, "RIGHT": true, "FULL": true, "OUTER": true, "CROSS": true,
}

// fromGiveUps are constructs after a table whose columns are not the
// table's (or whose star expansion differs): the columns are not traced.
var fromGiveUps = map[string]bool{
	"PIVOT": true, "UNPIVOT": true, "SAMPLE": true, "TABLESAMPLE": true, "MATCH_RECOGNIZE": true,
	"AT": true, "BEFORE": true, "CHANGES": true, "NATURAL": true, "USING": true, "UNION": true,
	"INTERSECT": true, "EXCEPT": true, "MINUS": true, "ASOF": true, "POSITIONAL": true,
}

// selectSources parses a plain SELECT [DISTINCT] items FROM tables ...:
// its select items and the tables of its FROM clause. ok is false for any
// other statement (WITH, set operations, no FROM, ...).
func selectSources(text string) (items []selectRef, tables []fromTable, ok bool) {
	code := codeOnly(tokenize(text))
	if len(code) < 4 || !code[0].isWord("SELECT") {
		return nil, nil, false
	}
	start := 1
	if code[start].isWord("DISTINCT") || code[start].isWord("ALL") {
		start++
	}
	from := -1
	depth := 0
	for i := start; i < len(code) && from < 0; i++ {
		switch t := code[i]; {
		case t.is("("):
			depth++
		case t.is(")"):
			depth--
		case depth == 0 && t.isWord("FROM"):
			from = i
		}
	}
	if from < 0 {
		return nil, nil, false
	}
	tables, ok = fromTables(code, from+1)
	if !ok {
		return nil, nil, false
	}
	for _, sp := range argSpans(code, start, from) {
		items = append(items, selectRefOf(code[sp[0]:sp[1]]))
	}
	return items, tables, true
}

// fromTables reads the FROM clause starting at code[i] up to its end.
func fromTables(code []token, i int) ([]fromTable, bool) {
	var tables []fromTable
	for i < len(code) {
		t := code[i]
		switch {
		case t.is(";"):
			return tables, true
		case t.kind == tkWord && fromClauseEnds[strings.ToUpper(t.text)]:
			return tables, true
		case t.kind == tkWord && fromGiveUps[strings.ToUpper(t.text)]:
			return nil, false
		case t.is(","), t.kind == tkWord && (joinWords[strings.ToUpper(t.text)] || t.isWord("LATERAL")):
			i++
			continue
		case t.isWord("ON"):
			i = skipCondition(code, i+1)
			continue
		}
		ft, next, ok := fromTableAt(code, i)
		if !ok {
			return nil, false
		}
		tables = append(tables, ft)
		i = next
	}
	return tables, true
}

// fromTableAt reads one table (or subquery, or table function) with its
// alias at code[i].
func fromTableAt(code []token, i int) (fromTable, int, bool) {
	var ft fromTable
	switch {
	case code[i].is("("):
		c := closeParen(code, i)
		if c < 0 {
			return ft, 0, false
		}
		i = c + 1
	case code[i].kind == tkWord || code[i].kind == tkQuoted:
		parts, next := parseName(code, i)
		if next < len(code) && code[next].is("(") { // TABLE(...), FLATTEN(...)
			c := closeParen(code, next)
			if c < 0 {
				return ft, 0, false
			}
			i = c + 1
			break
		}
		ft.parts, ft.known, i = parts, true, next
		ft.qualifier = parts[len(parts)-1]
	default:
		return ft, 0, false
	}
	if i < len(code) && code[i].isWord("AS") {
		i++
	}
	if i < len(code) && (code[i].kind == tkWord && !aliasStop(code[i].text) || code[i].kind == tkQuoted) {
		ft.qualifier = identPart(code[i])
		i++
		if i < len(code) && code[i].is("(") { // alias(column names)
			return ft, 0, false
		}
	}
	return ft, i, true
}

// aliasStop reports whether a word after a table ends it rather than
// naming it.
func aliasStop(w string) bool {
	u := strings.ToUpper(w)
	return fromClauseEnds[u] || fromGiveUps[u] || joinWords[u] || u == "ON" || u == "LATERAL"
}

// skipCondition skips a join's ON condition: to the next top-level comma,
// join word or end of the FROM clause.
func skipCondition(code []token, i int) int {
	depth := 0
	for ; i < len(code); i++ {
		t := code[i]
		switch {
		case t.is("("):
			depth++
		case t.is(")"):
			depth--
		case depth > 0:
		case t.is(","), t.is(";"):
			return i
		case t.kind == tkWord:
			u := strings.ToUpper(t.text)
			if joinWords[u] || fromClauseEnds[u] || fromGiveUps[u] || u == "LATERAL" {
				return i
			}
		}
	}
	return i
}

// selectRefOf reads one select item.
func selectRefOf(item []token) selectRef {
	switch {
	case len(item) == 1 && item[0].is("*"):
		return selectRef{star: true, plain: true}
	case len(item) == 0 || item[0].kind != tkWord && item[0].kind != tkQuoted:
		return selectRef{}
	}
	parts, next := parseName(item, 0)
	if next < len(item) && item[next].is("*") && next == len(item)-1 && len(parts) > 0 {
		q := parts[len(parts)-1]
		return selectRef{star: true, qualifier: &q, plain: true}
	}
	switch rest := item[next:]; {
	case len(rest) == 0:
	case len(rest) == 1 && (rest[0].kind == tkWord && !rest[0].isWord("AS") || rest[0].kind == tkQuoted):
	case len(rest) == 2 && rest[0].isWord("AS") && (rest[1].kind == tkWord || rest[1].kind == tkQuoted):
	default:
		return selectRef{}
	}
	ref := selectRef{column: parts[len(parts)-1], plain: true}
	if len(parts) > 1 {
		q := parts[len(parts)-2]
		ref.qualifier = &q
	}
	return ref
}

// sameName compares names as DuckDB resolves them: ignoring case.
func sameName(a, b namePart) bool { return strings.EqualFold(a.text, b.text) }

// declaredResultTypes returns, per result column of the query text, the
// declared type of the table column it reads as it is ("" for other
// columns); nil when the columns cannot be traced or none was declared.
// db and schema are the session's current ones; conn reads the catalog
// (inside a session transaction when inTxn).
func (c *declaredCatalog) declaredResultTypes(ctx context.Context, conn *sql.Conn, text, db, schema string, inTxn bool) []string {
	c.mu.Lock()
	recorded := c.any
	c.mu.Unlock()
	if !recorded {
		return nil
	}
	items, tables, ok := selectSources(text)
	if !ok {
		return nil
	}
	cols := make([][]tableColumn, len(tables))
	for i, t := range tables {
		if !t.known || len(t.parts) > 3 {
			continue
		}
		tc, err := c.columns(ctx, conn, qualifiedKey(t.parts, db, schema), inTxn)
		if err != nil {
			return nil
		}
		cols[i] = tc
	}
	var out []string
	found := false
	for _, it := range items {
		switch {
		case it.star:
			for i, t := range tables {
				if it.qualifier != nil && !sameName(t.qualifier, *it.qualifier) {
					continue
				}
				if cols[i] == nil {
					return nil // a star over columns not known
				}
				for _, col := range cols[i] {
					out = append(out, col.declared)
					found = found || col.declared != ""
				}
			}
		case it.plain:
			d := declaredColumn(it, tables, cols)
			out = append(out, d)
			found = found || d != ""
		default:
			out = append(out, "")
		}
	}
	if !found {
		return nil
	}
	return out
}

// declaredColumn is the declared type of the one table column ref names,
// or "" when it names none, or more than one.
func declaredColumn(ref selectRef, tables []fromTable, cols [][]tableColumn) string {
	match := ""
	n := 0
	for i, t := range tables {
		if ref.qualifier != nil && !sameName(t.qualifier, *ref.qualifier) {
			continue
		}
		for _, col := range cols[i] {
			if strings.EqualFold(col.name, ref.column.text) {
				match = col.declared
				n++
			}
		}
	}
	if n != 1 {
		return ""
	}
	return match
}

// applyDeclared gives rt, a result column that reads a table column as it
// is, what the column's declared type adds: TIMESTAMP_TZ or _LTZ, a
// scale, a length, OBJECT or ARRAY. A declared type of another family
// than rt's (the column was retyped since) changes nothing.
func applyDeclared(rt *rowType, declared string) {
	name, arg, _ := strings.Cut(strings.TrimSuffix(declared, ")"), "(")
	n, err := strconv.ParseInt(arg, 10, 64)
	hasArg := err == nil
	switch name {
	case "TIMESTAMP_TZ", "TIMESTAMP_LTZ":
		if rt.Type != "timestamp_ltz" && rt.Type != "timestamp_tz" {
			return
		}
		rt.Type, rt.zone = strings.ToLower(name), nil
	case "TIMESTAMP_NTZ", "TIME":
		if rt.Type != strings.ToLower(name) {
			return
		}
	case "VARCHAR":
		if rt.Type == "text" && hasArg {
			rt.Length, rt.ByteLength = n, min(4*n, textLength)
		}
		return
	case "BINARY":
		if rt.Type == "binary" && hasArg {
			rt.Length, rt.ByteLength = n, n
		}
		return
	case "OBJECT", "ARRAY":
		if rt.Type == "variant" {
			rt.Type = strings.ToLower(name)
		}
		return
	default:
		return
	}
	if hasArg {
		rt.Scale = n
	}
}
