package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// showColumnsNames is SHOW COLUMNS' output columns in Snowflake's order.
var showColumnsNames = []string{"table_name", "schema_name", "column_name", "data_type", "null?", "default", "kind",
	"expression", "comment", "database_name", "autoincrement", "schema_evolution_record"}

// TestShowColumns: SHOW COLUMNS through the driver, with the declared type
// as Snowflake's JSON and the declared-type record never shown as a comment.
func TestShowColumns(t *testing.T) {
	ctx, conn := driverConn(t)
	driverExec(t, ctx, conn,
		`create table t (a number(10,2) not null, b string default 'x', c timestamp_tz, d varchar(10), e binary(4),
			f float, g boolean, h date, i time(3), j variant, k object)`,
		"comment on column t.b is 'bee'",
		"create view v as select a, b from t",
		"create schema s2",
		"create table s2.u (z int)",
		"use schema public",
	)
	names, got := driverResult(t, ctx, conn, "show columns in table t")
	require.Equal(t, showColumnsNames, names)
	require.Equal(t, [][]string{
		{"T", "A", `{"type":"FIXED","precision":10,"scale":2,"nullable":false}`, "false", "", ""},
		{"T", "B", `{"type":"TEXT","length":16777216,"byteLength":16777216,"nullable":true,"fixed":false}`, "true", "'x'", "bee"},
		{"T", "C", `{"type":"TIMESTAMP_TZ","precision":0,"scale":9,"nullable":true}`, "true", "", ""},
		{"T", "D", `{"type":"TEXT","length":10,"byteLength":40,"nullable":true,"fixed":false}`, "true", "", ""},
		{"T", "E", `{"type":"BINARY","length":4,"byteLength":4,"nullable":true,"fixed":true}`, "true", "", ""},
		{"T", "F", `{"type":"REAL","nullable":true}`, "true", "", ""},
		{"T", "G", `{"type":"BOOLEAN","nullable":true}`, "true", "", ""},
		{"T", "H", `{"type":"DATE","nullable":true}`, "true", "", ""},
		{"T", "I", `{"type":"TIME","precision":0,"scale":3,"nullable":true}`, "true", "", ""},
		{"T", "J", `{"type":"VARIANT","nullable":true}`, "true", "", ""},
		{"T", "K", `{"type":"OBJECT","nullable":true}`, "true", "", ""},
	}, cols(got, 0, 2, 3, 4, 5, 8))
	require.Equal(t, [][]string{{"PUBLIC", "COLUMN", "SFTEST"}}, cols(got[:1], 1, 6, 9))

	require.Equal(t, [][]string{{"T", "B"}, {"V", "B"}}, cols(driverRows(t, ctx, conn, "show columns like 'b'"), 0, 2))
	require.Equal(t, [][]string{{"V", "A"}, {"V", "B"}}, cols(driverRows(t, ctx, conn, "show columns in view v"), 0, 2))
	require.Len(t, driverRows(t, ctx, conn, "show columns in t"), 11, "a bare name is the table")
	require.Equal(t, [][]string{{"U", "Z", "S2"}}, cols(driverRows(t, ctx, conn, "show columns in schema s2"), 0, 2, 1))
	require.Equal(t, [][]string{{"U", "Z"}}, cols(driverRows(t, ctx, conn, "show columns in table sftest.s2.u"), 0, 2))
	require.Len(t, driverRows(t, ctx, conn, "show columns in account"), 14)
	require.Len(t, driverRows(t, ctx, conn, "show columns in database limit 3"), 3)

	requireCode(t, ctx, conn, "show columns in table nope", 2003)
	requireCode(t, ctx, conn, "show columns in table", 1003)
	requireCode(t, ctx, conn, "show columns like", 1003)
}

// TestShowViewsAndFunctions: SHOW [TERSE] VIEWS and SHOW [USER] FUNCTIONS
// list what CREATE VIEW and CREATE FUNCTION made.
func TestShowViewsAndFunctions(t *testing.T) {
	ctx, conn := driverConn(t)
	driverExec(t, ctx, conn,
		"create table t (a int)",
		"create view v1 as select a from t",
		"create view v2 as select a + 1 as b from t",
		"comment on view v2 is 'second'",
		"create function add_one(x number) returns number as 'x + 1'",
		"create function greet(name string, n float) returns string language javascript as 'return name'",
	)
	names, views := driverResult(t, ctx, conn, "show views")
	require.Equal(t, []string{"created_on", "name", "reserved", "database_name", "schema_name", "owner", "comment", "text",
		"is_secure", "is_materialized", "owner_role_type", "change_tracking"}, names)
	require.Equal(t, [][]string{{"V1", "SFTEST", "PUBLIC", ""}, {"V2", "SFTEST", "PUBLIC", "second"}}, cols(views, 1, 3, 4, 6))
	require.Contains(t, views[0][7], "SELECT a FROM t")
	names, views = driverResult(t, ctx, conn, "show terse views like '%2'")
	require.Equal(t, []string{"created_on", "name", "kind", "database_name", "schema_name"}, names)
	require.Equal(t, [][]string{{"V2", "VIEW"}}, cols(views, 1, 2))
	require.Empty(t, driverRows(t, ctx, conn, "show views starts with 'X'"))
	require.Empty(t, driverRows(t, ctx, conn, "show views in database nope"))
	// DESCRIBE VIEW answers as DESCRIBE TABLE, with the view's columns.
	names, desc := driverResult(t, ctx, conn, "describe view v2")
	require.Equal(t, []string{"name", "type", "kind", "null?"}, names[:4])
	require.Equal(t, [][]string{{"B", "NUMBER(38,0)"}}, cols(desc, 0, 1))

	names, fns := driverResult(t, ctx, conn, "show user functions")
	require.Equal(t, []string{"created_on", "name", "schema_name", "is_builtin", "is_aggregate", "is_ansi", "min_num_arguments",
		"max_num_arguments", "arguments", "description", "catalog_name", "is_table_function", "valid_for_clustering", "is_secure",
		"secrets", "external_access_integrations", "is_external_function", "language", "is_memoizable", "is_data_metric"}, names)
	require.Equal(t, [][]string{
		{"ADD_ONE", "N", "1", "ADD_ONE(NUMBER) RETURN NUMBER", "SFTEST", "SQL"},
		{"GREET", "N", "2", "GREET(VARCHAR, FLOAT) RETURN VARCHAR", "SFTEST", "JAVASCRIPT"},
	}, cols(fns, 1, 3, 6, 8, 10, 17))
	require.Equal(t, [][]string{{"ADD_ONE"}}, cols(driverRows(t, ctx, conn, "show functions like 'add%'"), 1))
	_, err := conn.ExecContext(ctx, "drop function add_one(number)")
	require.NoError(t, err)
	require.Equal(t, [][]string{{"GREET"}}, cols(driverRows(t, ctx, conn, "show user functions in schema public"), 1))
	requireCode(t, ctx, conn, "show user functions in table t", 1003)
	requireCode(t, ctx, conn, "show user", 1003)
}

// TestShowAccountObjects: SHOW WAREHOUSES, ROLES and USERS describe the
// account sftest pretends to be, following the session's USE.
func TestShowAccountObjects(t *testing.T) {
	ctx, conn := driverConn(t)
	names, wh := driverResult(t, ctx, conn, "show warehouses")
	require.Len(t, wh[0], 33)
	require.Equal(t, [][]string{{Warehouse, "STARTED", "STANDARD", "X-Small", "Y", "Y"}}, cols(wh, 0, 1, 2, 3, 9, 10))
	require.Equal(t, []string{"name", "state", "type", "size"}, names[:4])
	require.Empty(t, driverRows(t, ctx, conn, "show warehouses like 'other%'"))
	_, err := conn.ExecContext(ctx, "use warehouse other_wh")
	require.NoError(t, err)
	require.Equal(t, [][]string{{"N"}}, cols(driverRows(t, ctx, conn, "show warehouses like 'sftest%'"), 10))

	roles := driverRows(t, ctx, conn, "show roles")
	require.Equal(t, [][]string{
		{"ACCOUNTADMIN", "N", "N", "N"}, {"ORGADMIN", "N", "N", "N"}, {"PUBLIC", "N", "N", "Y"},
		{"SECURITYADMIN", "N", "N", "N"}, {"SYSADMIN", "Y", "Y", "N"}, {"USERADMIN", "N", "N", "N"},
	}, cols(roles, 1, 2, 3, 4))
	_, err = conn.ExecContext(ctx, "use role accountadmin")
	require.NoError(t, err)
	require.Equal(t, [][]string{{"SECURITYADMIN", "N", "Y"}, {"SYSADMIN", "N", "Y"}, {"USERADMIN", "N", "Y"}},
		cols(driverRows(t, ctx, conn, "show roles like '%s%admin'"), 1, 3, 4))
	require.Equal(t, [][]string{{"ACCOUNTADMIN"}}, cols(driverRows(t, ctx, conn, "show roles starts with 'ACC' limit 1"), 1))

	names, users := driverResult(t, ctx, conn, "show users")
	require.Equal(t, [][]string{{"SFTEST", "SFTEST", Warehouse, Role}}, cols(users, 0, 2, 13, 15))
	require.Equal(t, []string{"name", "created_on", "login_name"}, names[:3])

	requireCode(t, ctx, conn, "show warehouses in database sftest", 1003)
	requireCode(t, ctx, conn, "show roles in schema public", 1003)
}
