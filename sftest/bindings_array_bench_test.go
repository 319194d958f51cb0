package sftest

import (
	"fmt"
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// BenchmarkArrayBindInsert10k inserts 10,000 rows of three columns with
// sf.Array binds through the driver (30,000 values, under the stage
// threshold): sftest's bulk insert. Driver and server share the process, so
// allocs/op counts the driver's encoding of the request too.
func BenchmarkArrayBindInsert10k(b *testing.B) {
	const rows = 10_000
	_, db := newTestServer(b)
	ctx := testCtx(b)
	_, err := db.ExecContext(ctx, "create table bench_bulk (id number, name string, score float)")
	require.NoError(b, err)
	ids, names, scores := make([]int64, rows), make([]string, rows), make([]float64, rows)
	for i := range rows {
		ids[i], names[i], scores[i] = int64(i), fmt.Sprintf("name-%d", i), float64(i)/4
	}
	args := make([]any, 3)
	for i, a := range []any{ids, names, scores} {
		args[i], err = sf.Array(a)
		require.NoError(b, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		r, err := db.ExecContext(ctx, "insert into bench_bulk values (?, ?, ?)", args...)
		if err != nil {
			b.Fatal(err)
		}
		if n, _ := r.RowsAffected(); n != rows {
			b.Fatalf("inserted %d rows, want %d", n, rows)
		}
	}
}
