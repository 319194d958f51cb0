// Command sfrun runs a folder of .sql files as a pipeline on Snowflake:
// one step per file, named after it, each submitted the moment the steps
// named in its header have succeeded, side by side through one sfasync
// client.
//
//	go run ./cmd/sfrun -local examples/pipeline-sql
//	SNOWFLAKE_DSN=... go run ./cmd/sfrun -max-in-flight 8 -svg run.svg DIR
//	go run ./cmd/sfrun -connection prod -policy cancel -run-id nightly-2025-01-02 DIR
//	go run ./cmd/sfrun -dry-run DIR
//
// A file's header comments say what it comes after and, for the dry run's
// critical path, how long it takes:
//
//	-- after: load_na, load_eu
//	-- estimate: 2s
//
// While it runs, sfrun shows a progress line on a terminal (rewritten in
// place, from the client's Stats: no request per tick) and a line per step
// elsewhere; then a text Gantt chart of the run with its figures (start
// spread, wall, speed-up, critical path, time QUEUED and BLOCKED where the
// query history reports it), and with -svg and -json the same as a picture
// and as JSON. Its exit status is 0 only if every step succeeded. Ctrl-C
// cancels the running steps on the server and says which.
//
// With -run-id, each statement is tagged with the run ID and its step's
// name (sfasync.WithRunID): sfrun started again with the same run ID
// resumes that run instead of running its statements a second time.
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

// Exit statuses.
const (
	exitOK          = 0
	exitFailed      = 1   // a step did not succeed, or the run could not start
	exitUsage       = 2   // bad flags or a bad folder
	exitInterrupted = 130 // Ctrl-C or SIGTERM
)

func main() {
	// gosnowflake probes cloud metadata addresses on its first connection to
	// report the platform; set SNOWFLAKE_DISABLE_PLATFORM_DETECTION=false to
	// keep that.
	if os.Getenv("SNOWFLAKE_DISABLE_PLATFORM_DETECTION") == "" {
		_ = os.Setenv("SNOWFLAKE_DISABLE_PLATFORM_DETECTION", "true")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Stdout, os.Stderr, os.Args[1:], os.Getenv)
	stop()
	os.Exit(code)
}

// run is the whole program but for the process: it parses args, loads
// the folder, runs it (or prints its plan) and reports to out, with
// errors to errOut, and returns the exit status. When it returns, every
// connection and server it opened is closed.
func run(ctx context.Context, out, errOut io.Writer, args []string, getenv func(string) string) int {
	cfg, err := parseFlags(args, errOut, getenv)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(errOut, "sfrun:", err)
		return exitUsage
	}
	p, err := load(cfg.dir)
	if err != nil {
		fmt.Fprintln(errOut, "sfrun:", err)
		return exitUsage
	}
	if cfg.dryRun {
		if err := p.Plan(nil).WriteText(out); err != nil {
			fmt.Fprintln(errOut, "sfrun:", err)
			return exitFailed
		}
		return exitOK
	}
	if !cfg.local && cfg.dsn == "" && cfg.connection == "" {
		fmt.Fprintln(errOut, "sfrun: no database: set SNOWFLAKE_DSN, pass -connection NAME, or -local")
		return exitUsage
	}
	return execute(ctx, out, errOut, cfg, p)
}
