// Package sfconn opens the database the programs here run on: real
// Snowflake through a DSN or a named connection from gosnowflake's
// connections.toml, or an embedded sftest.
package sfconn

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/sfasync/sfasync/sftest"
)

// Target is an open database and, for an embedded sftest, its server.
type Target struct {
	DB       *sql.DB
	Server   *sftest.Server // nil on real Snowflake
	Embedded bool
	// Description says what it is, for a program's first line of output.
	Description string
}

// Options say which database to open: DSN if set, else Connection (a name
// in connections.toml), else an embedded sftest with Latency per response.
type Options struct {
	DSN        string
	Connection string
	Latency    time.Duration
}

// Open opens the database o points at and, on real Snowflake, logs in once
// so that a bad DSN or connection fails here, named as such.
func Open(ctx context.Context, o Options) (*Target, error) {
	switch {
	case o.DSN != "" && o.Connection != "":
		return nil, errors.New("both SNOWFLAKE_DSN and a connection name are set: choose one")
	case o.DSN != "":
		db, err := sql.Open("snowflake", o.DSN)
		if err != nil {
			return nil, fmt.Errorf("SNOWFLAKE_DSN: %w", err)
		}
		if err := ping(ctx, db); err != nil {
			return nil, err
		}
		return &Target{DB: db, Description: "Snowflake (SNOWFLAKE_DSN)"}, nil
	case o.Connection != "":
		// gosnowflake reads a named connection only through its "autoConfig"
		// DSN, which takes the name from this environment variable and the
		// file from SNOWFLAKE_HOME (else ~/.snowflake).
		if err := os.Setenv("SNOWFLAKE_DEFAULT_CONNECTION_NAME", o.Connection); err != nil {
			return nil, err
		}
		db, err := sql.Open("snowflake", "autoConfig")
		if err != nil {
			return nil, fmt.Errorf("connection %q: %w", o.Connection, err)
		}
		if err := ping(ctx, db); err != nil {
			return nil, fmt.Errorf("connection %q: %w", o.Connection, err)
		}
		return &Target{DB: db, Description: fmt.Sprintf("Snowflake (connection %q from connections.toml)", o.Connection)}, nil
	}
	srv, err := sftest.NewServer(sftest.WithLatency(o.Latency))
	if err != nil {
		return nil, fmt.Errorf("start the embedded sftest: %w", err)
	}
	db, err := sql.Open("snowflake", srv.DSN())
	if err != nil {
		return nil, errors.Join(err, srv.Close())
	}
	return &Target{DB: db, Server: srv, Embedded: true,
		Description: fmt.Sprintf("an embedded sftest (a local Snowflake, %v per response)", o.Latency)}, nil
}

// ping logs in once; on failure it closes db.
func ping(ctx context.Context, db *sql.DB) error {
	if err := db.PingContext(ctx); err != nil {
		return errors.Join(fmt.Errorf("log in: %w", err), db.Close())
	}
	return nil
}

// Close closes the database and, if there is one, the embedded server.
func (t *Target) Close() error {
	err := t.DB.Close()
	if t.Server != nil {
		err = errors.Join(err, t.Server.Close())
	}
	return err
}
