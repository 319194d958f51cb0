package sfasync_test

import (
	"context"
	"fmt"
	"iter"
	"testing"
	"time"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/sftest"
)

// BenchmarkAbandon200 measures WithCancelOnAbandon: 200 running statements
// whose wait is given up (its ctx ends) with WaitAll and with a Completed
// loop, at 25 ms per response. The metric is the time from giving up to
// the last of the 200 ABORTED in the server's history, the worst of the
// iterations (the goal: within 1 s).
func BenchmarkAbandon200(b *testing.B) {
	const n = 200
	srv, db := benchServer(b, n)
	ways := map[string]func(context.Context, []*sfasync.AsyncJob){
		"WaitAll": func(ctx context.Context, jobs []*sfasync.AsyncJob) { _, _ = sfasync.WaitAll(ctx, jobs...) },
		"Completed": func(ctx context.Context, jobs []*sfasync.AsyncJob) {
			next, stop := iter.Pull2(sfasync.Completed(ctx, jobs...))
			defer stop()
			next() // ctx ends while it waits for the first
		},
	}
	for _, way := range []string{"WaitAll", "Completed"} {
		b.Run(way, func(b *testing.B) {
			var worst time.Duration
			for b.Loop() {
				c := sfasync.New(db, sfasync.WithCancelOnAbandon())
				stmts := make([]sfasync.Statement, n)
				for i := range stmts {
					stmts[i] = sfasync.Statement{SQL: fmt.Sprintf("SELECT SYSTEM$WAIT(60) AS W%d", i)}
				}
				jobs, err := c.SubmitAll(context.Background(), stmts...)
				if err != nil {
					b.Fatal(err)
				}
				ids := map[string]bool{}
				for _, j := range jobs {
					ids[j.QueryID()] = true
				}
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(100*time.Millisecond, cancel)
				ways[way](ctx, jobs)
				gaveUp := time.Now()
				last := waitAborted(b, srv, ids)
				worst = max(worst, last.Sub(gaveUp))
				_ = c.Close()
			}
			b.ReportMetric(float64(worst.Milliseconds()), "worst-ms-to-all-aborted")
		})
	}
}

// waitAborted waits until every statement in ids is ABORTED in srv's
// history and returns when the last of them ended.
func waitAborted(b *testing.B, srv *sftest.Server, ids map[string]bool) time.Time {
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		var last time.Time
		aborted := 0
		for _, q := range srv.Queries() {
			if ids[q.ID] && q.Status == "ABORTED" {
				aborted++
				if q.End.After(last) {
					last = q.End
				}
			}
		}
		if aborted == len(ids) {
			return last
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.Fatalf("not all %d statements were ABORTED within a minute", len(ids))
	return time.Time{}
}
