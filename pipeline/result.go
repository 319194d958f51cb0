package pipeline

import (
	"errors"
	"fmt"
	"time"

	"github.com/sfasync/sfasync"
)

// Status is how a step ended in a run, or that it had not ended when the
// run's context did ([Unfinished]).
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
	// [sfasync.WithCancelOnAbandon], which cancels it. The one status that
	// may change after [Run] returns: [Result.CancelUnfinished] settles it.
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
	// not submitted or has not ended (Unfinished). [Result.CancelUnfinished]
	// sets Ended of each step it settles.
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
	// Err is the failure, for Failed, Canceled and Unfinished (with a
	// failure to cancel it, if [Result.CancelUnfinished] had one), and for
	// NotRun when the run's context ended during its submission.
	Err error
}

// Result is how a run went.
type Result struct {
	// Steps are in the order given to [New].
	Steps   []StepResult
	index   map[string]int
	onEvent func(Event) // the run's WithEvents, for CancelUnfinished
}

// Start is the first step's submission, on the client's clock; zero if no
// step was submitted. It is worked out from Steps on each call.
func (r *Result) Start() time.Time {
	var start time.Time
	for _, s := range r.Steps {
		if !s.Submitted.IsZero() && (start.IsZero() || s.Submitted.Before(start)) {
			start = s.Submitted
		}
	}
	return start
}

// End is the last end the client learned of a step ([StepResult.Ended]),
// on the client's clock; zero if none ended. It is worked out from Steps
// on each call, so it counts the steps [Result.CancelUnfinished] settled.
func (r *Result) End() time.Time {
	var end time.Time
	for _, s := range r.Steps {
		if s.Ended.After(end) {
			end = s.Ended
		}
	}
	return end
}

// emit reports e to the run's WithEvents function, if any.
func (r *Result) emit(e Event) {
	if r.onEvent != nil {
		r.onEvent(e)
	}
}

// finished is the StepFinished event of step i as it stands, at at.
func (r *Result) finished(i int, at time.Time) Event {
	s := &r.Steps[i]
	return Event{Kind: StepFinished, Step: s.Name, QueryID: s.QueryID, Status: s.Status, Cause: s.Cause, Err: s.Err, At: at,
		RowsAffected: s.RowsAffected, RowsReturned: s.RowsReturned}
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
