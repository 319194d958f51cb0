package sfasync_test

import (
	"context"
	"fmt"
	"log"

	"github.com/sfasync/sfasync"
)

// Stats follows a fan-out from what the client learns anyway, without a
// request per tick: what a progress display needs. (WithEvents reports the
// same as it happens.)
func ExampleClient_Stats() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db)
	defer c.Close()

	jobs, err := c.SubmitAll(context.Background(),
		sfasync.Statement{Name: "ok", SQL: "SELECT 1"},
		sfasync.Statement{Name: "bad", SQL: "SELECT 1/0"},
	)
	if err != nil {
		log.Fatal(err)
	}
	_, _ = sfasync.WaitAll(context.Background(), jobs...)
	st := c.Stats()
	fmt.Println("running", st.Running, "succeeded", st.Succeeded, "failed", st.Failed)
	for _, j := range st.Jobs {
		fmt.Println(j.Name, j.Err != nil, j.Ended.After(j.Submitted))
	}
	fmt.Println("status requests:", srv.Counts().Monitoring)
	// Unordered output:
	// running 0 succeeded 1 failed 1
	// ok false true
	// bad true true
	// status requests: 0
}
