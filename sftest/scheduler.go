package sftest

import (
	"context"
	"sync"
)

// warehouse is the pool of MAX_CONCURRENCY_LEVEL execution slots. A statement
// holds one slot while RUNNING; waiting for one is QUEUED. Waiters are served
// roughly in arrival order (Go wakes blocked channel senders FIFO).
type warehouse struct {
	slots   chan struct{}
	mu      sync.Mutex
	maxSeen int // the most slots ever taken at once
}

func newWarehouse(n int) *warehouse { return &warehouse{slots: make(chan struct{}, n)} }

// tryAcquire takes a slot if one is free.
func (w *warehouse) tryAcquire() bool {
	select {
	case w.slots <- struct{}{}:
		w.note()
		return true
	default:
		return false
	}
}

// acquire waits for a slot until ctx ends.
func (w *warehouse) acquire(ctx context.Context) error {
	select {
	case w.slots <- struct{}{}:
		w.note()
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// release gives back a slot taken by tryAcquire or acquire.
func (w *warehouse) release() { <-w.slots }

// note records how many slots are taken now in maxSeen, the most at once
// (the benchmarks read it through peak).
func (w *warehouse) note() {
	n := len(w.slots)
	w.mu.Lock()
	w.maxSeen = max(w.maxSeen, n)
	w.mu.Unlock()
}
