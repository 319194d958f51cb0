package main

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/internal/testbuf"
	"github.com/sfasync/sfasync/pipeline"
)

// On a terminal only the steps that did not succeed get a line, printed
// over the progress line; the progress line counts steps and statements.
func TestStepLinesOnATerminal(t *testing.T) {
	var out testbuf.Buffer
	l := newStepLines(&out, true, false, 3)
	t0 := time.Now()
	l.event(pipeline.Event{Kind: pipeline.StepSubmitted, Step: "a", QueryID: "q1", At: t0})
	l.event(pipeline.Event{Kind: pipeline.StepFinished, Step: "a", Status: pipeline.Succeeded, At: t0.Add(time.Second), RowsAffected: 5})
	l.event(pipeline.Event{Kind: pipeline.StepFinished, Step: "b", Status: pipeline.Failed, Err: errors.New("boom"), At: t0})
	require.Equal(t, "\r\033[K  FAILED     b: boom\n", out.String())
	require.Equal(t, "steps 2/3 (1 not succeeded)  running 1  waiting 0  done 1",
		l.progress(sfasync.Stats{Running: 1, Succeeded: 1}))
}

// Elsewhere every event gets a plain line; with -q none.
func TestStepLinesOffATerminal(t *testing.T) {
	var out testbuf.Buffer
	l := newStepLines(&out, false, false, 1)
	t0 := time.Now()
	l.event(pipeline.Event{Kind: pipeline.StepSubmitted, Step: "a", QueryID: "q1", At: t0})
	l.event(pipeline.Event{Kind: pipeline.StepFinished, Step: "a", Status: pipeline.Succeeded, At: t0.Add(1500 * time.Millisecond), RowsAffected: 5})
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 2)
	require.True(t, strings.HasSuffix(lines[0], "submitted  a  query ID q1"), lines[0])
	require.True(t, strings.HasSuffix(lines[1], "SUCCESS    a in 1.50 s, 5 rows changed"), lines[1])

	var quiet testbuf.Buffer
	q := newStepLines(&quiet, false, true, 1)
	q.event(pipeline.Event{Kind: pipeline.StepSubmitted, Step: "a", At: t0})
	require.Empty(t, quiet.String())
}

// A step left UNFINISHED and canceled afterwards is reported twice; the
// progress line counts it once, with its last status.
func TestStepLinesCountASettledStepOnce(t *testing.T) {
	var out testbuf.Buffer
	l := newStepLines(&out, false, false, 2)
	t0 := time.Now()
	l.event(pipeline.Event{Kind: pipeline.StepSubmitted, Step: "a", QueryID: "q1", At: t0})
	l.event(pipeline.Event{Kind: pipeline.StepFinished, Step: "a", Status: pipeline.Unfinished, At: t0})
	l.event(pipeline.Event{Kind: pipeline.StepFinished, Step: "a", Status: pipeline.Canceled, Err: errors.New("canceled"), At: t0.Add(time.Second)})
	require.Contains(t, out.String(), "CANCELED   a in 1.00 s: canceled")
	require.Equal(t, "steps 1/2 (1 not succeeded)  running 0  waiting 0  done 0", l.progress(sfasync.Stats{}))
}
