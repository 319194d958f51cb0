package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/internal/syncwriter"
	"github.com/sfasync/sfasync/pipeline"
	"github.com/sfasync/sfasync/report"
)

// aggregateKey is the name of the -pipeline's last step.
const aggregateKey = "sales_by_segment"

// historyTimeout bounds how long -pipeline waits for the query history's
// times, and cancelWait how long an interrupted -pipeline spends canceling
// its steps.
const (
	historyTimeout = 30 * time.Second
	cancelWait     = 30 * time.Second
)

// pipelineSteps is the seed as a pipeline: the six jobs, which depend on
// nothing but the seed already run, and an aggregate that reads what all of
// them wrote, so it comes after every one. The steps are named as the files
// of examples/pipeline-sql, the same pipeline for sfrun.
func pipelineSteps(n names, scale float64) []pipeline.Step {
	var out []pipeline.Step
	var all []string
	for _, s := range steps(n, scale) {
		out = append(out, pipeline.Step{Name: s.Key, SQL: s.SQL, MultiStatement: s.Count})
		all = append(all, s.Key)
	}
	return append(out, pipeline.Step{Name: aggregateKey, After: all, SQL: fmt.Sprintf(
		`CREATE OR REPLACE TRANSIENT TABLE %s AS
SELECT C.SEGMENT, COUNT(*) AS SALES, SUM(S.AMOUNT) AS AMOUNT, AVG(C.LOYALTY_SCORE) AS AVG_LOYALTY
FROM (SELECT * FROM %s UNION ALL SELECT * FROM %s UNION ALL SELECT * FROM %s) S
JOIN %s C ON C.CUSTOMER_ID = S.CUSTOMER_ID
GROUP BY C.SEGMENT`, n.table("SALES_BY_SEGMENT"), n.table("NORTH_AMERICA_SALES"), n.table("EUROPE_SALES"), n.table("ASIA_SALES"),
		n.table("CUSTOMER_DATA"))})
}

// runPipeline runs the seed as a pipeline with the pipeline package, shows
// its progress from the client's Stats, and reports it with the report
// package, with the server's times where its query history has them.
func runPipeline(ctx context.Context, out io.Writer, cfg config, t *target, n names) error {
	p, err := pipeline.New(pipelineSteps(n, cfg.scale)...)
	if err != nil {
		return err
	}
	c := sfasync.New(t.DB, sfasync.WithQueryTag("sfasync parallel-load -pipeline"))
	defer c.Close()
	w := syncwriter.New(out)
	tty := report.IsTerminal(out)
	fmt.Fprintf(w, "running %d steps as a pipeline: each is submitted once the steps it comes after have succeeded\n", p.Len())
	start := time.Now()
	prog := report.StartProgress(w, tty, progressInterval, func() string { return report.StatsLine(c.Stats(), p.Len()) })
	res, err := pipeline.Run(ctx, c, p, pipeline.WithEvents(func(e pipeline.Event) {
		if tty {
			return // the progress line is rewritten in place
		}
		switch e.Kind {
		case pipeline.StepSubmitted:
			fmt.Fprintf(w, "  +%.3f s  submitted %-17s query ID %s\n", e.At.Sub(start).Seconds(), e.Step, e.QueryID)
		case pipeline.StepFinished:
			fmt.Fprintf(w, "  +%.3f s  %-9s %s\n", e.At.Sub(start).Seconds(), e.Status, e.Step)
		}
	}))
	prog.Stop()
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return stopPipeline(ctx, res)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "results:")
	for _, s := range res.Steps {
		switch {
		case s.Status != pipeline.Succeeded:
			fmt.Fprintf(w, "  %-17s %s%s\n", s.Name, s.Status, why(s))
		case s.RowsAffected > 0:
			fmt.Fprintf(w, "  %-17s %7s rows written\n", s.Name, thousands(s.RowsAffected))
		default:
			fmt.Fprintf(w, "  %-17s %7s rows\n", s.Name, thousands(int64(s.RowsReturned)))
		}
	}
	fmt.Fprintln(w)
	hctx, cancel := context.WithTimeout(ctx, historyTimeout)
	times, err := pipeline.ReadServerTimes(hctx, t.DB, res.QueryIDs(), pipeline.InDatabase(n.database))
	cancel()
	if err != nil {
		return err
	}
	res.SetServerTimes(times)
	rep := report.FromPipeline("parallel-load -pipeline: the loads and updates, then the aggregate after all of them", res)
	if err := rep.WriteText(out); err != nil {
		return err
	}
	if cfg.svgPath != "" {
		if err := report.WriteFile(cfg.svgPath, rep.WriteSVG); err != nil {
			return err
		}
		fmt.Fprintf(out, "\nwrote the timeline to %s\n", cfg.svgPath)
	}
	return res.Err()
}

// stopPipeline, once ctx has ended, cancels on the server the steps the
// run left running and returns ctx's error naming the steps canceled, with
// any failure to cancel.
func stopPipeline(ctx context.Context, res *pipeline.Result) error {
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cancelWait)
	defer cancel()
	canceled, err := res.CancelUnfinished(cctx)
	stopped := "none"
	if len(canceled) > 0 {
		stopped = strings.Join(canceled, ", ")
	}
	return errors.Join(fmt.Errorf("%w; steps canceled on the server: %s", ctx.Err(), stopped), err)
}

// why is what follows a step's status in the results: its cause or its
// error.
func why(s pipeline.StepResult) string {
	switch {
	case s.Err != nil:
		return ": " + s.Err.Error()
	case s.Cause != "":
		return " (" + s.Cause + ")"
	}
	return ""
}
