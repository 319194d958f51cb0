package report_test

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/pipeline"
	"github.com/sfasync/sfasync/report"
	"github.com/sfasync/sfasync/sftest"
)

// A report from spans with known times: two loads side by side, an update
// that waited BLOCKED, and the aggregate after all of them.
func ExampleReport_WriteText() {
	t0 := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	s := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	r := report.New("seed pipeline", []report.Span{
		{Name: "load_na", Status: "SUCCESS", Submitted: s(0), Ended: s(2000)},
		{Name: "load_eu", Status: "SUCCESS", Submitted: s(0), Ended: s(2000)},
		{Name: "update", Status: "SUCCESS", Submitted: s(0), Ended: s(1500), Blocked: 500 * time.Millisecond},
		{Name: "total", Status: "SUCCESS", After: []string{"load_na", "load_eu", "update"}, Submitted: s(2000), Ended: s(2500)},
	})
	if err := r.WriteText(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// seed pipeline
	// seconds from the first submission; one column = 0.050 s; 'q' QUEUED, 'b' BLOCKED, '#' running
	//            submit     end  waited     ran
	//   load_na   0.000   2.000   0.000   2.000 |########################################          |
	//   load_eu   0.000   2.000   0.000   2.000 |########################################          |
	//   update    0.000   1.500   0.500   1.000 |bbbbbbbbbb####################                    |
	//   total     2.000   2.500   0.000   0.500 |                                        ##########|
	//
	// statements: 4 of 4 ran; 0 did not succeed
	// wall: 2.500 s from the first submission to the last end
	// start spread: 0.500 s from the first start to the last of those that wait for no other (the client's submissions)
	// sum of run times: 5.500 s (about one by one); speed-up 2.20x
	// waited: 0.000 s QUEUED, 0.500 s BLOCKED (from the server's query history)
	// critical path: 2.500 s, wall / critical path 1.00: load_na → total
}

// A pipeline run on a local Snowflake, its report with the server's times,
// and a progress line built from the client's Stats (no request per tick).
func ExampleFromPipeline() {
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
	c := sfasync.New(db)
	defer c.Close()

	p, err := pipeline.New(
		pipeline.Step{Name: "first", SQL: "CALL SYSTEM$WAIT(50, 'MILLISECONDS')"},
		pipeline.Step{Name: "second", SQL: "SELECT 1", After: []string{"first"}},
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	prog := report.StartProgress(os.Stderr, report.IsTerminal(os.Stderr), 100*time.Millisecond,
		func() string { return report.StatsLine(c.Stats(), p.Len()) })
	res, err := pipeline.Run(ctx, c, p)
	prog.Stop()
	if err != nil {
		log.Fatal(err)
	}
	times, err := pipeline.ReadServerTimes(ctx, db, res.QueryIDs())
	if err != nil {
		log.Fatal(err)
	}
	res.SetServerTimes(times)
	r := report.FromPipeline("two steps", res)
	fmt.Println(r.CriticalPath, r.Wall >= r.CriticalTime, len(r.Spans))
	// Output: [first second] true 2
}
