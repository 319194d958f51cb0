package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/report"
	"github.com/sfasync/sfasync/sftest"
)

// soakConfig is what `sfbench soak` was asked for.
type soakConfig struct {
	n           int
	maxInFlight int
	sessions    int
	faults      float64
	latency     time.Duration
	seed        int64
	dsn         string
	heapProfile string
}

// runSoak is `sfbench soak`: n inserts of one row each, through one client
// with WithMaxInFlight, against an sftest that faults a fraction of the
// requests to every endpoint with every kind of fault. It reports how many
// statements were lost or ran twice (from the rows the inserts wrote), the
// faults injected, the time the same run takes with no faults, and the
// client's heap after each thousand. With -dsn it runs against that server
// (a standalone sftest started with -mixed-faults, so that the heap
// figures are the client's alone); otherwise against one in this process.
func runSoak(ctx context.Context, out io.Writer, args []string) error {
	fs := flag.NewFlagSet("sfbench soak", flag.ContinueOnError)
	fs.SetOutput(out)
	var cfg soakConfig
	fs.IntVar(&cfg.n, "n", 10000, "statements to run")
	fs.IntVar(&cfg.maxInFlight, "max-in-flight", 256, "the client's WithMaxInFlight")
	fs.IntVar(&cfg.sessions, "sessions", 16, "the client's WithSessions (16 is its default)")
	fs.Float64Var(&cfg.faults, "faults", 0.1, "fraction of the requests to every endpoint that get a fault (in-process server only)")
	fs.DurationVar(&cfg.latency, "latency", 25*time.Millisecond, "latency the in-process server adds to every response")
	fs.Int64Var(&cfg.seed, "seed", 1, "fault generator seed")
	fs.StringVar(&cfg.dsn, "dsn", "", "DSN of a standalone sftest to use instead of one in this process")
	fs.StringVar(&cfg.heapProfile, "heapprofile", "", "write a heap profile of the process to this file after the last run (after a GC)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.n < 1 || cfg.maxInFlight < 1 || cfg.sessions < 1 || cfg.faults < 0 || cfg.faults > 1 {
		return errors.New("soak: -n, -max-in-flight and -sessions must be positive, -faults in [0, 1]")
	}
	fmt.Fprintf(out, "soak: %d statements, WithMaxInFlight(%d), WithSessions(%d)\n\n", cfg.n, cfg.maxInFlight, cfg.sessions)
	fmt.Fprintln(out, "| faults | wall | errors | lost | ran twice | faults injected | requests/job | client's recoveries | heap after each 1,000 (MiB) |")
	fmt.Fprintln(out, "|---|---|---|---|---|---|---|---|---|")
	fractions := []float64{0, cfg.faults}
	if cfg.dsn != "" {
		fractions = []float64{-1} // whatever the standalone server injects
	}
	for _, f := range fractions {
		res, err := soakOnce(ctx, cfg, f)
		if err != nil {
			return err
		}
		if res.firstFailure != nil {
			defer fmt.Fprintf(out, "\nfirst error (faults %v): %v\n", f, res.firstFailure)
		}
		label := "server's"
		if f >= 0 {
			label = fmt.Sprintf("%.0f %%", 100*f)
		}
		fmt.Fprintf(out, "| %s | %s | %d | %d | %d | %s | %s | %s | %s |\n", label, res.wall.Round(10*time.Millisecond), res.failed, res.lost, res.twice, res.injected, res.requests, recoveries(res.recovered), res.heaps)
	}
	if cfg.heapProfile != "" {
		return writeHeapProfile(cfg.heapProfile)
	}
	return nil
}

// writeHeapProfile writes the heap profile, after a GC, to path.
func writeHeapProfile(path string) error {
	runtime.GC()
	if err := report.WriteFile(path, pprof.WriteHeapProfile); err != nil {
		return fmt.Errorf("soak: heap profile: %w", err)
	}
	return nil
}

// soakResult is one soak run's figures.
type soakResult struct {
	wall         time.Duration
	failed       int   // jobs that returned an error
	firstFailure error // the first of them
	lost, twice  int
	injected     string
	requests     string // HTTP requests per statement, as the server counted them
	recovered    sfasync.Recoveries
	heaps        string
}

func soakOnce(ctx context.Context, cfg soakConfig, fraction float64) (soakResult, error) {
	var res soakResult
	dsn := cfg.dsn
	var srv *sftest.Server
	if dsn == "" {
		opts := []sftest.Option{sftest.WithLatency(cfg.latency), sftest.WithMaxConcurrency(1024)}
		if fraction > 0 {
			opts = append(opts, sftest.WithFaults(cfg.seed, sftest.MixedFaults(fraction, 50*time.Millisecond)...))
		}
		var err error
		if srv, err = sftest.NewServer(opts...); err != nil {
			return res, err
		}
		defer srv.Close()
		dsn = srv.DSN()
	}
	db, err := sql.Open("snowflake", dsn)
	if err != nil {
		return res, err
	}
	defer db.Close()
	table := fmt.Sprintf("SOAK_%d", time.Now().UnixNano())
	if _, err := db.ExecContext(ctx, "CREATE TABLE "+table+" (I INT)"); err != nil {
		return res, fmt.Errorf("soak: %w", err)
	}
	c := sfasync.New(db, sfasync.WithMaxInFlight(cfg.maxInFlight), sfasync.WithSessions(cfg.sessions))
	defer c.Close()

	var (
		next  atomic.Int64
		mu    sync.Mutex // guards done, res's failures and heaps
		done  int
		heaps []float64
		wg    sync.WaitGroup
	)
	start := time.Now()
	for range cfg.maxInFlight {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= int64(cfg.n) || ctx.Err() != nil {
					return
				}
				err := soakOne(ctx, c, table, i)
				mu.Lock()
				if err != nil {
					if res.failed++; res.failed == 1 {
						res.firstFailure = err
					}
				}
				if done++; done%1000 == 0 {
					runtime.GC()
					var ms runtime.MemStats
					runtime.ReadMemStats(&ms)
					heaps = append(heaps, float64(ms.HeapAlloc)/(1<<20))
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	res.wall = time.Since(start)
	res.recovered = c.Stats().Recovered
	var distinct, rows int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(DISTINCT I), COUNT(*) FROM "+table).Scan(&distinct, &rows); err != nil {
		return res, fmt.Errorf("soak: counting rows: %w", err)
	}
	res.lost, res.twice = cfg.n-distinct, rows-distinct
	res.injected, res.requests = "see the server", "?"
	if srv != nil {
		res.injected = fmt.Sprint(srv.Faults().Total())
		res.requests = fmt.Sprintf("%.2f", float64(srv.Counts().Total())/float64(cfg.n))
	}
	for i, h := range heaps {
		if i > 0 {
			res.heaps += " "
		}
		res.heaps += fmt.Sprintf("%.1f", h)
	}
	return res, nil
}

// soakOne inserts row i and checks that one row was inserted.
func soakOne(ctx context.Context, c *sfasync.Client, table string, i int64) error {
	j, err := c.SubmitNoWait(ctx, fmt.Sprintf("INSERT INTO %s (I) VALUES (%d)", table, i))
	if err != nil {
		return err
	}
	r, err := j.Result(ctx)
	if err != nil {
		return err
	}
	if r.RowsAffected != 1 {
		return fmt.Errorf("insert %d: %d rows affected", i, r.RowsAffected)
	}
	return nil
}

// recoveries is r in a few words, "none" if the client recovered from nothing.
func recoveries(r sfasync.Recoveries) string {
	var parts []string
	for _, p := range []struct {
		n    int64
		what string
	}{
		{r.Resent, "resent"}, {r.LookedUp, "looked up"}, {r.Found, "found by tag"}, {r.Resubmitted, "resubmitted"},
		{r.LoginRetries, "logins retried"}, {r.SessionsLost, "sessions lost"}, {r.WaitRetries, "waits asked again"},
	} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}
