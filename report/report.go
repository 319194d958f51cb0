// Package report draws what ran when: a run's statements as a text Gantt
// chart for terminals, an SVG picture and JSON, with the figures that say
// how well the run went — start spread, wall time, speed-up against the
// sum of run times, and the critical path. A statement's bar runs from its
// submission to its end as the client saw them, with the time it spent
// QUEUED or BLOCKED drawn apart at its front where the server's query
// history reports it ([pipeline.ReadServerTimes]); the start spread uses
// the server's starts when the history gave them ([Report.StartSpread]).
//
// It also keeps a live progress line ([Progress]) from [sfasync.Client.Stats],
// which costs no request.
package report

import (
	"slices"
	"time"

	"github.com/sfasync/sfasync/pipeline"
)

// Span is one statement of a run.
type Span struct {
	Name    string   `json:"name"`
	QueryID string   `json:"query_id,omitempty"`
	Status  string   `json:"status"`
	Cause   string   `json:"cause,omitempty"`
	After   []string `json:"after,omitempty"`
	Error   string   `json:"error,omitempty"`
	// Submitted and Ended are on the client's clock: when the server
	// accepted the statement and when the client learned it ended. Zero
	// for a statement that was not submitted, Ended also for one whose end
	// is not known; only a statement with both is drawn and counted.
	Submitted time.Time `json:"submitted"`
	Ended     time.Time `json:"ended"`
	// Started is when the server started it, from its query history; zero
	// if unknown. Queued and Blocked are how long it waited QUEUED and
	// BLOCKED, where the history reports them.
	Started time.Time     `json:"started"`
	Queued  time.Duration `json:"queued_ns"`
	Blocked time.Duration `json:"blocked_ns"`
}

// ran reports whether the span was submitted and ended.
func (s Span) ran() bool { return !s.Submitted.IsZero() && !s.Ended.IsZero() }

// waited is how long it waited QUEUED or BLOCKED.
func (s Span) waited() time.Duration { return s.Queued + s.Blocked }

// runTime is how long it ran, on the client's clock: from its submission
// to its end, less its waits.
func (s Span) runTime() time.Duration {
	if !s.ran() {
		return 0
	}
	return max(s.Ended.Sub(s.Submitted)-s.waited(), 0)
}

// Report is a run's spans and the figures drawn from them.
type Report struct {
	Title string `json:"title"`
	Spans []Span `json:"spans"`
	// Start is the first submission, End the last end, among the
	// statements with both.
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// Wall is End - Start.
	Wall time.Duration `json:"wall_ns"`
	// StartSpread is, among the statements that ran and come after no
	// other (those a run starts together), from the first one's start of
	// work to the last one's, a start of work being its start plus its time
	// QUEUED and BLOCKED. The starts are the server's ([Span.Started]) if
	// it gave one for every such statement, else the client's submissions
	// for all of them: never a mix of the two clocks. StartSpreadFrom says
	// which: [FromServer] or [FromClient].
	StartSpread     time.Duration `json:"start_spread_ns"`
	StartSpreadFrom Clock         `json:"start_spread_from"`
	// SumRun is the sum of the statements' run times, not counting their
	// time QUEUED or BLOCKED: about what one by one would take.
	SumRun time.Duration `json:"sum_run_ns"`
	// SpeedUp is SumRun / Wall.
	SpeedUp float64 `json:"speed_up"`
	// Queued and Blocked are the total times the statements spent QUEUED
	// and BLOCKED, where known.
	Queued  time.Duration `json:"queued_ns"`
	Blocked time.Duration `json:"blocked_ns"`
	// CriticalPath is the chain of dependent statements (through After)
	// with the longest total time from submission to end, and
	// CriticalTime that total: the least the run could take with these
	// statements' times. Wall / CriticalTime near 1 says the run lost no
	// time between dependent statements.
	CriticalPath []string      `json:"critical_path"`
	CriticalTime time.Duration `json:"critical_ns"`
	// Lines, if set, are written below the chart instead of [Report.Summary]:
	// for a program that states its figures in its own words.
	Lines []string `json:"lines,omitempty"`
}

// Clock says whose times a figure was worked out from.
type Clock string

const (
	// FromServer: the server's query history ([Span.Started]).
	FromServer Clock = "server"
	// FromClient: the client's clock ([Span.Submitted]).
	FromClient Clock = "client"
)

// startSpread is the start spread of the spans that come after no other,
// and whose times it is from.
func startSpread(roots []Span) (time.Duration, Clock) {
	if len(roots) == 0 {
		return 0, ""
	}
	from := FromServer
	for _, s := range roots {
		if s.Started.IsZero() {
			from = FromClient
		}
	}
	starts := make([]time.Time, len(roots))
	for i, s := range roots {
		start := s.Started
		if from == FromClient {
			start = s.Submitted
		}
		starts[i] = start.Add(s.waited())
	}
	return slices.MaxFunc(starts, time.Time.Compare).Sub(slices.MinFunc(starts, time.Time.Compare)), from
}

// lines is what goes below the chart: Lines if set, else Summary.
func (r *Report) lines() []string {
	if r.Lines != nil {
		return r.Lines
	}
	return r.Summary()
}

// New works out a report's figures from its spans.
func New(title string, spans []Span) *Report {
	r := &Report{Title: title, Spans: slices.Clone(spans)}
	var roots []Span
	var steps []pipeline.Step
	ran := map[string]bool{}
	for _, s := range spans {
		if s.ran() {
			ran[s.Name] = true
		}
	}
	for _, s := range spans {
		if !s.ran() {
			continue
		}
		if r.Start.IsZero() || s.Submitted.Before(r.Start) {
			r.Start = s.Submitted
		}
		if s.Ended.After(r.End) {
			r.End = s.Ended
		}
		if len(s.After) == 0 {
			roots = append(roots, s)
		}
		r.SumRun += s.runTime()
		r.Queued += s.Queued
		r.Blocked += s.Blocked
		var after []string
		for _, a := range s.After {
			if ran[a] {
				after = append(after, a)
			}
		}
		steps = append(steps, pipeline.Step{Name: s.Name, After: after, Estimate: max(s.Ended.Sub(s.Submitted), time.Nanosecond)})
	}
	r.StartSpread, r.StartSpreadFrom = startSpread(roots)
	r.Wall = r.End.Sub(r.Start)
	if r.Wall > 0 {
		r.SpeedUp = r.SumRun.Seconds() / r.Wall.Seconds()
	}
	if p, err := pipeline.New(steps...); err == nil && p.Len() > 0 {
		pl := p.Plan(nil)
		r.CriticalPath, r.CriticalTime = pl.CriticalPath, pl.CriticalTime
	}
	return r
}

// FromPipeline is the report of a pipeline run, with the server's times
// if they were set ([pipeline.Result.SetServerTimes]).
func FromPipeline(title string, res *pipeline.Result) *Report {
	spans := make([]Span, len(res.Steps))
	for i, s := range res.Steps {
		spans[i] = Span{Name: s.Name, QueryID: s.QueryID, Status: string(s.Status), Cause: s.Cause, After: s.After,
			Submitted: s.Submitted, Ended: s.Ended, Started: s.Started, Queued: s.Queued, Blocked: s.Blocked}
		if s.Err != nil {
			spans[i].Error = s.Err.Error()
		}
	}
	return New(title, spans)
}
