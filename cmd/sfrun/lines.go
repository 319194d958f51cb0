package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/pipeline"
	"github.com/sfasync/sfasync/report"
)

// stepLines prints a line per step event, and keeps the counts the
// progress line shows. On a terminal it prints only the steps that did not
// succeed, above the progress line; with -q nothing.
type stepLines struct {
	w     io.Writer
	tty   bool
	quiet bool
	total int
	start time.Time

	mu        sync.Mutex
	submitted map[string]time.Time
	status    map[string]pipeline.Status // per step, its last StepFinished's
	done      map[pipeline.Status]int    // steps by status
}

func newStepLines(w io.Writer, tty, quiet bool, total int) *stepLines {
	return &stepLines{w: w, tty: tty, quiet: quiet, total: total, start: time.Now(),
		submitted: map[string]time.Time{}, status: map[string]pipeline.Status{}, done: map[pipeline.Status]int{}}
}

// event is the run's event callback.
func (l *stepLines) event(e pipeline.Event) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var line string
	switch e.Kind {
	case pipeline.StepSubmitted:
		l.submitted[e.Step] = e.At
		line = fmt.Sprintf("submitted  %s  query ID %s", e.Step, e.QueryID)
	case pipeline.StepFinished:
		if prev, ok := l.status[e.Step]; ok {
			l.done[prev]-- // a step left Unfinished, settled since
		}
		l.status[e.Step] = e.Status
		l.done[e.Status]++
		line = fmt.Sprintf("%-10s %s", e.Status, e.Step)
		if at, ok := l.submitted[e.Step]; ok && e.Status != pipeline.Unfinished {
			line += fmt.Sprintf(" in %.2f s", e.At.Sub(at).Seconds())
		}
		switch {
		case e.Status == pipeline.Succeeded && e.RowsAffected > 0:
			line += fmt.Sprintf(", %d rows changed", e.RowsAffected)
		case e.Status == pipeline.Succeeded:
			line += fmt.Sprintf(", %d rows", e.RowsReturned)
		case e.Err != nil:
			line += ": " + e.Err.Error()
		case e.Cause != "":
			line += " (" + e.Cause + ")"
		}
		if l.tty && e.Status != pipeline.Succeeded {
			fmt.Fprintf(l.w, "\r\033[K  %s\n", line) // above the progress line
			return
		}
	}
	if !l.tty && !l.quiet {
		fmt.Fprintf(l.w, "  +%7.3f s  %s\n", e.At.Sub(l.start).Seconds(), line)
	}
}

// progress is the progress line: steps done of all, how many did not
// succeed, and the client's running and waiting statements.
func (l *stepLines) progress(st sfasync.Stats) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	ended := 0
	for _, n := range l.done {
		ended += n
	}
	s := fmt.Sprintf("steps %d/%d", ended, l.total)
	if bad := ended - l.done[pipeline.Succeeded]; bad > 0 {
		s += fmt.Sprintf(" (%d not succeeded)", bad)
	}
	return s + "  " + report.StatsLine(st, 0)
}
