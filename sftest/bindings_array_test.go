package sftest

import (
	"context"
	"database/sql"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// bulkDB is a server's database with the table ddl creates.
func bulkDB(t *testing.T, ddl string) (*sql.DB, context.Context) {
	t.Helper()
	_, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, ddl)
	require.NoError(t, err)
	return db, ctx
}

// affected returns a function giving an Exec's row count; the Exec must
// have succeeded.
func affected(t *testing.T) func(sql.Result, error) int64 {
	return func(r sql.Result, err error) int64 {
		t.Helper()
		require.NoError(t, err)
		n, err := r.RowsAffected()
		require.NoError(t, err)
		return n
	}
}

func mustArray(t *testing.T, a any, typ ...any) any {
	t.Helper()
	v, err := sf.Array(a, typ...)
	require.NoError(t, err)
	return v
}

// TestArrayBindInsert: sf.Array binds insert one row per element as one
// statement, with the summed count, each type decoded as the driver sent it.
func TestArrayBindInsert(t *testing.T) {
	db, ctx := bulkDB(t, "create table bulk (id number, name string, score float, ok boolean, ts timestamp_ntz)")
	t0 := time.Date(2024, 3, 4, 5, 6, 7, 0, time.UTC)
	require.Equal(t, int64(3), affected(t)(db.ExecContext(ctx, "insert into bulk values (?, ?, ?, ?, ?)",
		mustArray(t, []int64{1, 2, 3}), mustArray(t, []string{"a", "b", "it's"}), mustArray(t, []float64{1.5, 2.5, 3.5}),
		mustArray(t, []bool{true, false, true}), mustArray(t, []time.Time{t0, t0.Add(time.Hour), t0.Add(2 * time.Hour)}, sf.TimestampNTZType))))

	var count, idSum int64
	var names string
	var scores float64
	var last time.Time
	require.NoError(t, db.QueryRowContext(ctx, "select count(*), sum(id), listagg(name, ',') within group (order by id), sum(score), max(ts) from bulk where ok or id = 2").
		Scan(&count, &idSum, &names, &scores, &last))
	require.Equal(t, int64(3), count)
	require.Equal(t, int64(6), idSum)
	require.Equal(t, "a,b,it's", names)
	require.Equal(t, 7.5, scores)
	require.True(t, last.Equal(t0.Add(2*time.Hour)), last)

	// A column list and expressions around the placeholders.
	require.Equal(t, int64(2), affected(t)(db.ExecContext(ctx, "insert into bulk (name, id) values (upper(?), ? * 10)", mustArray(t, []string{"p", "q"}), mustArray(t, []int{4, 5}))))
	require.NoError(t, db.QueryRowContext(ctx, "select listagg(name || id, ',') within group (order by id) from bulk where id >= 40").Scan(&names))
	require.Equal(t, "P40,Q50", names)

	// UPDATE with array binds runs once per row.
	require.Equal(t, int64(2), affected(t)(db.ExecContext(ctx, "update bulk set name = ? where id = ?", mustArray(t, []string{"x", "y"}), mustArray(t, []int{1, 3}))))
	require.NoError(t, db.QueryRowContext(ctx, "select listagg(name, ',') within group (order by id) from bulk where id in (1, 3)").Scan(&names))
	require.Equal(t, "x,y", names, "each row's values, not one row's for all")

	// MERGE with array binds runs once per row too.
	require.Equal(t, int64(3), affected(t)(db.ExecContext(ctx,
		"merge into bulk using (select ? as id, ? as name) s on bulk.id = s.id when matched then update set name = s.name when not matched then insert (id, name) values (s.id, s.name)",
		mustArray(t, []int{2, 3, 7}), mustArray(t, []string{"m2", "m3", "m7"}))))
	require.NoError(t, db.QueryRowContext(ctx, "select listagg(id || name, ',') within group (order by id) from bulk where name like 'm%'").Scan(&names))
	require.Equal(t, "2m2,3m3,7m7", names)
}

// TestArrayBindAllOrNothing: a row that fails leaves none of the statement's rows.
func TestArrayBindAllOrNothing(t *testing.T) {
	db, ctx := bulkDB(t, "create table strict_t (id number not null, v string)")
	_, err := db.ExecContext(ctx, "insert into strict_t values (?, ?)", mustArray(t, []string{"1", "2", "x"}), mustArray(t, []string{"a", "b", "c"}))
	require.Error(t, err)
	var n int64
	require.NoError(t, db.QueryRowContext(ctx, "select count(*) from strict_t").Scan(&n))
	require.Equal(t, int64(0), n)
}

// TestArrayBindRefusals: array binds on a query and of different lengths
// fail clearly (binds the driver stages: stage_binds_test.go).
func TestArrayBindRefusals(t *testing.T) {
	db, ctx := bulkDB(t, "create table r (a number, b number)")
	_, err := db.QueryContext(ctx, "select ?", mustArray(t, []int{1, 2}))
	require.ErrorContains(t, err, "Array bind currently not supported for this query type")

	_, err = db.ExecContext(ctx, "insert into r values (?, ?)", mustArray(t, []int{1, 2}), mustArray(t, []int{1}))
	require.ErrorContains(t, err, "array bindings of different lengths")

	// Just under the threshold the rows go inline and are inserted.
	under := make([]int, arrayBindStageThreshold/2-1)
	require.Equal(t, int64(len(under)), affected(t)(db.ExecContext(ctx, "insert into r values (?, ?)", mustArray(t, under), mustArray(t, under))))
}
