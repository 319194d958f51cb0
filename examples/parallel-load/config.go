package main

import (
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// config is what the command line and the environment ask for.
type config struct {
	scale      float64 // multiplies the statements' durations
	sequential bool    // run the statements one by one with ExecContext
	pipeline   bool    // run them as a pipeline, with an aggregate after all of them
	procedures bool    // run the jobs as CALLs of SQL stored procedures
	svgPath    string  // where to write the timeline as SVG; "" for none
	database   string  // upper-case unquoted identifier
	schema     string  // upper-case unquoted identifier
	connection string  // a connections.toml entry; "" for none
	dsn        string  // SNOWFLAKE_DSN; "" for none
}

// identifier is what this program accepts for a database or schema name:
// an unquoted Snowflake identifier, so it can be put into SQL as is.
var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_$]*$`)

// parseFlags reads args and the environment into a config. Usage goes to
// out; -h gives flag.ErrHelp.
func parseFlags(args []string, out io.Writer, getenv func(string) string) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("parallel-load", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Float64Var(&cfg.scale, "scale", 1, "multiply the statements' durations (1: loads 2 s, updates 1 s)")
	fs.BoolVar(&cfg.sequential, "sequential", false, "run the same statements one by one with ExecContext, for comparison")
	fs.BoolVar(&cfg.pipeline, "pipeline", false, "run the loads and updates as a pipeline, with an aggregate of sales by segment after all of them")
	fs.BoolVar(&cfg.procedures, "procedures", false, "create the loads and updates as SQL stored procedures and run the jobs as their CALLs")
	fs.StringVar(&cfg.svgPath, "svg", "", "also write the timeline as an SVG picture to this `file`")
	fs.StringVar(&cfg.database, "database", "DEMO_DB", "the `database` the tables go in (on real Snowflake it must exist)")
	fs.StringVar(&cfg.schema, "schema", "PUBLIC", "the `schema` the tables go in (on real Snowflake it must exist)")
	fs.StringVar(&cfg.connection, "connection", "", "run on real Snowflake with this `name`d connection from gosnowflake's connections.toml")
	fs.Usage = func() {
		fmt.Fprintln(out, "usage: parallel-load [flags]\n\nRuns on an embedded sftest unless SNOWFLAKE_DSN or -connection is given.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if cfg.pipeline && cfg.sequential {
		return cfg, fmt.Errorf("-pipeline and -sequential: choose one")
	}
	if cfg.pipeline && cfg.procedures {
		return cfg, fmt.Errorf("-pipeline and -procedures: choose one")
	}
	if !(cfg.scale > 0 && cfg.scale <= 600) {
		return cfg, fmt.Errorf("-scale %v: want a number above 0 and at most 600", cfg.scale)
	}
	for _, name := range []*string{&cfg.database, &cfg.schema} {
		if !identifier.MatchString(*name) {
			return cfg, fmt.Errorf("%q is not an unquoted Snowflake identifier", *name)
		}
		*name = strings.ToUpper(*name)
	}
	cfg.dsn = getenv("SNOWFLAKE_DSN")
	if cfg.dsn != "" && cfg.connection != "" {
		return cfg, fmt.Errorf("both SNOWFLAKE_DSN and -connection are set: choose one")
	}
	return cfg, nil
}
