package sfasync_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/sftest"
)

// BenchmarkFanOut submits N one-second statements at once against sftest
// with 25 ms of latency per response and waits for all of them, reporting
// the figures DESIGN.md measures: wall per fan-out, HTTP requests per job,
// logins, start spread and completion-notice latency. cmd/sfbench sets the
// same figures beside the other ways to write this.
func BenchmarkFanOut(b *testing.B) {
	for _, n := range []int{64, 512} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			srv, err := sftest.NewServer(sftest.WithLatency(25*time.Millisecond), sftest.WithMaxConcurrency(2*n))
			if err != nil {
				b.Fatal(err)
			}
			defer srv.Close()
			ctx := context.Background()
			var notices []time.Duration
			var spread time.Duration
			var requests, logins int64
			for b.Loop() {
				db, err := sql.Open("snowflake", srv.DSN())
				if err != nil {
					b.Fatal(err)
				}
				before, loginsBefore := srv.Counts().Total(), first(srv.Sessions())
				c := sfasync.New(db)
				// Submit from a goroutine per statement: a loop would take
				// one round trip per statement before the last one started.
				jobs := make([]*sfasync.AsyncJob, n)
				var g errgroup.Group
				for i := range jobs {
					g.Go(func() (err error) {
						jobs[i], err = c.SubmitNoWait(ctx, "SELECT SYSTEM$WAIT(1)")
						return err
					})
				}
				if err := g.Wait(); err != nil {
					b.Fatal(err)
				}
				learned := make(map[string]time.Time, n)
				for j, err := range sfasync.Completed(ctx, jobs...) {
					if err != nil {
						b.Fatal(err)
					}
					learned[j.QueryID()] = time.Now()
				}
				requests += srv.Counts().Total() - before
				logins += first(srv.Sessions()) - loginsBefore
				var starts []time.Time
				for _, q := range srv.Queries() {
					if t, ok := learned[q.ID]; ok {
						notices = append(notices, t.Sub(q.End))
						starts = append(starts, q.Start)
					}
				}
				slices.SortFunc(starts, time.Time.Compare)
				spread = max(spread, starts[len(starts)-1].Sub(starts[0]))
				_ = c.Close()
				_ = db.Close()
			}
			slices.Sort(notices)
			b.ReportMetric(float64(requests)/float64(b.N*n), "requests/job")
			b.ReportMetric(float64(logins)/float64(b.N), "logins/op")
			b.ReportMetric(float64(spread.Milliseconds()), "spread-ms")
			b.ReportMetric(float64(notices[len(notices)/2].Microseconds())/1000, "notice-p50-ms")
			b.ReportMetric(float64(notices[len(notices)*99/100].Microseconds())/1000, "notice-p99-ms")
		})
	}
}

func first(a, _ int64) int64 { return a }

// benchServer starts an sftest that adds 25 ms to every response and runs
// up to n statements at once, and opens a *sql.DB on it; both are closed
// when the benchmark ends.
func benchServer(b *testing.B, n int) (*sftest.Server, *sql.DB) {
	b.Helper()
	srv, err := sftest.NewServer(sftest.WithLatency(25*time.Millisecond), sftest.WithMaxConcurrency(n))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = srv.Close() })
	db, err := sql.Open("snowflake", srv.DSN())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = db.Close() })
	return srv, db
}
