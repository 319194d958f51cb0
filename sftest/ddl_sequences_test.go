package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRuleSequences(t *testing.T) {
	env := &rewriteEnv{Database: "DB", Schema: "PUBLIC"}
	checkRule(t, ruleSequences, env, []ruleCase{
		{name: "select item named NEXTVAL", in: "select s.nextval",
			want: `select nextval('"DB"."PUBLIC"."S"') AS "NEXTVAL"`},
		{name: "aliased, twice", in: "select s.NEXTVAL a, s.nextval + 1 from t",
			want: `select nextval('"DB"."PUBLIC"."S"') a, nextval('"DB"."PUBLIC"."S"') + 1 from t`},
		{name: "qualified and quoted", in: `insert into t values (x."My Seq".nextval, 1)`,
			want: `insert into t values (nextval('"DB"."X"."My Seq"'), 1)`},
		{name: "fully qualified default", in: "create table t (id int default d.s.q.nextval)",
			want: `create table t (id int default nextval('"D"."S"."Q"'))`},
		{name: "not a reference", in: "select nextval, 'a.nextval' from t", want: "select nextval, 'a.nextval' from t"},
		{name: "a VARIANT path", in: "select v:a.nextval, v:b.c.nextval from t", want: "select v:a.nextval, v:b.c.nextval from t"},
	})
	got, err := ruleSequences("select s.nextval", nil)
	require.NoError(t, err)
	require.Equal(t, `select nextval('"S"') AS "NEXTVAL"`, got, "without a session the name stays unqualified")
}

// Snowflake's sequences: CREATE SEQUENCE's option forms, NEXTVAL in select
// lists (a value per reference and row), VALUES and column DEFAULTs, DROP.
func TestSequencesAsSnowflake(t *testing.T) {
	_, ctx, conn := ddlConn(t)
	require.Equal(t, "Sequence S1 successfully created.", status(t, ctx, conn, "create sequence s1"))
	require.Equal(t, "Sequence S2 successfully created.", status(t, ctx, conn, "create or replace sequence s2 start with 10 increment by 5 order"))
	status(t, ctx, conn, "create sequence if not exists s3 with start = 0 increment = -2 noorder comment = 'down'")
	status(t, ctx, conn, "create sequence if not exists s3 start 99") // exists: unchanged

	rows, err := conn.QueryContext(ctx, "select s2.nextval, s2.nextval as b")
	require.NoError(t, err)
	cols, err := rows.Columns()
	require.NoError(t, err)
	require.Equal(t, []string{"NEXTVAL", "B"}, cols)
	require.True(t, rows.Next())
	var a, b int64
	require.NoError(t, rows.Scan(&a, &b))
	require.NoError(t, rows.Close())
	require.Equal(t, []int64{10, 15}, []int64{a, b}, "each reference draws its own value")
	require.Equal(t, []int64{0, -2, -4}, int64s(t, ctx, conn, "select s3.nextval from table(generator(rowcount => 3)) order by 1 desc"))

	// A DEFAULT names the sequence as it was bound: still the same one after USE SCHEMA.
	status(t, ctx, conn, "create table orders (id number default s1.nextval, item varchar)")
	run(t, ctx, conn, "insert into orders (item) values ('a'), ('b')")
	status(t, ctx, conn, "create schema other")
	run(t, ctx, conn, "insert into sftest.public.orders (item) values ('c')")
	run(t, ctx, conn, "insert into sftest.public.orders values (sftest.public.s1.nextval, 'd')")
	status(t, ctx, conn, "use schema public")
	require.Equal(t, []int64{1, 2, 3, 4}, int64s(t, ctx, conn, "select id from orders order by id"))

	require.Equal(t, "S2 successfully dropped.", status(t, ctx, conn, "drop sequence s2"))
	failsWith(t, ctx, conn, "select s2.nextval", 2003, "42S02", "S2")
	failsWith(t, ctx, conn, "drop sequence s2", 2003, "02000", "Sequence 'SFTEST.PUBLIC.S2' does not exist or not authorized.")
	status(t, ctx, conn, "drop sequence if exists s2")
	// Snowflake would let orders' DEFAULT dangle; DuckDB keeps it: a clear refusal.
	failsWith(t, ctx, conn, "drop sequence s1", 1003, "42000", "unsupported by sftest: dropping or replacing sequence S1 while a column DEFAULT uses it")
	failsWith(t, ctx, conn, "create or replace sequence s1", 1003, "42000", "while a column DEFAULT uses it")
	require.Equal(t, []int64{5}, int64s(t, ctx, conn, "select s1.nextval"), "the refused statements changed nothing")

	failCompiling(t, ctx, conn,
		"create sequence z increment by 0",
		"create sequence z start with x",
		"create sequence z maxvalue 10",
		"create or replace sequence if not exists z",
		"drop sequence s1 purge",
	)
}

// Identity columns fill a row inserted without them, each table from its own
// sequence; their sequences go with the table.
func TestIdentityColumns(t *testing.T) {
	_, ctx, conn := ddlConn(t)
	for _, ddl := range []string{
		"create table a1 (id int autoincrement, v string)",
		"create table a2 (id number(10,0) identity(100, 10) order, v string)",
		"create table a3 (id int autoincrement start 5 increment -1 noorder, v string not null)",
		"create table a4 (v string, id int identity start with 7 increment by 3)",
	} {
		require.Contains(t, status(t, ctx, conn, ddl), "successfully created.")
	}
	for _, tbl := range []string{"a1", "a2", "a3", "a4"} {
		_, err := conn.ExecContext(ctx, "insert into "+tbl+" (v) values ('x'), ('y')")
		require.NoError(t, err)
	}
	require.Equal(t, []int64{1, 2}, int64s(t, ctx, conn, "select id from a1 order by id"))
	require.Equal(t, []int64{100, 110}, int64s(t, ctx, conn, "select id from a2 order by id"))
	require.Equal(t, []int64{4, 5}, int64s(t, ctx, conn, "select id from a3 order by id"))
	require.Equal(t, []int64{7, 10}, int64s(t, ctx, conn, "select id from a4 order by id"))
	run(t, ctx, conn, "insert into a1 values (50, 'explicit')")
	run(t, ctx, conn, "insert into a1 (v) values ('z')")
	require.Equal(t, []int64{1, 2, 3, 50}, int64s(t, ctx, conn, "select id from a1 order by id"))

	def := describeRows(t, ctx, conn, "a2")["ID"][4]
	require.Equal(t, "IDENTITY START 100 INCREMENT 10", def)

	// ALTER TABLE ... ADD COLUMN with AUTOINCREMENT numbers the rows there.
	status(t, ctx, conn, "alter table a4 add column n int autoincrement")
	require.Equal(t, []int64{1, 2}, int64s(t, ctx, conn, "select n from a4 order by n"))

	// The identity sequences are the tables': dropping or replacing a table drops its own.
	identitySeqs := "select count(*) from duckdb_sequences() where starts_with(sequence_name, 'SFTEST$IDENTITY$')"
	require.Equal(t, []int64{5}, int64s(t, ctx, conn, identitySeqs))
	status(t, ctx, conn, "drop table a1")
	status(t, ctx, conn, "create or replace table a2 (id int)")
	status(t, ctx, conn, "alter table a4 drop column n")
	require.Equal(t, []int64{2}, int64s(t, ctx, conn, identitySeqs))

	failCompiling(t, ctx, conn,
		"create table b (id int autoincrement(1))",
		"create table b (id int identity(1, 0))",
		"create table b (id int identity start x)",
	)
	status(t, ctx, conn, "create table b (identity int, autoincrement int)") // column names, not clauses
}
