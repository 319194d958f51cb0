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
// and the settings in tableOptions, and column COMMENT '...'. It looks only
// before the AS of a CTAS or view, so the query is never touched.
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

// columnConstraintStarts begin a table constraint, not a column, in a
// column list.
var columnConstraintStarts = map[string]bool{
	"CONSTRAINT": true, "PRIMARY": true, "UNIQUE": true, "FOREIGN": true, "CHECK": true,
}

// ruleTypes maps Snowflake data types to DuckDB ones where a type is
// expected: after ::, after AS in CAST/TRY_CAST, in a CREATE TABLE column
// list, and in ALTER TABLE ... ADD [COLUMN] c T / ... TYPE T. Words
// elsewhere (a column named text or date) are left alone.
func ruleTypes(s string, _ *rewriteEnv) (string, error) {
	if !strings.Contains(s, "::") && !containsFold(s, "CAST") && !containsFold(s, "CREATE") && !containsFold(s, "ALTER") {
		return s, nil
	}
	toks := tokenize(s)
	var starts []int
	// :: and CAST(x AS T).
	var castParens []bool // per open paren: is it a CAST's
	for i, t := range toks {
		switch {
		case t.is("::"):
			if _, j := codeAt(toks, i+1); j < len(toks) {
				starts = append(starts, j)
			}
		case t.is("("):
			p := prevCode(toks, i)
			castParens = append(castParens, p >= 0 && (toks[p].isWord("CAST") || toks[p].isWord("TRY_CAST")))
		case t.is(")"):
			if len(castParens) > 0 {
				castParens = castParens[:len(castParens)-1]
			}
		case t.isWord("AS") && len(castParens) > 0 && castParens[len(castParens)-1]:
			if _, j := codeAt(toks, i+1); j < len(toks) {
				starts = append(starts, j)
			}
		}
	}
	starts = append(starts, columnDefTypes(toks)...)
	type repl struct {
		to   int // the type is toks[from:to+1]
		text string
	}
	reps := map[int]repl{} // by from
	for _, p := range starts {
		to, text, ok, err := mapType(toks, p)
		if err != nil {
			return "", err
		}
		if ok {
			reps[p] = repl{to, text}
		}
	}
	if len(reps) == 0 {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(toks); i++ {
		if r, ok := reps[i]; ok {
			b.WriteString(r.text)
			i = r.to
			continue
		}
		b.WriteString(toks[i].text)
	}
	return b.String(), nil
}

// columnDefTypes returns the token indexes where column types start in a
// CREATE TABLE column list or an ALTER TABLE ADD/ALTER COLUMN.
func columnDefTypes(toks []token) []int {
	var out []int
	if at, object := createHead(toks); at >= 0 && object == "TABLE" {
		i := at + 1
		if t, _ := codeAt(toks, i); t.isWord("IF") {
			i = skipCode(toks, i, 3) // IF NOT EXISTS
		}
		_, i = parseName(toks, i)
		open, oi := codeAt(toks, i)
		if !open.is("(") {
			return nil
		}
		close := closeParen(toks, oi)
		if close < 0 {
			return nil
		}
		for _, sp := range argSpans(toks, oi+1, close) {
			name, ni := codeAt(toks, sp[0])
			if ni >= sp[1] || name.kind == tkWord && columnConstraintStarts[strings.ToUpper(name.text)] {
				continue
			}
			if name.kind != tkWord && name.kind != tkQuoted {
				continue
			}
			if _, ti := codeAt(toks, ni+1); ti < sp[1] {
				out = append(out, ti)
			}
		}
		return out
	}
	first, i := codeAt(toks, 0)
	if second, _ := codeAt(toks, i+1); !first.isWord("ALTER") || !second.isWord("TABLE") {
		return nil
	}
	for i := range toks {
		t := toks[i]
		switch {
		case t.isWord("ADD"):
			j := i + 1
			if n, k := codeAt(toks, j); n.isWord("COLUMN") {
				j = k + 1
			}
			if n, _ := codeAt(toks, j); n.isWord("IF") {
				j = skipCode(toks, j, 3) // IF NOT EXISTS
			}
			if n, k := codeAt(toks, j); n.kind == tkWord || n.kind == tkQuoted {
				if _, ti := codeAt(toks, k+1); ti < len(toks) {
					out = append(out, ti)
				}
			}
		case t.isWord("TYPE"):
			if _, ti := codeAt(toks, i+1); ti < len(toks) {
				out = append(out, ti)
			}
		}
	}
	return out
}

// mapType maps the Snowflake type starting at toks[p]. It returns the index
// of the type's last token and DuckDB's spelling, or ok false when the type
// needs no change (or p is not a type name).
func mapType(toks []token, p int) (to int, text string, ok bool, err error) {
	if p >= len(toks) || toks[p].kind != tkWord {
		return 0, "", false, nil
	}
	w := strings.ToUpper(toks[p].text)
	to = p
	var args []string
	if open, oi := codeAt(toks, p+1); open.is("(") {
		if c := closeParen(toks, oi); c > 0 {
			for _, a := range splitArgs(toks, oi+1, c) {
				args = append(args, trimmed(a))
			}
			to = c
		}
	}
	// nextWord extends the type over a following word (DOUBLE PRECISION).
	nextWord := func(words ...string) bool {
		k := to
		for _, want := range words {
			n, j := codeAt(toks, k+1)
			if !n.isWord(want) {
				return false
			}
			k = j
		}
		to = k
		return true
	}
	switch w {
	case "NUMBER", "NUMERIC", "DECIMAL", "DEC":
		// Snowflake's default is NUMBER(38,0); DuckDB's DECIMAL is (18,3).
		switch {
		case len(args) == 0:
			return to, "DECIMAL(38,0)", true, nil
		case len(args) == 1 && isInteger(args[0]):
			return to, "DECIMAL(" + args[0] + ",0)", true, nil
		case len(args) == 2 && isInteger(args[0]) && isInteger(args[1]):
			return to, "DECIMAL(" + args[0] + "," + args[1] + ")", true, nil
		}
		return 0, "", false, compileError("invalid type %s", trimmed(toks[p:to+1]))
	case "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT":
		// All are NUMBER(38,0) in Snowflake; BIGINT holds every value
		// short of 19 digits, which is what tests use, and is much faster
		// than DECIMAL(38,0).
		return to, "BIGINT", true, nil
	case "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "REAL":
		// All are 64-bit in Snowflake; DuckDB's FLOAT and REAL are 32-bit.
		nextWord("PRECISION")
		return to, "DOUBLE", true, nil
	case "STRING", "TEXT", "VARCHAR", "CHAR", "CHARACTER", "NCHAR", "NVARCHAR", "NVARCHAR2", "NCHAR_VARYING":
		if len(args) == 0 && nextWord("VARYING") {
			if open, oi := codeAt(toks, to+1); open.is("(") {
				if c := closeParen(toks, oi); c > 0 {
					to = c
				}
			}
		}
		return to, "VARCHAR", true, nil
	case "BINARY", "VARBINARY":
		return to, "BLOB", true, nil
	case "DATETIME", "TIMESTAMP_NTZ":
		return to, ntzType(args), true, nil
	case "TIMESTAMP":
		switch {
		case nextWord("WITH", "LOCAL", "TIME", "ZONE"), nextWord("WITH", "TIME", "ZONE"):
			return to, "TIMESTAMPTZ", true, nil
		case nextWord("WITHOUT", "TIME", "ZONE"):
		}
		return to, ntzType(args), true, nil
	case "TIMESTAMP_LTZ", "TIMESTAMP_TZ":
		return to, "TIMESTAMPTZ", true, nil
	case "TIME":
		return to, "TIME", true, nil
	case "VARIANT", "OBJECT", "ARRAY":
		return to, "JSON", true, nil
	case "GEOGRAPHY", "GEOMETRY", "VECTOR", "FILE":
		return 0, "", false, unsupported("data type " + w)
	}
	return 0, "", false, nil
}

// isInteger reports whether s is a non-empty string of ASCII digits.
func isInteger(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
