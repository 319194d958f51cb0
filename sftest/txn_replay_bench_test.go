package sftest

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// BenchmarkTxnFailedStatement times a statement that fails at run time
// (NOT NULL) inside a transaction holding `logged` earlier INSERTs, side by
// side with the same failure outside any transaction: the replay's cost
// grows with the transaction's logged statements. Only the failing
// statement is timed.
func BenchmarkTxnFailedStatement(b *testing.B) {
	for _, logged := range []int{-1, 0, 10, 100} {
		name := fmt.Sprintf("logged=%d", logged)
		if logged < 0 {
			name = "autocommit"
		}
		b.Run(name, func(b *testing.B) {
			_, db := newTestServer(b)
			ctx := testCtx(b)
			conn, err := db.Conn(ctx)
			require.NoError(b, err)
			defer conn.Close()
			_, err = conn.ExecContext(ctx, "create table bench_tx (a int not null)")
			require.NoError(b, err)
			for b.Loop() {
				b.StopTimer()
				if logged >= 0 {
					_, err = conn.ExecContext(ctx, "begin")
					require.NoError(b, err)
				}
				for i := range logged {
					_, err = conn.ExecContext(ctx, "insert into bench_tx values (?)", i)
					require.NoError(b, err)
				}
				b.StartTimer()
				if _, err := conn.ExecContext(ctx, "insert into bench_tx values (null)"); err == nil {
					b.Fatal("the NOT NULL insert succeeded")
				}
				b.StopTimer()
				if logged >= 0 {
					_, err = conn.ExecContext(ctx, "rollback")
					require.NoError(b, err)
				}
				b.StartTimer()
			}
		})
	}
}
