package sftest

import (
	"context"
	"sync"
	"time"
)

// Status names, as Snowflake's monitoring endpoint reports them.
const (
	StatusQueued          = "QUEUED"
	StatusBlocked         = "BLOCKED"
	StatusRunning         = "RUNNING"
	StatusSuccess         = "SUCCESS"
	StatusFailedWithError = "FAILED_WITH_ERROR"
	StatusAborting        = "ABORTING"
	StatusAborted         = "ABORTED"
	// StatusRestarted is what monitoring reports for a running statement
	// under WithRestartedStatus: Snowflake runs the statement again; it is
	// not an end.
	StatusRestarted = "RESTARTED"
)

// Snowflake error codes the server answers with.
var (
	errCanceled = &sqlError{Code: "000604", SQLState: "57014", Message: "SQL execution canceled"}
)

// Query is one statement in the server's history.
type Query struct {
	ID           string
	SQL          string
	Status       string
	SessionID    int64
	Submitted    time.Time // when the server received it
	Start        time.Time // when it began RUNNING; zero if it never ran
	End          time.Time // when it reached a terminal status; zero while not terminal
	ErrorCode    string    // Snowflake code, e.g. "000604"; empty unless it failed or was aborted
	Error        string
	QueryTag     string
	RowsProduced int64
	// Database, Schema, Role and Warehouse are the session's current names
	// when the statement was submitted (empty where none was set), as
	// QUERY_HISTORY's DATABASE_NAME, SCHEMA_NAME, ROLE_NAME, WAREHOUSE_NAME.
	Database, Schema, Role, Warehouse string
	// Queued and Blocked are how long the statement waited for a warehouse
	// slot (QUEUED) and for a table lock (BLOCKED), so far.
	Queued, Blocked time.Duration
	// QueryContext is the query context entries the client sent with this
	// statement (the query-request's queryContextDTO); nil when it sent none,
	// as on a session's first statement or with disableQueryContextCache.
	// Multi-statement children record none: their parent's request carried them.
	QueryContext []QueryContextEntry
	// ReturnedContext is the query context entries the server's answers
	// about this statement carry (query answer, 333333/333334, result): the
	// session's context as of this statement. The driver sends them back
	// with the connection's next statement.
	ReturnedContext []QueryContextEntry
	// ParentID is, for a statement run by a Snowflake Scripting block or a
	// stored procedure (or a multi-statement request), the query ID of the
	// block, CALL or request that ran it; empty for a top-level statement.
	ParentID string
}

// statement is a submitted statement and its lifecycle. Status moves
// QUEUED -> [BLOCKED ->] [QUEUED ->] RUNNING -> SUCCESS | FAILED_WITH_ERROR | ABORTED;
// any non-terminal status may go straight to ABORTED. done closes exactly once,
// when a terminal status is reached.
type statement struct {
	id        string
	requestID string
	sessionID int64
	sql       string
	tag       string
	tagSent   bool // tag came with the request, not from the session's QUERY_TAG
	submitted time.Time
	isChild   bool
	format    string              // result format chosen at submission (result_format.go)
	parentID  string              // the block, CALL or multi-statement request that ran it
	sentCtx   []QueryContextEntry // what the request carried; set before publication
	contextTS int64               // the session's query context timestamp for this statement
	names     submitNames         // the session's current names at submission

	// waits: the time spent QUEUED and BLOCKED, and when the status last
	// changed; since is zero until the first change, so the QUEUED a
	// statement starts in (compiling, in Snowflake's terms) is not a wait
	queued, blocked time.Duration
	since           time.Time

	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}

	mu     sync.Mutex
	status string
	start  time.Time
	end    time.Time
	err    *sqlError
	res    *result
}

func newStatement(parent context.Context, id string) *statement {
	ctx, cancel := context.WithCancel(parent)
	st := &statement{
		id:        id,
		submitted: time.Now(),
		ctx:       ctx,
		cancel:    cancel,
		done:      make(chan struct{}),
		status:    StatusQueued,
	}
	return st
}

func terminal(status string) bool {
	return status == StatusSuccess || status == StatusFailedWithError || status == StatusAborted
}

// setStatus moves a non-terminal statement to a non-terminal status; RUNNING
// also records the start time. It reports whether the statement was still live.
func (st *statement) setStatus(status string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	if terminal(st.status) {
		return false
	}
	st.countWait(time.Now())
	st.status = status
	if status == StatusRunning && st.start.IsZero() {
		st.start = time.Now()
	}
	return true
}

// finish records the outcome. err == nil means SUCCESS; errCanceled means
// ABORTED. It is a no-op on a statement that already ended and reports whether
// this call ended it.
func (st *statement) finish(res *result, err *sqlError) bool {
	st.mu.Lock()
	if terminal(st.status) {
		st.mu.Unlock()
		return false
	}
	st.end = time.Now()
	st.countWait(st.end)
	switch {
	case err == nil:
		st.status = StatusSuccess
		st.res = res
	case err.Code == errCanceled.Code:
		st.status = StatusAborted
		st.err = err
	default:
		st.status = StatusFailedWithError
		st.err = err
	}
	st.mu.Unlock()
	close(st.done)
	st.cancel()
	return true
}

// abort ends a live statement as ABORTED at once and interrupts its work.
func (st *statement) abort() bool { return st.finish(nil, errCanceled) }

// outcome returns the terminal state; ok is false while the statement is live.
func (st *statement) outcome() (res *result, err *sqlError, ok bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.res, st.err, terminal(st.status)
}

func (st *statement) snapshot() Query { return st.snap(true) }

// snap is snapshot; withContext false leaves QueryContext and
// ReturnedContext nil, which saves their copies (for the history table).
func (st *statement) snap(withContext bool) Query {
	st.mu.Lock()
	defer st.mu.Unlock()
	q := Query{
		ID: st.id, SQL: st.sql, Status: st.status, SessionID: st.sessionID,
		Submitted: st.submitted, Start: st.start, End: st.end, QueryTag: st.tag,
		Database: st.names.database, Schema: st.names.schema, Role: st.names.role, Warehouse: st.names.warehouse,
		Queued: st.queued, Blocked: st.blocked,
		ParentID: st.parentID,
	}
	if withContext {
		q.QueryContext = append([]QueryContextEntry(nil), st.sentCtx...)
		q.ReturnedContext = st.returnedContext()
	}
	if !terminal(st.status) && !st.since.IsZero() {
		st.addWait(&q, time.Since(st.since))
	}
	if st.err != nil {
		q.ErrorCode, q.Error = st.err.Code, st.err.Message
	}
	if st.res != nil {
		q.RowsProduced = st.res.producedRows
	}
	return q
}

// submitNames is the session's current names a statement was submitted under.
type submitNames struct{ database, schema, role, warehouse string }

// countWait adds the time since the last status change to the QUEUED or
// BLOCKED total, by the status being left; st.mu is held.
func (st *statement) countWait(now time.Time) {
	if st.since.IsZero() {
		st.since = now
		return
	}
	switch st.status {
	case StatusQueued:
		st.queued += now.Sub(st.since)
	case StatusBlocked:
		st.blocked += now.Sub(st.since)
	}
	st.since = now
}

// addWait adds d, the time in the current status, to q's wait of that kind;
// st.mu is held.
func (st *statement) addWait(q *Query, d time.Duration) {
	switch st.status {
	case StatusQueued:
		q.Queued += d
	case StatusBlocked:
		q.Blocked += d
	}
}
