package sfasync

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// AsyncJob is a handle on one statement, started by [Client.SubmitNoWait] or
// attached to by [Client.NewAsyncJob]: Snowpark's AsyncJob in Go. Its methods are safe for
// concurrent use.
type AsyncJob struct {
	c       *Client
	id      string
	done    chan struct{} // closed once out is set
	release func()        // frees the job's WithMaxInFlight slot, if any
	known   bool          // the client submitted it (not NewAsyncJob)

	timeout  time.Duration // its Statement.Timeout or WithStatementTimeout; 0: none
	timedOut atomic.Bool   // the timeout passed and the client canceled it

	mu       sync.Mutex
	watching bool        // false for a job made by NewAsyncJob until someone waits for it
	timer    *time.Timer // cancels the statement at its timeout; nil if none
	out      outcome
	res      *Result // out read into a Result, once
	subs     []chan<- *AsyncJob
}

func newJob(c *Client, id string, attached bool, release func()) *AsyncJob {
	return &AsyncJob{c: c, id: id, done: make(chan struct{}), release: release, known: !attached, watching: !attached}
}

// QueryID returns the statement's Snowflake query ID (for a client on a
// non-Snowflake driver, an ID the client made up).
func (j *AsyncJob) QueryID() string { return j.id }

// IsDone reports whether the statement has ended. It never waits for the
// statement: for a job the client submitted it answers from what the client
// already knows, with no request; for an attached job that nobody waits for
// yet it asks the server for the status.
func (j *AsyncJob) IsDone(ctx context.Context) (bool, error) {
	if j.finished() {
		return true, nil
	}
	j.mu.Lock()
	watching := j.watching
	j.mu.Unlock()
	if watching {
		return false, nil
	}
	st, err := j.c.be.status(ctx, j.id, j.known)
	if err != nil {
		return false, err
	}
	return st.Done(), nil
}

// Status asks the server where the statement is: QUEUED, RUNNING, BLOCKED,
// SUCCESS, FAILED_WITH_ERROR, ABORTED and so on (see [Status]). Once the
// client knows the statement ended it answers without a request. For a
// statement the client submitted that the server's monitoring does not
// report yet, as may happen a moment after submission, it answers
// [StatusNoData].
func (j *AsyncJob) Status(ctx context.Context) (Status, error) {
	if j.finished() {
		return statusOf(j.failure()), nil
	}
	st, err := j.c.be.status(ctx, j.id, j.known)
	if err != nil {
		return "", err
	}
	return st, nil
}

// Result waits for the statement to end and returns its result, or its
// failure as a *[QueryError] (errors.Is [ErrCanceled] if it was canceled). If
// ctx ends first it returns an error wrapping ctx's error, naming the query
// ID, and the statement goes on. The result is
// read once and shared by every later call.
func (j *AsyncJob) Result(ctx context.Context) (*Result, error) {
	if err := j.wait(ctx); err != nil {
		return nil, err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.out.err != nil {
		return nil, j.out.err
	}
	if j.res == nil {
		res, err := readResult(j.id, j.out)
		if err != nil {
			// Keep the failure: the driver's rows cannot be read twice.
			j.out.err = err
			return nil, err
		}
		j.res = res
	}
	return j.res, nil
}

// Rows waits for the statement to end and opens its result for streaming,
// for large results and typed Scan; the caller must close it. On Snowflake
// it fetches the result by query ID over a pooled connection. On other
// databases it returns [ErrUnsupported]: use [AsyncJob.Result].
func (j *AsyncJob) Rows(ctx context.Context) (*sql.Rows, error) {
	if err := j.wait(ctx); err != nil {
		return nil, err
	}
	if err := j.failure(); err != nil {
		return nil, err
	}
	return j.c.be.rows(ctx, j.id)
}

// Cancel asks the server to cancel the statement; the job then ends with
// an error that errors.Is [ErrCanceled] (unless the statement ended first).
// It is idempotent, and a no-op on a statement that has ended. For a query
// ID the server does not know it fails with [ErrQueryNotFound], before and
// after [AsyncJob.Result] alike.
func (j *AsyncJob) Cancel(ctx context.Context) error {
	if j.finished() {
		if err := j.failure(); errors.Is(err, ErrQueryNotFound) {
			return err // as the server says before the job ends
		}
		return nil
	}
	return j.c.be.cancel(ctx, j.id)
}

// failure returns how the job failed, nil if it succeeded or has not ended.
func (j *AsyncJob) failure() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.out.err
}

// finished reports, without blocking, whether the job's outcome is known.
func (j *AsyncJob) finished() bool {
	select {
	case <-j.done:
		return true
	default:
		return false
	}
}

// wait makes sure someone watches the job and blocks until it ends or ctx
// ends.
func (j *AsyncJob) wait(ctx context.Context) error {
	j.startWatch()
	if j.finished() {
		return nil // a job that has ended is returned even when ctx has too
	}
	select {
	case <-j.done:
		return nil
	case <-ctx.Done():
		return errorf(j.id, "waiting: %w", ctx.Err())
	}
}

// startWatch hands an attached job to the watcher the first time anyone
// waits for it. If it cannot, the job ends with the reason.
func (j *AsyncJob) startWatch() {
	j.mu.Lock()
	if j.watching {
		j.mu.Unlock()
		return
	}
	j.watching = true
	j.mu.Unlock()
	wait, err := j.c.be.attach(j.id, j.known)
	if err == nil && !j.c.watch.watchAttached(j, wait) {
		err = errorf(j.id, "%w", ErrClosed)
	}
	if err != nil {
		j.finish(outcome{err: err})
	}
}

// finish records how the job ended, wakes its waiters and frees its slot.
// Only the first call counts.
func (j *AsyncJob) finish(o outcome) {
	j.mu.Lock()
	if j.finished() {
		j.mu.Unlock()
		return
	}
	if j.timer != nil {
		j.timer.Stop()
	}
	if j.timedOut.Load() && errors.Is(o.err, ErrCanceled) {
		o.err = &QueryError{QueryID: j.id, Code: codeTimeout,
			Message: fmt.Sprintf("statement reached its timeout of %s and was canceled", j.timeout), Err: o.err}
	}
	j.out = o
	ev, tracked := j.track(o.err) // before waiters wake, so Stats agrees with them
	close(j.done)
	subs := j.subs
	j.subs = nil
	j.mu.Unlock()
	if tracked {
		j.c.track.emit(ev)
	}
	for _, s := range subs {
		s <- j // buffered for every job subscribed: never blocks
	}
	if j.release != nil {
		j.release()
	}
}

// subscribe arranges for j to be sent on ch when it ends (at once if it has).
// ch must have room for every job subscribed to it.
func (j *AsyncJob) subscribe(ch chan<- *AsyncJob) {
	j.mu.Lock()
	if !j.finished() {
		j.subs = append(j.subs, ch)
		j.mu.Unlock()
		return
	}
	j.mu.Unlock()
	ch <- j
}

// startTimeout arranges for the statement to be canceled once it has run
// for d (nothing if d <= 0); the job then fails with ErrTimeout. The cancel
// runs in a goroutine the client owns.
func (j *AsyncJob) startTimeout(d time.Duration) {
	if d <= 0 {
		return
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	j.timeout = d
	j.timer = time.AfterFunc(d, func() {
		if j.finished() {
			return
		}
		j.timedOut.Store(true)
		j.cancelInBackground("at the statement's timeout")
	})
}

// cancelInBackground cancels the statement in a goroutine the client owns
// (nothing once the client is closed), logging a failure; why says when.
func (j *AsyncJob) cancelInBackground(why string) {
	j.c.watch.goOwned(func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		if err := j.Cancel(ctx); err != nil {
			j.c.opts.logger.Warn("sfasync: cancel "+why+" failed; the statement goes on", "query_id", j.id, "err", err)
		}
	})
}
