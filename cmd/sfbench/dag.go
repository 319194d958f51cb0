package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/pipeline"
	"github.com/sfasync/sfasync/report"
	"github.com/sfasync/sfasync/sftest"
)

// dagScenario is a random DAG of statements with dependencies: dag-N has N
// steps, each of which comes after up to three earlier ones and waits 50 to
// 400 ms (times -scale), from a fixed seed so every run draws the same DAG.
// It is run by two contenders of its own: pipeline (pipeline.Run, each step
// submitted the moment its dependencies end) and stages (level by level,
// SubmitAll then WaitAll per level).
type dagScenario struct {
	name  string
	steps []pipeline.Step
	wait  map[string]time.Duration
}

// dagGapGoal is the goal for a step's start after its last
// dependency's end (p99).
const dagGapGoal = 40 * time.Millisecond

// dagSeed draws every dag-N scenario.
const dagSeed = 20250102

// dagByName builds dag-N; ok is false for a name that is not dag-N.
func dagByName(name string, scale float64) (d dagScenario, ok bool, err error) {
	rest, ok := strings.CutPrefix(name, "dag-")
	if !ok {
		return d, false, nil
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 1 {
		return d, true, fmt.Errorf("scenario %q: want dag-N with N ≥ 1", name)
	}
	rng := rand.New(rand.NewPCG(dagSeed, uint64(n)))
	d = dagScenario{name: name, wait: map[string]time.Duration{}}
	for i := range n {
		s := pipeline.Step{Name: fmt.Sprintf("s%03d", i)}
		for range rng.IntN(4) {
			if i == 0 {
				break
			}
			// Mostly recent steps, so the DAG has depth as well as width.
			dep := fmt.Sprintf("s%03d", max(i-1-rng.IntN(min(i, 12)), 0))
			if !slices.Contains(s.After, dep) {
				s.After = append(s.After, dep)
			}
		}
		ms := max(int64(float64(50+rng.IntN(351))*scale), 1)
		s.SQL = fmt.Sprintf("CALL SYSTEM$WAIT(%d, 'MILLISECONDS')", ms)
		d.wait[s.Name] = time.Duration(ms) * time.Millisecond
		d.steps = append(d.steps, s)
	}
	return d, true, nil
}

// dagRow is one contender's figures on a DAG.
type dagRow struct {
	contender string
	err       error
	wall      time.Duration // first submission to the last end learned
	critical  time.Duration // the longest chain of the steps' server run times
	floor     time.Duration // critical plus one response per step on that chain
	gapP50    time.Duration // a step's server start minus its last dependency's server end
	gapP99    time.Duration
	gapMax    time.Duration
	gapsOver  int // gaps over dagGapGoal
	gaps      int
	status    int64 // monitoring (status) requests
	perStep   float64
	ticks     int64 // progress ticks (Client.Stats calls) during the run
}

// runDAG runs d with both contenders, each on a fresh *sql.DB against srv,
// and writes a table of their figures to out.
func runDAG(ctx context.Context, out io.Writer, srv *sftest.Server, d dagScenario, cfg config) error {
	p, err := pipeline.New(d.steps...)
	if err != nil {
		return err
	}
	plan := p.Plan(d.wait)
	var rows []dagRow
	for _, c := range []struct {
		name string
		run  dagRun
	}{
		{"pipeline", runDAGPipeline},
		{"stages", runDAGStages},
	} {
		if err := ctx.Err(); err != nil {
			return err
		}
		rows = append(rows, measureDAG(ctx, srv, p, c.name, c.run, cfg, len(rows)))
	}
	fmt.Fprintf(out, "\n%s: %d steps in %d levels, seed %d; critical path by the steps' own waits %s (%d steps)\n\n",
		d.name, p.Len(), len(plan.Levels), dagSeed, plan.CriticalTime, len(plan.CriticalPath))
	fmt.Fprintf(out, "| contender | wall | critical path (server run times) | wall / critical path | wall / (critical path + one response per step on it) | start after last dependency p50 / p99 / max | over %s | status requests | requests per step | progress ticks |\n", dagGapGoal)
	fmt.Fprintln(out, "|---|---|---|---|---|---|---|---|---|---|")
	for _, r := range rows {
		if r.err != nil {
			fmt.Fprintf(out, "| %s | failed: %s | | | | | | | | |\n", r.contender, firstLine(r.err))
			continue
		}
		fmt.Fprintf(out, "| %s | %.2f s | %.2f s | %.3f | %.3f | %.0f / %.0f / %.0f ms | %d of %d | %d | %.2f | %d |\n",
			r.contender, r.wall.Seconds(), r.critical.Seconds(), r.wall.Seconds()/max(r.critical.Seconds(), 1e-9),
			r.wall.Seconds()/max(r.floor.Seconds(), 1e-9),
			ms(r.gapP50), ms(r.gapP99), ms(r.gapMax), r.gapsOver, r.gaps, r.status, r.perStep, r.ticks)
	}
	return nil
}

// measureDAG runs one contender on a fresh *sql.DB and client, with a
// progress display ticking Client.Stats every 10 ms meanwhile, and reads
// its figures from the server's history and counters.
func measureDAG(ctx context.Context, srv *sftest.Server, p *pipeline.Pipeline, name string, run dagRun, cfg config, seq int) dagRow {
	row := dagRow{contender: name}
	db, err := sql.Open("snowflake", srv.DSN())
	if err != nil {
		row.err = err
		return row
	}
	defer db.Close()
	tag := fmt.Sprintf("sfbench-dag-%s-%d", name, seq)
	c := sfasync.New(db, sfasync.WithQueryTag(tag))
	defer c.Close()

	counts0 := srv.Counts()
	var ticks atomic.Int64
	// A progress display, shown nowhere: what it shows costs no request.
	prog := report.StartProgress(io.Discard, false, 10*time.Millisecond, func() string {
		ticks.Add(1)
		return report.StatsLine(c.Stats(), p.Len())
	})
	rctx, cancel := context.WithTimeout(ctx, cfg.timeout)
	start := time.Now()
	ids, err := run(rctx, c, p)
	row.wall = time.Since(start)
	cancel()
	prog.Stop()
	row.ticks = ticks.Load()
	counts := subCounts(srv.Counts(), counts0)
	row.status = counts.Monitoring
	row.perStep = float64(counts.Query+counts.Result+counts.Monitoring+counts.Abort) / float64(p.Len())
	if err != nil {
		row.err = err
		return row
	}
	var gaps []time.Duration
	var hops int
	row.critical, hops, gaps, row.err = dagHistory(historyOf(srv.Queries(), tag), p, ids)
	row.floor = row.critical + time.Duration(hops)*cfg.latency
	if len(gaps) > 0 {
		row.gapP50, row.gapP99, row.gapMax = percentile(gaps, 0.5), percentile(gaps, 0.99), gaps[len(gaps)-1]
		row.gaps = len(gaps)
		for _, g := range gaps {
			if g > dagGapGoal {
				row.gapsOver++
			}
		}
	}
	return row
}

// dagRun runs a DAG through c and returns each step's query ID by name.
type dagRun func(ctx context.Context, c *sfasync.Client, p *pipeline.Pipeline) (map[string]string, error)

// dagHistory works out, from the run's history and each step's query ID,
// the critical path by server run times and how many steps it has, and,
// sorted, the gaps between a step's start and its last dependency's end.
func dagHistory(hist []sftest.Query, p *pipeline.Pipeline, ids map[string]string) (critical time.Duration, hops int, gaps []time.Duration, err error) {
	byID := map[string]sftest.Query{}
	for _, h := range hist {
		byID[h.ID] = h
	}
	q := map[string]sftest.Query{}
	for name, id := range ids {
		h, ok := byID[id]
		if !ok {
			return 0, 0, nil, fmt.Errorf("step %s (%s) is not in the history", name, id)
		}
		q[name] = h
	}
	run := map[string]time.Duration{}
	for _, s := range p.Steps() {
		run[s.Name] = max(q[s.Name].End.Sub(q[s.Name].Start), time.Nanosecond)
		var last time.Time
		for _, a := range s.After {
			if e := q[a].End; e.After(last) {
				last = e
			}
		}
		if !last.IsZero() {
			gaps = append(gaps, q[s.Name].Start.Sub(last))
		}
	}
	slices.Sort(gaps)
	plan := p.Plan(run)
	return plan.CriticalTime, len(plan.CriticalPath), gaps, nil
}

// runDAGPipeline runs the DAG with pipeline.Run.
func runDAGPipeline(ctx context.Context, c *sfasync.Client, p *pipeline.Pipeline) (map[string]string, error) {
	res, err := pipeline.Run(ctx, c, p)
	if err != nil {
		return nil, err
	}
	ids := map[string]string{}
	for _, s := range res.Steps {
		ids[s.Name] = s.QueryID
	}
	return ids, res.Err()
}

// runDAGStages runs the DAG level by level: every step of a level submitted
// with SubmitAll, then WaitAll, then the next level.
func runDAGStages(ctx context.Context, c *sfasync.Client, p *pipeline.Pipeline) (map[string]string, error) {
	ids := map[string]string{}
	byName := map[string]pipeline.Step{}
	for _, s := range p.Steps() {
		byName[s.Name] = s
	}
	for _, level := range p.Plan(nil).Levels {
		stmts := make([]sfasync.Statement, len(level))
		for i, name := range level {
			stmts[i] = sfasync.Statement{Name: name, SQL: byName[name].SQL}
		}
		jobs, err := c.SubmitAll(ctx, stmts...)
		if err != nil {
			return nil, err
		}
		for i, j := range jobs {
			ids[level[i]] = j.QueryID()
		}
		if _, err := sfasync.WaitAll(ctx, jobs...); err != nil {
			return nil, err
		}
	}
	return ids, nil
}
