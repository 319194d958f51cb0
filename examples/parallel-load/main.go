// Command parallel-load runs the pipeline of the Snowpark async-jobs article
// with sfasync: it builds CUSTOMER_DATA (100,000 customers), then submits
// three regional sales loads and three segment updates together with
// SubmitNoWait, follows them while they run, and draws their timeline from
// the server's query history.
//
// Run it with no account at all, against sftest, a local Snowflake started
// inside the program:
//
//	go run ./examples/parallel-load
//	go run ./examples/parallel-load -sequential         # the same statements one by one
//	go run ./examples/parallel-load -svg timeline.svg   # also draw the timeline as SVG
//	go run ./examples/parallel-load -scale 0.25         # loads 0.5 s, updates 0.25 s
//	go run ./examples/parallel-load -pipeline           # as a pipeline, with an aggregate after all six
//	go run ./examples/parallel-load -procedures         # the jobs as CALLs of SQL procedures
//
// Each job is one multi-statement request. A load creates its
// <REGION>_SALES table, fills it from GENERATOR and ends with
// CALL SYSTEM$WAIT(2); an update is BEGIN; UPDATE CUSTOMER_DATA ... WHERE
// SEGMENT = ...; CALL SYSTEM$WAIT(1); COMMIT. SYSTEM$WAIT stands in for the
// work, -scale multiplies it, and one after another the six take about 9 s.
// Submitted together, the loads overlap; the updates do not: an UPDATE
// locks CUSTOMER_DATA until its transaction commits, so Snowflake holds the
// other UPDATEs BLOCKED and the updates run one after another.
//
// With -procedures the loads and updates are SQL stored procedures
// (Snowflake Scripting: LOAD_REGION_SALES and UPDATE_SEGMENT, created in the
// same database and schema), and each job is one CALL of them submitted
// through sfasync, with the same statements as their bodies.
//
// The program prints each submission with its query ID, a progress line
// from the client's Stats (rewritten in place on a terminal; it sends no
// request), the rows each job loaded or updated, and a timeline read back
// from the server's query history, drawn by the report package: a text
// Gantt bar per job, then a summary:
//
//   - start spread: the first job's start to the last's;
//   - wall time: first submission to last result, on the client's clock,
//     and first start to last end on the server's;
//   - one by one: about the sum of the jobs' run times in the history, not
//     counting time BLOCKED (about 9 s at -scale 1);
//   - speed-up: that sum over the wall time;
//   - lower bound: the least the jobs can take run together, the longer of
//     the longest independent job and the updates of CUSTOMER_DATA one after
//     another (about max(2 s, 1 s + 1 s + 1 s) = 3 s, not 2 s), and a line
//     saying why: updates of one table wait for each other's lock, loads of
//     different tables overlap;
//   - how the loads and the updates ran, and how long each update waited
//     (with -sequential: whether any two jobs overlapped).
//
// The figures come from that history, read with the same query on sftest
// and on Snowflake, except the wall time, which is on the client's clock;
// what the summary says about overlap and blocking it derives from them,
// not from assumptions.
//
// With -pipeline the six jobs and an aggregate of sales by segment, which
// reads every table they wrote, run through the pipeline package: the
// aggregate is submitted the moment the last of the six has succeeded, and
// the report package draws the run, with the times QUEUED and BLOCKED where
// the query history has them. examples/pipeline-sql is the same pipeline as
// a folder of .sql files for cmd/sfrun.
//
// To run the same pipeline on real Snowflake, set SNOWFLAKE_DSN to a
// gosnowflake DSN, or pass -connection NAME to use a named connection from
// gosnowflake's connections.toml (found the way the driver finds it: the
// directory in SNOWFLAKE_HOME, else ~/.snowflake). The program then creates
// only its own tables (CUSTOMER_DATA and the three *_SALES tables,
// transient) in -database (default DEMO_DB) and -schema (default PUBLIC),
// which must exist, and it drops nothing.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// gosnowflake probes cloud metadata addresses on its first connection to
	// report the platform; set SNOWFLAKE_DISABLE_PLATFORM_DETECTION=false to
	// keep that on real Snowflake.
	if os.Getenv("SNOWFLAKE_DISABLE_PLATFORM_DETECTION") == "" {
		_ = os.Setenv("SNOWFLAKE_DISABLE_PLATFORM_DETECTION", "true")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Stdout, os.Args[1:], os.Getenv)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "parallel-load:", err)
		os.Exit(1)
	}
}

// run parses args, connects to the database getenv and args point at (an
// embedded sftest by default), runs the pipeline and writes its report to
// out. It returns once every statement it started has ended and every
// connection and server it opened is closed.
func run(ctx context.Context, out io.Writer, args []string, getenv func(string) string) error {
	cfg, err := parseFlags(args, out, getenv)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	t, err := connect(ctx, cfg, out)
	if err != nil {
		return err
	}
	runErr := execute(ctx, out, cfg, t)
	return errors.Join(runErr, t.Close())
}
