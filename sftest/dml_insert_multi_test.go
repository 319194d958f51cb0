package sftest

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// countColumns runs a DML statement as a query and returns its count
// columns and values, as the driver hands them over.
func countColumns(t *testing.T, ctx context.Context, db *sql.DB, q string, args ...any) ([]string, []int64) {
	t.Helper()
	rows, err := db.QueryContext(ctx, q, args...)
	require.NoError(t, err)
	defer rows.Close()
	cols, err := rows.Columns()
	require.NoError(t, err)
	require.True(t, rows.Next())
	vals := make([]int64, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	require.NoError(t, rows.Scan(ptrs...))
	require.False(t, rows.Next())
	return cols, vals
}

// execer runs statements: a *sql.DB or a *sql.Conn.
type execer interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
}

// mustExec runs each statement in turn, requiring that it succeeds.
func mustExec(t *testing.T, ctx context.Context, db execer, qs ...string) {
	t.Helper()
	for _, q := range qs {
		_, err := db.ExecContext(ctx, q)
		require.NoError(t, err, q)
	}
}

// tableText is a table's rows as "a=b,c=d" ordered by its first column.
func tableText(t *testing.T, ctx context.Context, db *sql.DB, table string) string {
	t.Helper()
	var s sql.NullString
	require.NoError(t, db.QueryRowContext(ctx, "select listagg(k || '=' || coalesce(v::varchar, '-'), ',') within group (order by k, v) from "+table).Scan(&s))
	return s.String
}

// TestInsertOverwrite: INSERT OVERWRITE empties the table and inserts in
// one statement, answering the inserted rows; a source that reads the
// target sees it as it was before the statement.
func TestInsertOverwrite(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(sf.WithMultiStatement(ctx, 2), `create table t (k number, v varchar default 'd');
		insert into t values (1, 'a'), (2, 'b'), (3, 'c')`)
	require.NoError(t, err)

	cols, vals := countColumns(t, ctx, db, "insert overwrite into t select k * 10, v from t where k < 3")
	require.Equal(t, []string{"number of rows inserted"}, cols)
	require.Equal(t, []int64{2}, vals)
	require.Equal(t, "10=a,20=b", tableText(t, ctx, db, "t"))

	r, err := db.ExecContext(ctx, "INSERT OVERWRITE INTO t (k) VALUES (7), (8)")
	require.NoError(t, err)
	n, err := r.RowsAffected()
	require.NoError(t, err)
	require.Equal(t, int64(2), n)
	require.Equal(t, "7=d,8=d", tableText(t, ctx, db, "t"))

	// Binds reach the VALUES.
	_, err = db.ExecContext(ctx, "insert overwrite into t values (?, ?)", 5, "x")
	require.NoError(t, err)
	require.Equal(t, "5=x", tableText(t, ctx, db, "t"))

	// An empty source leaves the table empty.
	cols, vals = countColumns(t, ctx, db, "insert overwrite into t select * from t where false")
	require.Equal(t, []string{"number of rows inserted"}, cols)
	require.Equal(t, []int64{0}, vals)
	require.Equal(t, "", tableText(t, ctx, db, "t"))

	// A failing insert leaves the table as it was.
	mustExec(t, ctx, db, "insert into t values (1, 'keep')")
	_, err = db.ExecContext(ctx, "insert overwrite into t select 'not a number', 'x'")
	require.Error(t, err)
	require.Equal(t, "1=keep", tableText(t, ctx, db, "t"))

	_, err = db.ExecContext(ctx, "insert overwrite into missing_t values (1)")
	requireSFError(t, err, "002003")
	_, err = db.ExecContext(ctx, "insert overwrite into t")
	requireSFError(t, err, "001003")
	_, err = db.ExecContext(ctx, "insert overwrite t values (1)")
	requireSFError(t, err, "001003")
}

// requireSFError checks err is a Snowflake error with the given code.
func requireSFError(t *testing.T, err error, code string) *sf.SnowflakeError {
	t.Helper()
	require.Error(t, err)
	var se *sf.SnowflakeError
	require.ErrorAs(t, err, &se)
	require.Equal(t, code, fmt.Sprintf("%06d", se.Number), "%v", err)
	return se
}

// TestInsertMultiTable: unconditional and conditional multi-table inserts
// answer one count column per target table, named as Snowflake names them;
// RowsAffected is their sum.
func TestInsertMultiTable(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(sf.WithMultiStatement(ctx, 4), `create table src (k number, v varchar);
		insert into src values (1, 'a'), (2, 'b'), (3, null), (4, 'd');
		create table t1 (k number, v varchar default 'dflt');
		create table t2 (k number, v varchar)`)
	require.NoError(t, err)
	reset := func() {
		_, err := db.ExecContext(sf.WithMultiStatement(ctx, 2), "delete from t1; delete from t2")
		require.NoError(t, err)
	}

	cols, vals := countColumns(t, ctx, db, "insert all into t1 into t2 select * from src")
	require.Equal(t, []string{"number of rows inserted into T1", "number of rows inserted into T2"}, cols)
	require.Equal(t, []int64{4, 4}, vals)
	require.Equal(t, "1=a,2=b,3=-,4=d", tableText(t, ctx, db, "t1"))

	// The same table twice counts in one column; VALUES picks source
	// columns; DEFAULT leaves a listed column to its default.
	reset()
	cols, vals = countColumns(t, ctx, db, `INSERT ALL
		INTO t1
		INTO t1 (k, v) VALUES (k + 100, DEFAULT)
		INTO t2 (v, k) VALUES (v, k)
		SELECT k, v FROM src WHERE k <= 2`)
	require.Equal(t, []string{"number of rows inserted into T1", "number of rows inserted into T2"}, cols)
	require.Equal(t, []int64{4, 2}, vals)
	require.Equal(t, "1=a,2=b,101=dflt,102=dflt", tableText(t, ctx, db, "t1"))
	require.Equal(t, "1=a,2=b", tableText(t, ctx, db, "t2"))

	// ALL: a row goes to every WHEN that holds; ELSE takes rows no WHEN
	// holds for (a NULL condition does not hold).
	reset()
	r, err := db.ExecContext(ctx, `insert all
		when k >= 2 then into t1
		when v is not null and k < 4 then into t2
		else into t2 (k) values (k)
		select k, v from src`)
	require.NoError(t, err)
	n, err := r.RowsAffected()
	require.NoError(t, err)
	require.Equal(t, int64(5), n)
	require.Equal(t, "2=b,3=-,4=d", tableText(t, ctx, db, "t1"))
	require.Equal(t, "1=a,2=b", tableText(t, ctx, db, "t2"))

	// FIRST: only the first WHEN that holds.
	reset()
	cols, vals = countColumns(t, ctx, db, `insert first
		when k >= 2 then into t1
		when case when v is null then false else true end then into t2
		else into t2 values (-k, 'else')
		select k, v from src`)
	require.Equal(t, []string{"number of rows inserted into T1", "number of rows inserted into T2"}, cols)
	require.Equal(t, []int64{3, 1}, vals)
	require.Equal(t, "2=b,3=-,4=d", tableText(t, ctx, db, "t1"))
	require.Equal(t, "1=a", tableText(t, ctx, db, "t2"))

	// OVERWRITE empties every target first.
	cols, vals = countColumns(t, ctx, db, "insert overwrite all when k = 1 then into t1 into t2 select k, v from src")
	require.Equal(t, []string{"number of rows inserted into T1", "number of rows inserted into T2"}, cols)
	require.Equal(t, []int64{1, 1}, vals)
	require.Equal(t, "1=a", tableText(t, ctx, db, "t1"))
	require.Equal(t, "1=a", tableText(t, ctx, db, "t2"))

	// A bind in the source query.
	cols, vals = countColumns(t, ctx, db, "insert overwrite all into t1 select k, v from src where k > ?", 2)
	require.Equal(t, []string{"number of rows inserted into T1"}, cols)
	require.Equal(t, []int64{2}, vals)
}

// TestInsertMultiTableAtomic: when one INTO clause fails, no table keeps
// rows from the statement, alone or inside a session transaction.
func TestInsertMultiTableAtomic(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(sf.WithMultiStatement(ctx, 4), `create or replace table src (k number, v varchar);
		insert into src values (1, 'a'), (2, null);
		create or replace table t1 (k number, v varchar); create or replace table t2 (k number, v varchar not null)`)
	require.NoError(t, err)

	_, err = db.ExecContext(ctx, "insert all into t1 into t2 select k, v from src")
	require.Error(t, err)
	require.Equal(t, "", tableText(t, ctx, db, "t1"))
	require.Equal(t, "", tableText(t, ctx, db, "t2"))

	// Inside a transaction: the statement's rows go with the transaction.
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	mustExec(t, ctx, conn, "begin", "insert all into t1 into t2 select k, v from src where v is not null", "rollback")
	require.Equal(t, "", tableText(t, ctx, db, "t1"))
	mustExec(t, ctx, conn, "begin", "insert overwrite all into t1 into t2 select k, v from src where v is not null", "commit")
	require.Equal(t, "1=a", tableText(t, ctx, db, "t1"))
	require.Equal(t, "1=a", tableText(t, ctx, db, "t2"))
}

// TestInsertMultiTableBadInput: malformed multi-table inserts fail as
// Snowflake's compilation errors, never as an engine error.
func TestInsertMultiTableBadInput(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, "create table t1 (k number, v varchar)")
	require.NoError(t, err)
	requireCompileOutcomes(t, ctx, db, map[string]string{
		"insert first into t1 select 1, 'a'":                             "001003", // FIRST needs WHEN
		"insert all select 1, 'a'":                                       "001003",
		"insert all into t1":                                             "001003",
		"insert all when 1 = 1 into t1 select 1, 'a'":                    "001003",
		"insert all when 1 = 1 then select 1, 'a'":                       "001003",
		"insert all into t1 when 1 = 1 then into t1 select 1, 'a'":       "001003",
		"insert all else into t1 select 1, 'a'":                          "001003",
		"insert all into t1 (k, v) values (k) select 1 as k":             "002020",
		"insert all into t1 values (default, k) select 1 as k":           "001003",
		"insert all into t1 values () select 1 as k":                     "001003",
		"insert all into t1 (k values (k) select 1 as k":                 "001003",
		"insert overwrite first when 1 = 1 then into t1 select 1, 'a' x": "",
		"insert all into missing_t select 1, 'a'":                        "002003",
	})
}

// requireCompileOutcomes runs each statement: an empty code means it
// succeeds, else it fails as a compilation error with that code.
func requireCompileOutcomes(t *testing.T, ctx context.Context, db execer, cases map[string]string) {
	t.Helper()
	for q, code := range cases {
		_, err := db.ExecContext(ctx, q)
		if code == "" {
			require.NoError(t, err, q)
			continue
		}
		se := requireSFError(t, err, code)
		require.Contains(t, se.Message, "SQL compilation error", q)
	}
}
