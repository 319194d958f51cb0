package main

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"golang.org/x/sync/errgroup"

	"github.com/sfasync/sfasync"
)

// contender is one way of running a scenario's statements.
type contender struct {
	name string
	// bound is a lower bound of the contender's wall time, so that a run
	// that cannot fit in the timeout is reported without being attempted;
	// why explains it. nil when the contender has no such bound.
	bound func(sc scenario, latency time.Duration) (d time.Duration, why string)
	// run runs every statement and returns once the client knows all have
	// ended, having reported each end to env.notices. It stops everything
	// it started before returning, also when ctx ends first.
	run func(ctx context.Context, env *runEnv) error
}

// runEnv is what a contender is given for one run.
type runEnv struct {
	db         *sql.DB
	statements []string
	tag        string   // query tag that marks this run's statements in the history
	notices    *notices // when the client learned each statement ended
}

// tagged returns ctx carrying the run's query tag, as gosnowflake sends it.
func (e *runEnv) tagged(ctx context.Context) context.Context {
	return sf.WithQueryTag(ctx, e.tag)
}

// contenders are all contenders, in the order they run.
var contenders = []contender{
	{name: "sequential", bound: sequentialBound, run: runSequential},
	{name: "errgroup", run: runErrgroup},
	{name: "async-pool", run: runAsyncPool},
	{name: "snowpark-loop", bound: snowparkBound, run: runSnowparkLoop},
	{name: "sfasync", run: func(ctx context.Context, env *runEnv) error { return runSfasync(ctx, env) }},
	{name: "scripting-async", run: runScriptingAsync},
}

func contenderNames() []string {
	names := make([]string, len(contenders))
	for i, c := range contenders {
		names[i] = c.name
	}
	return names
}

// contenderByName finds a contender; sfasync/N is sfasync with
// WithSessions(N), to measure what the number of sessions trades.
func contenderByName(name string) (contender, error) {
	for _, c := range contenders {
		if c.name == name {
			return c, nil
		}
	}
	if rest, ok := strings.CutPrefix(name, "sfasync/"); ok {
		n, err := strconv.Atoi(rest)
		if err != nil || n < 1 {
			return contender{}, fmt.Errorf("contender %q: want sfasync/N with N ≥ 1 sessions", name)
		}
		return contender{name: name, run: func(ctx context.Context, env *runEnv) error {
			return runSfasync(ctx, env, sfasync.WithSessions(n))
		}}, nil
	}
	return contender{}, fmt.Errorf("unknown contender %q (have %s, or sfasync/N for N sessions)", name, strings.Join(contenderNames(), ", "))
}

// withQueryID returns ctx set up so that the driver hands over the query ID
// of the statement run with it, and a function that returns that ID once the
// statement's call has returned ("" if the server never named it).
func withQueryID(ctx context.Context) (context.Context, func() string) {
	ch := make(chan string, 1) // the driver sends once, then closes
	return sf.WithQueryIDChan(ctx, ch), func() string {
		select {
		case id := <-ch:
			return id
		default:
			return ""
		}
	}
}

// sequentialBound: one statement after another takes at least the sum of
// their durations.
func sequentialBound(sc scenario, _ time.Duration) (time.Duration, string) {
	return sc.total(), fmt.Sprintf("%d statements one after another", len(sc.statements))
}

// runSequential is the code one writes first: db.ExecContext in a loop.
func runSequential(ctx context.Context, env *runEnv) error {
	for _, q := range env.statements {
		qctx, id := withQueryID(env.tagged(ctx))
		_, err := env.db.ExecContext(qctx, q)
		env.notices.ended(id(), time.Now(), err)
		if err != nil {
			return err
		}
	}
	return nil
}

// runErrgroup is the obvious concurrent code: errgroup, a goroutine per
// statement, each a synchronous db.ExecContext, so database/sql takes (and,
// beyond its two idle connections, logs in and out) a connection per
// statement. The group has no WithContext, so that one failure does not
// cancel the rest and the report can count failures.
func runErrgroup(ctx context.Context, env *runEnv) error {
	var g errgroup.Group
	for _, q := range env.statements {
		g.Go(func() error {
			qctx, id := withQueryID(env.tagged(ctx))
			_, err := env.db.ExecContext(qctx, q)
			env.notices.ended(id(), time.Now(), err)
			return err
		})
	}
	return g.Wait()
}

// runAsyncPool is raw gosnowflake async mode through database/sql's pool: a
// goroutine per statement submits with db.ExecContext(WithAsyncMode), which
// returns at once and hands the connection back to the pool, then waits in
// the result's RowsAffected, which blocks until the driver's own goroutine
// has fetched the result. As in runErrgroup, one failure cancels nothing.
//
// Once more connections are back in the pool than it keeps idle (two),
// database/sql closes them, which logs their sessions out while their
// statements run; the driver's result request then fails with 390111
// (session no longer exists), and on Snowflake the statements are aborted.
func runAsyncPool(ctx context.Context, env *runEnv) error {
	var g errgroup.Group
	for _, q := range env.statements {
		g.Go(func() error {
			qctx, id := withQueryID(env.tagged(ctx))
			res, err := env.db.ExecContext(sf.WithAsyncMode(qctx), q)
			if err == nil {
				_, err = res.RowsAffected()
			}
			env.notices.ended(id(), time.Now(), err)
			return err
		})
	}
	return g.Wait()
}

// statusTick is how long the Snowpark-style loop sleeps between sweeps, as
// the article's time.sleep(1).
const statusTick = time.Second

// snowparkBound: submissions and the first status sweep are each one round
// trip per statement, one after another.
func snowparkBound(sc scenario, latency time.Duration) (time.Duration, string) {
	n := len(sc.statements)
	return 2 * time.Duration(n) * latency, fmt.Sprintf("%d submissions and %d status checks one after another at %v each", n, n, latency)
}

// runSnowparkLoop is Snowpark Python's collect_nowait and is_done loop in Go:
// one session submits the statements one by one in async mode and collects
// their query IDs, then, like `while any(not job.is_done() ...):
// time.sleep(1)`, it asks for the status of every job not yet done, one
// request each, and sleeps a second between sweeps.
//
// gosnowflake's async mode starts a goroutine per statement that fetches the
// result; Snowpark's collect_nowait does not, so that fetch is canceled as
// soon as the query ID is known (its request may already have reached the
// server and is counted) and its goroutine is drained, and only the status
// loop learns that statements ended.
func runSnowparkLoop(ctx context.Context, env *runEnv) (err error) {
	conn, err := env.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var drains sync.WaitGroup
	defer drains.Wait()

	ids := make([]string, 0, len(env.statements))
	for _, q := range env.statements {
		sctx, cancel := context.WithCancel(env.tagged(ctx))
		var res driver.Result
		err := conn.Raw(func(dc any) error {
			var err error
			res, err = dc.(driver.ExecerContext).ExecContext(sf.WithAsyncMode(sctx), q, nil)
			return err
		})
		if err != nil {
			cancel()
			return err
		}
		sr, ok := res.(sf.SnowflakeResult)
		if !ok {
			cancel()
			return fmt.Errorf("driver returned %T, not a Snowflake result", res)
		}
		ids = append(ids, sr.GetQueryID())
		cancel()
		// RowsAffected takes the canceled fetch's error, which lets the
		// driver's goroutine end.
		drains.Go(func() { _, _ = res.RowsAffected() })
	}

	pending := ids
	for {
		var still []string
		for _, id := range pending {
			done, failure, err := snowparkIsDone(ctx, conn, id)
			if err != nil {
				return err
			}
			if done {
				env.notices.ended(id, time.Now(), failure)
			} else {
				still = append(still, id)
			}
		}
		pending = still
		if len(pending) == 0 {
			return nil
		}
		t := time.NewTimer(statusTick)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
	}
}

// snowparkIsDone is AsyncJob.is_done: one GET /monitoring/queries/{id}.
// gosnowflake answers a running statement with ErrQueryIsRunning, a failed
// one with ErrQueryReportedError or with ErrQueryStatus carrying the
// statement's error code, and a finished one with no error.
// It returns the statement's failure apart from a failure to ask.
func snowparkIsDone(ctx context.Context, conn *sql.Conn, id string) (done bool, failure, err error) {
	err = conn.Raw(func(dc any) error {
		sc, ok := dc.(sf.SnowflakeConnection)
		if !ok {
			return fmt.Errorf("driver connection %T has no GetQueryStatus", dc)
		}
		_, err := sc.GetQueryStatus(ctx, id)
		var se *sf.SnowflakeError
		switch {
		case err == nil:
			done = true
		case !errors.As(err, &se):
			return err
		case se.Number == sf.ErrQueryIsRunning:
		case se.Number == sf.ErrQueryReportedError:
			done, failure = true, err
		case se.Number == sf.ErrQueryStatus && len(se.MessageArgs) > 0:
			done, failure = true, err // the statement's own error code
		case se.Number == sf.ErrQueryStatus:
			// No status yet (just submitted): ask again next sweep.
		default:
			return err
		}
		return nil
	})
	return done, failure, err
}

// runSfasync is sfasync as its README shows it: a client on the fresh
// *sql.DB, SubmitNoWait from a goroutine per statement (a loop would pay a
// round trip per statement one after another), then Completed, which yields
// jobs in the order they end. Completed starts once every submission has
// returned, so a statement that ends before the last submission returns is
// noticed only then: when submitting takes longer than a statement runs,
// the notice latency includes that wait.
func runSfasync(ctx context.Context, env *runEnv, opts ...sfasync.Option) error {
	c := sfasync.New(env.db, append([]sfasync.Option{sfasync.WithQueryTag(env.tag)}, opts...)...)
	defer c.Close()
	jobs := make([]*sfasync.AsyncJob, len(env.statements))
	g, gctx := errgroup.WithContext(ctx)
	for i, q := range env.statements {
		g.Go(func() error {
			j, err := c.SubmitNoWait(gctx, q)
			jobs[i] = j
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	var errs []error
	for j, err := range sfasync.Completed(ctx, jobs...) {
		if ctx.Err() != nil {
			return ctx.Err() // the rest are yielded unfinished
		}
		env.notices.ended(j.QueryID(), time.Now(), err)
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
