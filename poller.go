package sfasync

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// watcher is the one place a client learns that its statements ended. (The
// file keeps the name poller.go that the project's layout gives it; nothing
// here polls while a wait works.)
//
// For each job it parks one wait, in a goroutine it owns. On Snowflake the
// wait blocks, not spinning, on the result request the server holds while
// the statement runs (gosnowflake's async mode), so a job costs two requests
// (submit and result) and its end is known one response after the server's.
// Snowflake has no request that watches many statements, so a parked wait
// per running statement is the price of that; it holds no database
// connection. If a wait fails without telling how the statement ended (a
// network error, a dropped request), the watcher falls back to fetching the
// result by query ID, which first checks the statement's status, and retries
// with backoff between the bounds set by [WithPollBackoff]. That is also how
// a job attached by [Client.NewAsyncJob] is watched while its statement is
// BLOCKED, which gosnowflake's fetch by ID reports as an error rather than
// waiting.
//
// Its goroutines end with the client's lifetime context, which the client
// owns; wait returns when they are all gone.
type watcher struct {
	life   context.Context // the client's: ends when the client closes
	be     backend
	log    *slog.Logger
	minGap time.Duration
	maxGap time.Duration
	rc     *recoveryCounts // counts the waits asked again

	mu       sync.Mutex
	closed   bool
	wg       sync.WaitGroup
	maxHeld  int           // WithMaxAttachedWaits
	held     int           // attached jobs waited on with a held request
	queue    checkHeap     // attached jobs beyond maxHeld, checked by status
	checking int           // checkers running
	queued   chan struct{} // wakes a sleeping checker
}

func newWatcher(life context.Context, be backend, o *options, rc *recoveryCounts) *watcher {
	return &watcher{life: life, be: be, log: o.logger, minGap: o.pollMin, maxGap: o.pollMax,
		maxHeld: o.maxAttachedWaits, queued: make(chan struct{}, 1), rc: rc}
}

// watch starts waiting for j to end with wait. It reports false, and does
// nothing, once the watcher is closed.
func (w *watcher) watch(j *AsyncJob, wait waitFunc) bool {
	return w.goOwned(func(context.Context) {
		w.settle(j, w.await(j.id, j.known, wait))
	})
}

// settle ends j with o, and tells the backend a statement it submitted ended.
func (w *watcher) settle(j *AsyncJob, o outcome) {
	if j.known && !errors.Is(o.err, ErrClosed) {
		w.be.ended(j.id)
	}
	j.finish(o)
}

// await runs wait until it tells how the statement ended, falling back to
// fetch by query ID with backoff after a failed wait. known says the client
// submitted the statement.
func (w *watcher) await(id string, known bool, wait waitFunc) outcome {
	gap := w.minGap
	for {
		o := wait(w.life)
		if !o.transient {
			return o
		}
		if w.life.Err() != nil {
			return outcome{err: errorf(id, "%w before the statement's end was known", ErrClosed)}
		}
		w.log.Warn("sfasync: no end known for a statement yet; asking the server again", "query_id", id, "retry_in", gap, "err", o.err)
		if !pause(w.life, gap) {
			return outcome{err: errorf(id, "%w before the statement's end was known", ErrClosed)}
		}
		gap = min(2*gap, w.maxGap)
		w.rc.waitRetries.Add(1)
		next, err := w.be.attach(id, known)
		if err != nil {
			return outcome{err: err}
		}
		wait = next
	}
}

// goOwned runs f in a goroutine the watcher owns, so wait waits for it,
// with the client's lifetime context. It reports false, and does nothing,
// once the watcher is closed.
func (w *watcher) goOwned(f func(ctx context.Context)) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return false
	}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		f(w.life)
	}()
	return true
}

// close refuses new goroutines and waits for the running ones to return.
// The client ends its lifetime context first, which ends every wait.
func (w *watcher) close() {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
	w.wg.Wait()
	w.drainQueue()
}
