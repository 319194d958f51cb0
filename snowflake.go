package sfasync

import (
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"
)

// withMultiStatement lets a statement's text hold n statements, on
// Snowflake; other drivers ignore the context value.
func withMultiStatement(ctx context.Context, n int) context.Context {
	return sf.WithMultiStatement(ctx, n)
}

// isSnowflake reports whether db was opened with gosnowflake.
func isSnowflake(db *sql.DB) bool {
	switch db.Driver().(type) {
	case *sf.SnowflakeDriver, sf.SnowflakeDriver:
		return true
	}
	return false
}

// snowflakeBackend runs statements through gosnowflake's async mode on the
// client's one session, learns their ends from the result request the server
// holds while a statement runs, and reads status, results and cancels by
// query ID, as Snowpark's AsyncJob does.
type snowflakeBackend struct {
	db     *sql.DB
	pool   *sessionPool
	log    *slog.Logger
	gapMin time.Duration // backoff between re-sends of a submission
	gapMax time.Duration
	rc     *recoveryCounts
	reads  historyReads // lookups' shared reads of the query history
}

func newSnowflakeBackend(db *sql.DB, o *options, rc *recoveryCounts) *snowflakeBackend {
	return &snowflakeBackend{db: db, pool: newSessionPool(db, o.sessions, rc), log: o.logger, gapMin: o.pollMin, gapMax: o.pollMax, rc: rc}
}

// do runs f with a session to itself, for a query-request (a submission or
// a cancel). If the session turns out to be gone (Snowflake's 390xxx
// session errors, such as an expired master token, or a connection the
// driver found broken), it logs in again and runs f once more: a refused
// request did nothing on the server, so the retry cannot run anything twice.
func (b *snowflakeBackend) do(ctx context.Context, f func(*session) error) error {
	for attempt := 0; ; attempt++ {
		s, err := b.pool.acquire(ctx)
		if err != nil {
			return err
		}
		err = f(s)
		if err == nil || attempt > 0 || !lostSession(err) || errors.Is(err, errOutcomeUnknown) {
			b.pool.release(s)
			return err
		}
		b.pool.lost(s)
		b.pool.release(s)
	}
}

// lostSession reports whether err says the session, not the request, failed.
func lostSession(err error) bool {
	var se *sf.SnowflakeError
	return errors.Is(err, driver.ErrBadConn) || errors.As(err, &se) && sessionError(se.Number)
}

// readyRows waits for driver rows to be ready and classifies how they ended.
func readyRows(id string, rows driver.Rows) outcome {
	if cols := rows.Columns(); len(cols) > 0 {
		return outcome{rows: rows}
	}
	// Columns hides the failure; Next reports it before touching dest.
	err := rows.Next(nil)
	if err == nil || err == io.EOF {
		return outcome{rows: rows}
	}
	return classifyWaitError(id, err)
}

func (b *snowflakeBackend) attach(queryID string, known bool) (waitFunc, error) {
	return func(ctx context.Context) outcome {
		s, dc, err := b.pool.shared(ctx)
		if err != nil {
			return outcome{err: err, transient: true}
		}
		// Fetch by ID asks for the status, then holds the result request
		// until the statement ends.
		fetch := func() (driver.Rows, error) {
			return dc.(driver.QueryerContext).QueryContext(sf.WithFetchResultByID(ctx, queryID), "", nil)
		}
		var rows driver.Rows
		listed, err, rerr := b.pastNoStatus(ctx, s, queryID, known, func() (err error) {
			rows, err = fetch()
			return err
		})
		if rerr != nil || noStatus(err) && listed && !known {
			// Not a statement's failure: ask again later.
			return outcome{err: errorf(queryID, "waiting for the result: %w", cmp.Or(rerr, err)), transient: true}
		}
		if err != nil {
			o := classifyWaitError(queryID, err)
			if known && errors.Is(o.err, ErrQueryNotFound) {
				// Monitoring may know nothing yet of a statement it has
				// just accepted; this one was accepted, so ask again.
				o.transient = true
			}
			if o.sessionLost || errors.Is(err, driver.ErrBadConn) {
				b.pool.lost(s)
			}
			return o
		}
		return readyRows(queryID, rows)
	}, nil
}

// pastNoStatus runs ask, a monitoring read through session s, and copes
// with gosnowflake's "no status" answer, which it gives for a statement
// monitoring does not list (yet) and for a dropped or expired session
// alike. On that answer it first renews the session, so that no statement
// is watched through a dead session for ever, and asks again; if the
// answer is still "no status" for a statement the client did not submit,
// it asks the query history. It returns listed, whether the statement is
// known to exist (known, or found in the history); ask's last error; and
// rerr, a failure to renew the session or read the history, after which
// the read should be tried again later.
func (b *snowflakeBackend) pastNoStatus(ctx context.Context, s *session, queryID string, known bool, ask func() error) (listed bool, err, rerr error) {
	if err = ask(); !noStatus(err) {
		return known, err, nil
	}
	if rerr := b.pool.refresh(ctx, s); rerr != nil {
		return known, err, rerr
	}
	if err = ask(); !noStatus(err) || known {
		return known, err, nil
	}
	found, herr := b.exists(ctx, queryID)
	if herr != nil {
		return false, err, fmt.Errorf("monitoring has no status, and the query history could not be read: %w", herr)
	}
	return found, err, nil
}

// noStatus reports whether err is gosnowflake's "no status" answer from
// monitoring, which it gives for a query ID the server does not know, for
// an empty answer, and for a session failure alike.
func noStatus(err error) bool {
	var se *sf.SnowflakeError
	return errors.As(err, &se) && se.Number == sf.ErrQueryStatus && len(se.MessageArgs) < 2
}

// classifyWaitError tells a statement's failure from a failure to learn it.
func classifyWaitError(id string, err error) outcome {
	var se *sf.SnowflakeError
	if !errors.As(err, &se) {
		return outcome{err: errorf(id, "waiting for the result: %w", err), transient: true}
	}
	switch {
	case se.Number == sf.ErrAsync:
		// The driver's result request failed (network, context).
		return outcome{err: errorf(id, "waiting for the result: %w", err), transient: true}
	case sessionError(se.Number):
		// The session is gone (logged out, invalid token), not the
		// statement: the watcher asks again by query ID from a new session.
		return outcome{err: errorf(id, "waiting for the result: %w", err), transient: true, sessionLost: true}
	case se.Number == sf.ErrQueryStatus:
		if code, msg, ok := statusErrorArgs(se); ok {
			return outcome{err: &QueryError{QueryID: id, Code: code, Message: msg, Err: err}}
		}
		return outcome{err: errNoStatus(id, err)}
	case se.Number == sf.ErrQueryReportedError:
		// The driver counts BLOCKED and ABORTING as errors, but neither
		// is an end: ask again later.
		st := statusFromMessage(se.Message)
		if !st.Done() {
			return outcome{err: errorf(id, "not ended yet (%s): %w", st, err), transient: true}
		}
		qe := &QueryError{QueryID: id, Code: fmt.Sprintf("%06d", se.Number), SQLState: se.SQLState, Message: se.Message, Err: err}
		if st == StatusAborted {
			qe.Code = codeCanceled
		}
		return outcome{err: qe}
	}
	return outcome{err: toQueryError(id, err)}
}

// sessionError reports whether a Snowflake error code is about the session
// or its login (390xxx: session gone, token invalid or expired) rather than
// about a statement.
func sessionError(code int) bool { return code >= 390000 && code < 391000 }

// errNoStatus is the failure for a query ID the server has no status for:
// gosnowflake says so with a generic status error that carries no code.
func errNoStatus(id string, err error) *QueryError {
	return &QueryError{QueryID: id, Code: codeQueryNotFound, Message: "the server has no status for this query ID", Err: err}
}

// statusErrorArgs pulls the statement's own code and message out of the
// driver's "server ErrorCode=%s, ErrorMessage=%s" status error.
func statusErrorArgs(se *sf.SnowflakeError) (code, msg string, ok bool) {
	if len(se.MessageArgs) < 2 {
		return "", "", false
	}
	code, _ = se.MessageArgs[0].(string)
	msg, _ = se.MessageArgs[1].(string)
	return code, msg, code != ""
}

// statusFromMessage reads the status the driver puts at the end of its
// status errors: "...: status from server: [RUNNING]".
func statusFromMessage(msg string) Status {
	i := strings.LastIndex(msg, "[")
	j := strings.LastIndex(msg, "]")
	if i < 0 || j < i {
		return ""
	}
	return Status(msg[i+1 : j])
}

// toQueryError turns a driver error into a *QueryError naming the query.
func toQueryError(id string, err error) error {
	var se *sf.SnowflakeError
	if !errors.As(err, &se) {
		if id == "" {
			return fmt.Errorf("sfasync: %w", err)
		}
		return errorf(id, "%w", err)
	}
	if validQueryID(se.QueryID) { // the driver may say "-1" or nothing
		id = se.QueryID
	}
	msg := se.Message
	if len(se.MessageArgs) > 0 {
		msg = fmt.Sprintf(se.Message, se.MessageArgs...)
	}
	return &QueryError{QueryID: id, Code: fmt.Sprintf("%06d", se.Number), SQLState: se.SQLState, Message: msg, Err: err}
}

func (b *snowflakeBackend) status(ctx context.Context, queryID string, known bool) (Status, error) {
	s, dc, err := b.pool.shared(ctx)
	if err != nil {
		return "", err
	}
	sc, ok := dc.(sf.SnowflakeConnection)
	if !ok {
		return "", fmt.Errorf("%w: driver connection %T has no monitoring API", ErrUnsupported, dc)
	}
	var qs *sf.SnowflakeQueryStatus
	known, err, rerr := b.pastNoStatus(ctx, s, queryID, known, func() (err error) {
		qs, err = sc.GetQueryStatus(ctx, queryID)
		return err
	})
	if rerr != nil {
		return "", errorf(queryID, "status: %w", rerr)
	}
	if err != nil {
		var se *sf.SnowflakeError
		if !errors.As(err, &se) {
			return "", errorf(queryID, "status: %w", err)
		}
		switch se.Number {
		case sf.ErrQueryIsRunning, sf.ErrQueryReportedError:
			if st := statusFromMessage(se.Message); st != "" {
				return st, nil
			}
		case sf.ErrQueryStatus:
			code, _, ok := statusErrorArgs(se)
			if !ok && known {
				// The driver says this both when monitoring answers an
				// empty list, as it may for a statement it accepted a
				// moment ago, and when it does not know the ID. This one
				// the client submitted, so it is the former: as
				// Snowflake's Python connector says, NO_DATA.
				return StatusNoData, nil
			}
			if !ok {
				return "", errNoStatus(queryID, err)
			}
			if code == codeCanceled {
				return StatusAborted, nil
			}
			return StatusFailedWithError, nil
		}
		return "", toQueryError(queryID, err)
	}
	if qs.EndTime == 0 {
		// The driver reports no error for SUCCESS and for RESTARTED, a
		// statement Snowflake runs again; only the end time tells them
		// apart.
		return StatusRestarted, nil
	}
	return StatusSuccess, nil
}

func (b *snowflakeBackend) cancel(ctx context.Context, queryID string) error {
	if err := checkQueryID(queryID); err != nil {
		return err // never inline anything but a validated ID
	}
	return b.do(ctx, func(s *session) error {
		rows, err := s.dc.(driver.QueryerContext).QueryContext(ctx, "SELECT SYSTEM$CANCEL_QUERY('"+queryID+"')", nil)
		if err != nil {
			return cancelError(queryID, err)
		}
		return rows.Close()
	})
}

// cancelError is the failure of a cancel, naming the statement to cancel,
// not the SYSTEM$CANCEL_QUERY statement the driver's error names.
func cancelError(queryID string, err error) error {
	var qe *QueryError
	if !errors.As(toQueryError(queryID, err), &qe) {
		return errorf(queryID, "cancel: %w", err)
	}
	qe.QueryID = queryID
	qe.Message = "cancel: " + qe.Message
	return qe
}

func (b *snowflakeBackend) rows(ctx context.Context, queryID string) (*sql.Rows, error) {
	rows, err := b.db.QueryContext(sf.WithFetchResultByID(ctx, queryID), "")
	if err != nil {
		return nil, toQueryError(queryID, err)
	}
	return rows, nil
}

func (b *snowflakeBackend) ended(queryID string) { b.pool.ended(queryID) }

// running lists the statements the client submitted and has not seen end.
func (b *snowflakeBackend) running() []string { return b.pool.runningIDs() }

func (b *snowflakeBackend) close() error {
	err := b.pool.close()
	b.reads.wait() // they end with the client's lifetime context, and need a session
	return err
}

// namedValues converts arguments the way database/sql does for ExecContext:
// the connection's own NamedValueChecker first, then the default converter.
func namedValues(dc driver.Conn, args []any) ([]driver.NamedValue, error) {
	out := make([]driver.NamedValue, len(args))
	checker, _ := dc.(driver.NamedValueChecker)
	for i, a := range args {
		nv := driver.NamedValue{Ordinal: i + 1, Value: a}
		if n, ok := a.(sql.NamedArg); ok {
			nv.Name, nv.Value = n.Name, n.Value
		}
		if checker != nil {
			err := checker.CheckNamedValue(&nv)
			if err == nil {
				out[i] = nv
				continue
			}
			if !errors.Is(err, driver.ErrSkip) {
				return nil, fmt.Errorf("argument %d: %w", i+1, err)
			}
		}
		v, err := driver.DefaultParameterConverter.ConvertValue(nv.Value)
		if err != nil {
			return nil, fmt.Errorf("argument %d: %w", i+1, err)
		}
		nv.Value = v
		out[i] = nv
	}
	return out, nil
}
