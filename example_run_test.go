package sfasync_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/sfasync/sfasync"
)

// A run with an ID and named statements can be started again after a crash:
// the second client finds what the first submitted (here in its journal; on
// Snowflake also by query tag in the query history), attaches to it, and
// submits only what was never submitted.
func ExampleWithRunID() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	dir, err := os.MkdirTemp("", "journal")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	load := sfasync.Statement{Name: "load_na", SQL: "SELECT 'loaded' AS STATUS"}
	update := sfasync.Statement{Name: "update_high", SQL: "SELECT 'updated' AS STATUS"}

	// The first process submits the load, then dies.
	j1, err := sfasync.OpenFileJournal(filepath.Join(dir, "nightly.journal"))
	if err != nil {
		log.Fatal(err)
	}
	first := sfasync.New(db, sfasync.WithRunID("nightly-2026-12-01"), sfasync.WithJournal(j1))
	jobs, err := first.SubmitAll(ctx, load)
	if err != nil {
		log.Fatal(err)
	}
	loadID := jobs[0].QueryID()
	_ = first.Close()
	_ = j1.Close()

	// The second runs the whole run again.
	j2, err := sfasync.OpenFileJournal(filepath.Join(dir, "nightly.journal"))
	if err != nil {
		log.Fatal(err)
	}
	defer j2.Close()
	second := sfasync.New(db, sfasync.WithRunID("nightly-2026-12-01"), sfasync.WithJournal(j2))
	defer second.Close()
	jobs, err = second.SubmitAll(ctx, load, update)
	if err != nil {
		log.Fatal(err)
	}
	results, err := sfasync.WaitAll(ctx, jobs...)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("load attached, not run again:", jobs[0].QueryID() == loadID)
	for _, r := range results {
		fmt.Println(r.Rows[0][0])
	}
	runs := 0
	for _, q := range srv.Queries() {
		if q.SQL == load.SQL {
			runs++
		}
	}
	fmt.Println("the load ran", runs, "time")
	// Output:
	// load attached, not run again: true
	// loaded
	// updated
	// the load ran 1 time
}
