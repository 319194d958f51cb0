package sfasync_test

import (
	"context"
	"errors"
	"fmt"
	"log"
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
