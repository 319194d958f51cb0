package sftest

import (
	"sort"
	"strconv"
	"strings"
)

// sessionParameter is one parameter SHOW PARAMETERS lists: Snowflake's
// default, type and description.
type sessionParameter struct{ name, def, typ, desc string }

// sessionParameters are the session parameters SHOW PARAMETERS lists, with
// Snowflake's defaults. sftest's account sets TIMEZONE to UTC.
var sessionParameters = []sessionParameter{
	{"ABORT_DETACHED_QUERY", "false", "BOOLEAN", "If true, Snowflake will automatically abort queries when it detects that the client has disappeared."},
	{"AUTOCOMMIT", "true", "BOOLEAN", "The autocommit property determines whether is statement should to be implicitly wrapped within a transaction or not."},
	{"BINARY_OUTPUT_FORMAT", "HEX", "STRING", "Display format for binary values."},
	{"CLIENT_SESSION_KEEP_ALIVE", "false", "BOOLEAN", "If true, client session will not expire automatically"},
	{"DATE_INPUT_FORMAT", "AUTO", "STRING", "input format for date"},
	{"DATE_OUTPUT_FORMAT", "YYYY-MM-DD", "STRING", "display format for date"},
	{"ERROR_ON_NONDETERMINISTIC_MERGE", "true", "BOOLEAN", "raise an error when attempting to merge-update a row that joins many rows"},
	{"JSON_INDENT", "2", "NUMBER", "Width of indentation in JSON output (0 for compact)"},
	{"LOCK_TIMEOUT", "43200", "NUMBER", "Number of seconds to wait while trying to lock a resource, before timing out and aborting the statement."},
	{"MULTI_STATEMENT_COUNT", "1", "NUMBER", "Number of statement included in submitted query text."},
	{"QUERY_TAG", "", "STRING", "String (up to 4096 characters) used to tag statements executed by the session"},
	{"QUOTED_IDENTIFIERS_IGNORE_CASE", "false", "BOOLEAN", "If true, the case of quoted identifiers is ignored"},
	{"ROWS_PER_RESULTSET", "0", "NUMBER", "maximum number of rows in a result set"},
	{"STATEMENT_TIMEOUT_IN_SECONDS", "172800", "NUMBER", "Timeout in seconds for statements: statements are automatically canceled if they run for longer; if set to zero, max value (604800) is enforced."},
	{"TIMESTAMP_OUTPUT_FORMAT", "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM", "STRING", "Default display format for all timestamp types."},
	{"TIMESTAMP_TYPE_MAPPING", "TIMESTAMP_NTZ", "STRING", "If TIMESTAMP type is used, what specific TIMESTAMP* type it should map to: TIMESTAMP_LTZ (default), TIMESTAMP_NTZ or TIMESTAMP_TZ"},
	{"TIMEZONE", "America/Los_Angeles", "STRING", "time zone"},
	{"TRANSACTION_DEFAULT_ISOLATION_LEVEL", "READ COMMITTED", "STRING", "The default isolation level when starting a starting a transaction, when no isolation level was specified"},
	{"USE_CACHED_RESULT", "true", "BOOLEAN", "If enabled, query results can be reused between successive invocations of the same query as long as the original result has not expired"},
	{"WEEK_OF_YEAR_POLICY", "0", "NUMBER", "Defines the policy of assigning weeks to years: 0: the week needs to have 4 days in a given year; 1: a week with January 1st always belongs to a given year."},
	{"WEEK_START", "0", "NUMBER", "Defines the first day of the week: 0 (legacy) or 1 (Monday) ... 7 (Sunday)."},
}

// showParameters answers SHOW PARAMETERS [LIKE] [IN SESSION|ACCOUNT]: key,
// value, default, level, description, type, ordered by key. A parameter the
// session set has level SESSION; TIMEZONE's UTC is sftest's account level.
func showParameters(c showCall, env *rewriteEnv) (string, error) {
	if len(c.inName) > 0 || c.inKind == "DATABASE" || c.inKind == "SCHEMA" {
		return "", unsupported("SHOW PARAMETERS for an object")
	}
	var params map[string]string
	if env != nil {
		params = env.Params
	}
	list := append([]sessionParameter(nil), sessionParameters...)
	sort.Slice(list, func(i, j int) bool { return list[i].name < list[j].name })
	var rows []string
	for _, p := range list {
		value, level := p.def, ""
		if v, ok := params[p.name]; ok && c.inKind != "ACCOUNT" {
			value, level = v, "SESSION"
		}
		if p.name == "TIMEZONE" && (value == "UTC" || c.inKind == "ACCOUNT") {
			value, level = "UTC", "ACCOUNT"
		}
		rows = append(rows, "("+strings.Join([]string{quoteString(p.name), quoteString(value), quoteString(p.def),
			quoteString(level), quoteString(p.desc), quoteString(p.typ)}, ", ")+")")
	}
	return `SELECT * FROM (VALUES ` + strings.Join(rows, ", ") + `) AS __sftest_params("key", "value", "default", "level", "description", "type")` +
		" WHERE " + c.filters(`"key"`) + c.tail(`"key"`), nil
}

// classifyDescribe answers DESCRIBE|DESC TABLE name [TYPE = COLUMNS] with
// Snowflake's columns: name, type, kind, null?, default, primary key, unique
// key, check, expression, comment, policy name, privacy domain. A missing
// table fails as Snowflake's 002003 (the first DuckDB statement reads it).
func classifyDescribe(st *stmt, toks []token, env *rewriteEnv) error {
	code := codeOnly(toks)
	i := 1
	switch {
	case i < len(code) && (code[i].isWord("TABLE") || code[i].isWord("VIEW")):
		i++
	case i < len(code):
		return unsupported("DESCRIBE " + strings.ToUpper(code[i].text))
	}
	parts, j := parseName(code, i)
	if len(parts) == 0 || len(parts) > 3 {
		return compileError("syntax error: DESCRIBE TABLE needs a table name")
	}
	rest := code[j:]
	if len(rest) == 3 && rest[0].isWord("TYPE") && rest[1].is("=") && rest[2].isWord("COLUMNS") {
		rest = nil
	}
	if len(rest) > 0 {
		return compileError("syntax error line 1 at position 0 unexpected '%s'.", rest[0].text)
	}
	db, schema := qualifyParts(parts, env)
	name := parts[len(parts)-1].text
	if db == "" || schema == "" {
		return compileError("Cannot perform DESCRIBE. This session does not have a current database. Call 'USE DATABASE', or use a qualified name.")
	}
	full := []namePart{{text: db, quoted: true}, {text: schema, quoted: true}, parts[len(parts)-1]}
	q := `SELECT ` + snowName("column_name") + ` AS "name", ` + declaredTypeSQL() + ` AS "type", ` +
		`'COLUMN' AS "kind", CASE WHEN is_nullable THEN 'Y' ELSE 'N' END AS "null?", ` + describeDefaultSQL("column_default") + ` AS "default", ` +
		`'N' AS "primary key", 'N' AS "unique key", CAST(NULL AS VARCHAR) AS "check", CAST(NULL AS VARCHAR) AS "expression", ` +
		userCommentSQL + ` AS "comment", CAST(NULL AS VARCHAR) AS "policy name", CAST(NULL AS VARCHAR) AS "privacy domain" ` +
		`FROM duckdb_columns() WHERE database_name = ` + quoteString(db) + ` AND schema_name = ` + quoteString(schema) +
		` AND lower(table_name) = lower(` + quoteString(name) + `) ORDER BY column_index`
	st.Kind, st.Text = kindQuery, q
	st.Duck = []string{"SELECT * FROM " + duckName(full) + " LIMIT 0", q}
	return nil
}

// duckTypeSpellings are the Snowflake spellings, as DESCRIBE shows them, of
// the DuckDB types sftest keeps columns as (DECIMAL, lists, STRUCT and MAP
// aside: see snowflakeTypeOf); a type not listed is spelled as DuckDB does
// (BOOLEAN, DATE).
var duckTypeSpellings = []struct {
	duck []string
	sf   string
}{
	{[]string{"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}, "NUMBER(38,0)"},
	{[]string{"DOUBLE", "FLOAT", "REAL"}, "FLOAT"},
	{[]string{"VARCHAR"}, "VARCHAR(16777216)"},
	{[]string{"BLOB"}, "BINARY(8388608)"},
	{[]string{"TIMESTAMP", "TIMESTAMP_NS"}, "TIMESTAMP_NTZ(9)"},
	{[]string{"TIMESTAMP_MS"}, "TIMESTAMP_NTZ(3)"},
	{[]string{"TIMESTAMP_S"}, "TIMESTAMP_NTZ(0)"},
	{[]string{"TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ"}, "TIMESTAMP_LTZ(9)"},
	{[]string{"TIME"}, "TIME(9)"},
	{[]string{"JSON"}, "VARIANT"},
}

// snowflakeTypeOf is the Snowflake spelling of the DuckDB type duck
// (DECIMAL(12,2) is NUMBER(12,2)), from DuckDB's type alone.
func snowflakeTypeOf(duck string) string {
	duck = strings.ToUpper(strings.TrimSpace(duck))
	switch {
	case strings.HasPrefix(duck, "DECIMAL"):
		if args := typeArgs(duck); len(args) == 2 {
			return "NUMBER(" + strconv.Itoa(args[0]) + "," + strconv.Itoa(args[1]) + ")"
		}
		return "NUMBER(18,3)" // DuckDB's DECIMAL without arguments
	case strings.HasSuffix(duck, "[]"):
		return "ARRAY"
	case strings.HasPrefix(duck, "STRUCT") || strings.HasPrefix(duck, "MAP"):
		return "OBJECT"
	}
	for _, s := range duckTypeSpellings {
		for _, d := range s.duck {
			if d == duck {
				return s.sf
			}
		}
	}
	return duck
}

// snowflakeTypeSQL is a DuckDB expression naming, as Snowflake spells it, the
// type of a column whose DuckDB type name, precision and scale are in the
// given columns, from DuckDB's type alone (declaredTypeSQL prefers a
// recorded declared type): snowflakeTypeOf in SQL.
func snowflakeTypeSQL(typ, prec, scale string) string {
	var b strings.Builder
	b.WriteString(`CASE WHEN ` + typ + ` LIKE 'DECIMAL%' THEN 'NUMBER(' || ` + prec + ` || ',' || ` + scale + ` || ')' `)
	for _, s := range duckTypeSpellings {
		quoted := make([]string, len(s.duck))
		for i, d := range s.duck {
			quoted[i] = quoteString(d)
		}
		b.WriteString(`WHEN ` + typ + ` IN (` + strings.Join(quoted, ", ") + `) THEN ` + quoteString(s.sf) + ` `)
	}
	b.WriteString(`WHEN ` + typ + ` LIKE '%[]' THEN 'ARRAY' ` +
		`WHEN ` + typ + ` LIKE 'STRUCT%' OR ` + typ + ` LIKE 'MAP%' THEN 'OBJECT' ` +
		`ELSE ` + typ + ` END`)
	return b.String()
}
