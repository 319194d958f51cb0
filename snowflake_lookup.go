package sfasync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
)

// lookUp finds the statement tagged tag after its submission failed with
// cause: its query ID if the server has it, "" and nil if it does not.
// Snowflake's query history may take a moment to list a statement it has
// just accepted, so it answers "not found" only after two lookups a
// backoff apart; a lookup that fails is a read, and is tried again, up to
// lookUpTries times in all. Lookups of one run share their reads of the
// history (historyReads), so a burst of lost submissions costs a few
// queries, not one per submission. life is the client's lifetime
// context, which bounds the shared reads.
func (b *snowflakeBackend) lookUp(ctx, life context.Context, tag string, cause error) (string, error) {
	gap := b.gapMin
	misses := 0
	prefix := runPrefixOf(tag)
	for try := 1; ; try++ {
		found, err := b.reads.read(ctx, life, prefix, b.history)
		if err == nil {
			for _, t := range found {
				if t.tag == tag {
					return t.queryID, nil
				}
			}
			if misses++; misses == 2 {
				return "", nil
			}
		}
		if errors.Is(err, ErrClosed) || life.Err() != nil {
			return "", fmt.Errorf("%w; the client closed before the statement was found by its query tag, so it may or may not have been accepted: %w", cause, ErrClosed)
		}
		if try == lookUpTries {
			return "", fmt.Errorf("%w; finding the statement by its query tag failed too, so it may or may not have been accepted: %w", cause, err)
		}
		if !pause(ctx, gap) {
			return "", fmt.Errorf("%w; while finding the statement by its query tag: %w", cause, ctx.Err())
		}
		gap = min(2*gap, b.gapMax)
	}
}

// lookUpTries bounds the query history lookups of one lost submission.
const lookUpTries = 5

// runPrefixOf is what every tag of tag's run starts with (run.prefix), or
// tag itself if it is not a tag sfasync composed.
func runPrefixOf(tag string) string {
	var t struct {
		SFAsync *struct {
			Run *string `json:"run"`
		} `json:"sfasync"`
	}
	if err := json.Unmarshal([]byte(tag), &t); err != nil || t.SFAsync == nil || t.SFAsync.Run == nil {
		return tag
	}
	p := (&run{id: *t.SFAsync.Run}).prefix()
	if len(p) > len(tag) || tag[:len(p)] != p {
		return tag
	}
	return p
}

// historyReads shares query history reads between concurrent lookups of
// the same tag prefix. A lookup must see the history as it was after its
// submission failed, so it never takes the answer of a read that began
// before it asked: it joins the read that has not begun yet, or starts one,
// and a read begins only once the one before it for the prefix has ended.
// So at most one read per prefix runs at a time, and one more gathers the
// lookups that arrive meanwhile.
//
// Reads run in goroutines historyReads owns, with the client's lifetime
// context rather than any one lookup's (the lookups that joined still want
// the answer when the first gives up); wait waits for them.
type historyReads struct {
	mu     sync.Mutex
	byPfx  map[string]*readQueue
	closed bool // set by wait: no read starts after it
	active sync.WaitGroup
}

// readQueue is one prefix's read under way and the next one.
type readQueue struct {
	running bool
	next    *sharedRead // not begun: lookups join it
}

// sharedRead is one read of the history and its answer, ready when done is
// closed.
type sharedRead struct {
	done   chan struct{}
	found  []tagged
	err    error
	shared int // lookups waiting for it; none left, it is not read. Guarded by historyReads.mu
}

// read returns the statements whose tag starts with prefix, from a read of
// the history that began after read was called; ctx bounds the wait, life
// the read. Once wait was called it fails with ErrClosed.
func (h *historyReads) read(ctx, life context.Context, prefix string, history func(context.Context, string) ([]tagged, error)) ([]tagged, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return nil, ErrClosed
	}
	if h.byPfx == nil {
		h.byPfx = map[string]*readQueue{}
	}
	q := h.byPfx[prefix]
	if q == nil {
		q = &readQueue{}
		h.byPfx[prefix] = q
	}
	r := q.next
	if r == nil {
		r = &sharedRead{done: make(chan struct{})}
		q.next = r
	}
	r.shared++
	if !q.running {
		q.running = true
		h.active.Add(1)
		go h.serve(life, prefix, q, history)
	}
	h.mu.Unlock()
	select {
	case <-r.done:
		return r.found, r.err
	case <-ctx.Done():
		h.mu.Lock()
		r.shared--
		h.mu.Unlock()
		return nil, ctx.Err()
	}
}

// serve runs q's reads, one after another, until no lookup waits for one.
func (h *historyReads) serve(ctx context.Context, prefix string, q *readQueue, history func(context.Context, string) ([]tagged, error)) {
	defer h.active.Done()
	for {
		h.mu.Lock()
		r := q.next
		if r == nil {
			q.running = false
			delete(h.byPfx, prefix)
			h.mu.Unlock()
			return
		}
		q.next = nil // lookups from now on wait for the read after this one
		wanted := r.shared > 0
		h.mu.Unlock()
		if wanted { // else every lookup that asked for it gave up
			r.found, r.err = history(ctx, prefix)
		}
		close(r.done)
	}
}

// wait refuses new reads and waits for those under way to end (they end
// with the client's lifetime context, which the client ends first).
func (h *historyReads) wait() {
	h.mu.Lock()
	h.closed = true
	h.mu.Unlock()
	h.active.Wait()
}
