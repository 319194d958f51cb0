package sftest

import (
	"strings"
)

// duckHomeCatalog is the catalog of the DuckDB database sftest opens (in
// memory, so DuckDB names it "memory"). Statements that detach a Snowflake
// database switch to it first, because DuckDB refuses to detach a
// connection's current catalog.
const duckHomeCatalog = "memory"

// checkContainerOptions accepts the options of CREATE DATABASE/SCHEMA that do
// not change what sftest does (COMMENT = '...', DATA_RETENTION_TIME_IN_DAYS =
// n and other `NAME = value` settings, WITH MANAGED ACCESS) and rejects
// everything else (CLONE, FROM SHARE, AS REPLICA OF, WITH TAG, ...).
func checkContainerOptions(object string, rest []token) error {
	for i := 0; i < len(rest); {
		switch {
		case i+2 < len(rest) && rest[i].kind == tkWord && rest[i+1].is("=") && rest[i+2].kind != tkPunct:
			i += 3
		case i+2 < len(rest) && rest[i].isWord("WITH") && rest[i+1].isWord("MANAGED") && rest[i+2].isWord("ACCESS"):
			i += 3
		default:
			return unsupported("CREATE " + object + " ... " + strings.ToUpper(rest[i].text))
		}
	}
	return nil
}

// createDatabase maps CREATE [OR REPLACE] DATABASE [IF NOT EXISTS] X to an
// attached in-memory DuckDB catalog with Snowflake's PUBLIC schema. OR
// REPLACE detaches the old one first (switching the connection to the home
// catalog, see stmt.Duck), which drops everything in it as Snowflake does.
func createDatabase(parts []namePart, orReplace, ifNotExists bool, rest []token) ([]string, error) {
	if len(parts) != 1 {
		return nil, compileError("invalid database name %s", plainName(parts))
	}
	if orReplace && ifNotExists {
		return nil, compileError("OR REPLACE and IF NOT EXISTS are incompatible")
	}
	if err := checkContainerOptions("DATABASE", rest); err != nil {
		return nil, err
	}
	db := duckName(parts)
	var duck []string
	attach := "ATTACH ':memory:' AS " + db
	switch {
	case orReplace:
		duck = append(duck, "USE "+duckHomeCatalog, "DETACH DATABASE IF EXISTS "+db)
	case ifNotExists:
		attach = "ATTACH IF NOT EXISTS ':memory:' AS " + db
	}
	return append(duck, attach, "CREATE SCHEMA IF NOT EXISTS "+db+`."PUBLIC"`), nil
}

// createSchema maps CREATE [OR REPLACE] SCHEMA [IF NOT EXISTS] [db.]S to a
// DuckDB schema; OR REPLACE drops the old one with its contents.
func createSchema(parts []namePart, orReplace, ifNotExists bool, rest []token) ([]string, error) {
	if len(parts) > 2 {
		return nil, compileError("invalid schema name %s", plainName(parts))
	}
	if orReplace && ifNotExists {
		return nil, compileError("OR REPLACE and IF NOT EXISTS are incompatible")
	}
	if err := checkContainerOptions("SCHEMA", rest); err != nil {
		return nil, err
	}
	name := duckName(parts)
	switch {
	case orReplace:
		return []string{"DROP SCHEMA IF EXISTS " + name + " CASCADE", "CREATE SCHEMA " + name}, nil
	case ifNotExists:
		return []string{"CREATE SCHEMA IF NOT EXISTS " + name}, nil
	}
	return []string{"CREATE SCHEMA " + name}, nil
}

// dropDatabase maps DROP DATABASE [IF EXISTS] X [CASCADE|RESTRICT] to DETACH.
func dropDatabase(parts []namePart, ifExists bool, rest []token) ([]string, error) {
	if len(parts) != 1 {
		return nil, compileError("invalid database name %s", plainName(parts))
	}
	if len(rest) > 1 || len(rest) == 1 && !rest[0].isWord("CASCADE") && !rest[0].isWord("RESTRICT") {
		return nil, compileError("syntax error in DROP DATABASE")
	}
	detach := "DETACH DATABASE "
	if ifExists {
		detach += "IF EXISTS "
	}
	return []string{"USE " + duckHomeCatalog, detach + duckName(parts)}, nil
}

// dropSchema maps DROP SCHEMA; Snowflake drops the schema's objects with it
// (CASCADE is its default), DuckDB only when told.
func dropSchema(parts []namePart, ifExists bool, rest []token) ([]string, error) {
	if len(parts) > 2 {
		return nil, compileError("invalid schema name %s", plainName(parts))
	}
	mode := "CASCADE"
	switch {
	case len(rest) == 0:
	case len(rest) == 1 && (rest[0].isWord("CASCADE") || rest[0].isWord("RESTRICT")):
		mode = strings.ToUpper(rest[0].text)
	default:
		return nil, compileError("syntax error in DROP SCHEMA")
	}
	drop := "DROP SCHEMA "
	if ifExists {
		drop += "IF EXISTS "
	}
	return []string{drop + duckName(parts) + " " + mode}, nil
}

// createHead returns the index in toks of the object-type word of a CREATE
// statement (TABLE, VIEW, ...) and its upper-cased text, or -1 when s is no
// CREATE statement.
func createHead(toks []token) (int, string) {
	t, i := codeAt(toks, 0)
	if !t.isWord("CREATE") {
		return -1, ""
	}
	for {
		t, i = codeAt(toks, i+1)
		if t.kind != tkWord {
			return -1, ""
		}
		w := strings.ToUpper(t.text)
		if w == "OR" || w == "REPLACE" || objectModifiers[w] {
			continue
		}
		return i, w
	}
}

// ruleTableKind drops the table kinds DuckDB has no use for: TRANSIENT and
// VOLATILE (no Fail-safe to skip), SECURE views, and TEMPORARY: DuckDB's
// temporary tables belong to one connection, but the server runs each
// statement on a pooled connection, so a session's temporary table must be
// an ordinary table to be visible to its next statement.
func ruleTableKind(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "CREATE") {
		return s, nil
	}
	toks := tokenize(s)
	at, object := createHead(toks)
	if at < 0 || object != "TABLE" && object != "VIEW" {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if i < at && t.kind == tkWord && objectModifiers[strings.ToUpper(t.text)] && !t.isWord("RECURSIVE") {
			// Drop the word and the whitespace after it.
			if i+1 < len(toks) && toks[i+1].kind == tkSpace {
				i++
			}
			continue
		}
		b.WriteString(t.text)
	}
	return b.String(), nil
}

// tableOptions are Snowflake's `NAME = value` table and view options that do
// not change query results; sftest drops them.
var tableOptions = map[string]bool{
	"COMMENT": true, "DATA_RETENTION_TIME_IN_DAYS": true, "MAX_DATA_EXTENSION_TIME_IN_DAYS": true,
	"CHANGE_TRACKING": true, "DEFAULT_DDL_COLLATION": true, "ENABLE_SCHEMA_EVOLUTION": true,
}

// ruleTableOptions drops CREATE TABLE/VIEW options DuckDB does not know and
// that do not change results: CLUSTER BY (...), COPY GRANTS, COMMENT = '...'
// and the settings in tableOptions, and column COMMENT '...' (comments are
// recorded after the statement: declareStatements). It looks only before
// the AS of a CTAS or view, so the query is never touched.
func ruleTableOptions(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "CREATE") {
		return s, nil
	}
	toks := tokenize(s)
	at, object := createHead(toks)
	if at < 0 || object != "TABLE" && object != "VIEW" {
		return s, nil
	}
	drop := make([]bool, len(toks))
	dropRange := func(from, to int) { // [from, to]
		for k := from; k <= to && k < len(drop); k++ {
			drop[k] = true
		}
	}
	depth := 0
	for i := at + 1; i < len(toks); i++ {
		t := toks[i]
		if !t.isCode() {
			continue
		}
		switch {
		case t.is("("):
			depth++
			continue
		case t.is(")"):
			depth--
			continue
		}
		if depth == 0 && (t.isWord("AS") || t.isWord("SELECT")) {
			break
		}
		n1, i1 := codeAt(toks, i+1)
		n2, i2 := codeAt(toks, i1+1)
		switch {
		case depth == 0 && t.isWord("CLUSTER") && n1.isWord("BY") && n2.is("("):
			if c := closeParen(toks, i2); c > 0 {
				dropRange(i, c)
				i = c
			}
		case depth == 0 && t.isWord("COPY") && n1.isWord("GRANTS"):
			dropRange(i, i1)
			i = i1
		case depth == 0 && t.kind == tkWord && tableOptions[strings.ToUpper(t.text)] && n1.is("=") && n2.isCode() && !n2.is("("):
			dropRange(i, i2)
			i = i2
		case depth == 1 && t.isWord("COMMENT") && n1.kind == tkString:
			dropRange(i, i1)
			i = i1
		}
	}
	var b strings.Builder
	for i, t := range toks {
		if !drop[i] {
			b.WriteString(t.text)
		}
	}
	return b.String(), nil
}
