// Package sfasync runs many independent Snowflake statements side by side and
// tracks them, the way Snowpark Python's async jobs do: [Client.SubmitNoWait]
// is collect_nowait, [Client.NewAsyncJob] is session.create_async_job, and an
// [AsyncJob] has IsDone, Status, Result, Rows and Cancel. [WaitAll] and
// [Completed] wait for many jobs at once.
//
// A [Client] submits through a few Snowflake sessions that it holds for its
// whole life ([WithSessions]), each sending one submission at a time, so a
// fan-out of hundreds of statements logs in a handful of times and no
// session those statements run in is logged out under them, not even by
// [Client.Close]. One watcher learns when statements end. With a
// database/sql driver other than gosnowflake, each statement runs in the
// background on a pooled connection of its own, and everything but
// attaching by query ID works the same, which lets fan-out code be tested
// with go-sqlmock or DuckDB.
//
// The [github.com/sfasync/sfasync/sftest] package is a local Snowflake for tests and examples.
package sfasync

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Client submits statements and makes job handles. Its methods are safe for
// concurrent use. [Client.Close] it when done: it stops the client's goroutines and
// hands back to db's pool every session no running statement needs.
type Client struct {
	db    *sql.DB
	opts  options
	be    backend
	run   *run
	watch *watcher
	slots chan struct{} // WithMaxInFlight; nil when unbounded
	track *tracker      // Stats and WithEvents

	// life is the client's lifetime: it ends when Close is called, and with
	// it every wait the client owns.
	life context.Context
	end  context.CancelFunc

	closeOnce sync.Once
	closeErr  error
}

// New returns a Client that runs statements on db. db is opened with
// gosnowflake's "snowflake" driver for the Snowflake path, or with any other
// driver for the generic path. The client does not log in until its first
// statement, and does not close db.
//
// On Snowflake the client takes its sessions out of db's pool and holds
// them, so any db works: its pool settings (SetConnMaxLifetime, idle limits)
// and db.Close cannot log out a session the client holds. Leave db open
// while the client is, and leave it at least one connection more than
// [WithSessions] under SetMaxOpenConns ([AsyncJob.Rows] uses db's pool).
func New(db *sql.DB, opts ...Option) *Client {
	o := defaultOptions()
	for _, opt := range opts {
		opt(&o)
	}
	rc := &recoveryCounts{}
	c := &Client{db: db, opts: o, be: newBackend(db, &o, rc), track: newTracker(&o, rc)}
	if o.maxInFlight > 0 {
		c.slots = make(chan struct{}, o.maxInFlight)
	}
	c.run = newRun(&o, c.be)
	c.life, c.end = context.WithCancel(context.Background())
	c.watch = newWatcher(c.life, c.be, &o, rc)
	return c
}

// SubmitNoWait starts query with args bound as ExecContext would bind them,
// and returns as soon as the server has accepted it and given it a query ID,
// without waiting for it to run. Like Snowpark's collect_nowait. Many
// goroutines may submit at once. With [WithMaxInFlight] it first waits for a
// free slot, or fails with an error wrapping ctx's error if ctx ends first.
//
// ctx bounds the submission only: once SubmitNoWait returns, the statement
// runs until it ends or is canceled, whatever becomes of ctx. ctx's values
// still apply to the statement, so gosnowflake's WithMultiStatement works.
// An error that the server gave the statement is a *[QueryError] naming its
// query ID. After Close it fails with [ErrClosed].
func (c *Client) SubmitNoWait(ctx context.Context, query string, args ...any) (*AsyncJob, error) {
	return c.submit(ctx, Statement{SQL: query, Args: args})
}

// submit submits st, or, if st is named and its run already submitted it,
// returns a job on that statement.
func (c *Client) submit(ctx context.Context, st Statement) (*AsyncJob, error) {
	if c.life.Err() != nil {
		return nil, ErrClosed
	}
	if st.Name == "" || !c.run.chosen {
		// Not resumable: a name of its own in the tag, so that a lost
		// submission's lookup finds this statement and no other.
		name := newName()
		if st.Name != "" {
			name = st.Name + "." + name
		}
		tag, err := c.run.tag(name)
		if err != nil {
			return nil, err
		}
		return c.send(ctx, st, tag)
	}
	tag, err := c.run.tag(st.Name)
	if err != nil {
		return nil, err
	}
	id, done, err := c.run.claim(ctx, st.Name)
	if err != nil {
		return nil, err
	}
	if id != "" {
		c.opts.logger.Debug("sfasync: statement already submitted in this run; attached", "name", st.Name, "query_id", id)
		return c.resume(id, st.Name)
	}
	j, err := c.send(ctx, st, tag)
	if err != nil {
		done("")
		return nil, err
	}
	done(j.id)
	if err := c.run.record(ctx, st.Name, j.id); err != nil {
		// The statement runs; only a resume without the query history
		// could miss it.
		c.opts.logger.Warn("sfasync: the journal did not record a submitted statement", "name", st.Name, "query_id", j.id, "err", err)
	}
	return j, nil
}

// send submits st with its query tag and starts watching it.
func (c *Client) send(ctx context.Context, st Statement, tag string) (*AsyncJob, error) {
	if st.MultiStatement > 0 {
		ctx = withMultiStatement(ctx, st.MultiStatement)
	}
	timeout := c.opts.stmtTimeout
	if st.Timeout > 0 {
		timeout = st.Timeout
	}
	release, err := c.acquire(ctx)
	if err != nil {
		return nil, err
	}
	id, wait, err := c.be.submit(ctx, c.life, st.SQL, st.Args, tag)
	if err != nil {
		release()
		return nil, err
	}
	j := newJob(c, id, false, release)
	j.startTimeout(timeout)
	c.track.submitted(j, st.Name)
	if !c.watch.watch(j, wait) {
		c.track.ended(j, ErrClosed)
		// Closed meanwhile: the wait returns at once, and must run so the
		// driver's result goroutine is not left blocked.
		_ = wait(c.life)
		release()
		return nil, errorf(id, "%w while submitting; the statement was accepted and goes on", ErrClosed)
	}
	c.opts.logger.Debug("sfasync: submitted", "query_id", id)
	return j, nil
}

// resume returns a job on a statement an earlier client of the run
// submitted, watched from now on.
func (c *Client) resume(queryID, name string) (*AsyncJob, error) {
	if err := checkQueryID(queryID); err != nil {
		return nil, err
	}
	j := newJob(c, queryID, true, nil)
	j.known = true // accepted, even if monitoring does not list it yet
	c.track.submitted(j, name)
	j.startWatch()
	return j, nil
}

// Statement is one statement for [Client.SubmitAll]: its SQL text and bind arguments.
type Statement struct {
	SQL  string
	Args []any
	// Name identifies the statement within its run. In a run the user
	// named ([WithRunID]) a name is one statement: the client tags it on
	// the server with the run ID and this name, and submitting the name
	// again, from this client or from a later one with the same run ID
	// (after a crash, say), gives a job on the statement already submitted
	// instead of running it twice. Without WithRunID names only label
	// statements (in the query tag, Stats and events).
	Name string
	// MultiStatement, when above 0, lets SQL hold that many statements
	// separated by semicolons (gosnowflake's WithMultiStatement). Ignored
	// by non-Snowflake databases.
	MultiStatement int
	// Timeout, when above 0, bounds how long the statement may run once
	// submitted, instead of the client's [WithStatementTimeout]: past it the
	// statement is canceled on the server and its job fails with an error
	// that errors.Is [ErrTimeout].
	Timeout time.Duration
}

// SubmitAll submits every statement at once, each from its own goroutine,
// and returns when all have been accepted or refused: the jobs in the order
// of stmts, nil where a submission failed, and errors.Join of those
// failures. A loop of [Client.SubmitNoWait] calls waits one round trip per statement
// before the next one starts; SubmitAll starts them all within about one.
// A failed submission does not stop the others: the statements are
// independent. The goroutines end before SubmitAll returns.
func (c *Client) SubmitAll(ctx context.Context, stmts ...Statement) ([]*AsyncJob, error) {
	jobs := make([]*AsyncJob, len(stmts))
	errs := make([]error, len(stmts))
	var wg sync.WaitGroup
	for i, st := range stmts {
		wg.Go(func() {
			jobs[i], errs[i] = c.submit(ctx, st)
			if errs[i] != nil {
				label := fmt.Sprintf("statement %d", i)
				if st.Name != "" {
					label += fmt.Sprintf(" (%q)", st.Name)
				}
				errs[i] = fmt.Errorf("%s: %w", label, errs[i])
			}
		})
	}
	wg.Wait()
	return jobs, errors.Join(errs...)
}

// acquire takes a WithMaxInFlight slot and returns its release.
func (c *Client) acquire(ctx context.Context) (func(), error) {
	if c.slots == nil {
		return func() {}, nil
	}
	c.track.wait(1)
	defer c.track.wait(-1)
	select {
	case c.slots <- struct{}{}:
		var once sync.Once
		return func() { once.Do(func() { <-c.slots }) }, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("sfasync: waiting for one of %d in-flight slots: %w", cap(c.slots), ctx.Err())
	case <-c.life.Done():
		return nil, ErrClosed
	}
}

// NewAsyncJob returns a handle on a statement that is already running or has
// run, started by any process or session of the same Snowflake user, like
// Snowpark's session.create_async_job. It sends no request: a queryID that is
// not shaped like a Snowflake query ID is [ErrInvalidQueryID] at once, and one
// the server does not know is [ErrQueryNotFound] from the first method that
// asks the server. With a non-Snowflake driver it returns [ErrUnsupported].
func (c *Client) NewAsyncJob(queryID string) (*AsyncJob, error) {
	if err := checkQueryID(queryID); err != nil {
		return nil, err
	}
	if _, err := c.be.attach(queryID, false); err != nil {
		return nil, err
	}
	if c.life.Err() != nil {
		return nil, ErrClosed
	}
	return newJob(c, queryID, true, nil), nil
}

// Close stops the client's waits and waits for its goroutines to end; jobs
// that had not ended fail with [ErrClosed]. It is idempotent.
//
// Snowflake statements the client submitted that are still running go on,
// and Close never logs out a session they run in (Snowflake would abort
// them): such a session stays out of db's pool for good, so database/sql
// does not log it out either, and Snowflake ends it once it has been idle
// long enough. Every other session goes back to db's pool. With
// [WithCancelOnClose], Close first cancels the running statements and then
// hands every session back. Statements of the generic path, which run in
// this process, are canceled.
func (c *Client) Close() error {
	c.closeOnce.Do(func() {
		if c.opts.cancelOnClose {
			c.cancelRunning()
		}
		c.end()
		c.watch.close()
		c.closeErr = c.be.close()
	})
	return c.closeErr
}

// closeCancelTimeout bounds how long Close spends canceling statements
// under WithCancelOnClose.
const closeCancelTimeout = 30 * time.Second

// cancelRunning cancels every statement the client submitted that has not
// ended, all at once, for WithCancelOnClose.
func (c *Client) cancelRunning() {
	ctx, cancel := context.WithTimeout(c.life, closeCancelTimeout)
	defer cancel()
	var wg sync.WaitGroup
	for _, id := range c.be.running() {
		wg.Go(func() {
			if err := c.be.cancel(ctx, id); err != nil {
				c.opts.logger.Warn("sfasync: cancel on close failed; the statement goes on", "query_id", id, "err", err)
				return
			}
			c.be.ended(id) // its session may now be logged out
		})
	}
	wg.Wait()
}
