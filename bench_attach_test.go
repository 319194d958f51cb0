package sfasync_test

import (
	"context"
	"testing"

	"github.com/sfasync/sfasync"
)

// BenchmarkAttachEnded is the resume-after-a-crash shape: a new client
// attaches by query ID to statements that have already ended and waits for
// all of them, with WaitAll and with Completed side by side, at 25 ms per
// response. Waiting for N jobs must cost about one job's round trips, not N.
func BenchmarkAttachEnded(b *testing.B) {
	const n = 1000
	srv, db := benchServer(b, n)
	ctx := context.Background()
	ids := make([]string, n)
	func() {
		c := sfasync.New(db, sfasync.WithSessions(64))
		defer c.Close()
		stmts := make([]sfasync.Statement, n)
		for i := range stmts {
			stmts[i] = sfasync.Statement{SQL: "SELECT ? AS I", Args: []any{i}}
		}
		jobs, err := c.SubmitAll(ctx, stmts...)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := sfasync.WaitAll(ctx, jobs...); err != nil {
			b.Fatal(err)
		}
		for i, j := range jobs {
			ids[i] = j.QueryID()
		}
	}()

	waits := map[string]func(context.Context, []*sfasync.AsyncJob) error{
		"WaitAll": func(ctx context.Context, jobs []*sfasync.AsyncJob) error {
			_, err := sfasync.WaitAll(ctx, jobs...)
			return err
		},
		"Completed": func(ctx context.Context, jobs []*sfasync.AsyncJob) error {
			for _, err := range sfasync.Completed(ctx, jobs...) {
				if err != nil {
					return err
				}
			}
			return nil
		},
	}
	for _, name := range []string{"WaitAll", "Completed"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				c := sfasync.New(db)
				jobs := make([]*sfasync.AsyncJob, n)
				for i, id := range ids {
					var err error
					if jobs[i], err = c.NewAsyncJob(id); err != nil {
						b.Fatal(err)
					}
				}
				before := srv.Counts().Total()
				if err := waits[name](ctx, jobs); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(srv.Counts().Total()-before)/n, "req/job")
				_ = c.Close()
			}
		})
	}
}
