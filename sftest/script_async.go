package sftest

import (
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
)

// maxAsyncChildren is how many asynchronous child jobs a block may have
// running at once (Snowflake: up to 4,000).
const maxAsyncChildren = 4000

// asyncChild is a statement started with ASYNC: it runs concurrently with
// the block through the warehouse like any statement (slots, QUEUED, locks,
// BLOCKED).
type asyncChild struct {
	st  *statement
	off int
}

// asyncSet is a run's child jobs not yet awaited or canceled; running
// counts those of them not yet ended.
type asyncSet struct {
	mu      sync.Mutex
	pending []*asyncChild
	running atomic.Int64
}

func (a *asyncSet) take() []*asyncChild {
	a.mu.Lock()
	defer a.mu.Unlock()
	p := a.pending
	a.pending = nil
	return p
}

func (a *asyncSet) remove(ch *asyncChild) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for i, c := range a.pending {
		if c == ch {
			a.pending = append(a.pending[:i], a.pending[i+1:]...)
			return
		}
	}
}

// startAsync starts q as an asynchronous child job and returns at once.
func (x *scriptRun) startAsync(q sText, sc *scope) (*asyncChild, *ctrl) {
	if x.async.running.Load() >= maxAsyncChildren {
		return nil, raise("STATEMENT_ERROR", &sqlError{Code: "100357", SQLState: "P0000", Message: "Too many asynchronous child jobs: at most " +
			strconv.Itoa(maxAsyncChildren) + " may run at the same time."}, q.off)
	}
	text := x.bind(q.text, false, sc)
	child := x.s.newChild(x.owner, x.sess, text)
	ch := &asyncChild{st: child, off: q.off}
	prev := x.prevID
	x.async.running.Add(1)
	run := func() {
		defer x.async.running.Add(-1)
		defer func() {
			if p := recover(); p != nil {
				x.s.cfg.logger.Error("sftest: statement panicked", "queryId", child.id, "panic", p)
				child.finish(nil, &sqlError{Code: "000603", SQLState: "XX000", Message: fmt.Sprintf("SQL execution internal error: %v", p)})
			}
		}()
		res, err := x.s.runOne(child, x.sess, text, nil, prev, nil)
		child.finish(res, err)
	}
	if !x.s.goTracked(run) {
		x.async.running.Add(-1)
		child.finish(nil, errServerClosed)
	}
	x.async.mu.Lock()
	x.async.pending = append(x.async.pending, ch)
	x.async.mu.Unlock()
	x.lastID = child.id
	return ch, nil
}

// waitDone waits for a child job to end; a cancel of the run aborts the
// wait.
func (x *scriptRun) waitDone(ch *asyncChild) *ctrl {
	select {
	case <-ch.st.done:
		return nil
	case <-x.ctx.Done():
		return &ctrl{kind: cAbort, abort: errCanceled}
	}
}

// awaitChild waits for a child job; its failure is a STATEMENT_ERROR.
func (x *scriptRun) awaitChild(ch *asyncChild) *ctrl {
	if c := x.waitDone(ch); c != nil {
		return c
	}
	x.async.remove(ch)
	res, err, _ := ch.st.outcome()
	if err != nil {
		return x.fail("STATEMENT_ERROR", err, ch.off)
	}
	x.rowCount = dmlCount(res)
	return nil
}

func (x *scriptRun) await(n *sAwait, sc *scope) *ctrl {
	if n.name != "" {
		v := sc.lookup(n.name)
		if v == nil || v.kind != declResultset {
			return x.undefined(n.name, n.off)
		}
		if v.rs.child == nil {
			return nil
		}
		return x.awaitChild(v.rs.child)
	}
	var first *ctrl
	for _, ch := range x.async.take() {
		if c := x.waitDone(ch); c != nil {
			return c
		}
		if _, err, _ := ch.st.outcome(); err != nil && first == nil {
			first = x.fail("STATEMENT_ERROR", err, ch.off)
		}
	}
	x.rowCount = nil
	return first
}

func (x *scriptRun) cancelAsync(n *sCancel, sc *scope) *ctrl {
	v := sc.lookup(n.name)
	if v == nil || v.kind != declResultset {
		return x.undefined(n.name, n.off)
	}
	if v.rs.child != nil {
		v.rs.child.st.abort()
		x.async.remove(v.rs.child)
	}
	return nil
}

// cancelPending cancels the child jobs still running when the block ends:
// Snowflake does not let them outlive it.
func (x *scriptRun) cancelPending() {
	for _, ch := range x.async.take() {
		ch.st.abort()
	}
}

// resultsetStatus is SYSTEM$GET_RESULTSET_STATUS for a resultset variable.
func (x *scriptRun) resultsetStatus(v *svar) string {
	if v.rs == nil || v.rs.qid == "" {
		return "NO_DATA"
	}
	st := x.s.lookupStatement(v.rs.qid)
	if st == nil {
		return "NO_DATA"
	}
	return st.snapshot().Status
}
