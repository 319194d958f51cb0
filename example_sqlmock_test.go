package sfasync_test

import (
	"context"
	"fmt"
	"log"

	"github.com/DATA-DOG/go-sqlmock"

	"github.com/sfasync/sfasync"
)

// With any database/sql driver other than gosnowflake, a client runs each
// statement in the background on a pooled connection of its own, so fan-out
// code can be unit-tested with go-sqlmock. The statements run concurrently,
// so they meet the mock's expectations in no set order: the mock must not
// insist on one (MatchExpectationsInOrder(false)). A DML statement's Result
// has Snowflake's shape: a count column per verb, and RowsAffected.
func ExampleNew_sqlmock() {
	db, mock, err := sqlmock.New()
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	mock.MatchExpectationsInOrder(false) // the statements run concurrently
	mock.ExpectExec("INSERT INTO NA_SALES").WillReturnResult(sqlmock.NewResult(0, 120))
	mock.ExpectExec("UPDATE CUSTOMER_DATA").WithArgs(90, "High Value").WillReturnResult(sqlmock.NewResult(0, 33334))

	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()
	jobs, err := c.SubmitAll(ctx,
		sfasync.Statement{SQL: "INSERT INTO NA_SALES SELECT * FROM STAGED_NA"},
		sfasync.Statement{SQL: "UPDATE CUSTOMER_DATA SET LOYALTY_SCORE = ? WHERE SEGMENT = ?", Args: []any{90, "High Value"}},
	)
	if err != nil {
		log.Fatal(err)
	}
	results, err := sfasync.WaitAll(ctx, jobs...)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range results {
		fmt.Println(r.RowsAffected, r.Columns, r.Rows)
	}
	if err := mock.ExpectationsWereMet(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// 120 [number of rows inserted] [[120]]
	// 33334 [number of rows updated number of multi-joined rows updated] [[33334 0]]
}
