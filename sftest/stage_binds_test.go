package sftest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestArrayBindThroughStage: at CLIENT_STAGE_ARRAY_BINDING_THRESHOLD values
// the driver creates SYSTEM$BIND, PUTs the rows as CSV and sends the INSERT
// with bindStage; every row arrives, empty strings, quotes, commas and
// backslashes included.
func TestArrayBindThroughStage(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, "create table big (id number, s string)")
	require.NoError(t, err)
	n := arrayBindStageThreshold / 2
	ids := make([]int, n)
	strs := make([]string, n) // sf.Array has no NULL for strings
	for i := range ids {
		ids[i] = i
		strs[i] = fmt.Sprintf("v%d", i)
	}
	strs[1] = ""
	strs[3] = `a "b", c\d`
	res, err := db.ExecContext(ctx, "insert into big values (?, ?)", mustArray(t, ids), mustArray(t, strs))
	require.NoError(t, err)
	got, err := res.RowsAffected()
	require.NoError(t, err)
	require.Equal(t, int64(n), got)

	text, err := queryText(ctx, db, "select id, s, s is null from big where id < 5 or id = ? order by id", n-1)
	require.NoError(t, err)
	require.Equal(t, "ID|S|S IS NULL\n0|v0|false\n1||false\n2|v2|false\n3|a \"b\", c\\d|false\n4|v4|false\n"+
		fmt.Sprintf("%d|v%d|false", n-1, n-1), text)

	var staged, put bool
	for _, q := range srv.Queries() {
		staged = staged || strings.HasPrefix(q.SQL, "CREATE OR REPLACE TEMPORARY STAGE SYSTEM$BIND")
		put = put || strings.HasPrefix(q.SQL, "put 'file:///tmp/placeholder/1' '@SYSTEM$BIND/")
	}
	require.True(t, staged && put, "the driver took the stage path")
}

// TestArrayBindThroughStageConcurrent: two sessions staging array binds at
// once each get their own SYSTEM$BIND (a temporary stage is its session's),
// so neither replaces the other's rows.
func TestArrayBindThroughStageConcurrent(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, "create table c1 (id number)")
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, "create table c2 (id number)")
	require.NoError(t, err)
	ids := make([]int, arrayBindStageThreshold)
	for i := range ids {
		ids[i] = i
	}
	arr := mustArray(t, ids)
	errs := make(chan error, 2)
	for _, table := range []string{"c1", "c2"} {
		conn := openDB(t, srv) // a session of its own
		go func() {
			_, err := conn.ExecContext(ctx, "insert into "+table+" values (?)", arr)
			errs <- err
		}()
	}
	require.NoError(t, <-errs)
	require.NoError(t, <-errs)
	text, err := queryText(ctx, db, "select (select count(*) from c1), (select count(*) from c2), (select sum(id) from c2)")
	require.NoError(t, err)
	n := len(ids)
	require.Equal(t, fmt.Sprintf("(SELECT COUNT(*) FROM C1)|(SELECT COUNT(*) FROM C2)|(SELECT SUM(ID) FROM C2)\n%d|%d|%d", n, n, n*(n-1)/2), text)
}
