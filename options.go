package sfasync

import (
	"log/slog"
	"time"
)

// Option configures a [Client]. Options are applied in order by [New].
type Option func(*options)

// options holds a Client's settings; defaultOptions is the one place their
// defaults live.
type options struct {
	maxInFlight     int
	queryTag        string
	logger          *slog.Logger
	pollMin         time.Duration
	pollMax         time.Duration
	cancelOnAbandon bool
	sessions        int
	cancelOnClose   bool
	stmtTimeout     time.Duration
	runID           string
	journal         Journal
	onEvent         func(Event) // WithEvents; nil for none

	maxAttachedWaits int
}

func defaultOptions() options {
	return options{
		maxInFlight: 0, // unlimited
		logger:      slog.New(slog.DiscardHandler),
		pollMin:     50 * time.Millisecond,
		pollMax:     5 * time.Second,
		sessions:    defaultSessions,

		maxAttachedWaits: defaultMaxAttachedWaits,
	}
}

// defaultSessions is how many Snowflake sessions a client may open by
// default; see WithSessions.
const defaultSessions = 16

// WithMaxInFlight bounds how many of the client's submitted jobs may run at
// once. When n jobs are running, [Client.SubmitNoWait] waits for one to
// finish (or for its context to end). n <= 0 means no bound, the default.
// Jobs made with [Client.NewAsyncJob] do not count: the client did not start them.
func WithMaxInFlight(n int) Option {
	return func(o *options) { o.maxInFlight = n }
}

// WithQueryTag puts tag into the QUERY_TAG of every statement the client
// submits, so they can be found in QUERY_HISTORY. The client gives every
// statement a QUERY_TAG of its own, JSON naming its run and name (see
// [WithRunID]), and tag is its "tag" member:
// {"sfasync":{"run":"...","stmt":"..."},"tag":"<tag>"}. Non-Snowflake
// databases ignore it.
func WithQueryTag(tag string) Option {
	return func(o *options) { o.queryTag = tag }
}

// WithRunID names the run the client's statements belong to, and makes
// named statements ([Statement.Name]) resumable: a statement name is one
// statement of the run. A client started again with the run ID (after a
// crash, or on another machine) finds the run's statements already
// submitted, through the [WithJournal] journal if there is one and through
// Snowflake's query history by their query tags, attaches to them, and
// submits only the ones never submitted. Without it the client makes up a
// run ID of its own and runs every statement it is given.
func WithRunID(id string) Option {
	return func(o *options) { o.runID = id }
}

// WithLogger sends the client's diagnostics to l. The default discards them.
func WithLogger(l *slog.Logger) Option {
	return func(o *options) {
		if l != nil {
			o.logger = l
		}
	}
}

// WithPollBackoff bounds the delay between status checks when the client
// cannot wait on the server's held result request and falls back to asking
// for a statement's status (after a network error, for instance). Checks
// start first apart and back off to most. A first that is not positive
// keeps the default; a most below first is taken as first. Defaults: 50ms
// and 5s.
func WithPollBackoff(first, most time.Duration) Option {
	return func(o *options) {
		if first > 0 {
			o.pollMin = first
		}
		o.pollMax = max(most, o.pollMin)
	}
}

// WithCancelOnAbandon makes every way of waiting for many jobs ([WaitAll],
// [Completed], and pipeline.Run, which waits with WaitAll) cancel, on the
// server, the statements it stops waiting for because its context ended.
// Without it those statements go on running and can still be awaited later.
func WithCancelOnAbandon() Option {
	return func(o *options) { o.cancelOnAbandon = true }
}

// WithSessions sets how many Snowflake sessions the client may hold at once,
// each a connection out of db's pool for the client's life. A session sends
// one submission at a time, so n is how many submissions can be under way at
// once; statements run concurrently whatever n is. The client opens a new
// session only when every open one is busy submitting, so a program that
// submits one statement at a time logs in once. If db has SetMaxOpenConns,
// the client holds at most one fewer than that limit. n < 1 means 1.
// Default 16. Ignored by non-Snowflake databases.
func WithSessions(n int) Option {
	return func(o *options) { o.sessions = max(n, 1) }
}

// WithCancelOnClose makes [Client.Close] cancel, on the server, every statement the
// client submitted that has not ended, and then log its sessions out.
// Without it Close leaves those statements running: it never logs out a
// session they run in, since Snowflake would then abort them.
func WithCancelOnClose() Option {
	return func(o *options) { o.cancelOnClose = true }
}

// WithStatementTimeout bounds how long each statement the client submits
// may run: past d it is canceled on the server and its job fails with an
// error that errors.Is [ErrTimeout] and names its query ID.
// [Statement.Timeout] overrides it for one statement. A context deadline
// bounds only the caller's wait, never the statement. d <= 0 means no
// bound, the default.
func WithStatementTimeout(d time.Duration) Option {
	return func(o *options) { o.stmtTimeout = max(d, 0) }
}
