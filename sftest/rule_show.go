package sftest

import (
	"strconv"
	"strings"
)

// SHOW TABLES / SCHEMAS / DATABASES / PARAMETERS and DESCRIBE TABLE are
// answered from DuckDB's catalog (duckdb_tables(), duckdb_schemas(),
// duckdb_databases(), duckdb_columns()) with Snowflake's output columns, in
// its order and lower-case spelling. DuckDB does not record creation times,
// sizes in bytes or comments on schemas, so created_on and bytes are NULL.

// showCatalogs hides DuckDB's own catalogs from SHOW.
const showCatalogs = "database_name NOT IN ('system', 'temp', 'memory')"

// snowName is a DuckDB expression for how Snowflake shows the stored name in
// col: DuckDB keeps an unquoted name as written, Snowflake upper-cases it, so
// an all-lower-case name is shown upper-cased (a quoted lower-case name is
// the rare case this gets wrong).
func snowName(col string) string {
	return "CASE WHEN " + col + " = lower(" + col + ") THEN upper(" + col + ") ELSE " + col + " END"
}

// showCall is a parsed SHOW statement's common clauses.
type showCall struct {
	terse    bool
	what     string     // TABLES, SCHEMAS, DATABASES, PARAMETERS
	like     string     // LIKE pattern; "" when absent
	hasLike  bool       //
	inKind   string     // ACCOUNT, DATABASE, SCHEMA, SESSION, "" (default scope)
	inName   []namePart // the database or schema named after IN
	starts   string     // STARTS WITH
	limit    int64      // LIMIT n; 0 when absent
	limitSet bool
	bare     bool // IN name, without a kind (a schema; for SHOW COLUMNS a table)
}

// classifyShow turns SHOW ... and DESCRIBE|DESC TABLE ... into a query.
// The statement's Text becomes the generated query so the result's column
// names keep Snowflake's lower-case spelling (see columnName).
func classifyShow(st *stmt, toks []token, env *rewriteEnv) error {
	code := codeOnly(toks)
	if st.Verb == "DESCRIBE" || st.Verb == "DESC" {
		return classifyDescribe(st, toks, env)
	}
	call, err := parseShow(code)
	if err != nil {
		return err
	}
	var q string
	switch call.what {
	case "TABLES":
		q, err = showTables(call, env)
	case "SCHEMAS":
		q, err = showSchemas(call, env)
	case "DATABASES":
		q = showDatabases(call, env)
	case "PARAMETERS":
		q, err = showParameters(call, env)
	case "COLUMNS", "VIEWS", "USER FUNCTIONS", "FUNCTIONS", "WAREHOUSES", "ROLES", "USERS":
		var pre []string
		if q, pre, err = showMore(call, env); err == nil && len(pre) > 0 {
			st.Kind, st.Duck, st.Text = kindQuery, append(pre, q), q
			return nil
		}
	default:
		err = unsupported("SHOW " + call.what)
	}
	if err != nil {
		return err
	}
	st.Kind, st.Duck, st.Text = kindQuery, []string{q}, q
	return nil
}

// parseShow reads SHOW [TERSE] what [LIKE 'p'] [IN ...] [STARTS WITH 's'] [LIMIT n [FROM 's']].
func parseShow(code []token) (showCall, error) {
	var c showCall
	i := 1
	word := func(j int) string {
		if j < len(code) && (code[j].kind == tkWord) {
			return strings.ToUpper(code[j].text)
		}
		return ""
	}
	if word(i) == "TERSE" {
		c.terse = true
		i++
	}
	c.what = word(i)
	if c.what == "" {
		return c, compileError("syntax error: SHOW needs an object kind")
	}
	i++
	if c.what == "USER" && word(i) == "FUNCTIONS" {
		c.what = "USER FUNCTIONS"
		i++
	}
	str := func(j int, clause string) (string, error) {
		if j < len(code) {
			if v, ok := stringValue(code[j]); ok {
				return v, nil
			}
		}
		return "", compileError("syntax error: %s needs a string literal", clause)
	}
	for i < len(code) {
		var err error
		switch w := word(i); {
		case w == "LIKE":
			c.like, err = str(i+1, "LIKE")
			c.hasLike = true
			i += 2
		case w == "IN":
			i++
			switch k := word(i); k {
			case "ACCOUNT", "SESSION":
				c.inKind = k
				i++
			case "DATABASE", "SCHEMA", "TABLE", "VIEW":
				c.inKind = k
				i++
				if n, j := parseName(code, i); len(n) > 0 && !strings.EqualFold(n[0].text, "STARTS") && !strings.EqualFold(n[0].text, "LIMIT") {
					c.inName, i = n, j
				}
			default:
				n, j := parseName(code, i)
				if len(n) == 0 {
					return c, compileError("syntax error: IN needs a database or schema name")
				}
				c.inKind, c.inName, c.bare, i = "SCHEMA", n, true, j
			}
		case w == "STARTS" && word(i+1) == "WITH":
			c.starts, err = str(i+2, "STARTS WITH")
			i += 3
		case w == "LIMIT":
			if i+1 >= len(code) || !isInteger(code[i+1].text) {
				return c, compileError("syntax error: LIMIT needs a number")
			}
			c.limit, _ = strconv.ParseInt(code[i+1].text, 10, 64)
			c.limitSet = true
			i += 2
			if word(i) == "FROM" {
				return c, unsupported("SHOW ... LIMIT ... FROM")
			}
		default:
			return c, compileError("syntax error line 1 at position 0 unexpected '%s'.", code[i].text)
		}
		if err != nil {
			return c, err
		}
	}
	return c, nil
}

// filters is the common WHERE clause of LIKE (case-insensitive) and STARTS
// WITH (case-sensitive) on the column name, or "TRUE".
func (c showCall) filters(name string) string {
	conds := []string{"TRUE"}
	if c.hasLike {
		conds = append(conds, name+" ILIKE "+quoteString(c.like)+" ESCAPE '\\'")
	}
	if c.starts != "" {
		conds = append(conds, "starts_with("+name+", "+quoteString(c.starts)+")")
	}
	return strings.Join(conds, " AND ")
}

// tail is the ORDER BY and LIMIT clause.
func (c showCall) tail(order string) string {
	s := " ORDER BY " + order
	if c.limitSet {
		s += " LIMIT " + strconv.FormatInt(c.limit, 10)
	}
	return s
}

// scope is the condition on database_name and schema_name for an IN clause:
// with no IN, the current database (all databases when none is in use).
func (c showCall) scope(env *rewriteEnv, schemaLevel bool) (string, error) {
	cur := func() (string, string) {
		if env == nil {
			return "", ""
		}
		return env.Database, env.Schema
	}
	db, schema := cur()
	switch c.inKind {
	case "", "ACCOUNT":
		if c.inKind == "ACCOUNT" || db == "" {
			return "TRUE", nil
		}
		return "database_name = " + quoteString(db), nil
	case "DATABASE":
		if len(c.inName) > 1 {
			return "", compileError("syntax error: IN DATABASE takes a database name")
		}
		if len(c.inName) == 1 {
			db = c.inName[0].text
		}
		if db == "" {
			return "", compileError("Cannot perform SHOW. This session does not have a current database. Call 'USE DATABASE', or use a qualified name.")
		}
		return "database_name = " + quoteString(db), nil
	case "SCHEMA":
		if !schemaLevel {
			return "", compileError("syntax error: SHOW %s cannot be scoped to a schema", c.what)
		}
		switch len(c.inName) {
		case 0:
		case 1:
			schema = c.inName[0].text
		case 2:
			db, schema = c.inName[0].text, c.inName[1].text
		default:
			return "", compileError("syntax error: IN SCHEMA takes [database.]schema")
		}
		if db == "" || schema == "" {
			return "", compileError("Cannot perform SHOW. This session does not have a current schema. Call 'USE SCHEMA', or use a qualified name.")
		}
		return "database_name = " + quoteString(db) + " AND schema_name = " + quoteString(schema), nil
	}
	return "", unsupported("SHOW ... IN " + c.inKind)
}

// showTables answers SHOW TABLES: tables (not views) ordered by database,
// schema and name; kind TABLE or TEMPORARY.
func showTables(c showCall, env *rewriteEnv) (string, error) {
	scope, err := c.scope(env, true)
	if err != nil {
		return "", err
	}
	cols := `CAST(NULL AS TIMESTAMPTZ) AS "created_on", ` + snowName("table_name") + ` AS "name", database_name AS "database_name", ` +
		`schema_name AS "schema_name", CASE WHEN temporary THEN 'TEMPORARY' ELSE 'TABLE' END AS "kind"`
	if !c.terse {
		cols += `, COALESCE(comment, '') AS "comment", '' AS "cluster_by", CAST(estimated_size AS BIGINT) AS "rows", ` +
			`CAST(NULL AS BIGINT) AS "bytes", ` + quoteString(Role) + ` AS "owner", '1' AS "retention_time", ` +
			`'OFF' AS "automatic_clustering", 'OFF' AS "change_tracking", 'OFF' AS "search_optimization", ` +
			`CAST(NULL AS VARCHAR) AS "search_optimization_progress", CAST(NULL AS VARCHAR) AS "search_optimization_bytes", ` +
			`'N' AS "is_external", 'N' AS "enable_schema_evolution", 'ROLE' AS "owner_role_type", 'N' AS "is_event", ` +
			`CAST(NULL AS VARCHAR) AS "budget", 'N' AS "is_hybrid", 'N' AS "is_iceberg", 'N' AS "is_dynamic", 'N' AS "is_immutable"`
	}
	return "SELECT " + cols + " FROM duckdb_tables() WHERE " + showCatalogs + " AND schema_name <> 'sftest_results' AND " +
		scope + " AND " + c.filters(snowName("table_name")) + c.tail(`"database_name", "schema_name", "name"`), nil
}

// showSchemas answers SHOW SCHEMAS: each database's schemas but DuckDB's
// own "main", plus INFORMATION_SCHEMA, which Snowflake lists too.
func showSchemas(c showCall, env *rewriteEnv) (string, error) {
	scope, err := c.scope(env, false)
	if err != nil {
		return "", err
	}
	db, schema := "", ""
	if env != nil {
		db, schema = env.Database, env.Schema
	}
	cols := `CAST(NULL AS TIMESTAMPTZ) AS "created_on", schema_name AS "name"`
	if !c.terse {
		cols += `, 'N' AS "is_default", CASE WHEN database_name = ` + quoteString(db) + ` AND schema_name = ` + quoteString(schema) +
			` THEN 'Y' ELSE 'N' END AS "is_current", database_name AS "database_name", ` +
			`CASE WHEN schema_name = 'INFORMATION_SCHEMA' THEN '' ELSE ` + quoteString(Role) + ` END AS "owner", ` +
			`CASE WHEN schema_name = 'INFORMATION_SCHEMA' THEN 'Views describing the contents of schemas in this database' ELSE '' END AS "comment", ` +
			`'' AS "options", '1' AS "retention_time", CASE WHEN schema_name = 'INFORMATION_SCHEMA' THEN '' ELSE 'ROLE' END AS "owner_role_type", ` +
			`CAST(NULL AS VARCHAR) AS "budget"`
	} else {
		cols += `, 'SCHEMA' AS "kind", database_name AS "database_name", CAST(NULL AS VARCHAR) AS "schema_name"`
	}
	from := "(SELECT database_name, schema_name FROM duckdb_schemas() WHERE " + showCatalogs + " AND NOT internal AND schema_name <> 'main'" +
		" UNION ALL SELECT database_name, 'INFORMATION_SCHEMA' FROM duckdb_databases() WHERE " + showCatalogs + ")"
	return "SELECT " + cols + " FROM " + from + " WHERE " + scope + " AND " + c.filters("schema_name") +
		c.tail(`"database_name", "name"`), nil
}

// showDatabases answers SHOW DATABASES.
func showDatabases(c showCall, env *rewriteEnv) string {
	db := ""
	if env != nil {
		db = env.Database
	}
	cols := `CAST(NULL AS TIMESTAMPTZ) AS "created_on", database_name AS "name"`
	if !c.terse {
		cols += `, 'N' AS "is_default", CASE WHEN database_name = ` + quoteString(db) + ` THEN 'Y' ELSE 'N' END AS "is_current", ` +
			`'' AS "origin", ` + quoteString(Role) + ` AS "owner", COALESCE(comment, '') AS "comment", '' AS "options", ` +
			`'1' AS "retention_time", 'STANDARD' AS "kind", CAST(NULL AS VARCHAR) AS "budget", 'ROLE' AS "owner_role_type"`
	} else {
		cols += `, 'STANDARD' AS "kind", CAST(NULL AS VARCHAR) AS "database_name", CAST(NULL AS VARCHAR) AS "schema_name"`
	}
	return "SELECT " + cols + " FROM duckdb_databases() WHERE " + showCatalogs + " AND " + c.filters("database_name") + c.tail(`"name"`)
}
