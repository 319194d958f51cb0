package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/sfasync/sfasync/report"
)

// span is one job on the timeline, with offsets from the timeline's origin
// (the first job's start).
type span struct {
	Name       string
	Kind       kind
	Table      string // the table the job writes, fully qualified
	QueryID    string
	Status     string // EXECUTION_STATUS, upper-case
	Start, End time.Duration
	// Blocked is, for an update, how long its UPDATE statement waited for
	// the lock on CUSTOMER_DATA (BLOCKED) before it ran, measured from the
	// job's start; zero for a load, or if the history did not show it.
	Blocked time.Duration
}

func (s span) duration() time.Duration { return s.End - s.Start }

// ran is how long the job worked: its duration less the time it was blocked.
func (s span) ran() time.Duration { return s.duration() - s.Blocked }

// timeline is the jobs' spans and the figures drawn from them.
type timeline struct {
	Spans      []span
	Wall       time.Duration // first submission to last result, on the client's clock
	Sequential bool
	Origin     time.Time // the first job's start, on the server's clock
}

// report is the timeline as the report package draws it: each job from its
// start to its end on the server's clock, its time BLOCKED apart, and this
// program's own figures below the chart.
func (tl *timeline) report() *report.Report {
	spans := make([]report.Span, len(tl.Spans))
	for i, s := range tl.Spans {
		spans[i] = report.Span{Name: s.Name, QueryID: s.QueryID, Status: s.Status,
			Submitted: tl.Origin.Add(s.Start), Started: tl.Origin.Add(s.Start), Ended: tl.Origin.Add(s.End), Blocked: s.Blocked}
	}
	title := "parallel-load: jobs submitted together with SubmitNoWait"
	if tl.Sequential {
		title = "parallel-load -sequential: jobs run one by one with ExecContext"
	}
	r := report.New(title+", from the server's query history", spans)
	r.Lines = tl.summary()
	return r
}

// writeText draws the timeline as a text Gantt chart and states its figures.
func (tl *timeline) writeText(w io.Writer) error {
	return tl.report().WriteText(w)
}

// summary states the timeline's figures and what they show, one line each:
// start spread, wall time, the estimate one by one and the speed-up over
// it, the lower bound run together and why, and how the loads and the
// updates ran.
func (tl *timeline) summary() []string {
	var starts []time.Duration
	for _, s := range tl.Spans {
		starts = append(starts, s.Start)
	}
	lines := []string{
		fmt.Sprintf("start spread: %.3f s from the first job's start to the last's", spreadOf(starts).Seconds()),
		fmt.Sprintf("wall time: %.3f s from the first submission to the last result (%.3f s on the server from the first start to the last end)",
			tl.Wall.Seconds(), tl.lastEnd().Seconds()),
	}
	lines = append(lines, estimateOf(tl.Spans).lines(tl.Wall, tl.lastEnd())...)
	if tl.Sequential {
		if peak := maxConcurrent(tl.Spans); peak > 1 {
			return append(lines, fmt.Sprintf("sequential: yet at most %d jobs ran at the same time", peak))
		}
		return append(lines, "sequential: each job started only once the one before it had ended")
	}
	return append(append(lines, tl.loadsLine()), tl.updatesLines()...)
}

func (tl *timeline) ofKind(k kind) []span {
	var out []span
	for _, s := range tl.Spans {
		if s.Kind == k {
			out = append(out, s)
		}
	}
	return out
}

// loadsLine says how the loads overlapped.
func (tl *timeline) loadsLine() string {
	loads := tl.ofKind(kindLoad)
	peak := maxConcurrent(loads)
	if peak == len(loads) && len(loads) > 1 {
		return fmt.Sprintf("loads: all %d ran at the same time, together for %.3f s: each writes its own table, so none waits for another",
			len(loads), commonTime(loads).Seconds())
	}
	return fmt.Sprintf("loads: at most %d of %d ran at the same time", peak, len(loads))
}

// updatesLines say how the updates ran: whether their work (once the lock
// was granted) ever overlapped, and how long each waited.
func (tl *timeline) updatesLines() []string {
	updates := tl.ofKind(kindUpdate)
	var work []span
	var waits []string
	for _, s := range updates {
		work = append(work, span{Start: s.Start + s.Blocked, End: s.End})
		waits = append(waits, fmt.Sprintf("%s %.3f s", strings.TrimSuffix(s.Name, " update"), s.Blocked.Seconds()))
	}
	blocked := "  waited BLOCKED: " + strings.Join(waits, ", ")
	if peak := maxConcurrent(work); peak > 1 {
		return []string{fmt.Sprintf("updates: at most %d of %d ran at the same time", peak, len(updates)), blocked}
	}
	return []string{
		"updates: ran one after another, never two at once: each UPDATE locks CUSTOMER_DATA until its transaction",
		"  commits, and each UPDATE was done only after the job before it had committed",
		blocked,
	}
}

// lastEnd is the offset of the last end.
func (tl *timeline) lastEnd() time.Duration {
	var last time.Duration
	for _, s := range tl.Spans {
		last = max(last, s.End)
	}
	return last
}

func spreadOf(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	return slices.Max(ds) - slices.Min(ds)
}

// maxConcurrent is the largest number of spans that were running at one
// instant. A span that starts exactly when another ends does not overlap it.
func maxConcurrent(spans []span) int {
	type edge struct {
		at    time.Duration
		delta int
	}
	var edges []edge
	for _, s := range spans {
		edges = append(edges, edge{s.Start, +1}, edge{s.End, -1})
	}
	slices.SortFunc(edges, func(a, b edge) int {
		if c := cmp.Compare(a.at, b.at); c != 0 {
			return c
		}
		return cmp.Compare(a.delta, b.delta) // ends before starts at the same instant
	})
	peak, cur := 0, 0
	for _, e := range edges {
		cur += e.delta
		peak = max(peak, cur)
	}
	return peak
}

// commonTime is how long all spans ran together.
func commonTime(spans []span) time.Duration {
	if len(spans) == 0 {
		return 0
	}
	start, end := spans[0].Start, spans[0].End
	for _, s := range spans[1:] {
		start, end = max(start, s.Start), min(end, s.End)
	}
	return max(end-start, 0)
}
