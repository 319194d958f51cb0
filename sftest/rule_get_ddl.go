package sftest

import (
	"strings"
)

// ruleGetDDL rewrites GET_DDL('TABLE', 'name' [, use_fully_qualified_names])
// to a query of DuckDB's catalog that rebuilds Snowflake's CREATE statement:
//
//	create or replace TABLE T (
//		ID NUMBER(38,0) NOT NULL,
//		NOTE VARCHAR(16777216) DEFAULT 'x'
//	);
//
// with each column's declared type (catalog_declared.go), NOT NULL and
// DEFAULT; constraints that are not enforced, clustering and comments are
// not kept, so they are left out. A missing table is 002003. Other object
// kinds, and names that are not string literals, are not emulated.
func ruleGetDDL(s string, env *rewriteEnv) (string, error) {
	return rewriteCalls(s, "GET_DDL", func(args []string, _ string) (string, error) {
		if len(args) < 2 || len(args) > 3 {
			return "", compileError("wrong number of arguments for function [GET_DDL], expected 2 or 3, got %d", len(args))
		}
		kind, ok1 := literalString(args[0])
		name, ok2 := literalString(args[1])
		if !ok1 || !ok2 {
			return "", unsupported("GET_DDL with arguments that are not string literals")
		}
		if !strings.EqualFold(strings.TrimSpace(kind), "TABLE") {
			return "", unsupported("GET_DDL of a " + strings.ToUpper(kind))
		}
		qualified := len(args) == 3 && strings.EqualFold(strings.TrimSpace(args[2]), "TRUE")
		parts, next := parseName(tokenize(name), 0)
		if len(parts) == 0 || len(parts) > 3 || nextCode(tokenize(name), next) < len(tokenize(name)) {
			return "", compileError("invalid object name '%s' for function GET_DDL", name)
		}
		db, schema := qualifyParts(parts, env)
		if db == "" || schema == "" {
			return "", compileError("Cannot perform GET_DDL. This session does not have a current database. Call 'USE DATABASE', or use a qualified name.")
		}
		table := parts[len(parts)-1].text
		shown := table
		if qualified {
			shown = db + "." + schema + "." + table
		}
		// An identity column shows as IDENTITY START n INCREMENT m, not as
		// the DEFAULT of its internal sequence.
		def := describeDefaultSQL("column_default")
		col := `chr(9) || ` + snowName("column_name") + ` || ' ' || (` + declaredTypeSQL() + `) || ` +
			`CASE WHEN is_nullable THEN '' ELSE ' NOT NULL' END || ` +
			`CASE WHEN column_default IS NULL THEN '' WHEN contains(column_default, ` + quoteString(identitySeqPrefix) + `) ` +
			`THEN ' ' || ` + def + ` ELSE ' DEFAULT ' || ` + def + ` END`
		missing := quoteString("Table with name " + table + " does not exist!")
		where := `database_name = ` + quoteString(db) + ` AND schema_name = ` + quoteString(schema) +
			` AND lower(table_name) = lower(` + quoteString(table) + `)`
		return `(SELECT CASE WHEN count(*) = 0 THEN error(` + missing + `) ELSE ` +
			quoteString("create or replace TABLE "+shown+" (\n") + ` || string_agg(` + col + `, ',' || chr(10) ORDER BY column_index) || ` +
			quoteString("\n);") + ` END FROM duckdb_columns() WHERE NOT internal AND ` + where +
			` AND table_oid IN (SELECT table_oid FROM duckdb_tables() WHERE ` + where + `))`, nil
	})
}

// literalString is the value of the string literal s (and nothing else).
func literalString(s string) (string, bool) {
	code := codeOnly(tokenize(s))
	if len(code) != 1 {
		return "", false
	}
	return stringValue(code[0])
}
