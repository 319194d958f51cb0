package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/sfasync/sfasync/pipeline"
)

// config is what the command line and the environment ask for.
type config struct {
	dir         string
	maxInFlight int
	policy      pipeline.Policy
	dryRun      bool
	svgPath     string
	jsonPath    string
	runID       string
	local       bool
	connection  string
	dsn         string
	sessions    int
	history     time.Duration // how long to wait for the query history; 0: do not read it
	quiet       bool
}

// latency is what the embedded sftest of -local adds to every response: a
// cloud round trip, so the timings look like a real account's.
const latency = 25 * time.Millisecond

// parseFlags reads args and the environment into a config. Usage goes to
// out; -h gives flag.ErrHelp.
func parseFlags(args []string, out io.Writer, getenv func(string) string) (config, error) {
	cfg := config{dsn: getenv("SNOWFLAKE_DSN")}
	fs := flag.NewFlagSet("sfrun", flag.ContinueOnError)
	fs.SetOutput(out)
	policy := fs.String("policy", "skip", "on a failure: `skip` the steps after it and go on, or `cancel` everything running")
	fs.IntVar(&cfg.maxInFlight, "max-in-flight", 0, "run at most `n` steps at once (0: no bound)")
	fs.BoolVar(&cfg.dryRun, "dry-run", false, "print the plan (levels, critical path from -- estimate: headers) and run nothing")
	fs.StringVar(&cfg.svgPath, "svg", "", "also write the run's timeline as SVG to this `file`")
	fs.StringVar(&cfg.jsonPath, "json", "", "also write the run's report as JSON to this `file`")
	fs.StringVar(&cfg.runID, "run-id", "", "the run's `ID`: statements are tagged with it and each step's name, and a run started again with the same ID resumes it")
	fs.BoolVar(&cfg.local, "local", false, "run on an embedded sftest (a local Snowflake) instead of SNOWFLAKE_DSN or -connection")
	fs.StringVar(&cfg.connection, "connection", "", "run on Snowflake with this `name`d connection from gosnowflake's connections.toml")
	fs.IntVar(&cfg.sessions, "sessions", 16, "Snowflake sessions the client submits through (sfasync.WithSessions)")
	fs.DurationVar(&cfg.history, "history", 10*time.Second, "wait up to this long for the query history's start, QUEUED and BLOCKED times (0: do not read it)")
	fs.BoolVar(&cfg.quiet, "q", false, "no progress display, no per-step lines")
	fs.Usage = func() {
		fmt.Fprintln(out, `usage: sfrun [flags] DIR

Runs every .sql file in DIR as one step of a pipeline, named after the file.
A step starts the moment the steps named in its header have succeeded:

	-- after: load_na, load_eu
	-- estimate: 2s          (optional, for -dry-run's critical path)
	INSERT INTO ...;

Connects with SNOWFLAKE_DSN, -connection NAME, or -local. Exit status 0 only
if every step succeeded.

Flags:`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return cfg, fmt.Errorf("want one folder of .sql files, got %d arguments", fs.NArg())
	}
	cfg.dir = fs.Arg(0)
	var err error
	if cfg.policy, err = pipeline.ParsePolicy(*policy); err != nil {
		return cfg, err
	}
	if cfg.maxInFlight < 0 {
		return cfg, fmt.Errorf("-max-in-flight %d: want 0 or more", cfg.maxInFlight)
	}
	if cfg.local {
		cfg.dsn, cfg.connection = "", ""
	}
	return cfg, nil
}
