// Command reattach shows that a Snowflake statement outlives the process
// that started it, and that another process can pick it up by its query ID,
// like Snowpark's session.create_async_job:
//
//	reattach submit [-dsn DSN]
//	reattach attach [-dsn DSN] [-timeout 10m] [QUERY_ID ...]
//
// submit starts a few short statements (three CALL SYSTEM$WAIT of 1 to 2
// seconds and a SELECT) with sfasync's SubmitNoWait, prints their query IDs
// on stdout, one per line, and exits without waiting for them. attach makes
// a job of each ID with NewAsyncJob (IDs from its arguments, else from
// stdin), shows each one's status, then waits and prints each result as it
// ends. Both read the DSN from -dsn, else from SNOWFLAKE_DSN.
//
// With a local Snowflake, in one shell:
//
//	go run ./cmd/sftest -addr 127.0.0.1:0      # prints its DSN, serves until Ctrl-C
//
// and in another:
//
//	export SNOWFLAKE_DSN='the DSN it printed'
//	ids=$(go run ./examples/reattach submit)
//	go run ./examples/reattach attach $ids
//
// or in one go: go run ./examples/reattach submit | go run ./examples/reattach attach
//
// submit exits while its statements run. Snowflake aborts the statements
// still running in a session that logs out (see the ABORT_DETACHED_QUERY
// parameter in Snowflake's documentation), so the client's Close leaves a
// session with running statements logged in, out of the *sql.DB's pool,
// where closing the *sql.DB cannot log it out either; Snowflake ends the
// session once it has been idle long enough. sftest aborts a logged-out
// session's statements after two minutes, as Snowflake does.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	_ "github.com/snowflakedb/gosnowflake/v2" // the "snowflake" driver
)

func main() {
	// gosnowflake probes cloud metadata addresses on its first connection to
	// report the platform; set SNOWFLAKE_DISABLE_PLATFORM_DETECTION=false to
	// keep that on real Snowflake.
	if os.Getenv("SNOWFLAKE_DISABLE_PLATFORM_DETECTION") == "" {
		_ = os.Setenv("SNOWFLAKE_DISABLE_PLATFORM_DETECTION", "true")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Stdin, os.Stdout, os.Stderr, os.Args[1:], os.Getenv)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "reattach:", err)
		os.Exit(1)
	}
}

const usage = `usage:
  reattach submit [-dsn DSN]
  reattach attach [-dsn DSN] [-timeout 10m] [QUERY_ID ...]
The DSN defaults to $SNOWFLAKE_DSN. attach reads query IDs from stdin when none are given.`

// run runs the subcommand args[0] with the rest of args. submit writes the
// query IDs to stdout and its account of them to stderr; attach writes its
// report to stdout. It returns an error if any statement failed.
func run(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer, args []string, getenv func(string) string) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return errors.New("missing subcommand")
	}
	switch args[0] {
	case "submit":
		return submit(ctx, stdout, stderr, args[1:], getenv)
	case "attach":
		return attach(ctx, stdin, stdout, stderr, args[1:], getenv)
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(stdout, usage)
		return flag.ErrHelp
	}
	fmt.Fprintln(stderr, usage)
	return fmt.Errorf("unknown subcommand %q", args[0])
}

// dsnFlag adds -dsn to fs, defaulting to SNOWFLAKE_DSN.
func dsnFlag(fs *flag.FlagSet, getenv func(string) string) *string {
	return fs.String("dsn", getenv("SNOWFLAKE_DSN"), "gosnowflake `DSN` (default $SNOWFLAKE_DSN)")
}

// needDSN reports a missing DSN.
func needDSN(dsn string) error {
	if dsn == "" {
		return errors.New("no DSN: pass -dsn or set SNOWFLAKE_DSN")
	}
	return nil
}

// openDB opens a database on dsn with gosnowflake.
func openDB(dsn string) (*sql.DB, error) {
	db, err := sql.Open("snowflake", dsn)
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	return db, nil
}
