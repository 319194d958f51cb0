package report

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// ganttWidth is the width of a text Gantt bar, in columns.
const ganttWidth = 50

// WriteText draws the report as a text Gantt chart, one bar per statement
// from its submission to its end ('q' QUEUED, 'b' BLOCKED, '#' running),
// then its figures ([Report.Summary], or [Report.Lines] if set).
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	col := max(r.Wall/ganttWidth, time.Millisecond)
	width := 4
	for _, s := range r.Spans {
		width = max(width, len(s.Name))
	}
	fmt.Fprintf(&b, "%s\n", r.Title)
	fmt.Fprintf(&b, "seconds from the first submission; one column = %.3f s; 'q' QUEUED, 'b' BLOCKED, '#' running\n", col.Seconds())
	fmt.Fprintf(&b, "  %-*s %7s %7s %7s %7s\n", width, "", "submit", "end", "waited", "ran")
	for _, s := range r.Spans {
		if !s.ran() {
			fmt.Fprintf(&b, "  %-*s %7s %7s %7s %7s |%s| %s%s\n", width, s.Name, "-", "-", "-", "-",
				strings.Repeat(" ", ganttWidth), s.Status, because(s.Cause))
			continue
		}
		note := ""
		if s.Status != "SUCCESS" {
			note = " " + s.Status
		}
		fmt.Fprintf(&b, "  %-*s %7.3f %7.3f %7.3f %7.3f |%s|%s\n", width, s.Name,
			s.Submitted.Sub(r.Start).Seconds(), s.Ended.Sub(r.Start).Seconds(), s.waited().Seconds(), s.runTime().Seconds(),
			r.bar(s, col), note)
	}
	b.WriteByte('\n')
	for _, line := range r.lines() {
		b.WriteString(line + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func because(cause string) string {
	if cause == "" {
		return ""
	}
	return " (" + cause + ")"
}

// bar is s's Gantt bar, ganttWidth columns of col each.
func (r *Report) bar(s Span, col time.Duration) string {
	at := func(t time.Time) int { return min(int((t.Sub(r.Start)+col/2)/col), ganttWidth) }
	from, to := at(s.Submitted), at(s.Ended)
	to = max(to, min(from+1, ganttWidth)) // every statement shows, however short
	q := min(from+int((s.Queued+col/2)/col), to)
	bl := min(q+int((s.Blocked+col/2)/col), to)
	return strings.Repeat(" ", from) + strings.Repeat("q", q-from) + strings.Repeat("b", bl-q) +
		strings.Repeat("#", to-bl) + strings.Repeat(" ", ganttWidth-to)
}

// Summary states the report's figures, one line each.
func (r *Report) Summary() []string {
	n, failed := 0, 0
	for _, s := range r.Spans {
		if s.ran() {
			n++
		}
		if s.Status != "SUCCESS" {
			failed++
		}
	}
	lines := []string{
		fmt.Sprintf("statements: %d of %d ran; %d did not succeed", n, len(r.Spans), failed),
		fmt.Sprintf("wall: %.3f s from the first submission to the last end", r.Wall.Seconds()),
		fmt.Sprintf("start spread: %.3f s from the first start to the last of those that wait for no other%s", r.StartSpread.Seconds(),
			because(map[Clock]string{FromServer: "the server's starts", FromClient: "the client's submissions"}[r.StartSpreadFrom])),
		fmt.Sprintf("sum of run times: %.3f s (about one by one); speed-up %.2fx", r.SumRun.Seconds(), r.SpeedUp),
	}
	if r.Queued > 0 || r.Blocked > 0 {
		lines = append(lines, fmt.Sprintf("waited: %.3f s QUEUED, %.3f s BLOCKED (from the server's query history)", r.Queued.Seconds(), r.Blocked.Seconds()))
	}
	if len(r.CriticalPath) > 0 {
		lines = append(lines, fmt.Sprintf("critical path: %.3f s, wall / critical path %.2f: %s",
			r.CriticalTime.Seconds(), r.Wall.Seconds()/max(r.CriticalTime.Seconds(), 1e-9), strings.Join(r.CriticalPath, " → ")))
	}
	return lines
}
