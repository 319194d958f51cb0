package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/sfasync/sfasync"
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
	// SeenBlocked says whether job.Status ever answered BLOCKED for the job.
	SeenBlocked bool
}

func (s span) duration() time.Duration { return s.End - s.Start }

// ran is how long the job worked: its duration less the time it was blocked.
func (s span) ran() time.Duration { return s.duration() - s.Blocked }

// timeline is the jobs' spans and the figures drawn from them.
type timeline struct {
	Spans      []span
	Wall       time.Duration // first submission to last result, on the client's clock
	Sequential bool
}

// ganttWidth is the width of a text Gantt bar, in columns.
const ganttWidth = 50

// writeText draws the timeline as a text Gantt chart and states its figures.
func (tl *timeline) writeText(w io.Writer) {
	col := max(tl.lastEnd()/ganttWidth, time.Millisecond)
	fmt.Fprintf(w, "timeline from the server's query history (seconds from the first start; one column = %.3f s;\n", col.Seconds())
	fmt.Fprintln(w, "'#' running, '.' waiting BLOCKED for the table lock):")
	fmt.Fprintf(w, "  %-26s %7s %7s %7s %7s\n", "", "start", "end", "blocked", "ran")
	for _, s := range tl.Spans {
		note := ""
		if s.Status != string(sfasync.StatusSuccess) {
			note = "  " + s.Status
		}
		fmt.Fprintf(w, "  %-26s %7.3f %7.3f %7.3f %7.3f |%s|%s\n",
			s.Name, s.Start.Seconds(), s.End.Seconds(), s.Blocked.Seconds(), s.ran().Seconds(), bar(s, col), note)
	}
	fmt.Fprintln(w)
	for _, line := range tl.summary() {
		fmt.Fprintln(w, line)
	}
}

// bar is s's Gantt bar, ganttWidth columns of col each.
func bar(s span, col time.Duration) string {
	at := func(d time.Duration) int { return min(int((d+col/2)/col), ganttWidth) }
	from, blockedTo, to := at(s.Start), at(s.Start+s.Blocked), at(s.End)
	to = max(to, min(from+1, ganttWidth)) // every job shows, however short
	blockedTo = min(blockedTo, to)
	return strings.Repeat(" ", from) + strings.Repeat(".", blockedTo-from) +
		strings.Repeat("#", to-blockedTo) + strings.Repeat(" ", ganttWidth-to)
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
// was granted) ever overlapped, how long each waited, and what job.Status
// showed meanwhile.
func (tl *timeline) updatesLines() []string {
	updates := tl.ofKind(kindUpdate)
	var work []span
	var waits []string
	seen := 0
	for _, s := range updates {
		work = append(work, span{Start: s.Start + s.Blocked, End: s.End})
		waits = append(waits, fmt.Sprintf("%s %.3f s", strings.TrimSuffix(s.Name, " update"), s.Blocked.Seconds()))
		if s.SeenBlocked {
			seen++
		}
	}
	status := "  job.Status said RUNNING meanwhile: a multi-statement job reports the script's status, not that of the statement waiting inside it"
	if seen > 0 {
		status = fmt.Sprintf("  job.Status showed %d of %d BLOCKED", seen, len(updates))
	}
	blocked := "  waited BLOCKED: " + strings.Join(waits, ", ")
	if peak := maxConcurrent(work); peak > 1 {
		return []string{fmt.Sprintf("updates: at most %d of %d ran at the same time", peak, len(updates)), blocked, status}
	}
	return []string{
		"updates: ran one after another, never two at once: each UPDATE locks CUSTOMER_DATA until its transaction",
		"  commits, and each UPDATE was done only after the job before it had committed",
		blocked, status,
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
