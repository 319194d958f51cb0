package sftest

import (
	"sort"
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

// snowflakeTypeSQL is a DuckDB expression naming, as Snowflake spells it, the
// type of a column whose DuckDB type name, precision and scale are in the
// given columns, from DuckDB's type alone (declaredTypeSQL prefers a
// recorded declared type).
func snowflakeTypeSQL(typ, prec, scale string) string {
	return `CASE WHEN ` + typ + ` LIKE 'DECIMAL%' THEN 'NUMBER(' || ` + prec + ` || ',' || ` + scale + ` || ')' ` +
		`WHEN ` + typ + ` IN ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT') THEN 'NUMBER(38,0)' ` +
		`WHEN ` + typ + ` IN ('DOUBLE', 'FLOAT', 'REAL') THEN 'FLOAT' ` +
		`WHEN ` + typ + ` = 'VARCHAR' THEN 'VARCHAR(16777216)' ` +
		`WHEN ` + typ + ` = 'BLOB' THEN 'BINARY(8388608)' ` +
		`WHEN ` + typ + ` IN ('TIMESTAMP', 'TIMESTAMP_NS') THEN 'TIMESTAMP_NTZ(9)' ` +
		`WHEN ` + typ + ` = 'TIMESTAMP_MS' THEN 'TIMESTAMP_NTZ(3)' ` +
		`WHEN ` + typ + ` = 'TIMESTAMP_S' THEN 'TIMESTAMP_NTZ(0)' ` +
		`WHEN ` + typ + ` = 'TIMESTAMP WITH TIME ZONE' THEN 'TIMESTAMP_LTZ(9)' ` +
		`WHEN ` + typ + ` = 'TIME' THEN 'TIME(9)' ` +
		`WHEN ` + typ + ` = 'JSON' THEN 'VARIANT' ` +
		`WHEN ` + typ + ` LIKE '%[]' THEN 'ARRAY' ` +
		`WHEN ` + typ + ` LIKE 'STRUCT%' OR ` + typ + ` LIKE 'MAP%' THEN 'OBJECT' ` +
		`ELSE ` + typ + ` END`
}
