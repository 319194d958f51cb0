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
	// ErrTimeout reports a statement canceled because it ran past its
	// timeout (WithStatementTimeout, Statement.Timeout), or one Snowflake
	// ended at its STATEMENT_TIMEOUT_IN_SECONDS (error 000630).
	ErrTimeout = errors.New("sfasync: statement timed out")
	// ErrNilJob reports a nil *AsyncJob given to WaitAll or Completed.
	ErrNilJob = errors.New("sfasync: nil job")
)

// Snowflake error codes this package interprets.
const (
	codeCanceled      = "000604"
	codeTimeout       = "000630"
	codeQueryNotFound = "000709"
)

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
	if e.QueryID == "" {
		msg = "sfasync: submission (no query ID)"
	}
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
	case codeTimeout:
		errs = append(errs, ErrTimeout)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

func errorf(queryID, format string, args ...any) error {
	return fmt.Errorf("sfasync: query %s: "+format, append([]any{queryID}, args...)...)
}

// errNilJob is the failure of a nil job at index i of a WaitAll or
// Completed call.
func errNilJob(i int) error {
	return fmt.Errorf("sfasync: job %d: %w", i, ErrNilJob)
}

// BatchError is [WaitAll]'s error when any job failed. Errs is aligned with
// the jobs WaitAll was given: Errs[i] is the failure of jobs[i], nil if it
// succeeded. Get it with errors.As; errors.Is and errors.As also look into
// every failure, as with errors.Join.
type BatchError struct {
	Errs []error
}

// Error lists every failure, one per line, as errors.Join does.
func (e *BatchError) Error() string {
	if err := errors.Join(e.Errs...); err != nil {
		return err.Error()
	}
	return "sfasync: no job failed"
}

// Unwrap returns the failures, without the nils of the jobs that succeeded.
func (e *BatchError) Unwrap() []error {
	var errs []error
	for _, err := range e.Errs {
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// Failed returns how many jobs failed.
func (e *BatchError) Failed() int { return len(e.Unwrap()) }
