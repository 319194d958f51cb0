package sftest

import (
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// TestMergeCounts: MERGE answers with one count column per action its WHEN
// clauses name, each counted, as Snowflake does; RowsAffected is their sum.
func TestMergeCounts(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(sf.WithMultiStatement(ctx, 4), `create table tgt (id number, v string);
		insert into tgt values (1, 'a'), (2, 'b'), (3, 'c');
		create table src (id number, v string, del boolean);
		insert into src values (1, 'A', false), (2, null, true), (4, 'D', false), (5, 'E', false)`)
	require.NoError(t, err)
	counts := func(q string) ([]string, []int64) { return countColumns(t, ctx, db, q) }
	cols, vals := counts(`merge into tgt using src on tgt.id = src.id
		when matched and src.del then delete
		when matched then update set v = src.v
		when not matched then insert (id, v) values (src.id, src.v)`)
	require.Equal(t, []string{"number of rows inserted", "number of rows updated", "number of rows deleted"}, cols)
	require.Equal(t, []int64{2, 1, 1}, vals)

	cols, vals = counts(`merge into tgt t using (select 3 as id, 'C' as v) s on t.id = s.id when matched then update set t.v = s.v`)
	require.Equal(t, []string{"number of rows updated"}, cols)
	require.Equal(t, []int64{1}, vals)

	r, err := db.ExecContext(ctx, `merge into tgt using src on tgt.id = src.id when not matched then insert values (src.id, src.v)`)
	require.NoError(t, err)
	n, err := r.RowsAffected()
	require.NoError(t, err)
	require.Equal(t, int64(1), n) // only id 2 (deleted above) is missing now

	var got string
	require.NoError(t, db.QueryRowContext(ctx, "select listagg(id || '=' || coalesce(v, '-'), ',') within group (order by id) from tgt").Scan(&got))
	require.Equal(t, "1=A,2=-,3=C,4=D,5=E", got)
}

// TestVariantThroughDriver: paths, FLATTEN and OBJECT_CONSTRUCT reach the
// driver with Snowflake's values.
func TestVariantThroughDriver(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, `create table ev (id int, payload variant)`)
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, `insert into ev select 1, parse_json('{"user": {"id": 42}, "tags": ["x", "y"]}')`)
	require.NoError(t, err)
	var user int64
	var tags string
	require.NoError(t, db.QueryRowContext(ctx, `select payload:user.id::number, listagg(f.value::string, '|') within group (order by f.index)
		from ev, lateral flatten(input => payload:tags) f group by 1`).Scan(&user, &tags))
	require.Equal(t, int64(42), user)
	require.Equal(t, "x|y", tags)
	var obj string
	require.NoError(t, db.QueryRowContext(ctx, `select object_construct('id', id, 'none', null)::varchar from ev`).Scan(&obj))
	require.Equal(t, `{"id":1}`, obj)
}
