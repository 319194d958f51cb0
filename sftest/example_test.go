package sftest_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"log"
	"time"

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

// Query records the query context a statement's request carried and the one
// its answers carried; on one connection the driver sends back what the
// previous answer carried.
func ExampleQuery_queryContext() {
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

	ctx := context.Background()
	conn, err := db.Conn(ctx) // one connection: one session, one driver cache
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	for _, q := range []string{"select 1", "select 2"} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			log.Fatal(err)
		}
	}
	qs := srv.Queries()
	fmt.Println("first sent:", len(qs[0].QueryContext))
	fmt.Println("second sent the first's answer:", qs[1].QueryContext[0] == qs[0].ReturnedContext[0])
	// Output:
	// first sent: 0
	// second sent the first's answer: true
}

// WithMonitoringDelay makes monitoring answer "no status yet" for a while
// after a statement was accepted, as Snowflake may.
func ExampleWithMonitoringDelay() {
	srv, err := sftest.NewServer(sftest.WithMonitoringDelay(time.Hour))
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
	conn, err := db.Conn(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "select 1"); err != nil {
		log.Fatal(err)
	}
	err = conn.Raw(func(dc any) error {
		_, err := dc.(sf.SnowflakeConnection).GetQueryStatus(ctx, srv.Queries()[0].ID)
		return err
	})
	var se *sf.SnowflakeError
	fmt.Println(errors.As(err, &se) && se.Number == sf.ErrQueryStatus)
	// Output: true
}

// WithRestartedStatus makes monitoring report a running statement as
// RESTARTED. The driver's GetQueryStatus counts RESTARTED as neither running
// nor failed: it returns no error, and only the zero EndTime tells that the
// statement has not ended.
func ExampleWithRestartedStatus() {
	srv, err := sftest.NewServer(sftest.WithRestartedStatus())
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
	conn, err := db.Conn(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	ids := make(chan string, 1)
	var rows driver.Rows
	err = conn.Raw(func(dc any) error {
		rows, err = dc.(driver.QueryerContext).QueryContext(
			sf.WithQueryIDChan(sf.WithAsyncMode(ctx), ids), "select system$wait(2)", nil)
		return err
	})
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close() // waits for the statement's end
	id := <-ids
	for srv.Queries()[0].Status == sftest.StatusQueued {
		time.Sleep(time.Millisecond)
	}
	var st *sf.SnowflakeQueryStatus
	err = conn.Raw(func(dc any) error {
		st, err = dc.(sf.SnowflakeConnection).GetQueryStatus(ctx, id)
		return err
	})
	fmt.Println("error:", err, "ended:", st.EndTime != 0)
	// Output: error: <nil> ended: false
}
