// Package sftestdb is the test setup the tests here share: a local
// Snowflake (sftest) with a database opened on it through gosnowflake.
package sftestdb

import (
	"database/sql"
	"testing"

	_ "github.com/snowflakedb/gosnowflake/v2" // registers the "snowflake" driver

	"github.com/sfasync/sfasync/sftest"
)

// Open starts an sftest server with opts and opens a database on it; t
// fails at once if either cannot be had. Both close when t ends, the
// database first.
func Open(t testing.TB, opts ...sftest.Option) (*sftest.Server, *sql.DB) {
	t.Helper()
	srv, err := sftest.NewServer(opts...)
	if err != nil {
		t.Fatalf("sftest server: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	db, err := sql.Open("snowflake", srv.DSN())
	if err != nil {
		t.Fatalf("open %s: %v", srv.DSN(), err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return srv, db
}

// DSNEnv is an environment, as the programs here read it, that holds only
// SNOWFLAKE_DSN naming srv: "" for every other key.
func DSNEnv(srv *sftest.Server) func(string) string {
	return func(k string) string {
		if k == "SNOWFLAKE_DSN" {
			return srv.DSN()
		}
		return ""
	}
}
