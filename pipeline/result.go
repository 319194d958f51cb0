package pipeline

import (
	"errors"
	"fmt"
	"time"

	"github.com/sfasync/sfasync"
)

// Status is how a step ended in a run.
type Status string

const (
	// Succeeded: the step's statement succeeded.
	Succeeded Status = "SUCCESS"
	// Failed: the statement failed, or could not be submitted.
	Failed Status = "FAILED"
	// Skipped: a step it comes after did not succeed (Cause names it), so
	// it was not submitted.
	Skipped Status = "SKIPPED"
	// Canceled: the statement was canceled on the server, or, never
	// submitted, the run was stopped under [CancelAll] (Cause says why).
	Canceled Status = "CANCELED"
	// Unfinished: the run's context ended while the statement ran; it goes
	// on on the server unless the client was made
	// [sfasync.WithCancelOnAbandon], which cancels it.
	Unfinished Status = "UNFINISHED"
	// NotRun: the run's context ended before the step could be submitted.
	NotRun Status = "NOT_RUN"
)

// StepResult is how one step went.
type StepResult struct {
	Name  string
	After []string
	// Status is how it ended; Cause says why for Skipped, NotRun and a
	// step Canceled before it was submitted.
	Status Status
	Cause  string
	// QueryID and Job are the statement's, once submitted.
	QueryID string
	Job     *sfasync.AsyncJob
	// Submitted is when the server accepted the statement, Ended when the
	// client learned it ended, both on the client's clock; zero if it was
	// not submitted or has not ended.
	Submitted, Ended time.Time
	// Started is when the statement started on the server, and Queued and
	// Blocked how long it waited QUEUED for the warehouse and BLOCKED on a
	// lock: from the server's query history ([Result.SetServerTimes]),
	// zero where it does not report them.
	Started         time.Time
	Queued, Blocked time.Duration
	// RowsAffected is what a DML statement changed, RowsReturned how many
	// rows a query returned (for a script, its last statement's).
	RowsAffected int64
	RowsReturned int
	// Err is the failure, for Failed, Canceled and Unfinished.
	Err error
}

// Result is how a run went.
type Result struct {
	// Steps are in the order given to [New].
	Steps []StepResult
	// Start is the first submission, End the last end learned.
	Start, End time.Time
	index      map[string]int
}

// Step returns the result of the named step.
func (r *Result) Step(name string) (StepResult, bool) {
	i, ok := r.index[name]
	if !ok {
		return StepResult{}, false
	}
	return r.Steps[i], true
}

// Count returns how many steps ended with status s.
func (r *Result) Count(s Status) int {
	n := 0
	for _, st := range r.Steps {
		if st.Status == s {
			n++
		}
	}
	return n
}

// QueryIDs lists the query IDs of the steps that were submitted.
func (r *Result) QueryIDs() []string {
	var ids []string
	for _, s := range r.Steps {
		if s.QueryID != "" {
			ids = append(ids, s.QueryID)
		}
	}
	return ids
}

// Err is nil if every step succeeded, else one error per step that did
// not, naming the step, its status and why; errors.Is and errors.As see
// the steps' failures.
func (r *Result) Err() error {
	var errs []error
	for _, s := range r.Steps {
		switch {
		case s.Status == Succeeded:
		case s.Err != nil:
			errs = append(errs, fmt.Errorf("step %s: %s: %w", s.Name, s.Status, s.Err))
		default:
			errs = append(errs, fmt.Errorf("step %s: %s: %s", s.Name, s.Status, s.Cause))
		}
	}
	return errors.Join(errs...)
}
