package sfasync_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/sftest"
)

// TestManyAttachedStatementsAreCheckedInTurn: a client attached to more
// running statements than WithMaxAttachedWaits waits on the first few with
// held requests and checks the rest by status, so the goroutines it adds
// (a bounded number of checkers and their connections) stay below one per
// statement, where held waits for all would add about four per statement,
// and every result still arrives.
func TestManyAttachedStatementsAreCheckedInTurn(t *testing.T) {
	const n = 600
	srv, db := newServer(t, sftest.WithMaxConcurrency(n))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	submitter := sfasync.New(db)
	defer submitter.Close()
	stmts := make([]sfasync.Statement, n)
	for i := range stmts {
		stmts[i] = sfasync.Statement{SQL: fmt.Sprintf("SELECT SYSTEM$WAIT(1) AS W%d", i)}
	}
	submitted, err := submitter.SubmitAll(ctx, stmts...)
	require.NoError(t, err)

	c := sfasync.New(db, sfasync.WithMaxAttachedWaits(4), sfasync.WithPollBackoff(20*time.Millisecond, 200*time.Millisecond))
	defer c.Close()
	before := runtime.NumGoroutine()
	monitoring := srv.Counts().Monitoring
	jobs := make([]*sfasync.AsyncJob, n)
	for i, j := range submitted {
		jobs[i], err = c.NewAsyncJob(j.QueryID())
		require.NoError(t, err)
	}

	done := make(chan struct{})
	peak := make(chan int, 1)
	go func() {
		most := 0
		for {
			most = max(most, runtime.NumGoroutine())
			select {
			case <-done:
				peak <- most
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	results, err := sfasync.WaitAll(ctx, jobs...)
	close(done)
	require.NoError(t, err)
	for _, r := range results {
		require.Equal(t, [][]any{{"waited 1 seconds"}}, r.Rows)
	}
	added := <-peak - before
	require.Less(t, added, n, "held waits for every statement would add about 4 goroutines each")
	require.Greater(t, srv.Counts().Monitoring-monitoring, int64(n), "the queued statements were checked by status")
	t.Logf("goroutines added at most: %d for %d attached statements", added, n)
}
