package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/sfasync/sfasync"
)

// maxRows bounds how many rows of a result attach prints.
const maxRows = 10

// attach makes a job of each query ID, shows each one's status, then waits
// for them and prints each result as it ends. It fails if an ID is invalid
// or unknown, or a statement failed.
func attach(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer, args []string, getenv func(string) string) error {
	fs := flag.NewFlagSet("reattach attach", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dsnFlag(fs, getenv)
	timeout := fs.Duration("timeout", 10*time.Minute, "give up waiting after this long (the statements go on)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := needDSN(*dsn); err != nil {
		return err
	}
	ids := fs.Args()
	if len(ids) == 0 && !isTerminal(stdin) {
		var err error
		if ids, err = readIDs(stdin); err != nil {
			return err
		}
	}
	if len(ids) == 0 {
		return errors.New("attach: no query IDs given")
	}
	db, err := openDB(*dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	c := sfasync.New(db)
	defer c.Close()

	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	start := time.Now()
	var jobs []*sfasync.AsyncJob
	var errs []error
	fmt.Fprintf(stdout, "attached to %d query IDs; status now:\n", len(ids))
	for _, id := range ids {
		j, err := c.NewAsyncJob(id)
		if err != nil {
			fmt.Fprintf(stdout, "  %-36s  %v\n", id, err)
			errs = append(errs, err)
			continue
		}
		st, err := j.Status(ctx)
		if err != nil {
			fmt.Fprintf(stdout, "  %-36s  %v\n", id, err)
			errs = append(errs, err)
			continue
		}
		fmt.Fprintf(stdout, "  %-36s  %s\n", id, st)
		jobs = append(jobs, j)
	}

	fmt.Fprintf(stdout, "\nresults, in the order the statements end:\n")
	for j, err := range sfasync.Completed(ctx, jobs...) {
		if err != nil && ctx.Err() != nil && !errors.Is(err, sfasync.ErrNilJob) {
			// ctx ended: the rest are yielded unfinished, with ctx's error.
			fmt.Fprintf(stdout, "  %-36s  +%.2f s  not ended: %v\n", j.QueryID(), time.Since(start).Seconds(), err)
			errs = append(errs, err)
			continue
		}
		if err != nil {
			fmt.Fprintf(stdout, "  %-36s  +%.2f s  %s: %v\n", j.QueryID(), time.Since(start).Seconds(), statusOf(ctx, j), err)
			errs = append(errs, err)
			continue
		}
		res, err := j.Result(ctx)
		if err != nil {
			fmt.Fprintf(stdout, "  %-36s  +%.2f s  result: %v\n", j.QueryID(), time.Since(start).Seconds(), err)
			errs = append(errs, err)
			continue
		}
		fmt.Fprintf(stdout, "  %-36s  +%.2f s  %s\n", j.QueryID(), time.Since(start).Seconds(), statusOf(ctx, j))
		printResult(stdout, res)
	}
	return errors.Join(errs...)
}

// statusOf is j's final status, or "ENDED" if the server cannot say.
func statusOf(ctx context.Context, j *sfasync.AsyncJob) sfasync.Status {
	st, err := j.Status(ctx)
	if err != nil {
		return "ENDED"
	}
	return st
}

// printResult prints a result's columns and up to maxRows rows.
func printResult(w io.Writer, res *sfasync.Result) {
	if len(res.Columns) == 0 {
		return
	}
	fmt.Fprintf(w, "      %s\n", strings.Join(res.Columns, " | "))
	for i, row := range res.Rows {
		if i == maxRows {
			fmt.Fprintf(w, "      ... %d rows in all\n", len(res.Rows))
			break
		}
		cells := make([]string, len(row))
		for k, v := range row {
			cells[k] = cell(v)
		}
		fmt.Fprintf(w, "      %s\n", strings.Join(cells, " | "))
	}
}

func cell(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		return string(v)
	case time.Time:
		return v.Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}

// isTerminal reports whether r is a terminal, where nobody would type IDs.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// readIDs reads whitespace-separated query IDs from r.
func readIDs(r io.Reader) ([]string, error) {
	var ids []string
	sc := bufio.NewScanner(r)
	sc.Split(bufio.ScanWords)
	for sc.Scan() {
		ids = append(ids, sc.Text())
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read query IDs from stdin: %w", err)
	}
	return ids, nil
}
