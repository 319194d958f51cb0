package sfasync

import (
	"time"
)

// EventKind says what an [Event] reports.
type EventKind int

const (
	// EventSubmitted: the server accepted a statement and named it.
	EventSubmitted EventKind = iota + 1
	// EventEnded: the client learned that a statement it submitted ended.
	EventEnded
)

// String returns "submitted" or "ended".
func (k EventKind) String() string {
	switch k {
	case EventSubmitted:
		return "submitted"
	case EventEnded:
		return "ended"
	}
	return "unknown"
}

// Event is something the client learned about a statement it submitted.
// There is no "started" event: Snowflake tells a client when a statement
// ends, not when it leaves the warehouse's queue, and learning that would
// cost a status request per running statement. The server's query history
// has the start times afterwards.
type Event struct {
	Kind    EventKind
	QueryID string
	Name    string    // the statement's [Statement.Name]; empty for SubmitNoWait
	At      time.Time // when the client learned it, on the client's clock
	// Err is, for EventEnded, how the statement failed (errors.Is
	// [ErrCanceled], [ErrTimeout], ...); nil if it succeeded.
	Err error
}

// WithEvents makes the client call f for every statement it submits, once
// when the server accepted it and once when the client learns it ended
// ([Event]). The events come from what the client learns anyway, with no
// request of their own. f is called from the goroutine that submitted or
// learned the end, possibly from several at once: it must be safe for
// concurrent use and return quickly, and must not submit statements. For
// one statement the submitted event comes before the ended one. The ended
// event is sent just after the job's waiters wake, so it may come a moment
// after [WaitAll] returns; [Client.Stats] already counts the end by then.
func WithEvents(f func(Event)) Option {
	return func(o *options) { o.onEvent = f }
}
