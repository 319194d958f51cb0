package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/internal/sftestdb"
	"github.com/sfasync/sfasync/pipeline"
)

func TestRunPipeline(t *testing.T) {
	var out bytes.Buffer
	svg := filepath.Join(t.TempDir(), "timeline.svg")
	err := run(t.Context(), &out, []string{"-pipeline", "-scale", "0.1", "-svg", svg}, noEnv)
	require.NoError(t, err, out.String())
	s := out.String()
	t.Log("\n" + s)

	require.Len(t, submittedLine.FindAllStringSubmatch(s, -1), 7, "submissions")
	aggregate := strings.Index(s, "submitted sales_by_segment")
	require.Positive(t, aggregate)
	for _, key := range []string{"load_na", "load_eu", "load_asia", "update_high", "update_medium", "update_low"} {
		ended := strings.Index(s, "SUCCESS   "+key)
		require.Positive(t, ended, key)
		require.Less(t, ended, aggregate, "the aggregate is submitted after %s succeeded", key)
	}
	require.Regexp(t, `(?m)^  load_na\s+60,000 rows written$`, s)
	require.Regexp(t, `(?m)^  sales_by_segment\s+1 rows$`, s, "CREATE TABLE ... AS answers with one status row")
	require.Regexp(t, `(?m)^\s+[\d.]+ s  running 0  waiting 0  done 7/7$`, s, "the progress line, from Stats")
	require.Len(t, barLine.FindAllStringSubmatch(s, -1), 7, "timeline bars")
	require.Contains(t, s, "statements: 7 of 7 ran; 0 did not succeed")
	require.Regexp(t, `critical path: [\d.]+ s, wall / critical path [\d.]+: update_\w+ → sales_by_segment`, s)
	require.Contains(t, s, "wrote the timeline to "+svg)
	pic, err := os.ReadFile(svg)
	require.NoError(t, err)
	require.Contains(t, string(pic), "sales_by_segment")
}

// -pipeline and examples/pipeline-sql, which sfrun runs, are the same
// pipeline: the same steps after the same steps, except that the folder
// builds CUSTOMER_DATA as a step of its own where the program seeds it
// first.
func TestPipelineIsTheFolder(t *testing.T) {
	folder, err := pipeline.LoadDir(os.DirFS(filepath.Join("..", "pipeline-sql")))
	require.NoError(t, err)
	deps := func(steps []pipeline.Step) map[string][]string {
		out := map[string][]string{}
		for _, s := range steps {
			after := slices.DeleteFunc(slices.Clone(s.After), func(a string) bool { return a == "customers" })
			slices.Sort(after)
			out[s.Name] = slices.Clip(append([]string{}, after...))
		}
		delete(out, "customers")
		return out
	}
	require.Equal(t, deps(folder), deps(pipelineSteps(names{database: "D", schema: "S"}, 1)))
}

func TestPipelineAndSequentialExcludeEachOther(t *testing.T) {
	_, err := parseFlags([]string{"-pipeline", "-sequential"}, &bytes.Buffer{}, noEnv)
	require.ErrorContains(t, err, "-pipeline and -sequential: choose one")
	_, err = parseFlags([]string{"-pipeline", "-procedures"}, &bytes.Buffer{}, noEnv)
	require.ErrorContains(t, err, "-pipeline and -procedures: choose one", "-pipeline would silently ignore -procedures")
}

// Interrupted (its context ended) while a step runs, -pipeline cancels it
// on the server and its error names it.
func TestStopPipelineNamesWhatItCanceled(t *testing.T) {
	_, db := sftestdb.Open(t)
	c := sfasync.New(db)
	defer c.Close()
	p, err := pipeline.New(pipeline.Step{Name: "long", SQL: "CALL SYSTEM$WAIT(60)"}, pipeline.Step{Name: "quick", SQL: "SELECT 1"})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	// quick can end before long's submission returns: interrupt once both
	// are known (events come one at a time, from Run's goroutine).
	longSubmitted, quickEnded := false, false
	res, err := pipeline.Run(ctx, c, p, pipeline.WithEvents(func(e pipeline.Event) {
		longSubmitted = longSubmitted || (e.Kind == pipeline.StepSubmitted && e.Step == "long")
		quickEnded = quickEnded || (e.Kind == pipeline.StepFinished && e.Step == "quick")
		if longSubmitted && quickEnded {
			cancel()
		}
	}))
	require.NoError(t, err)
	err = stopPipeline(ctx, res)
	require.ErrorIs(t, err, context.Canceled)
	require.EqualError(t, err, "context canceled; steps canceled on the server: long")
	long, _ := res.Step("long")
	require.Equal(t, pipeline.Canceled, long.Status)
}
