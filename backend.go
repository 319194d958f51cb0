package sfasync

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"time"
)

// backend is the seam between the job machinery, which is the same for every
// database, and what one kind of database does to start, watch, inspect and
// cancel a statement, in the way database/sql/driver separates drivers from
// database/sql. There are two: snowflakeBackend, through gosnowflake's async
// mode and monitoring API, and genericBackend, for any other driver.
type backend interface {
	// submit starts query and returns once the database has accepted it and
	// named it. The statement's watch lives in run, which ends when the client
	// closes; ctx bounds only the submission, but its values (such as
	// gosnowflake's WithMultiStatement) apply to the statement. tag is its
	// QUERY_TAG, which names it uniquely.
	submit(ctx, run context.Context, query string, args []any, tag string) (string, waitFunc, error)
	// history lists the statements of the user whose QUERY_TAG starts with
	// prefix, oldest first, from the server's query history.
	history(ctx context.Context, prefix string) ([]tagged, error)
	// attach returns a watch for a statement by query ID. known says the
	// client submitted it, so the server has accepted it even if it does
	// not report it yet.
	attach(queryID string, known bool) (waitFunc, error)
	// status asks the server where the statement is; known as for attach.
	status(ctx context.Context, queryID string, known bool) (Status, error)
	// cancel asks the server to cancel the statement.
	cancel(ctx context.Context, queryID string) error
	// rows opens a finished statement's result for streaming.
	rows(ctx context.Context, queryID string) (*sql.Rows, error)
	// ended tells the backend the client learned that a statement it
	// submitted ended.
	ended(queryID string)
	// running lists the statements the client submitted and has not seen
	// end.
	running() []string
	// close releases what the backend holds. Jobs are already stopped.
	close() error
}

// newBackend picks the backend for db's driver: Snowflake's for
// gosnowflake, the generic one for any other. Snowflake's counts its
// recoveries in rc.
func newBackend(db *sql.DB, o *options, rc *recoveryCounts) backend {
	if isSnowflake(db) {
		return newSnowflakeBackend(db, o, rc)
	}
	return newGenericBackend(db)
}

// tagged is a statement found in the query history by its tag.
type tagged struct {
	queryID string
	tag     string
}

// waitFunc blocks until a statement ends, or ctx ends, and tells how it ended.
// The watcher calls it from the goroutine it owns for the job.
type waitFunc func(ctx context.Context) outcome

// outcome is how a wait ended.
type outcome struct {
	rows      driver.Rows // the finished statement's unread result, read into res on demand
	res       *Result     // or the result already read
	err       error       // the statement's failure (a *QueryError), or the wait's
	transient bool        // the wait failed, not the statement: it may be retried
	// sessionLost says the session the wait used is gone; the next wait
	// must log in again.
	sessionLost bool
}

// detach returns a context with ctx's values that ends when life ends (or
// its cancel is called), not when ctx does. Its stop must be called when the
// context is no longer needed, to unhook it from life.
//
// context.WithoutCancel and context.AfterFunc keep this free of goroutines:
// a hand-made context type forwarding Value to ctx would make
// context.WithCancel start a goroutine per job to watch ctx.
func detach(life, ctx context.Context) (context.Context, context.CancelFunc) {
	dctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	stop := context.AfterFunc(life, cancel)
	return dctx, func() {
		stop()
		cancel()
	}
}

// pause waits d, or until ctx ends; it reports whether the whole d passed.
// The retry loops (a watch falling back to fetch by ID, a submission re-sent)
// back off with it.
func pause(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
