// Command sfbench runs the ways a Go programmer can fan out independent
// Snowflake statements side by side, in one process against one local
// Snowflake (sftest) with an injected network latency, and prints what each
// costs: wall time against the longest statement, start spread, HTTP
// requests and logins per job, how late the client learns that a statement
// ended, and the goroutines, heap and database connections it holds.
//
// Usage:
//
//	go run ./cmd/sfbench [-scenarios seed,fanout-64,...] [-contenders sequential,sfasync,...]
//	                     [-latency 25ms] [-timeout 60s] [-json figures.json]
//	go run ./cmd/sfbench soak [-n 10000] [-max-in-flight 256] [-sessions 16] [-faults 0.1] [-dsn DSN]
//
// Contenders: sequential (db.ExecContext one after another), errgroup (a
// goroutine and a pooled connection per statement), async-pool (gosnowflake's
// WithAsyncMode through database/sql's pool), snowpark-loop (one session
// submits one by one, then checks every job's status each second) and
// sfasync (SubmitNoWait from a goroutine per statement, then Completed).
// Scenarios: seed (3 × 2 s and 3 × 1 s) and fanout-N (N × SYSTEM$WAIT(1)).
// A contender whose own lower bound exceeds -timeout is reported as skipped
// with that bound; one that runs out of time as not finished.
//
// One sftest server serves the whole run; every contender and scenario gets a
// fresh *sql.DB (so its logins count from zero) and fresh counters, taken as
// deltas of the server's counters and its query history filtered by a query
// tag unique to that run. The table goes to stdout, progress to stderr.
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
	"runtime/pprof"
	"strings"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"

	"github.com/sfasync/sfasync/sftest"
)

func main() {
	// The driver logs to stderr at level error, also for the fetches the
	// Snowpark-style loop cancels on purpose; failures are in the report.
	_ = sf.GetLogger().SetLogLevel("fatal")
	// gosnowflake probes cloud metadata addresses on its first connection;
	// the benchmark talks to a loopback sftest only.
	_ = os.Setenv("SNOWFLAKE_DISABLE_PLATFORM_DETECTION", "true")
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Stdout, os.Args[1:])
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "sfbench:", err)
		os.Exit(1)
	}
}

// config is what the command line asked for.
type config struct {
	scenarios      []scenario
	dags           []dagScenario
	contenders     []contender
	latency        time.Duration
	timeout        time.Duration
	scale          float64
	maxConcurrency int
	jsonPath       string
	cpuProfile     string
	quiet          bool
}

// run parses args, measures every chosen contender on every chosen scenario
// against one sftest server, and writes the report to out (and to the -json
// file). Progress goes to stderr unless -q. It returns when every run has
// ended and everything it started is stopped.
func run(ctx context.Context, out io.Writer, args []string) error {
	if len(args) > 0 && args[0] == "soak" {
		return runSoak(ctx, out, args[1:])
	}
	cfg, err := parseFlags(out, args)
	if err != nil {
		return err
	}
	srv, err := sftest.NewServer(
		sftest.WithLatency(cfg.latency),
		sftest.WithMaxConcurrency(cfg.maxConcurrency),
	)
	if err != nil {
		return fmt.Errorf("start sftest: %w", err)
	}
	defer srv.Close()

	if err := warmUp(ctx, srv); err != nil {
		return err
	}
	if cfg.cpuProfile != "" {
		stop, err := startCPUProfile(cfg.cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	rep := newReport(cfg, args)
	for _, sc := range cfg.scenarios {
		for _, c := range cfg.contenders {
			if err := ctx.Err(); err != nil {
				return err
			}
			if !cfg.quiet {
				fmt.Fprintf(os.Stderr, "sfbench: %s × %s ...\n", sc.name, c.name)
			}
			row := measure(ctx, srv, c, sc, cfg, len(rep.Rows))
			if !cfg.quiet {
				fmt.Fprintf(os.Stderr, "sfbench: %s × %s: %s\n", sc.name, c.name, row.summary())
			}
			rep.Rows = append(rep.Rows, row)
		}
	}
	if len(cfg.scenarios) > 0 {
		if err := rep.writeMarkdown(out); err != nil {
			return err
		}
	}
	for _, d := range cfg.dags {
		if err := runDAG(ctx, out, srv, d, cfg); err != nil {
			return err
		}
	}
	if cfg.jsonPath != "" {
		return rep.writeJSON(cfg.jsonPath)
	}
	return nil
}

// warmUp logs in and out once before anything is measured, so that the
// driver's one-time work on its first connection (platform detection, which
// the first login waits for up to 200 ms) is not charged to the first run.
func warmUp(ctx context.Context, srv *sftest.Server) error {
	db, err := sql.Open("snowflake", srv.DSN())
	if err != nil {
		return err
	}
	err = db.PingContext(ctx)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("warm-up login: %w", err)
	}
	return nil
}

// startCPUProfile starts profiling the CPU into path and returns what stops
// it and closes the file.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}, nil
}

// parseFlags reads the command line; usage and flag errors go to out.
func parseFlags(out io.Writer, args []string) (config, error) {
	fs := flag.NewFlagSet("sfbench", flag.ContinueOnError)
	fs.SetOutput(out)
	var (
		cfg        config
		scenarios  = fs.String("scenarios", strings.Join(scenarioNames, ","), "comma-separated scenarios to run: "+strings.Join(scenarioNames, ", "))
		contenders = fs.String("contenders", strings.Join(contenderNames(), ","), "comma-separated contenders to run: "+strings.Join(contenderNames(), ", ")+", or sfasync/N (sfasync with N sessions)")
	)
	fs.DurationVar(&cfg.latency, "latency", 25*time.Millisecond, "latency sftest adds to every response, like a cloud round trip")
	fs.DurationVar(&cfg.timeout, "timeout", 60*time.Second, "time each contender gets per scenario; one that would need longer is reported as not finishing")
	fs.Float64Var(&cfg.scale, "scale", 1, "scales every statement's duration (0.1 makes SYSTEM$WAIT(1) wait 100 ms), for quick runs")
	fs.IntVar(&cfg.maxConcurrency, "max-concurrency", 8192, "sftest's warehouse concurrency: statements beyond it are QUEUED")
	fs.StringVar(&cfg.jsonPath, "json", "", "also write the figures as JSON to this file")
	fs.StringVar(&cfg.cpuProfile, "cpuprofile", "", "write a CPU profile of the whole run (client and server) to this file")
	fs.BoolVar(&cfg.quiet, "q", false, "no progress lines on stderr")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if cfg.scale <= 0 || cfg.timeout <= 0 || cfg.latency < 0 {
		return cfg, errors.New("-scale and -timeout must be positive, -latency not negative")
	}
	for _, name := range splitList(*scenarios) {
		if d, ok, err := dagByName(name, cfg.scale); ok {
			if err != nil {
				return cfg, err
			}
			cfg.dags = append(cfg.dags, d)
			continue
		}
		sc, err := scenarioByName(name, cfg.scale)
		if err != nil {
			return cfg, err
		}
		cfg.scenarios = append(cfg.scenarios, sc)
	}
	for _, name := range splitList(*contenders) {
		c, err := contenderByName(name)
		if err != nil {
			return cfg, err
		}
		cfg.contenders = append(cfg.contenders, c)
	}
	if len(cfg.scenarios)+len(cfg.dags) == 0 || len(cfg.contenders) == 0 {
		return cfg, errors.New("nothing to run: give at least one scenario and one contender")
	}
	return cfg, nil
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
