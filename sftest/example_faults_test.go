package sftest_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"

	"github.com/sfasync/sfasync/sftest"
	sf "github.com/snowflakedb/gosnowflake/v2"
)

// A 503 on the next query-request: the driver retries it, and the statement
// runs once.
func ExampleWithFaults() {
	srv, err := sftest.NewServer(sftest.WithFaults(7,
		sftest.Fault{Endpoint: sftest.EndpointQuery, Kind: sftest.FaultHTTP503, Next: 1}))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	db, err := sql.Open("snowflake", srv.DSN())
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	var x int
	if err := db.QueryRowContext(context.Background(), "select 41 + 1").Scan(&x); err != nil {
		log.Fatal(err)
	}
	fmt.Println(x, "statements:", len(srv.Queries()), "503s:", srv.Faults().Query.HTTP503)
	// Output: 42 statements: 1 503s: 1
}

// Faults injected at run time: an expired session token (the driver renews
// it and goes on), then a dropped session (gone for good).
func ExampleServer_InjectFaults() {
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
	conn, err := db.Conn(ctx) // one session
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()

	err = srv.InjectFaults(sftest.Fault{Endpoint: sftest.EndpointQuery, Kind: sftest.FaultTokenExpired, Next: 1})
	if err != nil {
		log.Fatal(err)
	}
	_, err = conn.ExecContext(ctx, "select 1")
	fmt.Println("after expiry:", err, "renewals:", srv.Counts().Renew)

	err = srv.InjectFaults(sftest.Fault{Endpoint: sftest.EndpointQuery, Kind: sftest.FaultSessionDropped, Next: 1})
	if err != nil {
		log.Fatal(err)
	}
	for range 2 {
		_, err = conn.ExecContext(ctx, "select 2")
		var se *sf.SnowflakeError
		if errors.As(err, &se) {
			fmt.Println("after drop:", se.Number)
		}
	}
	fmt.Printf("%+v\n", srv.Faults().Query)
	// Output:
	// after expiry: <nil> renewals: 1
	// after drop: 390111
	// after drop: 390111
	// {HTTP503:0 HTTP429:0 HTTP500:0 Reset:0 AnswerLost:0 Delay:0 TokenExpired:1 SessionDropped:1}
}

// ParseFault reads the text form of cmd/sftest's -fault flag.
func ExampleParseFault() {
	for _, spec := range []string{"query:503:0.1", "result:delay=2s:next=3", "login:token-expired:0.5"} {
		f, err := sftest.ParseFault(spec)
		fmt.Printf("%+v %v\n", f, err)
	}
	// Output:
	// {Endpoint:query Kind:503 Fraction:0.1 Next:0 Delay:0s} <nil>
	// {Endpoint:result Kind:delay Fraction:0 Next:3 Delay:2s} <nil>
	// {Endpoint: Kind: Fraction:0 Next:0 Delay:0s} fault "login:token-expired:0.5": login has no session token to expire
}
