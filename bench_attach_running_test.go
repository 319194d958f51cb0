package sfasync_test

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/sfasync/sfasync"
)

// BenchmarkAttachRunning10k: 10,000 running statements, submitted by one
// client that then closes (they go on), attached by a new client that waits
// for all of them, at 25 ms per response: with the default
// WithMaxAttachedWaits(512) and with no bound side by side. It reports, per
// attached statement, the goroutines and heap the waiting adds at its peak,
// the most connections to the server at once, and the requests made.
func BenchmarkAttachRunning10k(b *testing.B) {
	const n = 10000
	srv, db := benchServer(b, n)
	ctx := context.Background()
	for _, bound := range []int{512, 0} {
		b.Run(fmt.Sprintf("max-attached-waits=%d", bound), func(b *testing.B) {
			for b.Loop() {
				ids := submitAndLeave(b, db, n)
				c := sfasync.New(db, sfasync.WithMaxAttachedWaits(bound))
				runtime.GC()
				g0, h0 := runtime.NumGoroutine(), heapAlloc()
				open0, _ := srv.Conns()
				req0 := srv.Counts().Total()
				jobs := make([]*sfasync.AsyncJob, n)
				for i, id := range ids {
					var err error
					if jobs[i], err = c.NewAsyncJob(id); err != nil {
						b.Fatal(err)
					}
				}
				stop := make(chan struct{})
				var wg sync.WaitGroup
				var gPeak, connPeak int64
				var hPeak uint64
				wg.Go(func() {
					for {
						gPeak = max(gPeak, int64(runtime.NumGoroutine()))
						hPeak = max(hPeak, heapAlloc())
						open, _ := srv.Conns()
						connPeak = max(connPeak, open)
						select {
						case <-stop:
							return
						case <-time.After(100 * time.Millisecond):
						}
					}
				})
				if _, err := sfasync.WaitAll(ctx, jobs...); err != nil {
					b.Fatal(err)
				}
				close(stop)
				wg.Wait()
				b.ReportMetric(float64(gPeak-int64(g0))/n, "goroutines/job")
				b.ReportMetric(float64(hPeak-min(hPeak, h0))/n/1024, "heap-KiB/job")
				b.ReportMetric(float64(connPeak-open0), "peak-conns")
				b.ReportMetric(float64(srv.Counts().Total()-req0)/n, "req/job")
				_ = c.Close()
			}
		})
	}
}

// submitAndLeave submits n statements that run for 30 s and closes the
// client, which leaves them running, and returns their query IDs.
func submitAndLeave(b *testing.B, db *sql.DB, n int) []string {
	c := sfasync.New(db, sfasync.WithSessions(64))
	defer c.Close()
	stmts := make([]sfasync.Statement, n)
	for i := range stmts {
		stmts[i] = sfasync.Statement{SQL: fmt.Sprintf("SELECT SYSTEM$WAIT(30) AS W%d", i)}
	}
	jobs, err := c.SubmitAll(context.Background(), stmts...)
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, n)
	for i, j := range jobs {
		ids[i] = j.QueryID()
	}
	return ids
}

// heapAlloc is the bytes of live heap objects, read without a GC.
func heapAlloc() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}
