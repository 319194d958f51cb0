package sfasync

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// poller is the one place a client learns that its statements ended.
//
// For each job it runs one wait, in a goroutine it owns. On Snowflake the
// wait is parked, not spinning, on the result request the server holds while
// the statement runs (gosnowflake's async mode), so a job costs two requests
// (submit and result) and its end is known one response after the server's.
// Snowflake has no request that watches many statements, so a parked wait
// per running statement is the price of that; it holds no database
// connection. If a wait fails without telling how the statement ended (a
// network error, a dropped request), the poller falls back to fetching the
// result by query ID, which first checks the statement's status, and retries
// with backoff between the bounds set by WithPollBackoff. That is also how a
// job attached by NewAsyncJob is watched while its statement is BLOCKED,
// which gosnowflake's fetch by ID reports as an error rather than waiting.
//
// close stops every wait and returns when all of its goroutines are gone.
type poller struct {
	ctx    context.Context // ends when the client closes
	stop   context.CancelFunc
	be     backend
	log    *slog.Logger
	minGap time.Duration
	maxGap time.Duration

	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

func newPoller(be backend, o *options) *poller {
	ctx, stop := context.WithCancel(context.Background())
	return &poller{ctx: ctx, stop: stop, be: be, log: o.logger, minGap: o.pollMin, maxGap: o.pollMax}
}

// watch starts waiting for j to end with wait. It reports false, and does
// nothing, once the poller is closed.
func (p *poller) watch(j *AsyncJob, wait waitFunc) bool {
	return p.goOwned(func(context.Context) {
		o := p.await(j.id, j.known, wait)
		if j.known && !errors.Is(o.err, ErrClosed) {
			p.be.ended(j.id)
		}
		j.finish(o)
	})
}

// await runs wait until it tells how the statement ended, falling back to
// fetch by query ID with backoff after a failed wait. known says the client
// submitted the statement.
func (p *poller) await(id string, known bool, wait waitFunc) outcome {
	gap := p.minGap
	for {
		o := wait(p.ctx)
		if !o.transient {
			return o
		}
		if p.ctx.Err() != nil {
			return outcome{err: errorf(id, "%w before the statement's end was known", ErrClosed)}
		}
		p.log.Warn("sfasync: no end known for a statement yet; asking the server again", "query_id", id, "retry_in", gap, "err", o.err)
		t := time.NewTimer(gap)
		select {
		case <-t.C:
		case <-p.ctx.Done():
			t.Stop()
			return outcome{err: errorf(id, "%w before the statement's end was known", ErrClosed)}
		}
		gap = min(2*gap, p.maxGap)
		next, err := p.be.attach(id, known)
		if err != nil {
			return outcome{err: err}
		}
		wait = next
	}
}

// goOwned runs f in a goroutine the poller owns, so close waits for it. It reports
// false, and does nothing, once the poller is closed.
func (p *poller) goOwned(f func(ctx context.Context)) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		f(p.ctx)
	}()
	return true
}

// close stops all waits and waits for their goroutines to return.
func (p *poller) close() {
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
	p.stop()
	p.wg.Wait()
}
