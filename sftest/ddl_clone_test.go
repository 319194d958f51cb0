package sftest

import (
	"context"
	"database/sql"
	"testing"

	"github.com/stretchr/testify/require"
)

// describeTypes maps each column of table to DESCRIBE TABLE's type.
func describeTypes(t *testing.T, ctx context.Context, conn *sql.Conn, table string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, row := range describeRows(t, ctx, conn, table) {
		out[name] = row[1]
	}
	return out
}

// CLONE copies rows and column definitions (declared types, NOT NULL,
// lengths, DEFAULTs); LIKE the definitions only. Either is a table of its
// own afterwards; an identity column continues where the source's stood.
func TestCloneAndLike(t *testing.T) {
	_, ctx, conn := ddlConn(t)
	status(t, ctx, conn, "create table src (id int autoincrement, code varchar(3) not null, ts timestamp_tz, n number(10,2) default 1.5)")
	run(t, ctx, conn, "insert into src (code, ts) values ('a', '2024-01-01 10:00:00'), ('b', null)")

	require.Equal(t, "Table CL successfully created.", status(t, ctx, conn, "create table cl clone src"))
	require.Equal(t, "Table LK successfully created.", status(t, ctx, conn, "create table lk like src copy grants"))
	want := map[string]string{"ID": "NUMBER(38,0)", "CODE": "VARCHAR(3)", "TS": "TIMESTAMP_TZ(9)", "N": "NUMBER(10,2)"}
	for _, tbl := range []string{"src", "cl", "lk"} {
		require.Equal(t, want, describeTypes(t, ctx, conn, tbl), tbl)
	}
	require.Equal(t, []int64{1, 2}, int64s(t, ctx, conn, "select id from cl order by id"))
	require.Equal(t, []int64{0}, int64s(t, ctx, conn, "select count(*) from lk"))

	// The copies are tables of their own, with their own identity values.
	run(t, ctx, conn, "insert into cl (code) values ('c')")
	run(t, ctx, conn, "insert into src (code) values ('d')")
	run(t, ctx, conn, "insert into lk (code) values ('e')")
	require.Equal(t, []int64{1, 2, 3}, int64s(t, ctx, conn, "select id from cl order by id"))
	require.Equal(t, []int64{1, 2, 3}, int64s(t, ctx, conn, "select id from src order by id"))
	require.Equal(t, []int64{3}, int64s(t, ctx, conn, "select id from lk"))
	var n float64
	require.NoError(t, conn.QueryRowContext(ctx, "select n from lk").Scan(&n))
	require.Equal(t, 1.5, n, "DEFAULTs are copied")
	failsWith(t, ctx, conn, "insert into cl (code) values ('long')", 100074, "22001", "too long")
	failsWith(t, ctx, conn, "insert into lk (code) values (null)", 100072, "22000", "NULL result in a non-nullable column")

	// OR REPLACE, IF NOT EXISTS, a table replaced by its own clone.
	status(t, ctx, conn, "create or replace table lk clone cl")
	require.Equal(t, []int64{3}, int64s(t, ctx, conn, "select count(*) from lk"))
	require.Equal(t, "LK already exists, statement succeeded.", status(t, ctx, conn, "create table if not exists lk like src"))
	require.Equal(t, []int64{3}, int64s(t, ctx, conn, "select count(*) from lk"), "IF NOT EXISTS leaves the table")
	status(t, ctx, conn, "create or replace table cl clone cl")
	require.Equal(t, []int64{1, 2, 3}, int64s(t, ctx, conn, "select id from cl order by id"))
	require.Equal(t, want, describeTypes(t, ctx, conn, "cl"))

	// Across schemas, qualified.
	status(t, ctx, conn, "create schema s2") // now the current schema
	status(t, ctx, conn, "create table s2.cl clone sftest.public.src")
	status(t, ctx, conn, "use schema public")
	require.Equal(t, []int64{3}, int64s(t, ctx, conn, "select count(*) from sftest.s2.cl"))

	failsWith(t, ctx, conn, "create table x clone nosuch", 2003, "02000", "Object 'NOSUCH' does not exist or not authorized.")
	failsWith(t, ctx, conn, "create table cl clone src", 2002, "42710", "already exists")
	failsWith(t, ctx, conn, "create table x clone src at(offset => -60)", 1003, "42000", "unsupported by sftest: time travel (AT)")
	failsWith(t, ctx, conn, "create table x clone src extra", 1003, "42000", "syntax error")
	failsWith(t, ctx, conn, "create table x like", 1003, "42000", "syntax error")
	failsWith(t, ctx, conn, "create schema s3 clone public", 1003, "42000", "unsupported by sftest: CLONE of a SCHEMA")
	failsWith(t, ctx, conn, "create or replace table if not exists x clone src", 1003, "42000", "incompatible")
}

// SWAP exchanges two tables' contents and definitions at once; a failed
// swap changes neither.
func TestSwapAndTruncate(t *testing.T) {
	_, ctx, conn := ddlConn(t)
	status(t, ctx, conn, "create table live (id int, v varchar(5))")
	status(t, ctx, conn, "create table staging (id int, ts timestamp_ltz, extra string)")
	run(t, ctx, conn, "insert into live values (1, 'old')")
	run(t, ctx, conn, "insert into staging values (2, current_timestamp(), 'x'), (3, null, 'y')")

	require.Equal(t, msgOK, status(t, ctx, conn, "alter table live swap with staging"))
	require.Equal(t, []int64{2, 3}, int64s(t, ctx, conn, "select id from live order by id"))
	require.Equal(t, []int64{1}, int64s(t, ctx, conn, "select id from staging"))
	require.Equal(t, map[string]string{"ID": "NUMBER(38,0)", "TS": "TIMESTAMP_LTZ(9)", "EXTRA": "VARCHAR(16777216)"}, describeTypes(t, ctx, conn, "live"))
	require.Equal(t, map[string]string{"ID": "NUMBER(38,0)", "V": "VARCHAR(5)"}, describeTypes(t, ctx, conn, "staging"))

	failsWith(t, ctx, conn, "alter table live swap with nosuch", 2003, "02000", "Object 'NOSUCH' does not exist or not authorized.")
	failsWith(t, ctx, conn, "alter table nosuch swap with live", 2003, "02000", "Object 'NOSUCH' does not exist")
	require.Equal(t, []int64{2, 3}, int64s(t, ctx, conn, "select id from live order by id"), "a failed swap changes nothing")
	require.Equal(t, msgOK, status(t, ctx, conn, "alter table if exists nosuch swap with live"))
	status(t, ctx, conn, "create schema s2")
	status(t, ctx, conn, "use schema public")
	status(t, ctx, conn, "create table s2.t (a int)")
	failsWith(t, ctx, conn, "alter table live swap with s2.t", 1003, "42000", "unsupported by sftest: SWAP WITH a table of another schema")
	failsWith(t, ctx, conn, "alter table live swap staging", 1003, "42000", "syntax error")

	// Inside a transaction the swap, DDL, commits: ROLLBACK does not undo it.
	status(t, ctx, conn, "begin")
	status(t, ctx, conn, "alter table live swap with staging")
	status(t, ctx, conn, "rollback")
	require.Equal(t, []int64{1}, int64s(t, ctx, conn, "select id from live order by id"))
	status(t, ctx, conn, "alter table live swap with staging")
	require.Equal(t, []int64{2, 3}, int64s(t, ctx, conn, "select id from live order by id"))

	require.Equal(t, msgOK, status(t, ctx, conn, "truncate table live"))
	require.Equal(t, []int64{0}, int64s(t, ctx, conn, "select count(*) from live"))
	require.Equal(t, msgOK, status(t, ctx, conn, "truncate staging"))
	require.Equal(t, []int64{0}, int64s(t, ctx, conn, "select count(*) from staging"))
	require.Equal(t, msgOK, status(t, ctx, conn, "truncate table if exists nosuch"))
	run(t, ctx, conn, "insert into s2.t values (1)")
	require.Equal(t, msgOK, status(t, ctx, conn, "truncate if exists sftest.s2.t"))
	require.Equal(t, []int64{0}, int64s(t, ctx, conn, "select count(*) from s2.t"))
	failsWith(t, ctx, conn, "truncate table nosuch", 2003, "42S02", "Object 'NOSUCH' does not exist or not authorized.")
	failsWith(t, ctx, conn, "truncate table", 1003, "42000", "syntax error")
	failsWith(t, ctx, conn, "truncate table a b", 1003, "42000", "syntax error")

	// TRUNCATE keeps an identity's sequence where it stood, as Snowflake does.
	status(t, ctx, conn, "create table ids (id int identity, v int)")
	run(t, ctx, conn, "insert into ids (v) values (1), (2)")
	status(t, ctx, conn, "truncate table ids")
	run(t, ctx, conn, "insert into ids (v) values (3)")
	require.Equal(t, []int64{3}, int64s(t, ctx, conn, "select id from ids"))
}
