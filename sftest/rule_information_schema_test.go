package sftest

import (
	"database/sql"
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// TestInformationSchemaOnDuckDB runs the views on a DuckDB with databases D1
// (schemas PUBLIC, STAGE) and D2; D1.PUBLIC is current.
func TestInformationSchemaOnDuckDB(t *testing.T) {
	run := showFixture(t)
	run(`create view d1.public.big_orders as select id, amount from d1.public.orders where amount > 100;
		create table d1.public."MixedCase" ("Quoted Col" int, plain int)`)

	// TABLES: the current database only, Snowflake's names, tables and views,
	// and the INFORMATION_SCHEMA views themselves.
	got := run(`select table_catalog, table_schema, table_name, table_type, row_count from information_schema.tables
		where table_schema <> 'INFORMATION_SCHEMA' order by table_schema, table_name`)
	require.Equal(t, [][]string{
		{"D1", "PUBLIC", "BIG_ORDERS", "VIEW", "NULL"}, {"D1", "PUBLIC", "MixedCase", "BASE TABLE", "0"},
		{"D1", "PUBLIC", "ORDERS", "BASE TABLE", "0"}, {"D1", "PUBLIC", "ORDER_LINES", "BASE TABLE", "2"},
		{"D1", "STAGE", "RAW_ORDERS", "BASE TABLE", "0"}}, got)
	require.Len(t, run("select * from information_schema.tables where table_name = 'ORDERS'")[0], 28)
	require.Equal(t, [][]string{{"COLUMNS"}, {"DATABASES"}, {"SCHEMATA"}, {"TABLES"}, {"VIEWS"}},
		run("select table_name from information_schema.tables where table_schema = 'INFORMATION_SCHEMA' and table_type = 'VIEW' order by 1"))
	require.Equal(t, [][]string{{"OTHER"}}, run("select table_name from d2.information_schema.tables where table_schema = 'PUBLIC'"))
	require.Equal(t, [][]string{{"OTHER"}}, run(`select "TABLE_NAME" from "D2"."INFORMATION_SCHEMA"."TABLES" t where t.table_type = 'BASE TABLE'`))

	// COLUMNS: found by the upper-case name, in order, with Snowflake's types.
	got = run(`select column_name, ordinal_position, is_nullable, data_type, character_maximum_length, character_octet_length,
		numeric_precision, numeric_precision_radix, numeric_scale, datetime_precision, column_default
		from information_schema.columns where table_name = 'ORDERS' order by ordinal_position`)
	require.Equal(t, [][]string{
		{"ID", "1", "NO", "NUMBER", "NULL", "NULL", "10", "10", "0", "NULL", "NULL"},
		{"NOTE", "2", "YES", "TEXT", "16777216", "16777216", "NULL", "NULL", "NULL", "NULL", "NULL"},
		{"AMOUNT", "3", "YES", "NUMBER", "NULL", "NULL", "12", "10", "2", "NULL", "0"},
		{"TS", "4", "YES", "TIMESTAMP_NTZ", "NULL", "NULL", "NULL", "NULL", "NULL", "9", "NULL"},
		{"V", "5", "YES", "VARIANT", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"},
		{"F", "6", "YES", "FLOAT", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"}}, got)
	require.Len(t, run("select * from information_schema.columns where table_name = 'ORDERS'")[0], 45)
	require.Equal(t, [][]string{{"Quoted Col"}, {"PLAIN"}}, run("select column_name from information_schema.columns where table_name = 'MixedCase' order by ordinal_position"))
	require.Equal(t, [][]string{{"BIG_ORDERS", "ID", "NUMBER"}, {"BIG_ORDERS", "AMOUNT", "NUMBER"}},
		run("select table_name, column_name, data_type from information_schema.columns where table_name = 'BIG_ORDERS' order by ordinal_position"))
	require.Equal(t, [][]string{{"TABLES", "ROW_COUNT", "NUMBER"}, {"TABLES", "CREATED", "TIMESTAMP_LTZ"}},
		run(`select table_name, column_name, data_type from information_schema.columns where table_schema = 'INFORMATION_SCHEMA'
			and table_name = 'TABLES' and column_name in ('ROW_COUNT', 'CREATED') order by ordinal_position`))

	// A join of two views, the alias-less one qualified by the view's name.
	require.Equal(t, [][]string{{"BIG_ORDERS", "2"}}, run(`select tables.table_name, count(*) from information_schema.tables
		join information_schema.columns c on c.table_schema = tables.table_schema and c.table_name = tables.table_name
		where tables.table_type = 'VIEW' and tables.table_schema = 'PUBLIC' group by 1`))

	// SCHEMATA, VIEWS, DATABASES: Snowflake's objects, none of DuckDB's.
	require.Equal(t, [][]string{{"D1", "INFORMATION_SCHEMA", "NULL"}, {"D1", "PUBLIC", "SYSADMIN"}, {"D1", "STAGE", "SYSADMIN"}},
		run("select catalog_name, schema_name, schema_owner from information_schema.schemata order by schema_name"))
	require.Len(t, run("select * from information_schema.schemata")[0], 14)
	require.Equal(t, [][]string{{"INFORMATION_SCHEMA"}, {"PUBLIC"}}, run("select schema_name from d2.information_schema.schemata order by 1"))
	require.Equal(t, [][]string{{"BIG_ORDERS", "NO"}}, run("select table_name, is_secure from information_schema.views where table_schema = 'PUBLIC'"))
	require.Len(t, run("select * from information_schema.views where table_schema = 'PUBLIC'")[0], 14)
	require.Equal(t, [][]string{{"D1", "SYSADMIN", "STANDARD"}, {"D2", "SYSADMIN", "STANDARD"}},
		run("select database_name, database_owner, type from d2.information_schema.databases order by 1"))
	require.Len(t, run("select * from information_schema.databases")[0], 10)
}

// TestInformationSchemaErrors: no current database, and a database that
// does not exist, fail as in Snowflake.
func TestInformationSchemaErrors(t *testing.T) {
	_, err := parseStatement("select * from information_schema.tables", &rewriteEnv{})
	require.ErrorContains(t, err, "does not have a current database")

	// Another view is not emulated rather than DuckDB's.
	_, err = parseStatement("select * from information_schema.table_constraints", &rewriteEnv{Database: "D"})
	require.ErrorContains(t, err, "unsupported by sftest: INFORMATION_SCHEMA.TABLE_CONSTRAINTS (sftest answers TABLES, COLUMNS,")

	// Left alone: table functions, a view's column qualifier, a four-part
	// name, a lower-case quoted INFORMATION_SCHEMA, words that only look alike.
	for _, s := range []string{
		"select * from table(information_schema.task_history())",
		"select information_schema.tables.table_name from x",
		"select * from a.b.information_schema.tables",
		`select * from "information_schema".tables`,
		"select 'information_schema.tables', information_schema_x.tables from information_schema_x",
	} {
		got, err := ruleInformationSchema(s, &rewriteEnv{Database: "D"})
		require.NoError(t, err)
		require.Equal(t, s, got)
	}
}

// TestInformationSchemaThroughDriver: what an ETL check sees through the
// real driver: a table created in lower case found by its upper-case name,
// declared types, another database, and Snowflake's column names.
func TestInformationSchemaThroughDriver(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	exec := func(s string) {
		t.Helper()
		_, err := conn.ExecContext(ctx, s)
		require.NoError(t, err, s)
	}
	exec(`create table src (id int not null, name varchar(10), ts timestamp_tz, t time(3), b binary(4), o object, a array,
		"camelCase" number(5,1))`)
	exec(`comment on column src."camelCase" is 'kept'`)

	names, got := queryStrings(t, conn, `select column_name, data_type, character_maximum_length, character_octet_length,
		numeric_precision, numeric_scale, datetime_precision, comment
		from information_schema.columns where table_name = 'SRC' order by ordinal_position`)
	require.Equal(t, []string{"COLUMN_NAME", "DATA_TYPE", "CHARACTER_MAXIMUM_LENGTH", "CHARACTER_OCTET_LENGTH",
		"NUMERIC_PRECISION", "NUMERIC_SCALE", "DATETIME_PRECISION", "COMMENT"}, names)
	require.Equal(t, [][]string{
		{"ID", "NUMBER", "NULL", "NULL", "38", "0", "NULL", "NULL"},
		{"NAME", "TEXT", "10", "40", "NULL", "NULL", "NULL", "NULL"},
		{"TS", "TIMESTAMP_TZ", "NULL", "NULL", "NULL", "NULL", "9", "NULL"},
		{"T", "TIME", "NULL", "NULL", "NULL", "NULL", "3", "NULL"},
		{"B", "BINARY", "4", "4", "NULL", "NULL", "NULL", "NULL"},
		{"O", "OBJECT", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"},
		{"A", "ARRAY", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"},
		{"camelCase", "NUMBER", "NULL", "NULL", "5", "1", "NULL", "kept"}}, got)

	// Another database, by name and as the current one.
	exec("create database d2")
	exec("create table d2.public.t2 (x int)")
	var n int
	require.NoError(t, conn.QueryRowContext(ctx, `select count(*) from d2.information_schema.tables
		where table_schema = 'PUBLIC' and table_name = 'T2' and table_type = 'BASE TABLE'`).Scan(&n))
	require.Equal(t, 1, n)
	var catalog string
	require.NoError(t, conn.QueryRowContext(ctx, "select table_catalog from information_schema.tables where table_name = 'T2'").Scan(&catalog))
	require.Equal(t, "D2", catalog) // CREATE DATABASE made D2 current

	// No DuckDB catalogs or schemas anywhere.
	for _, q := range []string{
		"select count(*) from information_schema.databases where database_name not in ('SFTEST', 'D2')",
		"select count(*) from sftest.information_schema.schemata where schema_name not in ('PUBLIC', 'INFORMATION_SCHEMA')",
		"select count(*) from sftest.information_schema.tables where table_schema not in ('PUBLIC', 'INFORMATION_SCHEMA')",
	} {
		require.NoError(t, conn.QueryRowContext(ctx, q).Scan(&n), q)
		require.Zero(t, n, q)
	}

	// Every view's every column reaches the driver (NULL timestamps and
	// OBJECTs included), in Arrow and in JSON.
	for _, format := range []string{"ARROW", "JSON"} {
		exec("alter session set go_query_result_format = " + format)
		for _, v := range infoViews {
			names, rows := queryStrings(t, conn, "select * from information_schema."+v.name)
			require.Len(t, names, len(v.cols), v.name)
			require.Equal(t, v.cols[0].name, names[0])
			require.NotEmpty(t, rows, v.name)
		}
	}

	_, err = conn.QueryContext(ctx, "select * from no_such_db.information_schema.tables")
	var se *sf.SnowflakeError
	require.ErrorAs(t, err, &se)
	require.Equal(t, 2003, se.Number)
}

// queryStrings runs q on conn and returns its column names and its rows as
// strings ("NULL" for NULL).
func queryStrings(t *testing.T, conn *sql.Conn, q string) ([]string, [][]string) {
	t.Helper()
	ctx := testCtx(t)
	rows, err := conn.QueryContext(ctx, q)
	require.NoError(t, err, q)
	defer rows.Close()
	names, err := rows.Columns()
	require.NoError(t, err)
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(names))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		require.NoError(t, rows.Scan(ptrs...), q)
		row := make([]string, len(vals))
		for i, v := range vals {
			row[i] = "NULL"
			if v.Valid {
				row[i] = v.String
			}
		}
		out = append(out, row)
	}
	require.NoError(t, rows.Err(), q)
	return names, out
}
