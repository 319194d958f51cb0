package pipeline_test

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"os"
	"testing/fstest"
	"time"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/pipeline"
	"github.com/sfasync/sfasync/sftest"
)

// openLocal starts a local Snowflake (sftest) and opens a database on it.
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

// Two loads run side by side; the aggregate is submitted the moment both
// have succeeded.
func ExampleRun() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db)
	defer c.Close()

	p, err := pipeline.New(
		pipeline.Step{Name: "load_na", SQL: "CREATE TABLE NA AS SELECT 1 AS AMOUNT UNION ALL SELECT 2"},
		pipeline.Step{Name: "load_eu", SQL: "CREATE TABLE EU AS SELECT 3 AS AMOUNT"},
		pipeline.Step{Name: "total", SQL: "SELECT SUM(AMOUNT) FROM (SELECT * FROM NA UNION ALL SELECT * FROM EU)",
			After: []string{"load_na", "load_eu"}},
	)
	if err != nil {
		log.Fatal(err)
	}
	res, err := pipeline.Run(context.Background(), c, p, pipeline.WithMaxInFlight(8))
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range res.Steps {
		fmt.Println(s.Name, s.Status)
	}
	total, _ := res.Step("total")
	out, _ := total.Job.Result(context.Background())
	fmt.Println("total:", out.Rows[0][0], "error:", res.Err())
	// Output:
	// load_na SUCCESS
	// load_eu SUCCESS
	// total SUCCESS
	// total: 6 error: <nil>
}

// A failure skips the steps that come after it, and says why.
func ExampleRun_failure() {
	srv, db := openLocal()
	defer srv.Close()
	defer db.Close()
	c := sfasync.New(db)
	defer c.Close()

	p, err := pipeline.New(
		pipeline.Step{Name: "load", SQL: "INSERT INTO MISSING_TABLE VALUES (1)"},
		pipeline.Step{Name: "report", SQL: "SELECT 1", After: []string{"load"}},
		pipeline.Step{Name: "audit", SQL: "SELECT 2"},
	)
	if err != nil {
		log.Fatal(err)
	}
	res, _ := pipeline.Run(context.Background(), c, p)
	for _, s := range res.Steps {
		if s.Cause != "" {
			fmt.Println(s.Name, s.Status, "because", s.Cause)
			continue
		}
		fmt.Println(s.Name, s.Status)
	}
	load, _ := res.Step("load")
	fmt.Println(load.Err != nil)
	// Output:
	// load FAILED
	// report SKIPPED because step load did not succeed
	// audit SUCCESS
	// true
}

// New rejects a cycle and names it.
func ExampleNew_cycle() {
	_, err := pipeline.New(
		pipeline.Step{Name: "a", After: []string{"c"}},
		pipeline.Step{Name: "b", After: []string{"a"}},
		pipeline.Step{Name: "c", After: []string{"b"}},
	)
	fmt.Println(err)
	// Output: pipeline: invalid: the steps form a cycle: b → c → a → b
}

// A dry run: the levels a stage-by-stage run would wait for, and the
// critical path, the least a run can take.
func ExamplePipeline_Plan() {
	p, err := pipeline.New(
		pipeline.Step{Name: "load_na", Estimate: 2 * time.Second},
		pipeline.Step{Name: "load_eu", Estimate: 2 * time.Second},
		pipeline.Step{Name: "update_high", Estimate: time.Second},
		pipeline.Step{Name: "update_low", After: []string{"update_high"}, Estimate: time.Second},
		pipeline.Step{Name: "report", After: []string{"load_na", "load_eu", "update_low"}, Estimate: 500 * time.Millisecond},
	)
	if err != nil {
		log.Fatal(err)
	}
	if err := p.Plan(nil).WriteText(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// plan: 5 steps in 3 levels
	//   level 0: load_na (2s); load_eu (2s); update_high (1s);
	//   level 1: update_low (1s) [after update_high];
	//   level 2: report (500ms) [after load_na, load_eu, update_low];
	// critical path: load_na → report, 2.5s
}

// A folder of .sql files as steps: each file's header says what it comes
// after.
func ExampleLoadDir() {
	folder := fstest.MapFS{
		"load_na.sql": {Data: []byte("INSERT INTO NA_SALES SELECT 1")},
		"load_eu.sql": {Data: []byte("INSERT INTO EU_SALES SELECT 1")},
		"total.sql":   {Data: []byte("-- after: load_na, load_eu\n-- estimate: 500ms\nCREATE TABLE T AS SELECT 1;\nINSERT INTO T SELECT 2;\n")},
	}
	steps, err := pipeline.LoadDir(folder) // os.DirFS(dir) for a folder on disk
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range steps {
		fmt.Println(s.Name, s.After, s.MultiStatement, s.Estimate)
	}
	// Output:
	// load_eu [] 0 0s
	// load_na [] 0 0s
	// total [load_na load_eu] 2 500ms
}
