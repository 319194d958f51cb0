// Command sftest runs a local Snowflake (package sftest) as a process: it
// prints the DSN as the first line of standard output, serves until SIGINT
// or SIGTERM, then shuts down cleanly.
//
//	go run ./cmd/sftest -addr 127.0.0.1:0
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/sfasync/sfasync/sftest"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
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
	verbose := fs.Bool("v", false, "log to standard error")
	if err := fs.Parse(args); err != nil {
		return err
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
