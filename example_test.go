package sfasync_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"
	"time"

	_ "github.com/snowflakedb/gosnowflake/v2" // registers the "snowflake" driver

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/sftest"
)

// openLocal starts a local Snowflake and opens a database on it. Real code
// opens its database with a Snowflake DSN instead.
func openLocal() (*sftest.Server, *sql.DB) {
	srv, err := sftest.NewServer()
	if err != nil {
		log.Fatal(err)
	}
	db, err := sql.Open("snowflake", srv.DSN())
	if err != nil {
		log.Fatal(err)
	}
	return srv, db
}

func ExampleNew() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()

	c := sfasync.New(db, sfasync.WithMaxInFlight(64), sfasync.WithQueryTag("nightly-load"))
	defer c.Close()
	job, err := c.SubmitNoWait(context.Background(), "SELECT 'hello' AS GREETING")
	if err != nil {
		log.Fatal(err)
	}
	res, err := job.Result(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Columns, res.Rows)
	// Output: [GREETING] [[hello]]
}

func ExampleClient_SubmitNoWait() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()

	// Both statements run at once: this takes about one second, not two.
	start := time.Now()
	var jobs []*sfasync.AsyncJob
	for range 2 {
		job, err := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(1)")
		if err != nil {
			log.Fatal(err)
		}
		jobs = append(jobs, job)
	}
	results, err := sfasync.WaitAll(ctx, jobs...)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range results {
		fmt.Println(r.Rows[0][0])
	}
	fmt.Println("under two seconds:", time.Since(start) < 2*time.Second)
	// Output:
	// waited 1 seconds
	// waited 1 seconds
	// under two seconds: true
}

func ExampleClient_NewAsyncJob() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	ctx := context.Background()

	// One client submits and keeps only the query ID ...
	first := sfasync.New(db)
	job, err := first.SubmitNoWait(ctx, "SELECT 42 AS ANSWER")
	if err != nil {
		log.Fatal(err)
	}
	id := job.QueryID()
	first.Close()

	// ... another, maybe in another process, attaches to it by that ID.
	second := sfasync.New(db)
	defer second.Close()
	attached, err := second.NewAsyncJob(id)
	if err != nil {
		log.Fatal(err)
	}
	res, err := attached.Result(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Rows)

	_, err = second.NewAsyncJob("not-a-query-id")
	fmt.Println(errors.Is(err, sfasync.ErrInvalidQueryID))
	// Output:
	// [[42]]
	// true
}

func ExampleAsyncJob_IsDone() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()

	job, err := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(30)")
	if err != nil {
		log.Fatal(err)
	}
	done, err := job.IsDone(ctx) // never waits for the statement
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("done:", done)
	if err := job.Cancel(ctx); err != nil {
		log.Fatal(err)
	}
	_, err = job.Result(ctx)
	fmt.Println("canceled:", errors.Is(err, sfasync.ErrCanceled))
	// Output:
	// done: false
	// canceled: true
}

func ExampleAsyncJob_Status() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()

	job, err := c.SubmitNoWait(ctx, "SELECT 1 AS ONE")
	if err != nil {
		log.Fatal(err)
	}
	if _, err := job.Result(ctx); err != nil {
		log.Fatal(err)
	}
	st, err := job.Status(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(st, st.Done(), st.Failed())
	// Output: SUCCESS true false
}

func ExampleAsyncJob_Result() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()

	job, err := c.SubmitNoWait(ctx, "SELECT * FROM NO_SUCH_TABLE")
	if err == nil {
		_, err = job.Result(ctx)
	}
	var qe *sfasync.QueryError
	if errors.As(err, &qe) {
		fmt.Println("failed with", qe.Code, "query ID known:", qe.QueryID != "")
	}
	// Output: failed with 002003 query ID known: true
}

func ExampleAsyncJob_Rows() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()

	job, err := c.SubmitNoWait(ctx, "SELECT SEQ4() AS N FROM TABLE(GENERATOR(ROWCOUNT => 3))")
	if err != nil {
		log.Fatal(err)
	}
	rows, err := job.Rows(ctx) // streams; scan into typed values
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	sum := 0
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			log.Fatal(err)
		}
		sum += n
	}
	if err := rows.Err(); err != nil {
		log.Fatal(err)
	}
	fmt.Println("sum:", sum)
	// Output: sum: 3
}

func ExampleAsyncJob_Cancel() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()

	job, err := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(60)")
	if err != nil {
		log.Fatal(err)
	}
	if err := job.Cancel(ctx); err != nil {
		log.Fatal(err)
	}
	_, err = job.Result(ctx)
	fmt.Println(errors.Is(err, sfasync.ErrCanceled))
	// Output: true
}

func ExampleWaitAll() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()

	var jobs []*sfasync.AsyncJob
	for _, q := range []string{"SELECT 1 AS A", "SELECT * FROM NO_SUCH_TABLE", "SELECT 3 AS C"} {
		job, err := c.SubmitNoWait(ctx, q)
		if err != nil {
			fmt.Println("submit:", err != nil)
			continue
		}
		jobs = append(jobs, job)
	}
	results, err := sfasync.WaitAll(ctx, jobs...)
	fmt.Println("failed:", err != nil)
	for _, r := range results {
		if r != nil {
			fmt.Println(r.Rows)
		}
	}
	// Output:
	// failed: true
	// [[1]]
	// [[3]]
}

func ExampleCompleted() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()

	slow, _ := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(1)")
	fast, _ := c.SubmitNoWait(ctx, "SELECT 'fast' AS F")
	for job, err := range sfasync.Completed(ctx, slow, fast) {
		if err != nil {
			log.Fatal(err)
		}
		res, _ := job.Result(ctx)
		fmt.Println(res.Rows[0][0])
	}
	// Output:
	// fast
	// waited 1 seconds
}

func ExampleClient_SubmitAll() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()

	jobs, err := c.SubmitAll(ctx,
		sfasync.Statement{SQL: "CREATE OR REPLACE TABLE T AS SELECT 1 AS X; CALL SYSTEM$WAIT(1)", MultiStatement: 2},
		sfasync.Statement{SQL: "SELECT ? AS GREETING", Args: []any{"hi"}},
	)
	if err != nil {
		log.Fatal(err)
	}
	results, err := sfasync.WaitAll(ctx, jobs...)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(results[0].Rows, results[1].Rows)
	// Output: [[waited 1 seconds]] [[hi]]
}

func ExampleAsyncJob_QueryID() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db)
	defer c.Close()

	job, err := c.SubmitNoWait(context.Background(), "SELECT 1 AS ONE")
	if err != nil {
		log.Fatal(err)
	}
	// The ID Snowflake gave the statement: keep it to attach later, or look
	// the statement up in QUERY_HISTORY.
	fmt.Println(len(job.QueryID()))
	// Output: 36
}

func ExampleClient_Close() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db)

	job, err := c.SubmitNoWait(context.Background(), "SELECT 1 AS ONE")
	if err != nil {
		log.Fatal(err)
	}
	if _, err := job.Result(context.Background()); err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Close())
	_, err = c.SubmitNoWait(context.Background(), "SELECT 2 AS TWO")
	fmt.Println(errors.Is(err, sfasync.ErrClosed))
	// Output:
	// <nil>
	// true
}

func ExampleQueryError() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()

	job, err := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(60)")
	if err != nil {
		log.Fatal(err)
	}
	_ = job.Cancel(ctx)
	_, err = job.Result(ctx)
	var qe *sfasync.QueryError
	if errors.As(err, &qe) {
		fmt.Println(qe.Code, qe.QueryID == job.QueryID(), errors.Is(err, sfasync.ErrCanceled))
	}
	// Output: 000604 true true
}

func ExampleStatus_Done() {
	for _, s := range []sfasync.Status{sfasync.StatusRunning, sfasync.StatusBlocked, sfasync.StatusSuccess, sfasync.StatusAborted} {
		fmt.Println(s, s.Done(), s.Failed())
	}
	// Output:
	// RUNNING false false
	// BLOCKED false false
	// SUCCESS true false
	// ABORTED true true
}
