package sftest

import (
	"fmt"
	"strings"
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// BenchmarkQueryHistoryByTag is the lookup sfasync makes after a lost
// submission: the statements whose QUERY_TAG starts with a prefix, from
// QUERY_HISTORY_BY_USER(RESULT_LIMIT => 10000), over a history of 1,000
// and 10,000 statements (recorded in batches of 1,000 as multi-statement
// requests, one tag per batch; the lookup matches the newest batch, as
// the oldest one is past RESULT_LIMIT at 10,000).
func BenchmarkQueryHistoryByTag(b *testing.B) {
	const query = `SELECT QUERY_ID, QUERY_TAG FROM TABLE(INFORMATION_SCHEMA.QUERY_HISTORY_BY_USER(RESULT_LIMIT => 10000)) WHERE LEFT(QUERY_TAG, ?) = ? ORDER BY START_TIME`
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("history=%d", n), func(b *testing.B) {
			srv, db := newTestServer(b)
			ctx := testCtx(b)
			batch := strings.TrimSuffix(strings.Repeat("select 1;", 1000), ";")
			for k := range n / 1000 {
				mctx := sf.WithQueryTag(sf.WithMultiStatement(ctx, 0), fmt.Sprintf("batch-%03d", k))
				_, err := db.ExecContext(mctx, batch)
				require.NoError(b, err)
			}
			require.GreaterOrEqual(b, len(srv.Queries()), n)
			newest := fmt.Sprintf("batch-%03d", n/1000-1)
			b.ResetTimer()
			for range b.N {
				rows, err := db.QueryContext(ctx, query, 9, newest)
				require.NoError(b, err)
				found := 0
				for rows.Next() {
					found++
				}
				require.NoError(b, rows.Err())
				require.NoError(b, rows.Close())
				// The parent request carries the tag too.
				require.Equal(b, 1001, found)
			}
		})
	}
}
