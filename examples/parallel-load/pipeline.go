package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"golang.org/x/sync/errgroup"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/internal/syncwriter"
	"github.com/sfasync/sfasync/report"
)

// progressInterval is how often the progress line is redrawn.
const progressInterval = 200 * time.Millisecond

// stepRun is how one step went.
type stepRun struct {
	step
	queryID string
	rows    int64 // rows the step inserted or updated
	err     error
}

// execute seeds CUSTOMER_DATA, runs the six steps in parallel (or one by
// one) and reports their results and timeline.
func execute(ctx context.Context, out io.Writer, cfg config, t *target) error {
	n := names{database: cfg.database, schema: cfg.schema}
	if err := seed(ctx, out, t, n); err != nil {
		return err
	}
	if cfg.pipeline {
		return runPipeline(ctx, out, cfg, t, n)
	}
	todo := steps(n, cfg.scale)
	if cfg.procedures {
		if err := createProcedures(ctx, out, t, n); err != nil {
			return err
		}
		todo = procedureSteps(n, cfg.scale)
	}
	run := runParallel
	if cfg.sequential {
		run = runSequential
	}
	runs, wall, err := run(ctx, out, t.DB, todo)
	if err != nil {
		return err
	}
	printResults(out, runs)
	tl, err := readTimeline(ctx, t.DB, n, runs, wall, cfg.sequential)
	if err != nil {
		return errors.Join(stepErrors(runs), err)
	}
	if err := tl.writeText(out); err != nil {
		return errors.Join(stepErrors(runs), err)
	}
	if cfg.svgPath != "" {
		if err := report.WriteFile(cfg.svgPath, tl.report().WriteSVG); err != nil {
			return errors.Join(stepErrors(runs), err)
		}
		fmt.Fprintf(out, "\nwrote the timeline to %s\n", cfg.svgPath)
	}
	return stepErrors(runs)
}

// seed creates the database on the embedded server (real Snowflake's must
// exist) and builds CUSTOMER_DATA.
func seed(ctx context.Context, out io.Writer, t *target, n names) error {
	if t.Embedded {
		if _, err := t.DB.ExecContext(ctx, "CREATE DATABASE IF NOT EXISTS "+n.database); err != nil {
			return fmt.Errorf("create database %s: %w", n.database, err)
		}
		if n.schema != "PUBLIC" {
			if _, err := t.DB.ExecContext(ctx, "CREATE SCHEMA IF NOT EXISTS "+n.database+"."+n.schema); err != nil {
				return fmt.Errorf("create schema %s.%s: %w", n.database, n.schema, err)
			}
		}
	}
	start := time.Now()
	res, err := t.DB.ExecContext(multi(ctx, 2), seedSQL(n))
	if err != nil {
		return fmt.Errorf("seed %s: %w", n.table("CUSTOMER_DATA"), err)
	}
	rows, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("seed %s: %w", n.table("CUSTOMER_DATA"), err)
	}
	fmt.Fprintf(out, "seeded %s: %s customers in %.2f s\n\n", n.table("CUSTOMER_DATA"), thousands(rows), time.Since(start).Seconds())
	return nil
}

// runParallel submits every step at once with SubmitNoWait, shows progress
// until all have ended, and returns how each went and the wall time from
// the first submission to the last result. If ctx ends first it cancels the
// statements still running.
func runParallel(ctx context.Context, out io.Writer, db *sql.DB, todo []step) ([]stepRun, time.Duration, error) {
	c := sfasync.New(db, sfasync.WithQueryTag("sfasync parallel-load"))
	defer c.Close()
	w := syncwriter.New(out)

	fmt.Fprintf(w, "submitting %d jobs with SubmitNoWait:\n", len(todo))
	jobs := make([]*sfasync.AsyncJob, len(todo))
	start := time.Now()
	var g errgroup.Group
	for i, s := range todo {
		g.Go(func() error {
			j, err := c.SubmitNoWait(multi(ctx, s.Count), s.SQL)
			if err != nil {
				return fmt.Errorf("submit %s: %w", s.Name, err)
			}
			jobs[i] = j
			fmt.Fprintf(w, "  +%.3f s  submitted %-26s query ID %s\n", time.Since(start).Seconds(), s.Name, j.QueryID())
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, 0, errors.Join(err, cancelJobs(ctx, jobs))
	}
	fmt.Fprintln(w)

	// The progress line comes from the client's Stats: no request per tick.
	p := report.StartProgress(w, report.IsTerminal(out), progressInterval,
		func() string { return report.StatsLine(c.Stats(), len(jobs)) })
	_, waitErr := sfasync.WaitAll(ctx, jobs...)
	wall := time.Since(start)
	p.Stop()
	fmt.Fprintln(w)
	if ctx.Err() != nil {
		return nil, 0, errors.Join(waitErr, cancelJobs(ctx, jobs))
	}

	runs := make([]stepRun, len(todo))
	for i, j := range jobs {
		runs[i] = stepRun{step: todo[i], queryID: j.QueryID()}
		res, err := j.Result(ctx) // already known: returns at once
		if err != nil {
			runs[i].err = err
			continue
		}
		runs[i].rows = res.RowsAffected
		if todo[i].Returns {
			runs[i].rows, runs[i].err = returnedRows(res)
		}
	}
	return runs, wall, nil
}

// cancelJobs cancels on the server the jobs that have not ended, even once
// ctx has ended.
func cancelJobs(ctx context.Context, jobs []*sfasync.AsyncJob) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	var g errgroup.Group
	for _, j := range jobs {
		if j != nil {
			g.Go(func() error { return j.Cancel(ctx) })
		}
	}
	return g.Wait()
}

// runSequential runs the steps one after another with ExecContext, the way
// the pipeline would run without async jobs.
func runSequential(ctx context.Context, out io.Writer, db *sql.DB, todo []step) ([]stepRun, time.Duration, error) {
	fmt.Fprintf(out, "running %d jobs one by one with ExecContext:\n", len(todo))
	var runs []stepRun
	start := time.Now()
	for _, s := range todo {
		ids := make(chan string, 1) // the driver sends the query ID once and closes
		t0 := time.Now()
		qctx := sf.WithQueryIDChan(multi(ctx, s.Count), ids)
		var r stepRun
		if s.Returns {
			// A CALL answers with the value its procedure returns.
			r = stepRun{step: s}
			r.err = db.QueryRowContext(qctx, s.SQL).Scan(&r.rows)
		} else {
			res, err := db.ExecContext(qctx, s.SQL)
			r = stepRun{step: s, err: err}
			if err == nil {
				r.rows, r.err = res.RowsAffected()
			}
		}
		select {
		case r.queryID = <-ids:
		default:
		}
		if ctx.Err() != nil {
			return nil, 0, ctx.Err()
		}
		fmt.Fprintf(out, "  +%.3f s  ran       %-26s query ID %s in %.2f s\n", t0.Sub(start).Seconds(), s.Name, orNone(r.queryID), time.Since(t0).Seconds())
		runs = append(runs, r)
	}
	fmt.Fprintln(out)
	return runs, time.Since(start), nil
}

// printResults prints what each step did, or how it failed.
func printResults(out io.Writer, runs []stepRun) {
	fmt.Fprintln(out, "results:")
	for _, r := range runs {
		switch {
		case r.err != nil:
			fmt.Fprintf(out, "  %-26s FAILED: %v\n", r.Name, r.err)
		case r.Kind == kindLoad:
			fmt.Fprintf(out, "  %-26s %7s rows loaded\n", r.Name, thousands(r.rows))
		default:
			fmt.Fprintf(out, "  %-26s %7s rows updated\n", r.Name, thousands(r.rows))
		}
	}
	fmt.Fprintln(out)
}

// stepErrors joins the steps' failures.
func stepErrors(runs []stepRun) error {
	var errs []error
	for _, r := range runs {
		if r.err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", r.Name, r.err))
		}
	}
	return errors.Join(errs...)
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// thousands formats n with comma separators: 33334 -> "33,334".
func thousands(n int64) string {
	if n < 0 {
		return "-" + thousands(-n)
	}
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
