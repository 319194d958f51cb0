package sfasync

import (
	"log/slog"
	"time"
)

// Option configures a Client. Options are applied in order by New.
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
}

func defaultOptions() options {
	return options{
		maxInFlight: 0, // unlimited
		logger:      slog.New(slog.DiscardHandler),
		pollMin:     50 * time.Millisecond,
		pollMax:     5 * time.Second,
	}
}

// WithMaxInFlight bounds how many of the client's submitted jobs may run at
// once. When n jobs are running, SubmitNoWait waits for one to finish (or for
// its context to end). n <= 0 means no bound, the default. Jobs made with
// NewAsyncJob do not count: the client did not start them.
func WithMaxInFlight(n int) Option {
	return func(o *options) { o.maxInFlight = n }
}

// WithQueryTag sets Snowflake's QUERY_TAG on every statement the client
// submits, so they can be found in QUERY_HISTORY. Non-Snowflake databases
// ignore it.
func WithQueryTag(tag string) Option {
	return func(o *options) { o.queryTag = tag }
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
// start min apart and back off to max. Defaults: 50ms and 5s.
func WithPollBackoff(min, max time.Duration) Option {
	return func(o *options) {
		if min > 0 {
			o.pollMin = min
		}
		if max >= o.pollMin {
			o.pollMax = max
		}
	}
}

// WithCancelOnAbandon makes WaitAll cancel, on the server, the statements it
// stops waiting for because its context ended. Without it those statements go
// on running and can still be awaited later.
func WithCancelOnAbandon() Option {
	return func(o *options) { o.cancelOnAbandon = true }
}
