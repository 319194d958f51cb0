package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestGetDDL: GET_DDL('TABLE', ...) rebuilds the CREATE statement with the
// declared types, NOT NULL and DEFAULT; what it does not emulate is 001003.
func TestGetDDL(t *testing.T) {
	ctx, conn := driverConn(t)
	driverExec(t, ctx, conn,
		"create table orders (id number(10,0) not null, note string default 'n/a', ts timestamp_tz(3), v variant)",
		"create view ov as select id from orders")
	want := "create or replace TABLE ORDERS (\n\tID NUMBER(10,0) NOT NULL,\n\tNOTE VARCHAR(16777216) DEFAULT 'n/a',\n" +
		"\tTS TIMESTAMP_TZ(3),\n\tV VARIANT\n);"
	require.Equal(t, [][]string{{want}}, driverRows(t, ctx, conn, "select get_ddl('table', 'orders')"))
	got := driverRows(t, ctx, conn, "select get_ddl('TABLE', 'sftest.public.orders', true)")
	require.Equal(t, "create or replace TABLE SFTEST.PUBLIC.ORDERS (", got[0][0][:len("create or replace TABLE SFTEST.PUBLIC.ORDERS (")])

	requireCode(t, ctx, conn, "select get_ddl('table', 'nope')", 2003)
	requireCode(t, ctx, conn, "select get_ddl('table', 'ov')", 2003)
	requireCode(t, ctx, conn, "select get_ddl('view', 'ov')", 1003)
	requireCode(t, ctx, conn, "select get_ddl('table', note) from orders", 1003)
	requireCode(t, ctx, conn, "select get_ddl('table')", 1003)
	requireCode(t, ctx, conn, "select get_ddl('table', 'a.b.c.d')", 1003)
}
