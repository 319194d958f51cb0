package sfasync

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"

	sf "github.com/snowflakedb/gosnowflake/v2"
)

// submit sends query in a session of the pool, tagged with tag. Every
// attempt carries one request ID that sfasync chose: re-sent in the same
// session, Snowflake returns the statement it already accepted instead of
// running it again (from another session it would run it again). So when
// an attempt's outcome is unknown (the request or its answer was lost and
// the driver gave up), submit re-sends it in the same session.
//
// When the session is lost after an attempt whose outcome may have been
// acceptance (and gosnowflake retries lost answers on its own, so any
// attempt that meets a lost session may have been accepted), or the outcome
// stays unknown, submit looks the statement up by its tag in the query
// history: found, it is the job; not found, the statement was not
// accepted, and it is sent again from a new session under a new request ID.
func (b *snowflakeBackend) submit(ctx, run context.Context, query string, args []any, tag string) (string, waitFunc, error) {
	for try := 1; ; try++ {
		rctx := sf.WithRequestID(ctx, sf.NewUUID())
		var (
			id   string
			wait waitFunc
		)
		s, err := b.pool.acquire(ctx)
		if err != nil {
			if try < submitTries && loginRetryable(ctx, err) && pause(ctx, b.gapMin) {
				// Nothing was sent: a failed login cannot have run it.
				b.rc.loginRetries.Add(1)
				b.log.Warn("sfasync: logging in failed; trying again", "err", err)
				continue
			}
			return "", nil, err
		}
		err = b.resend(rctx, func() error {
			var err error
			id, wait, err = b.submitOn(s, rctx, run, query, args, tag)
			return err
		})
		if lostSession(err) {
			b.pool.lost(s)
		}
		b.pool.release(s)
		if err == nil || !lostSession(err) && !errors.Is(err, errOutcomeUnknown) {
			return id, wait, err
		}
		b.rc.lookedUp.Add(1)
		if id, err := b.lookUp(ctx, run, tag, err); id != "" || err != nil {
			if err != nil {
				return "", nil, err
			}
			b.rc.found.Add(1)
			b.log.Info("sfasync: a submission whose answer was lost was found by its query tag", "query_id", id)
			wait, err := b.attach(id, true)
			return id, wait, err
		}
		if errors.Is(err, errOutcomeUnknown) && !lostSession(err) {
			return "", nil, fmt.Errorf("%w; the query history has no statement with its tag (yet)", err)
		}
		if try == submitTries {
			return "", nil, err
		}
		b.rc.resubmitted.Add(1)
	}
}

// loginRetryable reports whether a failure to get a session may pass if
// tried again: not when ctx ended or the client closed, and not when the
// server refused the credentials (390100 and the other 3901xx login codes).
func loginRetryable(ctx context.Context, err error) bool {
	if ctx.Err() != nil || errors.Is(err, ErrClosed) {
		return false
	}
	var se *sf.SnowflakeError
	return !errors.As(err, &se) || se.Number < 390100 || se.Number >= 390200
}

// submitTries bounds how many sessions one submission is sent from. Each
// try after the first follows a lookup that did not find the statement.
const submitTries = 5

// resendAttempts bounds how often submit sends a statement whose outcome
// stays unknown.
const resendAttempts = 4

// resend runs send until its outcome is known, at most resendAttempts
// times, backing off between the client's poll bounds. If the outcome stays
// unknown, the error wraps errOutcomeUnknown; submit then looks the
// statement up by its tag before it sends it from another session (as it
// does after any lost session).
func (b *snowflakeBackend) resend(ctx context.Context, send func() error) error {
	gap := b.gapMin
	for attempt := 1; ; attempt++ {
		err := send()
		var ue *uncertainError
		if !errors.As(err, &ue) {
			return err
		}
		if attempt == resendAttempts || ctx.Err() != nil {
			return fmt.Errorf("sfasync: submit: %w after %d attempts in one session: %w", errOutcomeUnknown, attempt, ue.err)
		}
		if !pause(ctx, gap) {
			return fmt.Errorf("sfasync: submit: %w: %w", errOutcomeUnknown, ctx.Err())
		}
		b.rc.resent.Add(1)
		gap = min(2*gap, b.gapMax)
	}
}

// errOutcomeUnknown says a submission may or may not have been accepted.
var errOutcomeUnknown = errors.New("outcome unknown: the statement may have been accepted")

// uncertainError is a submission's failure that leaves its outcome
// unknown: the request failed on the way (a transport error, or an HTTP
// failure the driver reports with its own 26xxxx codes), not with the
// server's answer.
type uncertainError struct{ err error }

func (e *uncertainError) Error() string { return e.err.Error() }
func (e *uncertainError) Unwrap() error { return e.err }

// unknownOutcome reports whether a query-request's failure leaves open
// whether the server accepted the statement.
func unknownOutcome(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, driver.ErrBadConn) {
		return false
	}
	var se *sf.SnowflakeError
	if !errors.As(err, &se) {
		return true
	}
	return se.Number >= 260000 && se.Number < 270000
}

// submitOn submits query in session s, which the caller has to itself.
func (b *snowflakeBackend) submitOn(s *session, ctx, run context.Context, query string, args []any, tag string) (string, waitFunc, error) {
	dc := s.dc
	named, err := namedValues(dc, args)
	if err != nil {
		return "", nil, fmt.Errorf("sfasync: bind arguments: %w", err)
	}
	// The driver's async mode keeps the context it is given for the request
	// that waits for the result, so that request must outlive ctx: it takes
	// ctx's values but ends with run. ctx still bounds the submission itself.
	jctx, jcancel := detach(run, ctx)
	stop := context.AfterFunc(ctx, jcancel)
	if tag != "" {
		jctx = sf.WithQueryTag(jctx, tag)
	}
	// The query ID comes on a channel: reading it from the rows would race
	// with the driver's goroutine, which sets it again when the result
	// arrives.
	ids := make(chan string, 1)
	rows, err := dc.(driver.QueryerContext).QueryContext(sf.WithQueryIDChan(sf.WithAsyncMode(jctx), ids), query, named)
	stop()
	var id string
	select {
	case id = <-ids:
	default:
	}
	if err != nil {
		jcancel()
		if ctx.Err() != nil {
			return "", nil, fmt.Errorf("sfasync: submit: %w", ctx.Err())
		}
		if id == "" && unknownOutcome(err) {
			return "", nil, &uncertainError{err: err}
		}
		return "", nil, toQueryError(id, err)
	}
	if id == "" {
		jcancel()
		_ = rows.Close()
		return "", nil, errors.New("sfasync: submit: the server accepted the statement but sent no query ID")
	}
	b.pool.track(s, id)
	wait := func(context.Context) outcome {
		// The driver's goroutine holds the result request and hands over
		// its outcome on a channel only Columns and Next read; it ends with
		// jctx, so this wait ends with the client.
		defer jcancel()
		o := readyRows(id, rows)
		if o.sessionLost {
			b.pool.lost(s)
		}
		return o
	}
	return id, wait, nil
}
