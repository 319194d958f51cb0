package sftest

import (
	"strconv"
	"strings"
)

// SHOW COLUMNS / VIEWS / [USER] FUNCTIONS / WAREHOUSES / ROLES / USERS, with
// Snowflake's output columns in its order, answered from DuckDB's catalog
// (duckdb_columns(), duckdb_views(), duckdb_functions()) and from the
// account sftest pretends to be (one warehouse, one user, the system
// roles). LIKE, IN, STARTS WITH and LIMIT work as for SHOW TABLES.

// showMore answers the SHOW kinds of this file. pre are DuckDB statements
// to run first (SHOW COLUMNS IN TABLE t reads t, so a missing table fails
// as Snowflake's 002003).
func showMore(c showCall, env *rewriteEnv) (q string, pre []string, err error) {
	if env == nil {
		env = &rewriteEnv{}
	}
	switch c.what {
	case "COLUMNS":
		return showColumns(c, env)
	case "VIEWS":
		q, err = showViews(c, env)
	case "USER FUNCTIONS", "FUNCTIONS":
		q, err = showFunctions(c, env)
	case "WAREHOUSES":
		q, err = showWarehouses(c, env)
	case "ROLES":
		q, err = showRoles(c, env)
	case "USERS":
		q, err = showUsers(c)
	}
	return q, nil, err
}

// accountLevel refuses IN on the SHOW kinds that list account objects.
func (c showCall) accountLevel() error {
	if c.inKind != "" && c.inKind != "ACCOUNT" {
		return compileError("syntax error: SHOW %s cannot be scoped to a %s", c.what, strings.ToLower(c.inKind))
	}
	return nil
}

// catalogObjects is the common filter on DuckDB catalog rows Snowflake can
// see: not DuckDB's own catalogs, internal objects or sftest's results.
const catalogObjects = showCatalogs + " AND NOT internal AND schema_name <> 'sftest_results'"

// columnTypeJSON is a DuckDB expression for SHOW COLUMNS' data_type: the
// Snowflake type text typ (as DESCRIBE spells it) as the JSON Snowflake
// shows, e.g. {"type":"FIXED","precision":38,"scale":0,"nullable":true}.
func columnTypeJSON(typ, nullable string) string {
	n := `',"nullable":' || ` + nullable + ` || '}'`
	arg := `regexp_extract(` + typ + `, '\((\d+)\)', 1)`
	return `CASE WHEN ` + typ + ` LIKE 'NUMBER(%' THEN '{"type":"FIXED","precision":' || regexp_extract(` + typ + `, '\((\d+),', 1) || ',"scale":' || regexp_extract(` + typ + `, ',(\d+)\)', 1) || ` + n +
		` WHEN ` + typ + ` = 'FLOAT' THEN '{"type":"REAL"' || ` + n +
		` WHEN ` + typ + ` LIKE 'VARCHAR(%' THEN '{"type":"TEXT","length":' || ` + arg + ` || ',"byteLength":' || least(CAST(` + arg + ` AS BIGINT) * 4, 16777216) || ',"nullable":' || ` + nullable + ` || ',"fixed":false}'` +
		` WHEN ` + typ + ` LIKE 'BINARY(%' THEN '{"type":"BINARY","length":' || ` + arg + ` || ',"byteLength":' || ` + arg + ` || ',"nullable":' || ` + nullable + ` || ',"fixed":true}'` +
		` WHEN ` + typ + ` LIKE 'TIMESTAMP_%(%' OR ` + typ + ` LIKE 'TIME(%' THEN '{"type":"' || regexp_extract(` + typ + `, '^([A-Z_]+)', 1) || '","precision":0,"scale":' || ` + arg + ` || ` + n +
		` ELSE '{"type":"' || ` + typ + ` || '"' || ` + n + ` END`
}

// showColumns answers SHOW COLUMNS [LIKE] [IN ACCOUNT | DATABASE [d] |
// SCHEMA [s] | [TABLE | VIEW] t]: a row per column of the tables and views
// in scope, ordered by database, schema, table and position. data_type is
// Snowflake's JSON of the declared type (catalog_declared.go) where one
// was recorded, else of sftest's stored type.
func showColumns(c showCall, env *rewriteEnv) (string, []string, error) {
	var scope string
	var pre []string
	switch {
	case c.inKind == "TABLE" || c.inKind == "VIEW" || c.bare:
		parts := c.inName
		if len(parts) == 0 || len(parts) > 3 {
			return "", nil, compileError("syntax error: SHOW COLUMNS IN %s needs a table name", strings.ToLower(c.inKind))
		}
		db, schema := qualifyParts(parts, env)
		if db == "" || schema == "" {
			return "", nil, compileError("Cannot perform SHOW. This session does not have a current database. Call 'USE DATABASE', or use a qualified name.")
		}
		name := parts[len(parts)-1]
		full := []namePart{{text: db, quoted: true}, {text: schema, quoted: true}, name}
		pre = []string{"SELECT * FROM " + duckName(full) + " LIMIT 0"}
		scope = "database_name = " + quoteString(db) + " AND schema_name = " + quoteString(schema) +
			" AND lower(table_name) = lower(" + quoteString(name.text) + ")"
	default:
		var err error
		if scope, err = c.scope(env, true); err != nil {
			return "", nil, err
		}
	}
	typ := declaredTypeSQL()
	cols := snowName("table_name") + ` AS "table_name", schema_name AS "schema_name", ` + snowName("column_name") + ` AS "column_name", ` +
		columnTypeJSON("sf_type", "sf_null") + ` AS "data_type", sf_null AS "null?", COALESCE(` + describeDefaultSQL("column_default") + `, '') AS "default", ` +
		`'COLUMN' AS "kind", '' AS "expression", COALESCE(` + userCommentSQL + `, '') AS "comment", ` +
		`database_name AS "database_name", '' AS "autoincrement", CAST(NULL AS VARCHAR) AS "schema_evolution_record"`
	// The Snowflake type is worked out once per column, after the filter.
	q := "WITH __sftest_cols AS MATERIALIZED (SELECT *, " + typ + " AS sf_type, CASE WHEN is_nullable THEN 'true' ELSE 'false' END AS sf_null " +
		"FROM duckdb_columns() WHERE " + catalogObjects + " AND " + scope + " AND " + c.filters(snowName("column_name")) +
		") SELECT " + cols + " FROM __sftest_cols" + c.tail(`"database_name", "schema_name", "table_name", column_index`)
	return q, pre, nil
}

// showViews answers SHOW [TERSE] VIEWS: text is the view's definition as
// DuckDB keeps it (after sftest's rewrite), not as it was written.
func showViews(c showCall, env *rewriteEnv) (string, error) {
	scope, err := c.scope(env, true)
	if err != nil {
		return "", err
	}
	cols := `CAST(NULL AS TIMESTAMPTZ) AS "created_on", ` + snowName("view_name") + ` AS "name", `
	if c.terse {
		cols += `'VIEW' AS "kind", database_name AS "database_name", schema_name AS "schema_name"`
	} else {
		cols += `'' AS "reserved", database_name AS "database_name", schema_name AS "schema_name", ` + quoteString(Role) + ` AS "owner", ` +
			`COALESCE(comment, '') AS "comment", sql AS "text", 'false' AS "is_secure", 'false' AS "is_materialized", ` +
			`'ROLE' AS "owner_role_type", 'OFF' AS "change_tracking"`
	}
	return "SELECT " + cols + " FROM duckdb_views() WHERE " + catalogObjects + " AND " + scope + " AND " +
		c.filters(snowName("view_name")) + c.tail(`"database_name", "schema_name", "name"`), nil
}

// showFunctions answers SHOW USER FUNCTIONS with the SQL UDFs (and the
// recorded functions of other languages) CREATE FUNCTION made. Plain SHOW
// FUNCTIONS lists the same: Snowflake's built-in functions (a thousand
// and more) are not listed.
func showFunctions(c showCall, env *rewriteEnv) (string, error) {
	scope, err := c.scope(env, true)
	if err != nil {
		return "", err
	}
	sig := `(CASE WHEN comment LIKE ` + quoteString(udfSignaturePrefix+"%") + ` THEN substr(comment, ` + strconv.Itoa(len(udfSignaturePrefix)+1) + `) END)`
	cols := `CAST(NULL AS TIMESTAMPTZ) AS "created_on", ` + snowName("function_name") + ` AS "name", schema_name AS "schema_name", ` +
		`'N' AS "is_builtin", 'N' AS "is_aggregate", 'N' AS "is_ansi", CAST(len(parameters) AS BIGINT) AS "min_num_arguments", ` +
		`CAST(len(parameters) AS BIGINT) AS "max_num_arguments", ` +
		snowName("function_name") + ` || COALESCE(split_part(` + sig + `, '|', 2), '(' || array_to_string(list_transform(parameters, lambda p: 'ANY'), ', ') || ') RETURN ANY') AS "arguments", ` +
		`'user-defined function' AS "description", database_name AS "catalog_name", 'N' AS "is_table_function", 'N' AS "valid_for_clustering", ` +
		`'N' AS "is_secure", CAST(NULL AS VARCHAR) AS "secrets", CAST(NULL AS VARCHAR) AS "external_access_integrations", 'N' AS "is_external_function", ` +
		`COALESCE(split_part(` + sig + `, '|', 1), 'SQL') AS "language", 'N' AS "is_memoizable", 'N' AS "is_data_metric"`
	return "SELECT " + cols + " FROM duckdb_functions() WHERE function_type = 'macro' AND " + catalogObjects + " AND " + scope + " AND " +
		c.filters(snowName("function_name")) + c.tail(`"catalog_name", "schema_name", "name"`), nil
}

// qualifyParts is the database and schema of the object named by parts
// ([[db.]schema.]name), the session's where the name leaves them out ("" when
// it has none).
func qualifyParts(parts []namePart, env *rewriteEnv) (db, schema string) {
	if env != nil {
		db, schema = env.Database, env.Schema
	}
	switch len(parts) {
	case 2:
		schema = parts[0].text
	case 3:
		db, schema = parts[0].text, parts[1].text
	}
	return db, schema
}

// udfSignaturePrefix starts the DuckDB comment CREATE FUNCTION puts on a
// UDF's macro: "sftest:function LANGUAGE|(TYPE, ...) RETURN TYPE", the
// language and the arguments column SHOW FUNCTIONS shows.
const udfSignaturePrefix = "sftest:function "

// udfSignatureComment is the statement that records a UDF's language and
// signature on its macro.
func udfSignatureComment(parts []namePart, lang string, types []string, returns string) string {
	sig := lang + "|(" + strings.Join(types, ", ") + ") RETURN " + baseType(returns)
	return "COMMENT ON MACRO " + duckName(parts) + " IS " + quoteString(udfSignaturePrefix+sig)
}

// valuesTable is a query over literal rows (SQL expressions) with the
// given column names, filtered on name and ordered by order.
func valuesTable(c showCall, cols []string, rows [][]string, name, order string) string {
	lines := make([]string, len(rows))
	for i, r := range rows {
		lines[i] = "(" + strings.Join(r, ", ") + ")"
	}
	quoted := make([]string, len(cols))
	for i, col := range cols {
		quoted[i] = quoteIdent(col)
	}
	return "SELECT * FROM (VALUES " + strings.Join(lines, ", ") + ") AS __sftest_show(" + strings.Join(quoted, ", ") + ")" +
		" WHERE " + c.filters(quoteIdent(name)) + c.tail(order)
}

// showWarehouses answers SHOW WAREHOUSES [LIKE]: sftest's one warehouse,
// Warehouse, started, X-Small, with the statements running on the whole
// server not counted (running and queued are 0).
func showWarehouses(c showCall, env *rewriteEnv) (string, error) {
	if err := c.accountLevel(); err != nil {
		return "", err
	}
	cols := []string{"name", "state", "type", "size", "min_cluster_count", "max_cluster_count", "started_clusters", "running",
		"queued", "is_default", "is_current", "auto_suspend", "auto_resume", "available", "provisioning", "quiescing", "other",
		"created_on", "resumed_on", "updated_on", "owner", "comment", "enable_query_acceleration",
		"query_acceleration_max_scale_factor", "resource_monitor", "actives", "pendings", "failed", "suspended", "uuid",
		"scaling_policy", "budget", "owner_role_type"}
	current := "'N'"
	if env.Warehouse == Warehouse {
		current = "'Y'"
	}
	null := "CAST(NULL AS TIMESTAMPTZ)"
	row := []string{quoteString(Warehouse), "'STARTED'", "'STANDARD'", "'X-Small'", "1", "1", "1", "0", "0", "'Y'", current,
		"600", "'true'", "''", "''", "''", "''", null, null, null, quoteString(Role), "''", "'false'", "8", "'null'",
		"0", "0", "0", "0", "'00000000-0000-0000-0000-000000000001'", "'STANDARD'", "CAST(NULL AS VARCHAR)", "'ROLE'"}
	return valuesTable(c, cols, [][]string{row}, "name", `"name"`), nil
}

// showRoles answers SHOW ROLES [LIKE] [STARTS WITH] [LIMIT]: the system
// roles (and a role USE ROLE made current), is_current and is_inherited
// as the session's role has them.
func showRoles(c showCall, env *rewriteEnv) (string, error) {
	if err := c.accountLevel(); err != nil {
		return "", err
	}
	cols := []string{"created_on", "name", "is_default", "is_current", "is_inherited", "assigned_to_users", "granted_to_roles",
		"granted_roles", "owner", "comment", "owner_role_type"}
	names := []string{"ACCOUNTADMIN", "ORGADMIN", "PUBLIC", "SECURITYADMIN", "SYSADMIN", "USERADMIN"}
	if _, ok := systemRoles[env.Role]; !ok && env.Role != "" {
		names = append(names, env.Role)
	}
	inSession := map[string]bool{}
	for _, r := range rolesInSession(env.Role) {
		inSession[r] = true
	}
	yn := func(b bool) string {
		if b {
			return "'Y'"
		}
		return "'N'"
	}
	var rows [][]string
	for _, n := range names {
		granted := len(systemRoles[n])
		rows = append(rows, []string{"CAST(NULL AS TIMESTAMPTZ)", quoteString(n), yn(n == Role), yn(n == env.Role),
			yn(inSession[n] && n != env.Role), "1", "0", strconv.Itoa(granted), "''", "''", "'ROLE'"})
	}
	return valuesTable(c, cols, rows, "name", `"name"`), nil
}

// showUsers answers SHOW USERS [LIKE] [STARTS WITH] [LIMIT]: sftest's one
// user.
func showUsers(c showCall) (string, error) {
	if err := c.accountLevel(); err != nil {
		return "", err
	}
	cols := []string{"name", "created_on", "login_name", "display_name", "first_name", "last_name", "email", "mins_to_unlock",
		"days_to_expiry", "comment", "disabled", "must_change_password", "snowflake_lock", "default_warehouse",
		"default_namespace", "default_role", "default_secondary_roles", "ext_authn_duo", "ext_authn_uid", "mins_to_bypass_mfa",
		"owner", "last_success_login", "expires_at_time", "locked_until_time", "has_password", "has_rsa_public_key"}
	user := quoteString(strings.ToUpper(User))
	null := "CAST(NULL AS VARCHAR)"
	ts := "CAST(NULL AS TIMESTAMPTZ)"
	row := []string{user, ts, user, user, null, null, null, null, null, "''", "'false'", "'false'", "'false'",
		quoteString(Warehouse), quoteString(Database + "." + Schema), quoteString(Role), null, "'false'", null, null,
		"'ACCOUNTADMIN'", ts, ts, ts, "'true'", "'false'"}
	return valuesTable(c, cols, [][]string{row}, "name", `"name"`), nil
}
