package sfasync_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"os"
	"slices"
	"time"

	"github.com/sfasync/sfasync"
)

// WithSessions sets how many Snowflake sessions submit at once. A program
// that submits one statement at a time logs in once; a fan-out logs in at
// most n times.
func ExampleWithSessions() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db, sfasync.WithSessions(4))
	defer c.Close()

	stmts := make([]sfasync.Statement, 32)
	for i := range stmts {
		stmts[i] = sfasync.Statement{SQL: "SELECT ? AS I", Args: []any{i}}
	}
	jobs, err := c.SubmitAll(context.Background(), stmts...)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := sfasync.WaitAll(context.Background(), jobs...); err != nil {
		log.Fatal(err)
	}
	logins, _ := srv.Sessions()
	fmt.Println(len(jobs), "statements,", logins <= 4, "at most 4 logins")
	// Output: 32 statements, true at most 4 logins
}

// Close leaves the client's running statements running; with
// WithCancelOnClose it cancels them first.
func ExampleWithCancelOnClose() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db, sfasync.WithCancelOnClose())

	job, err := c.SubmitNoWait(context.Background(), "CALL SYSTEM$WAIT(60)")
	if err != nil {
		log.Fatal(err)
	}
	if err := c.Close(); err != nil {
		log.Fatal(err)
	}
	c2 := sfasync.New(db) // a later look, by query ID
	defer c2.Close()
	again, err := c2.NewAsyncJob(job.QueryID())
	if err != nil {
		log.Fatal(err)
	}
	_, err = again.Result(context.Background())
	fmt.Println(errors.Is(err, sfasync.ErrCanceled))
	// Output: true
}

// WaitAll's error is a *BatchError: Errs[i] is the failure of jobs[i].
func ExampleBatchError() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db)
	defer c.Close()

	jobs, err := c.SubmitAll(context.Background(),
		sfasync.Statement{SQL: "SELECT 1 AS A"},
		sfasync.Statement{SQL: "SELECT * FROM NO_SUCH_TABLE"},
	)
	if err != nil {
		log.Fatal(err)
	}
	_, err = sfasync.WaitAll(context.Background(), jobs...)
	var batch *sfasync.BatchError
	if errors.As(err, &batch) {
		for i, err := range batch.Errs {
			var qe *sfasync.QueryError
			if errors.As(err, &qe) {
				fmt.Println(i, qe.Code)
				continue
			}
			fmt.Println(i, err)
		}
	}
	// Output:
	// 0 <nil>
	// 1 002003
}

// WithStatementTimeout cancels, on the server, a statement that runs past
// it; Statement.Timeout sets it for one statement.
func ExampleWithStatementTimeout() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db, sfasync.WithStatementTimeout(100*time.Millisecond))
	defer c.Close()

	job, err := c.SubmitNoWait(context.Background(), "CALL SYSTEM$WAIT(60)")
	if err != nil {
		log.Fatal(err)
	}
	_, err = job.Result(context.Background())
	fmt.Println(errors.Is(err, sfasync.ErrTimeout))
	// Output: true
}

func ExampleWithMaxInFlight() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	// At most two of this client's statements run at once; a third
	// submission waits for a slot.
	c := sfasync.New(db, sfasync.WithMaxInFlight(2))
	defer c.Close()
	ctx := context.Background()

	var jobs []*sfasync.AsyncJob
	for range 3 {
		job, err := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(200, 'MILLISECONDS')")
		if err != nil {
			log.Fatal(err)
		}
		jobs = append(jobs, job)
	}
	results, err := sfasync.WaitAll(ctx, jobs...)
	fmt.Println(len(results), err)
	// Output: 3 <nil>
}

func ExampleWithQueryTag() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db, sfasync.WithQueryTag("nightly-load"), sfasync.WithRunID("2026-12-01"))
	defer c.Close()

	jobs, err := c.SubmitAll(context.Background(), sfasync.Statement{Name: "load_na", SQL: "SELECT 1 AS ONE"})
	if err != nil {
		log.Fatal(err)
	}
	job := jobs[0]
	if _, err := job.Result(context.Background()); err != nil {
		log.Fatal(err)
	}
	for _, q := range srv.Queries() {
		if q.ID == job.QueryID() {
			fmt.Println(q.QueryTag)
		}
	}
	// Output: {"sfasync":{"run":"2026-12-01","stmt":"load_na"},"tag":"nightly-load"}
}

func ExampleWithCancelOnAbandon() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db, sfasync.WithCancelOnAbandon())
	defer c.Close()

	job, err := c.SubmitNoWait(context.Background(), "CALL SYSTEM$WAIT(60)")
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = sfasync.WaitAll(ctx, job) // gives up, and cancels the statement
	fmt.Println(errors.Is(err, context.DeadlineExceeded))
	_, err = job.Result(context.Background())
	fmt.Println(errors.Is(err, sfasync.ErrCanceled))
	// Output:
	// true
	// true
}

func ExampleWithLogger() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	logs := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		Level:       slog.LevelDebug,
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr { return dropAttrs(a, "time", "query_id") },
	}))
	c := sfasync.New(db, sfasync.WithLogger(logs))
	defer c.Close()
	if _, err := c.SubmitNoWait(context.Background(), "SELECT 1 AS ONE"); err != nil {
		log.Fatal(err)
	}
	// Output: level=DEBUG msg="sfasync: submitted"
}

// dropAttrs removes the named attributes, whose values change every run.
func dropAttrs(a slog.Attr, names ...string) slog.Attr {
	if slices.Contains(names, a.Key) {
		return slog.Attr{}
	}
	return a
}

func ExampleWithPollBackoff() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	// Status checks, used only when the client loses a statement's held
	// result request, start 100ms apart and back off to 10s.
	c := sfasync.New(db, sfasync.WithPollBackoff(100*time.Millisecond, 10*time.Second))
	defer c.Close()
	job, err := c.SubmitNoWait(context.Background(), "SELECT 'ok' AS STATUS")
	if err != nil {
		log.Fatal(err)
	}
	res, err := job.Result(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Rows)
	// Output: [[ok]]
}
