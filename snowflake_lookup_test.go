package sfasync

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestHistoryReadsAreNeverStale: a lookup that arrives while a read of the
// history is under way gets the answer of a read that begins after it,
// shared with the others that arrived meanwhile; one read per prefix runs
// at a time.
func TestHistoryReadsAreNeverStale(t *testing.T) {
	var (
		h       historyReads
		mu      sync.Mutex
		calls   int
		release = map[int]chan struct{}{1: make(chan struct{}), 2: make(chan struct{})}
		started = make(chan int, 2)
	)
	history := func(ctx context.Context, prefix string) ([]tagged, error) {
		mu.Lock()
		calls++
		n := calls
		mu.Unlock()
		started <- n
		<-release[n]
		return []tagged{{queryID: strconv.Itoa(n), tag: prefix}}, nil
	}
	ctx := context.Background()
	type answer struct {
		who string
		got string
	}
	answers := make(chan answer, 3)
	ask := func(who string) {
		found, err := h.read(ctx, ctx, "p", history)
		require.NoError(t, err)
		answers <- answer{who, found[0].queryID}
	}
	go ask("a")
	require.Equal(t, 1, <-started)
	go ask("b")
	go ask("c")
	// b and c wait for a read that has not begun; once both joined it,
	// let the first read end.
	require.Eventually(t, func() bool {
		h.mu.Lock()
		defer h.mu.Unlock()
		next := h.byPfx["p"].next
		return next != nil && next.shared == 2
	}, 5*time.Second, time.Millisecond)
	close(release[1])
	require.Equal(t, answer{"a", "1"}, <-answers)
	require.Equal(t, 2, <-started, "the second read begins once the first ended")
	close(release[2])
	got := map[string]string{}
	for range 2 {
		a := <-answers
		got[a.who] = a.got
	}
	require.Equal(t, map[string]string{"b": "2", "c": "2"}, got, "b and c share the read that began after them")
	h.wait()
	require.Equal(t, 2, calls)
	require.Empty(t, h.byPfx, "nothing left once no lookup waits")
}

// TestHistoryReadWaitHonoursContext: a lookup whose context ends stops
// waiting; the read goes on for the others and ends with the client.
func TestHistoryReadWaitHonoursContext(t *testing.T) {
	var h historyReads
	life, end := context.WithCancel(context.Background())
	history := func(ctx context.Context, _ string) ([]tagged, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := h.read(ctx, life, "p", history)
	require.ErrorIs(t, err, context.Canceled)
	end()
	h.wait()
}

// TestHistoryReadsRefuseReadsOnceClosing: once the client closes (wait),
// a lookup that tries another read gets ErrClosed rather than starting a
// read wait would not see, and wait returns once the read under way ends.
func TestHistoryReadsRefuseReadsOnceClosing(t *testing.T) {
	var h historyReads
	life, end := context.WithCancel(context.Background())
	started := make(chan struct{})
	history := func(ctx context.Context, _ string) ([]tagged, error) {
		close(started)
		<-ctx.Done()
		return nil, ctx.Err()
	}
	first := make(chan error, 1)
	go func() {
		_, err := h.read(context.Background(), life, "p", history)
		first <- err
	}()
	<-started
	waited := make(chan struct{})
	go func() {
		h.wait()
		close(waited)
	}()
	require.Eventually(t, func() bool {
		h.mu.Lock()
		defer h.mu.Unlock()
		return h.closed
	}, 5*time.Second, time.Millisecond)
	_, err := h.read(context.Background(), life, "p", history)
	require.ErrorIs(t, err, ErrClosed)
	end() // the client's lifetime ends: the read under way returns
	require.ErrorIs(t, <-first, context.Canceled)
	<-waited
}

// TestHistoryReadNobodyWantsIsSkipped: a read every lookup gave up on
// before it began is not made.
func TestHistoryReadNobodyWantsIsSkipped(t *testing.T) {
	var h historyReads
	ctx := context.Background()
	release := make(chan struct{})
	var mu sync.Mutex
	calls := 0
	history := func(context.Context, string) ([]tagged, error) {
		mu.Lock()
		calls++
		n := calls
		mu.Unlock()
		if n == 1 {
			<-release
		}
		return nil, nil
	}
	first := make(chan error, 1)
	go func() {
		_, err := h.read(ctx, ctx, "p", history)
		first <- err
	}()
	require.Eventually(t, func() bool { mu.Lock(); defer mu.Unlock(); return calls == 1 }, 5*time.Second, time.Millisecond)
	// A second lookup joins the next read, then gives up before it begins.
	gone, cancel := context.WithCancel(ctx)
	second := make(chan error, 1)
	go func() {
		_, err := h.read(gone, ctx, "p", history)
		second <- err
	}()
	require.Eventually(t, func() bool {
		h.mu.Lock()
		defer h.mu.Unlock()
		return h.byPfx["p"].next != nil && h.byPfx["p"].next.shared == 1
	}, 5*time.Second, time.Millisecond)
	cancel()
	require.ErrorIs(t, <-second, context.Canceled)
	close(release)
	require.NoError(t, <-first)
	h.wait()
	require.Equal(t, 1, calls, "the read nobody waited for was skipped")
}
