package sftest

import "context"

// warehouse is the pool of MAX_CONCURRENCY_LEVEL execution slots. A statement
// holds one slot while RUNNING; waiting for one is QUEUED. Waiters are served
// roughly in arrival order (Go wakes blocked channel senders FIFO).
type warehouse struct {
	slots chan struct{}
}

func newWarehouse(n int) *warehouse { return &warehouse{slots: make(chan struct{}, n)} }

// tryAcquire takes a slot if one is free.
func (w *warehouse) tryAcquire() bool {
	select {
	case w.slots <- struct{}{}:
		return true
	default:
		return false
	}
}

// acquire waits for a slot until ctx ends.
func (w *warehouse) acquire(ctx context.Context) error {
	select {
	case w.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// release gives back a slot taken by tryAcquire or acquire.
func (w *warehouse) release() { <-w.slots }

// running is how many slots are taken.
func (w *warehouse) running() int { return len(w.slots) }
