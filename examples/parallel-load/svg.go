package main

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
)

// Layout of the SVG picture, in pixels.
const (
	svgLabelWidth = 230 // the job names' column
	svgChartWidth = 600 // the time axis
	svgMargin     = 20
	svgRowHeight  = 30
	svgBarHeight  = 18
	svgTitleSpace = 80 // title, legend and axis labels above the bars
	svgLineHeight = 18 // a line of the summary below the bars
)

// blockedFill is the colour of the time a job waited BLOCKED.
const blockedFill = "#bab0ac"

// fill is the colour of a kind of job's bars.
func fill(k kind) string {
	if k == kindUpdate {
		return "#f28e2b"
	}
	return "#4e79a7"
}

// writeSVGFile writes the timeline as an SVG picture to path.
func writeSVGFile(path string, tl *timeline) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("svg: %w", err)
	}
	bw := bufio.NewWriter(f)
	err = tl.writeSVG(bw)
	err = errors.Join(err, bw.Flush(), f.Close())
	if err != nil {
		return fmt.Errorf("svg: %w", err)
	}
	return nil
}

// writeSVG draws the timeline: a bar per job on a time axis in seconds,
// coloured by kind, with the summary lines below.
func (tl *timeline) writeSVG(w io.Writer) error {
	ew := &errWriter{w: w}
	summary := tl.summary()
	last := max(tl.lastEnd().Seconds(), 0.001)
	step := tickStep(last)
	axisEnd := math.Ceil(last/step) * step
	x := func(sec float64) float64 { return svgMargin + svgLabelWidth + sec/axisEnd*svgChartWidth }
	barsTop := svgMargin + svgTitleSpace
	barsBottom := barsTop + len(tl.Spans)*svgRowHeight
	width := 2*svgMargin + svgLabelWidth + svgChartWidth + 60
	height := barsBottom + svgMargin + (len(summary)+1)*svgLineHeight

	title := "parallel-load: jobs submitted together with SubmitNoWait"
	if tl.Sequential {
		title = "parallel-load -sequential: jobs run one by one with ExecContext"
	}
	ew.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="13">`+"\n", width, height, width, height)
	ew.printf(`<rect width="100%%" height="100%%" fill="white"/>` + "\n")
	ew.printf(`<text x="%d" y="%d" font-size="16" font-weight="bold">%s</text>`+"\n", svgMargin, svgMargin+6, esc(title))

	// Legend, under the title.
	lx, ly := svgMargin, svgMargin+22
	for i, l := range []struct{ fill, text string }{{fill(kindLoad), "load"}, {fill(kindUpdate), "update"}, {blockedFill, "BLOCKED"}} {
		ew.printf(`<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d" fill="#333">%s</text>`+"\n",
			lx+i*110, ly, l.fill, lx+i*110+16, ly+11, l.text)
	}

	// Time axis: a grid line and a label per tick.
	for t := 0.0; t <= axisEnd+step/2; t += step {
		ew.printf(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>`+"\n", x(t), barsTop-8, x(t), barsBottom)
		ew.printf(`<text x="%.1f" y="%d" text-anchor="middle" fill="#555">%s s</text>`+"\n", x(t), barsTop-14, esc(fmt.Sprintf("%g", round3(t))))
	}

	for i, s := range tl.Spans {
		y := barsTop + i*svgRowHeight
		x0, x1 := x(s.Start.Seconds()), x(s.End.Seconds())
		ew.printf(`<text x="%d" y="%d">%s</text>`+"\n", svgMargin, y+svgBarHeight-4, esc(s.Name))
		xb := x((s.Start + s.Blocked).Seconds())
		if s.Blocked > 0 {
			ew.printf(`<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"><title>%s</title></rect>`+"\n",
				x0, y+svgBarHeight/3, xb-x0, svgBarHeight/3, blockedFill,
				esc(fmt.Sprintf("%s waited BLOCKED for the table lock for %.3f s", s.Name, s.Blocked.Seconds())))
		}
		ew.printf(`<rect x="%.1f" y="%d" width="%.1f" height="%d" rx="3" fill="%s"><title>%s</title></rect>`+"\n",
			xb, y, max(x1-xb, 1), svgBarHeight, fill(s.Kind),
			esc(fmt.Sprintf("%s %s: %.3f s to %.3f s, %s", s.Name, s.QueryID, s.Start.Seconds(), s.End.Seconds(), s.Status)))
		ew.printf(`<text x="%.1f" y="%d" fill="#333">%s</text>`+"\n", x1+6, y+svgBarHeight-4, esc(fmt.Sprintf("%.2f s", s.duration().Seconds())))
	}

	y := barsBottom + svgMargin
	for _, line := range summary {
		ew.printf(`<text x="%d" y="%d" font-size="12" fill="#333">%s</text>`+"\n", svgMargin, y, esc(line))
		y += svgLineHeight
	}
	ew.printf("</svg>\n")
	return ew.err
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

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// esc escapes s for XML text and attribute values.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder never fails
	return b.String()
}

// errWriter keeps the first write error so the drawing code need not check each.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
