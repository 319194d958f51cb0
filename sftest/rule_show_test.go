package sftest

import (
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// showFixture is a DuckDB with databases D1 (schemas PUBLIC, STAGE) and D2,
// and tables in them; env says D1.PUBLIC is current.
func showFixture(t *testing.T) func(string) [][]string {
	t.Helper()
	db := openDuck(t)
	env := &rewriteEnv{Database: "D1", Schema: "PUBLIC", Params: map[string]string{"QUERY_TAG": "etl", "TIMEZONE": "UTC"}}
	run := func(s string) [][]string { t.Helper(); return runSnowflake(t, db, env, s) }
	run(`create database d1; create database d2; create schema d1.stage;
		create table d1.public.orders (id number(10,0) not null, note string, amount number(12,2) default 0, ts timestamp_ntz, v variant, f float);
		create table d1.public.order_lines (id int); create table d1.stage.raw_orders (b binary, d date);
		create table d2.public.other (a int); insert into d1.public.order_lines values (1), (2)`)
	return run
}

func TestShowTables(t *testing.T) {
	run := showFixture(t)
	// Default scope: the current database, ordered by schema and name.
	got := run("show tables")
	require.Equal(t, [][]string{{"ORDERS", "D1", "PUBLIC", "TABLE"}, {"ORDER_LINES", "D1", "PUBLIC", "TABLE"}, {"RAW_ORDERS", "D1", "STAGE", "TABLE"}},
		cols(got, 1, 2, 3, 4))
	require.Len(t, got, 3)
	require.Len(t, got[0], 25)
	require.Equal(t, [][]string{{"ORDERS"}, {"ORDER_LINES"}}, cols(run("show tables like 'order%' in schema d1.public"), 1))
	require.Equal(t, [][]string{{"ORDERS"}}, cols(run("SHOW TABLES LIKE 'ORDERS' IN SCHEMA"), 1))
	require.Equal(t, [][]string{{"RAW_ORDERS"}}, cols(run("show tables in d1.stage"), 1))
	require.Equal(t, [][]string{{"OTHER"}}, cols(run("show tables in database d2"), 1))
	require.Equal(t, [][]string{{"ORDERS"}, {"ORDER_LINES"}, {"RAW_ORDERS"}, {"OTHER"}}, cols(run("show tables in account"), 1))
	require.Equal(t, [][]string{{"ORDERS"}}, cols(run("show tables starts with 'ORD' limit 1"), 1))
	require.Len(t, run("show terse tables")[0], 5)
	require.Equal(t, [][]string{{"2"}}, cols(run("show tables like 'order_lines'"), 7))
}

func TestShowSchemas(t *testing.T) {
	run := showFixture(t)
	got := run("show schemas")
	require.Equal(t, [][]string{{"INFORMATION_SCHEMA", "N", "D1"}, {"PUBLIC", "Y", "D1"}, {"STAGE", "N", "D1"}}, cols(got, 1, 3, 4))
	require.Len(t, got[0], 11)
	require.Equal(t, [][]string{{"INFORMATION_SCHEMA"}, {"PUBLIC"}}, cols(run("show schemas in database d2"), 1))
	require.Equal(t, [][]string{{"STAGE"}}, cols(run("show schemas like 'st%'"), 1))
	_, err := parseStatement("show schemas in schema d1.public", nil)
	require.Error(t, err)
}

func TestShowDatabases(t *testing.T) {
	run := showFixture(t)
	got := run("show databases")
	require.Equal(t, [][]string{{"D1", "Y", "SYSADMIN", "STANDARD"}, {"D2", "N", "SYSADMIN", "STANDARD"}}, cols(got, 1, 3, 5, 9))
	require.Len(t, got[0], 12)
	require.Equal(t, [][]string{{"D2"}}, cols(run("show databases like '%2'"), 1))
}

func TestShowParameters(t *testing.T) {
	run := showFixture(t)
	require.Equal(t, [][]string{{"QUERY_TAG", "etl", "", "SESSION", "STRING"}}, cols(run("show parameters like 'query_tag'"), 0, 1, 2, 3, 5))
	require.Equal(t, [][]string{{"TIMEZONE", "UTC", "America/Los_Angeles", "ACCOUNT"}}, cols(run("show parameters like 'TIME%ZONE' in session"), 0, 1, 2, 3))
	require.Equal(t, [][]string{{"AUTOCOMMIT", "true", "true", ""}}, cols(run("show parameters like 'autocommit' in account"), 0, 1, 2, 3))
	all := run("show parameters")
	require.Greater(t, len(all), 15)
	require.Equal(t, "ABORT_DETACHED_QUERY", all[0][0])
}

func TestDescribeTable(t *testing.T) {
	run := showFixture(t)
	want := [][]string{
		{"ID", "NUMBER(10,0)", "COLUMN", "N", "NULL"},
		{"NOTE", "VARCHAR(16777216)", "COLUMN", "Y", "NULL"},
		{"AMOUNT", "NUMBER(12,2)", "COLUMN", "Y", "0"},
		{"TS", "TIMESTAMP_NTZ(9)", "COLUMN", "Y", "NULL"},
		{"V", "VARIANT", "COLUMN", "Y", "NULL"},
		{"F", "FLOAT", "COLUMN", "Y", "NULL"},
	}
	got := run("describe table orders")
	require.Len(t, got[0], 12)
	require.Equal(t, want, cols(got, 0, 1, 2, 3, 4))
	require.Equal(t, want, cols(run("DESC TABLE D1.PUBLIC.ORDERS TYPE = COLUMNS"), 0, 1, 2, 3, 4))
	require.Equal(t, [][]string{{"B", "BINARY(8388608)"}, {"D", "DATE"}}, cols(run("desc table stage.raw_orders"), 0, 1))
	_, err := parseStatement("describe orders", nil)
	require.Error(t, err)
}

// cols keeps the given columns of each row.
func cols(rows [][]string, idx ...int) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		for _, k := range idx {
			out[i] = append(out[i], r[k])
		}
	}
	return out
}

// TestShowThroughDriver: SHOW's lower-case column names reach the client,
// RESULT_SCAN reads them back, and DESCRIBE of a missing table is 002003.
func TestShowThroughDriver(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, "create table drv_t (a int, b string)")
	require.NoError(t, err)
	rows, err := conn.QueryContext(ctx, "show tables like 'DRV%'")
	require.NoError(t, err)
	names, err := rows.Columns()
	require.NoError(t, err)
	require.Equal(t, []string{"created_on", "name", "database_name", "schema_name", "kind"}, names[:5])
	require.True(t, rows.Next())
	require.NoError(t, rows.Close())
	var name string
	require.NoError(t, conn.QueryRowContext(ctx, `select "name" from table(result_scan(last_query_id()))`).Scan(&name))
	require.Equal(t, "DRV_T", name)

	rows, err = conn.QueryContext(ctx, "desc table drv_t")
	require.NoError(t, err)
	names, err = rows.Columns()
	require.NoError(t, err)
	require.Equal(t, []string{"name", "type", "kind", "null?", "default", "primary key", "unique key", "check", "expression", "comment", "policy name", "privacy domain"}, names)
	require.NoError(t, rows.Close())

	_, err = conn.ExecContext(ctx, "describe table no_such_table")
	var se *sf.SnowflakeError
	require.ErrorAs(t, err, &se)
	require.Equal(t, 2003, se.Number)
}
