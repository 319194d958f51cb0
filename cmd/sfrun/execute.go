package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/internal/sfconn"
	"github.com/sfasync/sfasync/internal/syncwriter"
	"github.com/sfasync/sfasync/pipeline"
	"github.com/sfasync/sfasync/report"
)

// cancelWait bounds how long an interrupted run spends canceling its steps.
const cancelWait = 30 * time.Second

// load reads the folder and builds its pipeline.
func load(dir string) (*pipeline.Pipeline, error) {
	steps, err := pipeline.LoadDir(os.DirFS(dir))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such folder", dir)
		}
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	return pipeline.New(steps...)
}

// execute connects, runs the pipeline and reports; it returns the exit
// status.
func execute(ctx context.Context, out, errOut io.Writer, cfg config, p *pipeline.Pipeline) int {
	t, err := sfconn.Open(ctx, sfconn.Options{DSN: cfg.dsn, Connection: cfg.connection, Latency: latency})
	if err != nil {
		fmt.Fprintln(errOut, "sfrun:", err)
		return exitFailed
	}
	defer func() {
		if err := t.Close(); err != nil {
			fmt.Fprintln(errOut, "sfrun: close:", err)
		}
	}()
	opts := []sfasync.Option{sfasync.WithSessions(cfg.sessions), sfasync.WithQueryTag("sfrun")}
	if cfg.runID != "" {
		opts = append(opts, sfasync.WithRunID(cfg.runID))
	}
	c := sfasync.New(t.DB, opts...)
	defer c.Close()

	w := syncwriter.New(out)
	tty := !cfg.quiet && report.IsTerminal(out)
	fmt.Fprintf(w, "sfrun: %d steps from %s on %s\n", p.Len(), cfg.dir, t.Description)
	lines := newStepLines(w, tty, cfg.quiet, p.Len())
	var prog *report.Progress
	if tty {
		prog = report.StartProgress(w, true, 200*time.Millisecond, func() string { return lines.progress(c.Stats()) })
	}
	res, err := pipeline.Run(ctx, c, p, pipeline.WithMaxInFlight(cfg.maxInFlight), pipeline.WithPolicy(cfg.policy),
		pipeline.WithEvents(lines.event))
	if prog != nil {
		prog.Stop()
	}
	if err != nil {
		fmt.Fprintln(errOut, "sfrun:", err)
		return exitFailed
	}
	interrupted := ctx.Err() != nil
	if interrupted {
		stopRunning(w, res)
	}
	// The run's context may have ended: the report's own reads get a
	// context of their own.
	rctx := context.WithoutCancel(ctx)
	if cfg.history > 0 {
		hctx, cancel := context.WithTimeout(rctx, cfg.history)
		times, err := pipeline.ReadServerTimes(hctx, t.DB, res.QueryIDs())
		cancel()
		if err != nil {
			fmt.Fprintf(w, "sfrun: no server times (%v): the report uses the client's\n", err)
		} else {
			res.SetServerTimes(times)
		}
	}
	rep := report.FromPipeline(fmt.Sprintf("sfrun %s: %d steps", cfg.dir, p.Len()), res)
	fmt.Fprintln(w)
	status := exitOK
	if err := writeReports(w, cfg, rep); err != nil {
		fmt.Fprintln(errOut, "sfrun:", err)
		status = exitFailed
	}
	switch {
	case interrupted:
		return exitInterrupted
	case res.Err() != nil:
		fmt.Fprintf(errOut, "sfrun: %d of %d steps did not succeed\n", p.Len()-res.Count(pipeline.Succeeded), p.Len())
		return exitFailed
	}
	return status
}

// stopRunning, after an interrupt, cancels the steps still running (under
// -policy cancel the run has canceled them already) and says which steps
// were stopped on the server, with their query IDs, and which, if any,
// may still run there.
func stopRunning(w io.Writer, res *pipeline.Result) {
	fmt.Fprintln(w, "sfrun: interrupted")
	if n := res.Count(pipeline.Unfinished); n > 0 {
		fmt.Fprintf(w, "sfrun: canceling %d running steps on the server\n", n)
		ctx, cancel := context.WithTimeout(context.Background(), cancelWait)
		_, err := res.CancelUnfinished(ctx)
		cancel()
		if err != nil {
			fmt.Fprintf(w, "sfrun: %v\n", err)
		}
	}
	if stopped := submitted(res, pipeline.Canceled); len(stopped) > 0 {
		fmt.Fprintf(w, "sfrun: canceled on the server: %s\n", strings.Join(stopped, ", "))
	}
	if left := submitted(res, pipeline.Unfinished); len(left) > 0 {
		fmt.Fprintf(w, "sfrun: may still run on the server: %s\n", strings.Join(left, ", "))
	}
}

// submitted lists the steps with status st that were submitted, each as
// "name (query ID id)", in the pipeline's order.
func submitted(res *pipeline.Result, st pipeline.Status) []string {
	var out []string
	for _, s := range res.Steps {
		if s.Status == st && s.QueryID != "" {
			out = append(out, fmt.Sprintf("%s (query ID %s)", s.Name, s.QueryID))
		}
	}
	return out
}

// writeReports writes the text report to w and, if asked, the SVG and
// JSON files.
func writeReports(w io.Writer, cfg config, rep *report.Report) error {
	if err := rep.WriteText(w); err != nil {
		return err
	}
	for _, f := range []struct {
		path  string
		write func(io.Writer) error
	}{{cfg.svgPath, rep.WriteSVG}, {cfg.jsonPath, rep.WriteJSON}} {
		if f.path == "" {
			continue
		}
		if err := report.WriteFile(f.path, f.write); err != nil {
			return err
		}
		fmt.Fprintf(w, "wrote %s\n", f.path)
	}
	return nil
}
