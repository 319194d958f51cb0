package pipeline

import (
	"fmt"
	"time"
)

// Policy says what a run does when a step fails.
type Policy int

const (
	// SkipDependents skips the steps that come after a failed one,
	// directly or not, and runs every other step: the default.
	SkipDependents Policy = iota
	// CancelAll stops the run at the first failure: it cancels the
	// running steps on the server and submits nothing more. It does the
	// same when the run's context ends.
	CancelAll
)

// String returns "skip" or "cancel", the names [ParsePolicy] takes.
func (p Policy) String() string {
	if p == CancelAll {
		return "cancel"
	}
	return "skip"
}

// ParsePolicy reads a policy's name: "skip" or "cancel".
func ParsePolicy(s string) (Policy, error) {
	switch s {
	case "skip":
		return SkipDependents, nil
	case "cancel":
		return CancelAll, nil
	}
	return 0, fmt.Errorf("pipeline: unknown failure policy %q (want skip or cancel)", s)
}

// RunOption configures [Run].
type RunOption func(*runConfig)

type runConfig struct {
	maxInFlight int
	policy      Policy
	onEvent     func(Event)
}

// WithMaxInFlight bounds how many steps are submitted and not yet ended at
// once; n <= 0 means no bound (the default). The client's own
// [sfasync.WithMaxInFlight] applies as well.
func WithMaxInFlight(n int) RunOption { return func(c *runConfig) { c.maxInFlight = max(n, 0) } }

// WithPolicy sets what the run does when a step fails; the default is
// [SkipDependents].
func WithPolicy(p Policy) RunOption { return func(c *runConfig) { c.policy = p } }

// WithEvents makes the run call f as each step is submitted and as each
// ends, is skipped or is left out ([Event]), and again for each step
// [Result.CancelUnfinished] settles afterwards. f is called one event at a
// time, from the goroutine that called [Run] (or CancelUnfinished), and
// must return quickly.
func WithEvents(f func(Event)) RunOption { return func(c *runConfig) { c.onEvent = f } }

// EventKind says what an [Event] reports.
type EventKind int

const (
	// StepSubmitted: the server accepted the step's statement.
	StepSubmitted EventKind = iota + 1
	// StepFinished: the step has its status at the end of the run: it
	// ended, was skipped, will not run, or was left [Unfinished]. Run
	// reports one per step; a step left Unfinished gets one more, with its
	// new status, if [Result.CancelUnfinished] settles it later.
	StepFinished
)

// Event is a step submitted or finished.
type Event struct {
	Kind    EventKind
	Step    string
	QueryID string
	Status  Status // for StepFinished
	Cause   string // for StepFinished, as in StepResult
	Err     error  // for StepFinished, as in StepResult
	At      time.Time
	// RowsAffected and RowsReturned are, for a step that succeeded, as in
	// StepResult.
	RowsAffected int64
	RowsReturned int
}
