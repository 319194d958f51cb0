package sfasync

import (
	"errors"
	"fmt"
)

// Sentinel errors. Test for them with errors.Is; every error this package
// returns for a statement also names the statement's query ID.
var (
	// ErrCanceled reports that a statement was canceled (Snowflake error
	// 000604), by Cancel or by anyone else who canceled it on the server.
	ErrCanceled = errors.New("sfasync: statement canceled")
	// ErrInvalidQueryID reports a query ID that is not shaped like a Snowflake
	// query ID (a UUID). No request is sent for such an ID.
	ErrInvalidQueryID = errors.New("sfasync: invalid query ID")
	// ErrQueryNotFound reports a well-formed query ID that the server does not
	// know, or that this user may not see.
	ErrQueryNotFound = errors.New("sfasync: query not found")
	// ErrUnsupported reports an operation the database behind the client does
	// not offer, such as attaching to a query ID with a non-Snowflake driver.
	ErrUnsupported = errors.New("sfasync: unsupported by this database")
	// ErrClosed reports a call on a Client after Close.
	ErrClosed = errors.New("sfasync: client closed")
)

// Snowflake error codes this package interprets.
const (
	codeCanceled      = "000604"
	codeQueryNotFound = "000709"
)

// Result is the outcome of a finished statement.
//
// For a query, Columns and Rows hold what it returned; for DML (INSERT,
// UPDATE, DELETE, MERGE) RowsAffected is the number of rows it changed and
// Rows holds Snowflake's per-verb counts. For a multi-statement job, Columns
// and Rows are those of its last statement and RowsAffected is the sum over
// its DML statements. Values are as the driver returns them, except that
// Snowflake NUMBER columns with scale 0 become int64 (a NUMBER with a scale
// stays a decimal string, so no precision is lost). A Result is shared by
// every caller of Result on the same job: treat it as read-only.
type Result struct {
	QueryID      string
	Columns      []string
	Rows         [][]any
	RowsAffected int64
}

// QueryError is a statement's failure as the server reported it. Retrieve it
// with errors.As. It matches ErrCanceled under errors.Is when Code is
// Snowflake's cancel code 000604, and ErrQueryNotFound when the server did
// not know the query ID.
type QueryError struct {
	QueryID  string // the statement's query ID
	Code     string // Snowflake's error code, six digits, e.g. "002003"
	SQLState string // ANSI SQLSTATE, e.g. "42S02"; may be empty
	Message  string // the server's message
	Err      error  // the underlying driver error, if any
}

// Error returns a message naming the query ID, the code and the server's text.
func (e *QueryError) Error() string {
	msg := "sfasync: query " + e.QueryID
	if e.Code != "" {
		msg += " failed with " + e.Code
		if e.SQLState != "" {
			msg += " (" + e.SQLState + ")"
		}
	} else {
		msg += " failed"
	}
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// Unwrap gives errors.Is and errors.As the sentinel the code stands for and
// the underlying driver error.
func (e *QueryError) Unwrap() []error {
	var errs []error
	switch e.Code {
	case codeCanceled:
		errs = append(errs, ErrCanceled)
	case codeQueryNotFound:
		errs = append(errs, ErrQueryNotFound)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

// Status is Snowflake's name for where a statement is in its life.
type Status string

// The statuses Snowflake reports. A status not listed here is passed through
// as the server spelled it.
const (
	StatusQueued                   Status = "QUEUED"
	StatusResumingWarehouse        Status = "RESUMING_WAREHOUSE"
	StatusQueuedRepairingWarehouse Status = "QUEUED_REPAIRING_WAREHOUSE"
	StatusRunning                  Status = "RUNNING"
	StatusBlocked                  Status = "BLOCKED"
	StatusNoData                   Status = "NO_DATA"
	StatusSuccess                  Status = "SUCCESS"
	StatusFailedWithError          Status = "FAILED_WITH_ERROR"
	StatusFailedWithIncident       Status = "FAILED_WITH_INCIDENT"
	StatusAborting                 Status = "ABORTING"
	StatusAborted                  Status = "ABORTED"
	StatusDisconnected             Status = "DISCONNECTED"
	StatusRestarted                Status = "RESTARTED"
)

// Done reports whether the statement has ended, well or badly.
func (s Status) Done() bool {
	return s == StatusSuccess || s.Failed()
}

// Failed reports whether the statement ended without success.
func (s Status) Failed() bool {
	switch s {
	case StatusFailedWithError, StatusFailedWithIncident, StatusAborted, StatusDisconnected:
		return true
	}
	return false
}

// String returns the status name.
func (s Status) String() string { return string(s) }

func statusOf(err error) Status {
	switch {
	case err == nil:
		return StatusSuccess
	case errors.Is(err, ErrCanceled):
		return StatusAborted
	default:
		return StatusFailedWithError
	}
}

func errorf(queryID, format string, args ...any) error {
	return fmt.Errorf("sfasync: query %s: "+format, append([]any{queryID}, args...)...)
}
