package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"

	sf "github.com/snowflakedb/gosnowflake/v2"

	"github.com/sfasync/sfasync"
)

// statements are what submit starts: short enough to end well before
// Snowflake aborts the statements of a logged-out session.
func statements() []string {
	return []string{
		"CALL SYSTEM$WAIT(1)",
		"CALL SYSTEM$WAIT(2)",
		"CALL SYSTEM$WAIT(1500, 'MILLISECONDS')",
		"SELECT SEQ4() + 1 AS N, (SEQ4() + 1) * (SEQ4() + 1) AS SQUARE FROM TABLE(GENERATOR(ROWCOUNT => 5)) ORDER BY N",
	}
}

// submit starts the statements, prints their query IDs to stdout and
// returns without waiting for them.
func submit(ctx context.Context, stdout, stderr io.Writer, args []string, getenv func(string) string) error {
	fs := flag.NewFlagSet("reattach submit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dsnFlag(fs, getenv)
	keep := fs.Bool("keep-session", false, "close without logging the Snowflake session out, so the statements may run past the abort of a logged-out session's statements")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("submit: unexpected arguments %q", fs.Args())
	}
	if err := needDSN(*dsn); err != nil {
		return err
	}
	db, err := openDB(*dsn, *keep)
	if err != nil {
		return err
	}
	defer db.Close() // logs the session out, unless -keep-session

	c := sfasync.New(db)
	defer c.Close()
	for _, q := range statements() {
		j, err := c.SubmitNoWait(ctx, q)
		if err != nil {
			return fmt.Errorf("submit %q: %w", q, err)
		}
		fmt.Fprintln(stdout, j.QueryID())
		fmt.Fprintf(stderr, "submitted %s  %s\n", j.QueryID(), q)
	}
	fmt.Fprintln(stderr, "exiting without waiting; attach to the query IDs above with: reattach attach ID...")
	return nil
}

// openDB opens dsn; with keepSession the driver leaves the session logged
// in when the connection closes.
func openDB(dsn string, keepSession bool) (*sql.DB, error) {
	cfg, err := sf.ParseDSN(dsn)
	if err != nil {
		return nil, fmt.Errorf("parse the DSN: %w", err)
	}
	cfg.ServerSessionKeepAlive = keepSession
	return sql.OpenDB(sf.NewConnector(sf.SnowflakeDriver{}, *cfg)), nil
}
