package sfasync

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
)

// genericBackend runs each statement in the background on a connection of its
// own from database/sql's pool: the path for DuckDB, PostgreSQL, go-sqlmock
// and any driver that has no query IDs of its own. Query IDs are made up
// locally, so a statement cannot be attached to by ID.
type genericBackend struct {
	db    *sql.DB
	mu    sync.Mutex
	stmts map[string]*genericStmt
}

type genericStmt struct {
	cancel   context.CancelFunc
	canceled bool
}

func newGenericBackend(db *sql.DB) *genericBackend {
	return &genericBackend{db: db, stmts: make(map[string]*genericStmt)}
}

func (b *genericBackend) submit(ctx, run context.Context, query string, args []any, _ string) (string, waitFunc, error) {
	if err := ctx.Err(); err != nil {
		return "", nil, fmt.Errorf("sfasync: submit: %w", err)
	}
	id := newQueryID()
	jctx, jcancel := detach(run, ctx)
	st := &genericStmt{cancel: jcancel}
	b.mu.Lock()
	b.stmts[id] = st
	b.mu.Unlock()
	wait := func(context.Context) outcome {
		defer func() {
			b.mu.Lock()
			delete(b.stmts, id)
			b.mu.Unlock()
			jcancel()
		}()
		res, err := runGeneric(jctx, b.db, id, query, args)
		if err != nil {
			b.mu.Lock()
			canceled := st.canceled
			b.mu.Unlock()
			switch {
			case canceled:
				err = &QueryError{QueryID: id, Code: codeCanceled, Message: "statement canceled", Err: err}
			case run.Err() != nil:
				err = errorf(id, "%w before the statement ended: %w", ErrClosed, err)
			default:
				err = &QueryError{QueryID: id, Message: err.Error(), Err: err}
			}
			return outcome{err: err}
		}
		return outcome{res: res}
	}
	return id, wait, nil
}

// runGeneric runs one statement: statements that return rows through
// QueryContext, read in full; the rest through ExecContext, for rows affected.
func runGeneric(ctx context.Context, db *sql.DB, id, query string, args []any) (*Result, error) {
	if !returnsRows(query) {
		r, err := db.ExecContext(ctx, query, args...)
		if err != nil {
			return nil, err
		}
		res := &Result{QueryID: id}
		if n, err := r.RowsAffected(); err == nil {
			res.RowsAffected = n
			res.Columns, res.Rows = dmlCounts(query, n)
		}
		return res, nil
	}
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	res := &Result{QueryID: id, Columns: cols}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		res.Rows = append(res.Rows, vals)
	}
	return res, rows.Err()
}

// dmlCounts gives a DML statement's result the shape Snowflake gives it: a
// count column per verb, so code reading Result sees on a generic driver
// what it sees in production. A MERGE gets none: a generic driver reports
// only its total, not Snowflake's split into inserted, updated and deleted.
func dmlCounts(query string, n int64) ([]string, [][]any) {
	switch leadingKeyword(query) {
	case "INSERT":
		return []string{"number of rows inserted"}, [][]any{{n}}
	case "UPDATE":
		return []string{"number of rows updated", "number of multi-joined rows updated"}, [][]any{{n, int64(0)}}
	case "DELETE":
		return []string{"number of rows deleted"}, [][]any{{n}}
	}
	return nil, nil
}

// returnsRows guesses from the leading keyword whether a statement returns
// rows, as a caller choosing between QueryContext and ExecContext would.
func returnsRows(query string) bool {
	switch leadingKeyword(query) {
	case "SELECT", "WITH", "VALUES", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "TABLE", "FROM", "PRAGMA", "CALL":
		return true
	}
	return false
}

// leadingKeyword is a statement's first word, upper-cased, past leading
// comments, blanks and parentheses; "" if there is none.
func leadingKeyword(query string) string {
	q := strings.TrimLeft(query, " \t\r\n(")
	for strings.HasPrefix(q, "--") || strings.HasPrefix(q, "/*") {
		end := "\n"
		if strings.HasPrefix(q, "/*") {
			end = "*/"
		}
		i := strings.Index(q, end)
		if i < 0 {
			return ""
		}
		q = strings.TrimLeft(q[i+len(end):], " \t\r\n(")
	}
	word := q
	if i := strings.IndexFunc(q, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }); i >= 0 {
		word = q[:i]
	}
	return strings.ToUpper(word)
}

func (b *genericBackend) history(context.Context, string) ([]tagged, error) {
	return nil, fmt.Errorf("%w: finding statements by query tag needs Snowflake's query history; this client runs statements through a generic database/sql driver", ErrUnsupported)
}

func (b *genericBackend) attach(queryID string, _ bool) (waitFunc, error) {
	return nil, fmt.Errorf("%w: attaching to query %s needs Snowflake's query IDs; this client runs statements through a generic database/sql driver", ErrUnsupported, queryID)
}

// status is asked only for this backend's own statements, and only until
// their job has ended (a job answers for itself after that), so the answer
// is RUNNING. Looking the ID up instead would answer "not found" in the
// moment between a statement's end and its job learning of it.
func (b *genericBackend) status(context.Context, string, bool) (Status, error) {
	return StatusRunning, nil
}

func (b *genericBackend) cancel(_ context.Context, queryID string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if st, ok := b.stmts[queryID]; ok {
		st.canceled = true
		st.cancel()
	}
	return nil
}

func (b *genericBackend) rows(_ context.Context, queryID string) (*sql.Rows, error) {
	return nil, fmt.Errorf("%w: query %s: streaming a finished statement's rows needs fetch by query ID; use Result", ErrUnsupported, queryID)
}

func (b *genericBackend) ended(string) {}

func (b *genericBackend) running() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Collect(maps.Keys(b.stmts))
}

func (b *genericBackend) close() error { return nil }
