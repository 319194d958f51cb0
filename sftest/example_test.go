package sftest_test

import (
	"context"
	"database/sql"
	"fmt"
	"log"

	"github.com/sfasync/sfasync/sftest"
	sf "github.com/snowflakedb/gosnowflake/v2"
)

// A test starts a server, opens it with the real driver and closes both.
func ExampleNewServer() {
	srv, err := sftest.NewServer()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	db, err := sql.Open("snowflake", srv.DSN())
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	rows, err := db.QueryContext(context.Background(), "select 1 as x")
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	for rows.Next() {
		var x int
		if err := rows.Scan(&x); err != nil {
			log.Fatal(err)
		}
		fmt.Println(cols[0], x)
	}
	// Output: X 1
}

// Queries is the server's history: what ran, in which session, how it ended.
func ExampleServer_Queries() {
	srv, err := sftest.NewServer(sftest.WithMaxConcurrency(2))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	db, err := sql.Open("snowflake", srv.DSN())
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	ctx := context.Background()
	if _, err := db.ExecContext(ctx, "create table t (a int)"); err != nil {
		log.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "select * from no_such_table"); err == nil {
		log.Fatal("expected an error")
	}
	for _, q := range srv.Queries() {
		fmt.Println(q.Status, q.ErrorCode, q.SQL)
	}
	// Output:
	// SUCCESS  create table t (a int)
	// FAILED_WITH_ERROR 002003 select * from no_such_table
}

// Counts tells how many requests each endpoint received, e.g. to check how
// many round trips a client needed.
func ExampleServer_Counts() {
	srv, err := sftest.NewServer()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	db, err := sql.Open("snowflake", srv.DSN())
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	var x int
	if err := db.QueryRowContext(ctx, "select 1").Scan(&x); err != nil {
		log.Fatal(err)
	}
	// Fetch the same result again by query ID.
	id := srv.Queries()[0].ID
	rows, err := db.QueryContext(sf.WithFetchResultByID(ctx, id), "")
	if err != nil {
		log.Fatal(err)
	}
	rows.Close()
	db.Close()
	c := srv.Counts()
	opened, closed := srv.Sessions()
	fmt.Println("logins", c.Login, "queries", c.Query, "results", c.Result, "status checks", c.Monitoring)
	fmt.Println("sessions", opened, closed)
	// Output:
	// logins 1 queries 1 results 1 status checks 1
	// sessions 1 1
}

// Options shape the warehouse: latency per response, concurrency slots, and
// how long result requests are held.
func ExampleWithLatency() {
	srv, err := sftest.NewServer(
		sftest.WithLatency(0),
		sftest.WithMaxConcurrency(8),
		sftest.WithResultHold(0),
	)
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	fmt.Println(srv.URL() != "")
	// Output: true
}
