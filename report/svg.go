package report

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strings"
)

// Layout of the SVG picture, in pixels.
const (
	svgLabelWidth = 230 // the statements' names
	svgChartWidth = 600 // the time axis
	svgMargin     = 20
	svgRowHeight  = 24
	svgBarHeight  = 16
	svgTitleSpace = 80 // title, legend and axis labels above the bars
	svgLineHeight = 18 // a line of the summary below the bars
)

// Colours of the picture.
const (
	fillRan     = "#4e79a7"
	fillFailed  = "#e15759"
	fillQueued  = "#f1ce63"
	fillBlocked = "#bab0ac"
)

// WriteSVG draws the report as an SVG picture: a bar per statement on a
// time axis in seconds from the first submission, its QUEUED and BLOCKED
// time in their own colours, failures in red, and the figures below.
func (r *Report) WriteSVG(w io.Writer) error {
	var b strings.Builder
	summary := r.lines()
	last := max(r.Wall.Seconds(), 0.001)
	step := tickStep(last)
	axisEnd := math.Ceil(last/step) * step
	x := func(sec float64) float64 { return svgMargin + svgLabelWidth + sec/axisEnd*svgChartWidth }
	barsTop := svgMargin + svgTitleSpace
	barsBottom := barsTop + len(r.Spans)*svgRowHeight
	width := 2*svgMargin + svgLabelWidth + svgChartWidth + 80
	height := barsBottom + svgMargin + (len(summary)+1)*svgLineHeight

	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="13">`+"\n", width, height, width, height)
	b.WriteString(`<rect width="100%" height="100%" fill="white"/>` + "\n")
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="16" font-weight="bold">%s</text>`+"\n", svgMargin, svgMargin+6, esc(r.Title))
	for i, l := range []struct{ fill, text string }{{fillRan, "running"}, {fillQueued, "QUEUED"}, {fillBlocked, "BLOCKED"}, {fillFailed, "failed"}} {
		lx := svgMargin + i*110
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d" fill="#333">%s</text>`+"\n",
			lx, svgMargin+22, l.fill, lx+16, svgMargin+33, l.text)
	}
	for t := 0.0; t <= axisEnd+step/2; t += step {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>`+"\n", x(t), barsTop-8, x(t), barsBottom)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" fill="#555">%g s</text>`+"\n", x(t), barsTop-14, math.Round(t*1000)/1000)
	}
	for i, s := range r.Spans {
		y := barsTop + i*svgRowHeight
		fmt.Fprintf(&b, `<text x="%d" y="%d">%s</text>`+"\n", svgMargin, y+svgBarHeight-3, esc(s.Name))
		if !s.ran() {
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" fill="#777">%s</text>`+"\n", x(0), y+svgBarHeight-3, esc(s.Status+because(s.Cause)))
			continue
		}
		x0 := x(s.Submitted.Sub(r.Start).Seconds())
		xq := x((s.Submitted.Sub(r.Start) + s.Queued).Seconds())
		xb := x((s.Submitted.Sub(r.Start) + s.Queued + s.Blocked).Seconds())
		x1 := x(s.Ended.Sub(r.Start).Seconds())
		rect := func(from, to float64, fill, title string) {
			if to-from <= 0 {
				return
			}
			fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"><title>%s</title></rect>`+"\n",
				from, y, max(to-from, 1), svgBarHeight, fill, esc(title))
		}
		rect(x0, xq, fillQueued, fmt.Sprintf("%s QUEUED %.3f s", s.Name, s.Queued.Seconds()))
		rect(xq, xb, fillBlocked, fmt.Sprintf("%s BLOCKED %.3f s", s.Name, s.Blocked.Seconds()))
		fill := fillRan
		if s.Status != "SUCCESS" {
			fill = fillFailed
		}
		rect(xb, max(x1, xb+1), fill, fmt.Sprintf("%s %s: %s, %.3f s to %.3f s", s.Name, s.QueryID, s.Status,
			s.Submitted.Sub(r.Start).Seconds(), s.Ended.Sub(r.Start).Seconds()))
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" fill="#333">%.2f s</text>`+"\n", max(x1, xb+1)+6, y+svgBarHeight-3, s.Ended.Sub(s.Submitted).Seconds())
	}
	y := barsBottom + svgMargin
	for _, line := range summary {
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="12" fill="#333">%s</text>`+"\n", svgMargin, y, esc(line))
		y += svgLineHeight
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// tickStep picks a tick spacing that gives about 4 to 10 ticks over span seconds.
func tickStep(span float64) float64 {
	for _, s := range []float64{0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600} {
		if span/s <= 10 {
			return s
		}
	}
	return math.Ceil(span / 10)
}

// esc escapes s for XML text and attribute values.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder never fails
	return b.String()
}

// WriteJSON writes the report as indented JSON: the spans and figures,
// times in RFC 3339 and durations in nanoseconds (fields ending in _ns).
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
