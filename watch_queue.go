package sfasync

import (
	"container/heap"
	"context"
	"errors"
	"time"
)

// Watching many attached statements. A wait parked on the server's held
// result request (see watcher) costs a few goroutines and one connection
// per statement, which is what a client pays for the statements it
// submits. Attached by ID, a client may be handed thousands at once (a run
// resumed after a crash); past WithMaxAttachedWaits of them, the rest are
// checked by status in turn, by at most checkers goroutines, each check one
// monitoring request, with backoff between a statement's checks, and their
// result is fetched once they have ended.

// defaultMaxAttachedWaits is how many attached statements a client waits on
// with a held request at once unless WithMaxAttachedWaits says otherwise.
const defaultMaxAttachedWaits = 512

// checkers is how many goroutines check queued attached statements.
const checkers = 64

// WithMaxAttachedWaits bounds how many statements attached by ID
// ([Client.NewAsyncJob], or a resumed run) the client waits on at once with
// a held result request, each of which holds a few goroutines and a
// connection. Beyond n, the others are checked by status in turn, with the
// backoff of [WithPollBackoff], by a few goroutines: their ends are learned
// later and cost more requests, but a client attached to 10,000 statements
// holds goroutines and connections for n of them. Default 512; n <= 0
// means no bound. Statements the client submits are not counted.
func WithMaxAttachedWaits(n int) Option {
	return func(o *options) { o.maxAttachedWaits = n }
}

// checkItem is a queued attached job and when to check it next.
type checkItem struct {
	j   *AsyncJob
	due time.Time
	gap time.Duration
}

// checkHeap orders queued jobs by when they are due.
type checkHeap []checkItem

func (h checkHeap) Len() int           { return len(h) }
func (h checkHeap) Less(a, b int) bool { return h[a].due.Before(h[b].due) }
func (h checkHeap) Swap(a, b int)      { h[a], h[b] = h[b], h[a] }
func (h *checkHeap) Push(x any)        { *h = append(*h, x.(checkItem)) }
func (h *checkHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	*h = old[:len(old)-1]
	return it
}

// watchAttached starts waiting for an attached job: with a held request if
// fewer than the bound are held, else in the check queue. It reports
// false, and does nothing, once the watcher is closed.
func (w *watcher) watchAttached(j *AsyncJob, wait waitFunc) bool {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return false
	}
	if w.maxHeld <= 0 || w.held < w.maxHeld {
		w.held++
		w.mu.Unlock()
		return w.goOwned(func(context.Context) {
			w.settle(j, w.await(j.id, j.known, wait))
			w.mu.Lock()
			w.held--
			w.mu.Unlock()
		})
	}
	heap.Push(&w.queue, checkItem{j: j, due: time.Now(), gap: w.minGap})
	start := w.checking < checkers
	if start {
		w.checking++
	}
	w.mu.Unlock()
	w.wake()
	if start && !w.goOwned(w.check) {
		w.mu.Lock()
		w.checking--
		w.mu.Unlock()
	}
	return true
}

// wake tells a sleeping checker that the queue changed.
func (w *watcher) wake() {
	select {
	case w.queued <- struct{}{}:
	default:
	}
}

// check is a checker: it takes due jobs off the queue and asks for their
// status until the queue is empty or the client closes.
func (w *watcher) check(ctx context.Context) {
	for {
		w.mu.Lock()
		if len(w.queue) == 0 || ctx.Err() != nil {
			// Leaving in the same critical section that saw the queue
			// empty, so a job queued after it starts a checker of its own.
			w.checking--
			w.mu.Unlock()
			return
		}
		it := w.queue[0]
		if wait := time.Until(it.due); wait > 0 {
			w.mu.Unlock()
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-w.queued:
			case <-ctx.Done():
			}
			t.Stop()
			continue
		}
		heap.Pop(&w.queue)
		w.mu.Unlock()
		w.checkOne(ctx, it)
	}
}

// checkOne asks for one queued job's status: ended, it fetches the result
// and settles the job; running (or the check failed on the way), it queues
// the job again, later. Once ctx has ended it settles the job as closed.
func (w *watcher) checkOne(ctx context.Context, it checkItem) {
	st, err := w.be.status(ctx, it.j.id, it.j.known)
	if ctx.Err() != nil {
		w.settle(it.j, outcome{err: errorf(it.j.id, "%w before the statement's end was known", ErrClosed)})
		return
	}
	switch {
	case errors.Is(err, ErrQueryNotFound) || errors.Is(err, ErrUnsupported):
		w.settle(it.j, outcome{err: err})
	case err == nil && st.Done():
		wait, aerr := w.be.attach(it.j.id, it.j.known)
		if aerr != nil {
			w.settle(it.j, outcome{err: aerr})
			break
		}
		w.settle(it.j, w.await(it.j.id, it.j.known, wait))
	default:
		if err != nil {
			w.rc.waitRetries.Add(1)
			w.log.Warn("sfasync: checking an attached statement failed; it is checked again later", "query_id", it.j.id, "err", err)
		}
		it.gap = min(2*it.gap, w.maxGap)
		it.due = time.Now().Add(it.gap)
		w.mu.Lock()
		heap.Push(&w.queue, it)
		w.mu.Unlock()
	}
}

// drainQueue ends every job still queued when the watcher closes.
func (w *watcher) drainQueue() {
	w.mu.Lock()
	q := w.queue
	w.queue = nil
	w.mu.Unlock()
	for _, it := range q {
		w.settle(it.j, outcome{err: errorf(it.j.id, "%w before the statement's end was known", ErrClosed)})
	}
}
