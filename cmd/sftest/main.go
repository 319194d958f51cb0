// Command sftest runs a local Snowflake (package sftest) as a process: it
// prints the DSN as the first line of standard output, serves until SIGINT
// or SIGTERM, then shuts down cleanly.
//
//	go run ./cmd/sftest -addr 127.0.0.1:0
//
// Faults can be injected into its answers, deterministically from a seed:
//
//	go run ./cmd/sftest -fault query:503:0.1 -fault query:answer-lost:next=1 -fault-seed 7
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/sfasync/sfasync/sftest"
)

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return // -h: the usage is printed, and asking for it is no failure
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "sftest:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sftest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "listen address (loopback only)")
	latency := fs.Duration("latency", 0, "added before every response, like a network round trip")
	loginLatency := fs.Duration("login-latency", 0, "added to every login, on top of -latency")
	maxConc := fs.Int("max-concurrency", 8, "statements running at once (MAX_CONCURRENCY_LEVEL); more are QUEUED")
	hold := fs.Duration("result-hold", 45*time.Second, "how long a result request is held while its statement runs")
	idle := fs.Duration("session-idle-timeout", 4*time.Hour, "a session token unused this long expires (390112) and must be renewed")
	grace := fs.Duration("logout-grace", 2*time.Minute, "statements of a logged-out session are aborted after this")
	monDelay := fs.Duration("monitoring-delay", 0, "monitoring answers with no status for this long after a statement is accepted")
	chunkRows := fs.Int("chunk-rows", 100_000, "rows per result chunk; larger results are downloaded in chunks")
	var faults faultFlag
	fs.Var(&faults, "fault", "inject a fault (repeatable): "+sftest.FaultSyntax)
	mixed := fs.Float64("mixed-faults", 0, "fault this fraction of the requests to every endpoint, every fault kind mixed (delays of 50ms)")
	faultSeed := fs.Int64("fault-seed", 1, "seed of the generator that decides which requests get a fractional -fault")
	verbose := fs.Bool("v", false, "log to standard error")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if *mixed < 0 || *mixed > 1 {
		return fmt.Errorf("-mixed-faults %v is not in [0, 1]", *mixed)
	}
	if *mixed > 0 {
		faults = append(faults, sftest.MixedFaults(*mixed, 50*time.Millisecond)...)
	}
	opts := []sftest.Option{
		sftest.WithAddr(*addr),
		sftest.WithLatency(*latency),
		sftest.WithLoginLatency(*loginLatency),
		sftest.WithMaxConcurrency(*maxConc),
		sftest.WithResultHold(*hold),
		sftest.WithSessionIdleTimeout(*idle),
		sftest.WithLogoutGrace(*grace),
		sftest.WithMonitoringDelay(*monDelay),
		sftest.WithChunkRows(*chunkRows),
		sftest.WithFaults(*faultSeed, faults...),
	}
	if *verbose {
		opts = append(opts, sftest.WithLogger(slog.New(slog.NewTextHandler(stderr, nil))))
	}
	srv, err := sftest.NewServer(opts...)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if _, err := fmt.Fprintln(stdout, srv.DSN()); err != nil {
		_ = srv.Close()
		return err
	}
	<-ctx.Done()
	return srv.Close()
}

// faultFlag collects repeated -fault flags; a bad one fails flag parsing.
type faultFlag []sftest.Fault

func (f *faultFlag) String() string { return fmt.Sprint(len(*f), " faults") }

func (f *faultFlag) Set(spec string) error {
	fault, err := sftest.ParseFault(spec)
	if err != nil {
		return err
	}
	*f = append(*f, fault)
	return nil
}
