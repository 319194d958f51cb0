package main

import (
	"context"
	"fmt"
	"io"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"

	"github.com/sfasync/sfasync/internal/sfconn"
)

// target is the database the pipeline runs on.
type target = sfconn.Target

// embeddedLatency is added to every response of the embedded server: a
// cloud round trip, so the timings look like a real account's.
const embeddedLatency = 25 * time.Millisecond

// connect opens the database cfg points at: real Snowflake through a DSN or
// a named connection, else a fresh embedded sftest.
func connect(ctx context.Context, cfg config, out io.Writer) (*target, error) {
	t, err := sfconn.Open(ctx, sfconn.Options{DSN: cfg.dsn, Connection: cfg.connection, Latency: embeddedLatency})
	if err != nil {
		return nil, err
	}
	fmt.Fprintln(out, "running on", t.Description)
	return t, nil
}

// multi returns ctx for a request of n statements, which gosnowflake
// requires to be declared.
func multi(ctx context.Context, n int) context.Context {
	return sf.WithMultiStatement(ctx, n)
}
