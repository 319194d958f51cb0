package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Clustering, table properties and grants change nothing sftest emulates:
// they are accepted with Snowflake's answer, and still fail on a table that
// is not there.
func TestAcceptedTableDDL(t *testing.T) {
	_, ctx, conn := ddlConn(t)
	status(t, ctx, conn, "create table t (a int, b string)")
	status(t, ctx, conn, "create view v as select a from t")
	for _, q := range []string{
		"alter table t cluster by (a, substr(b, 1, 3))",
		"alter table t drop clustering key",
		"alter table t suspend recluster",
		"alter table t resume recluster",
		"alter table t set comment = 'orders' data_retention_time_in_days = 1 change_tracking = true",
		"alter table sftest.public.t set max_data_extension_time_in_days = 7, enable_schema_evolution = false",
		"alter table t unset comment, data_retention_time_in_days",
		"alter table t set tag cost_center = 'x', gov.tags.owner = 'y'",
		"alter table t unset tag cost_center",
		"alter table if exists nosuch set comment = 'x'",
		"grant select, insert on table t to role analyst",
		"grant all privileges on table sftest.public.t to role analyst with grant option",
		"grant usage on database sftest to role analyst",
		"grant select on all tables in schema sftest.public to role analyst",
		"grant select on future tables in database sftest to role analyst",
		"grant ownership on table t to role sysadmin copy current grants",
		"grant role analyst to user alice",
		"grant role analyst to role sysadmin",
		"grant database role sftest.reader to role analyst",
		"revoke select on table t from role analyst",
		"revoke grant option for select on view v from role analyst cascade",
		"revoke role analyst from user alice",
	} {
		require.Equal(t, msgOK, status(t, ctx, conn, q), q)
	}
	status(t, ctx, conn, "insert into t values (1, 'x')")
	require.Equal(t, []int64{1}, int64s(t, ctx, conn, "select a from t"), "nothing changed")

	failsWith(t, ctx, conn, "alter table nosuch cluster by (a)", 2003, "42S02", "Object 'NOSUCH' does not exist or not authorized.")
	failsWith(t, ctx, conn, "grant select on table nosuch to role analyst", 2003, "42S02", "Object 'NOSUCH' does not exist or not authorized.")
	failsWith(t, ctx, conn, "alter table t set no_such_property = 1", 1003, "42000", "unsupported by sftest: ALTER TABLE ... SET NO_SUCH_PROPERTY")
	failCompiling(t, ctx, conn,
		"alter table t cluster by a",
		"alter table t set comment",
		"alter table t set comment = ",
		"alter table t unset",
		"grant select on table t",
		"grant select on table t to",
		"revoke select on table t to role r",
		"grant to role r",
	)
}

// sftest is one warehouse: warehouse DDL is accepted with Snowflake's
// answers; CREATE WAREHOUSE makes the new one current, as in Snowflake.
func TestWarehouseDDL(t *testing.T) {
	srv, ctx, conn := ddlConn(t)
	require.Equal(t, "Warehouse ETL_WH successfully created.",
		status(t, ctx, conn, "create warehouse if not exists etl_wh with warehouse_size = 'XSMALL' auto_suspend = 60 auto_resume = true initially_suspended = true comment = 'etl'"))
	require.Equal(t, "Warehouse W2 successfully created.", status(t, ctx, conn, "create or replace warehouse w2 tag (cost_center = 'x')"))
	status(t, ctx, conn, "select 1 as after_create")
	require.Equal(t, "W2", queryByText(t, srv, "select 1 as after_create").Warehouse, "CREATE WAREHOUSE makes it current")
	status(t, ctx, conn, "use warehouse etl_wh")
	status(t, ctx, conn, "select 1 as after_use")
	require.Equal(t, "ETL_WH", queryByText(t, srv, "select 1 as after_use").Warehouse)
	for _, q := range []string{
		"alter warehouse etl_wh set warehouse_size = small max_cluster_count = 2",
		"alter warehouse etl_wh unset comment, auto_suspend",
		"alter warehouse if exists etl_wh suspend",
		"alter warehouse etl_wh resume if suspended",
		"alter warehouse etl_wh abort all queries",
		"alter warehouse w2 rename to w3",
	} {
		require.Equal(t, msgOK, status(t, ctx, conn, q), q)
	}
	require.Equal(t, "W3 successfully dropped.", status(t, ctx, conn, "drop warehouse w3"))
	require.Equal(t, "NOSUCH successfully dropped.", status(t, ctx, conn, "drop warehouse if exists nosuch"))
	failCompiling(t, ctx, conn,
		"create warehouse a.b",
		"create warehouse w size",
		"create or replace warehouse if not exists w",
		"alter warehouse w",
		"alter warehouse w explode",
		"alter warehouse w set",
		"drop warehouse w extra",
	)
}
