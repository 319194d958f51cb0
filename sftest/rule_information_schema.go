package sftest

import (
	"strings"
)

// ruleInformationSchema turns a reference to [db.]INFORMATION_SCHEMA.TABLES,
// COLUMNS, SCHEMATA, VIEWS or DATABASES into a DuckDB derived table with
// Snowflake's columns (infoViews), so WHERE, joins and ORDER BY work on it as
// on any table. Without db it reads the session's current database (none:
// Snowflake's error); another view fails as not emulated rather than reach
// DuckDB's own information_schema, whose answer would not be Snowflake's.
// The rows are that database's objects only, named as
// Snowflake shows them (snowName: a table created as src is SRC), with the
// column types Snowflake reports, the declared ones included
// (catalog_declared.go). A database that does not exist fails as any
// missing database does (002003). A reference without an alias gets the
// view's name as one, so TABLES.TABLE_NAME resolves. Table functions
// (QUERY_HISTORY(...)) are left alone.
func ruleInformationSchema(s string, env *rewriteEnv) (string, error) {
	if !containsFold(s, "INFORMATION_SCHEMA") {
		return s, nil
	}
	toks := tokenize(s)
	var b strings.Builder
	emitted := 0
	for i := 0; i < len(toks); i++ {
		ref, ok := infoSchemaRef(toks, i)
		if !ok || ref.from < emitted {
			continue
		}
		if ref.view == nil {
			return "", unsupported("INFORMATION_SCHEMA." + ref.name + " (sftest answers " + strings.Join(infoViewNameList(), ", ") + ")")
		}
		db := ref.db
		if db == "" && env != nil {
			db = env.Database
		}
		if db == "" {
			return "", compileError("Cannot perform SELECT. This session does not have a current database. Call 'USE DATABASE', or use a qualified name.")
		}
		b.WriteString(joinTokens(toks[emitted:ref.from]))
		b.WriteString(ref.view.table(db))
		if !aliasFollows(toks, ref.to+1) {
			b.WriteString(" AS " + quoteIdent(ref.view.name))
		}
		emitted, i = ref.to+1, ref.to
	}
	if emitted == 0 {
		return s, nil
	}
	b.WriteString(joinTokens(toks[emitted:]))
	return b.String(), nil
}

// infoRef is a reference to an INFORMATION_SCHEMA view in a token list:
// toks[from:to+1] is [db.]INFORMATION_SCHEMA.view; db is "" when absent.
type infoRef struct {
	from, to int
	db       string
	view     *infoView // nil: a view sftest does not answer
	name     string    // the view's name as written
}

// infoSchemaRef reads a reference to a view whose INFORMATION_SCHEMA part
// is toks[i]. Not one: a call (view followed by "("), a column qualified by
// the view (followed by "."), a name of four parts, or a quoted
// INFORMATION_SCHEMA whose case differs from Snowflake's upper-case name.
func infoSchemaRef(toks []token, i int) (infoRef, bool) {
	if !isUpperName(toks[i], "INFORMATION_SCHEMA") {
		return infoRef{}, false
	}
	dot, di := codeAt(toks, i+1)
	if !dot.is(".") {
		return infoRef{}, false
	}
	vt, vi := codeAt(toks, di+1)
	name := identPart(vt).text
	if vt.kind != tkWord && vt.kind != tkQuoted {
		return infoRef{}, false
	}
	if next, _ := codeAt(toks, vi+1); next.is("(") || next.is(".") {
		return infoRef{}, false
	}
	ref := infoRef{from: i, to: vi, view: infoViewNamed(name), name: name}
	if p := prevCode(toks, i); p >= 0 && toks[p].is(".") {
		q := prevCode(toks, p)
		if q < 0 || toks[q].kind != tkWord && toks[q].kind != tkQuoted {
			return infoRef{}, false
		}
		if r := prevCode(toks, q); r >= 0 && toks[r].is(".") {
			return infoRef{}, false
		}
		ref.from, ref.db = q, identPart(toks[q]).text
	}
	return ref, true
}

// isUpperName reports whether t names the upper-case identifier name: an
// unquoted word in any case, or a quoted one spelled exactly so.
func isUpperName(t token, name string) bool {
	switch t.kind {
	case tkWord:
		return t.isWord(name)
	case tkQuoted:
		return unquoteIdent(t.text) == name
	}
	return false
}

// aliasWords are words that may follow a table in a FROM clause without
// naming it, besides those aliasStop knows.
var aliasWords = map[string]bool{"SET": true, "WHEN": true, "SELECT": true, "VALUES": true, "RETURNING": true, "FOR": true, "ANTI": true, "SEMI": true}

// aliasFollows reports whether the code at or after toks[i] gives the table
// before it an alias: AS, a quoted name, or a word that is not a keyword
// continuing the statement.
func aliasFollows(toks []token, i int) bool {
	t, _ := codeAt(toks, i)
	switch t.kind {
	case tkQuoted:
		return true
	case tkWord:
		return t.isWord("AS") || !aliasStop(t.text) && !aliasWords[strings.ToUpper(t.text)]
	}
	return false
}

// table renders v for database db as a DuckDB derived table: its source
// rows, cross-joined with a one-row check that fails when db does not
// exist, cast to Snowflake's column types, in v's order.
func (v *infoView) table(db string) string {
	cols := make([]string, len(v.cols))
	for i, c := range v.cols {
		e := c.expr
		if e == "" {
			e = "NULL"
		}
		cols[i] = "CAST(" + e + " AS " + infoDuckTypes[c.typ] + ") AS " + quoteIdent(c.name)
	}
	check := "(SELECT CASE WHEN count(*) = 0 THEN error(" + quoteString(`Catalog "`+db+`" does not exist!`) +
		") ELSE true END AS ok FROM duckdb_databases() WHERE database_name = " + quoteString(db) + ") AS __sftest_db"
	return "(SELECT " + strings.Join(cols, ", ") + " FROM " + check + ", (" + infoSource(v.name, db) +
		") AS __sftest_info WHERE __sftest_db.ok ORDER BY " + v.order + ")"
}
