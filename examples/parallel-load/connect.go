package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"

	"github.com/sfasync/sfasync/sftest"
)

// target is the database the pipeline runs on.
type target struct {
	db       *sql.DB
	srv      *sftest.Server // the embedded server; nil on real Snowflake
	embedded bool
}

// embeddedLatency is added to every response of the embedded server: a
// cloud round trip, so the timings look like a real account's.
const embeddedLatency = 25 * time.Millisecond

// connect opens the database cfg points at: real Snowflake through a DSN or
// a named connection, else a fresh embedded sftest.
func connect(ctx context.Context, cfg config, out io.Writer) (*target, error) {
	switch {
	case cfg.dsn != "":
		db, err := sql.Open("snowflake", cfg.dsn)
		if err != nil {
			return nil, fmt.Errorf("SNOWFLAKE_DSN: %w", err)
		}
		if err := ping(ctx, db); err != nil {
			return nil, err
		}
		fmt.Fprintln(out, "running on Snowflake (SNOWFLAKE_DSN)")
		return &target{db: db}, nil
	case cfg.connection != "":
		// gosnowflake reads a named connection only through its "autoConfig"
		// DSN, which takes the name from this environment variable.
		if err := os.Setenv("SNOWFLAKE_DEFAULT_CONNECTION_NAME", cfg.connection); err != nil {
			return nil, err
		}
		db, err := sql.Open("snowflake", "autoConfig")
		if err != nil {
			return nil, fmt.Errorf("connection %q: %w", cfg.connection, err)
		}
		if err := ping(ctx, db); err != nil {
			return nil, err
		}
		fmt.Fprintf(out, "running on Snowflake (connection %q from connections.toml)\n", cfg.connection)
		return &target{db: db}, nil
	}
	srv, err := sftest.NewServer(sftest.WithLatency(embeddedLatency))
	if err != nil {
		return nil, fmt.Errorf("start the embedded sftest: %w", err)
	}
	db, err := sql.Open("snowflake", srv.DSN())
	if err != nil {
		return nil, errors.Join(err, srv.Close())
	}
	fmt.Fprintf(out, "running on an embedded sftest (a local Snowflake, %v per response)\n", embeddedLatency)
	return &target{db: db, srv: srv, embedded: true}, nil
}

// ping logs in once so that a bad DSN fails here, named as such.
func ping(ctx context.Context, db *sql.DB) error {
	if err := db.PingContext(ctx); err != nil {
		return errors.Join(fmt.Errorf("log in: %w", err), db.Close())
	}
	return nil
}

// close closes the database and, if there is one, the embedded server.
func (t *target) close() error {
	err := t.db.Close()
	if t.srv != nil {
		err = errors.Join(err, t.srv.Close())
	}
	return err
}

// multi returns ctx for a request of n statements, which gosnowflake
// requires to be declared.
func multi(ctx context.Context, n int) context.Context {
	return sf.WithMultiStatement(ctx, n)
}
