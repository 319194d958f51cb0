package sfasync

import "sync/atomic"

// Recoveries counts what a client did, since it was created, to get past
// failed requests without losing or repeating a statement (see the
// README's "Failures" section). It shows what faults cost: a client on a
// healthy network has them all zero or nearly. The driver's own retries
// inside one request (gosnowflake's backoff on HTTP 429/5xx and transport
// errors) are not counted: the client does not see them.
type Recoveries struct {
	// Resent is how often a submission whose outcome was unknown (the
	// request or its answer was lost) was sent again in the same session
	// with its request ID, which Snowflake answers with the statement it
	// already accepted rather than running it again.
	Resent int64
	// LookedUp is how many times a submission was looked up by its query
	// tag in the query history, after a lost session or an outcome that
	// stayed unknown (one submission may be looked up after each of its
	// tries); Found is how many of those lookups found the statement
	// (accepted: not sent again).
	LookedUp, Found int64
	// Resubmitted is how many times a submission was sent again from
	// another session after a lookup showed it had not been accepted.
	Resubmitted int64
	// LoginRetries is how many failed logins were tried again.
	LoginRetries int64
	// SessionsLost is how many sessions the client gave up because the
	// server said they were gone (an expired or dropped session) or their
	// connection was closed; a new login replaces them when needed.
	SessionsLost int64
	// WaitRetries is how often the client asked again for a statement's
	// end after a request for it failed or came back without it (the
	// statement itself was not touched).
	WaitRetries int64
}

// Total is how many recoveries r counts in all: re-sends, lookups,
// resubmissions, retried logins, sessions given up and waits asked again
// (Found is part of LookedUp and not counted again).
func (r Recoveries) Total() int64 {
	return r.Resent + r.LookedUp + r.Resubmitted + r.LoginRetries + r.SessionsLost + r.WaitRetries
}

// recoveryCounts is a client's Recoveries as it counts them, safe for
// concurrent use. The client makes one and shares it with its backend,
// session pool and watcher.
type recoveryCounts struct {
	resent, lookedUp, found, resubmitted, loginRetries, sessionsLost, waitRetries atomic.Int64
}

func (rc *recoveryCounts) snapshot() Recoveries {
	return Recoveries{
		Resent: rc.resent.Load(), LookedUp: rc.lookedUp.Load(), Found: rc.found.Load(),
		Resubmitted: rc.resubmitted.Load(), LoginRetries: rc.loginRetries.Load(),
		SessionsLost: rc.sessionsLost.Load(), WaitRetries: rc.waitRetries.Load(),
	}
}
