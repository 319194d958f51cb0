package main

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync/pipeline"
)

// dag-N is the same DAG on every call, a valid pipeline with depth.
func TestDAGIsFixedAndValid(t *testing.T) {
	a, ok, err := dagByName("dag-60", 1)
	require.True(t, ok)
	require.NoError(t, err)
	b, _, _ := dagByName("dag-60", 1)
	require.Equal(t, a.steps, b.steps)
	p, err := pipeline.New(a.steps...)
	require.NoError(t, err)
	require.Greater(t, len(p.Plan(nil).Levels), 5)
	_, ok, err = dagByName("dag-x", 1)
	require.True(t, ok)
	require.ErrorContains(t, err, "want dag-N")
	_, ok, _ = dagByName("fanout-3", 1)
	require.False(t, ok)
}

// The DAG benchmark runs both contenders, and neither the pipeline nor the
// progress display ticking Client.Stats sends a status request.
func TestRunDAG(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), &out, []string{"-q", "-latency", "2ms", "-scale", "0.1", "-scenarios", "dag-30", "-contenders", "sfasync"})
	require.NoError(t, err, out.String())
	md := out.String()
	require.Contains(t, md, "dag-30: 30 steps in ")
	row := `\| %s \| [\d.]+ s \| [\d.]+ s \| [\d.]+ \| [\d.]+ \| -?\d+ / -?\d+ / -?\d+ ms \| \d+ of \d+ \| 0 \| 2\.\d\d \| [1-9]\d* \|`
	for _, c := range []string{"pipeline", "stages"} {
		require.Regexp(t, regexp.MustCompile(fmt.Sprintf(row, c)), md)
	}
}
