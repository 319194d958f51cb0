package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/sfasync/sfasync"
)

// statements are what submit starts.
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
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("submit: unexpected arguments %q", fs.Args())
	}
	if err := needDSN(*dsn); err != nil {
		return err
	}
	db, err := openDB(*dsn)
	if err != nil {
		return err
	}
	defer db.Close()

	// Close leaves the session the statements run in logged in, so neither
	// it nor db.Close aborts them.
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
