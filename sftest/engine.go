package sftest

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/duckdb/duckdb-go/v2"
)

// engine is the one embedded DuckDB database behind a Server. Every running
// statement borrows its own connection from db's pool.
type engine struct {
	db *sql.DB
	// declared caches the declared types of table columns (catalog_declared.go).
	declared declaredCatalog
	// writes counts writes outside transactions, for their replays (txn_replay.go).
	writes writeClock

	mu       sync.Mutex
	free     []*pooledConn // idle connections and the database.schema each is set to
	maxIdle  int
	isClosed bool
}

// pooledConn is an idle DuckDB connection that remembers its current
// database and schema, so a statement in the same place skips the USE.
type pooledConn struct {
	c *sql.Conn
	connPlace
}

// connPlace is the database and schema a DuckDB connection's last USE
// pointed it at; both "" when not known.
type connPlace struct{ db, schema string }

// moveTo points c at db.schema unless p says it is there already, and
// remembers where it is; a failed USE leaves p not known.
func (p *connPlace) moveTo(ctx context.Context, c *sql.Conn, db, schema string) error {
	if p.db == db && p.schema == schema {
		return nil
	}
	*p = connPlace{}
	if err := useOn(ctx, c, db, schema); err != nil {
		return err
	}
	*p = connPlace{db, schema}
	return nil
}

// resultsSchema is the private DuckDB schema where RESULT_SCAN materializes
// stored results; it lives in DuckDB's own in-memory catalog, not in any
// Snowflake-visible database.
const resultsSchema = "memory.sftest_results"

func newEngine(ctx context.Context, maxConcurrency int) (*engine, error) {
	connector, err := duckdb.NewConnector("", nil)
	if err != nil {
		return nil, fmt.Errorf("sftest: open duckdb: %w", err)
	}
	db := sql.OpenDB(connector)
	db.SetMaxIdleConns(maxConcurrency + 2)
	e := &engine{db: db, maxIdle: maxConcurrency + 2}
	for _, q := range append([]string{
		"ATTACH ':memory:' AS " + Database,
		"CREATE SCHEMA " + Database + "." + Schema,
		"CREATE SCHEMA " + resultsSchema,
		// Snowflake sorts NULLs as larger than any value: last ascending, first descending.
		"SET default_null_order = 'nulls_last_on_asc_first_on_desc'",
		// DuckDB would read and write zoned timestamps at the host's time
		// zone (TZ), so answers would differ between machines; sessions'
		// TIMEZONE defaults to UTC.
		"SET GLOBAL TimeZone = 'UTC'",
		createDivisorCheck,
	}, slices.Concat(createDateMacros, createImplicitMacros)...) {
		if _, err := db.ExecContext(ctx, q); err != nil {
			_ = db.Close()
			return nil, fmt.Errorf("sftest: prepare duckdb (%s): %w", q, err)
		}
	}
	if err := registerSHA2(ctx, db); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("sftest: prepare duckdb (%s): %w", sha2Func, err)
	}
	if err := registerExactDivision(ctx, db); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("sftest: prepare duckdb (%s): %w", exactDivFunc, err)
	}
	if err := registerVariantFuncs(ctx, db); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("sftest: prepare duckdb: %w", err)
	}
	if err := registerEngineFunctions(ctx, db); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("sftest: prepare duckdb: %w", err)
	}
	return e, nil
}

func (e *engine) close() error {
	e.mu.Lock()
	free := e.free
	e.free, e.isClosed = nil, true
	e.mu.Unlock()
	for _, pc := range free {
		_ = pc.c.Close()
	}
	return e.db.Close()
}

// borrow returns a connection set to db.schema, preferring an idle one
// already there.
func (e *engine) borrow(ctx context.Context, db, schema string) (*pooledConn, error) {
	var pc *pooledConn
	e.mu.Lock()
	for i := len(e.free) - 1; i >= 0; i-- {
		if e.free[i].db == db && e.free[i].schema == schema {
			pc = e.free[i]
			e.free = append(e.free[:i], e.free[i+1:]...)
			break
		}
	}
	if pc == nil && len(e.free) > 0 {
		pc = e.free[len(e.free)-1]
		e.free = e.free[:len(e.free)-1]
	}
	e.mu.Unlock()
	if pc == nil {
		c, err := e.db.Conn(ctx)
		if err != nil {
			return nil, err
		}
		pc = &pooledConn{c: c}
	}
	if err := pc.moveTo(ctx, pc.c, db, schema); err != nil {
		_ = pc.c.Close()
		return nil, err
	}
	return pc, nil
}

// giveBack returns a borrowed connection. clean is false when the statement
// failed or may have changed the connection's current database (DDL): then
// the connection is not trusted to be where it says and is closed.
func (e *engine) giveBack(pc *pooledConn, clean bool) {
	e.mu.Lock()
	if clean && !e.isClosed && len(e.free) < e.maxIdle {
		e.free = append(e.free, pc)
		e.mu.Unlock()
		return
	}
	e.mu.Unlock()
	_ = pc.c.Close()
}

// useOn points a borrowed connection at db.schema.
func useOn(ctx context.Context, c *sql.Conn, db, schema string) error {
	_, err := c.ExecContext(ctx, "USE "+duckIdent(db)+"."+duckIdent(schema))
	return err
}

// quoteIdent quotes a DuckDB identifier.
func duckIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// databaseExists and schemaExists compare names case-insensitively, as DuckDB resolves them.
func (e *engine) databaseExists(ctx context.Context, db string) (bool, error) {
	var n int
	err := e.db.QueryRowContext(ctx,
		"SELECT count(*) FROM duckdb_databases() WHERE lower(database_name) = lower(?)", db).Scan(&n)
	return n > 0, err
}

func (e *engine) schemaExists(ctx context.Context, db, schema string) (bool, error) {
	var n int
	err := e.db.QueryRowContext(ctx,
		"SELECT count(*) FROM duckdb_schemas() WHERE lower(database_name) = lower(?) AND lower(schema_name) = lower(?)",
		db, schema).Scan(&n)
	return n > 0, err
}
