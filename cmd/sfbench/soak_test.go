package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSoakCountsNothingLost runs the soak small, with a fifth of every
// endpoint's requests faulted: its table must show a run without faults and
// one with, each with no error, nothing lost and nothing run twice, and the
// faulted run must have met faults. -heapprofile writes a profile.
func TestSoakCountsNothingLost(t *testing.T) {
	var out bytes.Buffer
	heap := filepath.Join(t.TempDir(), "heap.prof")
	err := run(context.Background(), &out, []string{"soak", "-n", "40", "-max-in-flight", "16", "-sessions", "4", "-faults", "0.2", "-latency", "0", "-heapprofile", heap})
	require.NoError(t, err, out.String())
	info, err := os.Stat(heap)
	require.NoError(t, err)
	require.Positive(t, info.Size(), "a heap profile was written")
	require.Contains(t, out.String(), "WithMaxInFlight(16), WithSessions(4)")
	rows := map[string][]string{}
	for _, line := range strings.Split(out.String(), "\n") {
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if len(cells) >= 8 && strings.HasSuffix(cells[0], "%") {
			rows[cells[0]] = cells
		}
	}
	require.Len(t, rows, 2, out.String())
	for label, cells := range rows {
		require.Equal(t, []string{"0", "0", "0"}, cells[2:5], "%s: errors, lost, ran twice\n%s", label, out.String())
	}
	require.Equal(t, "0", rows["0 %"][5], out.String())
	require.Equal(t, "none", rows["0 %"][7], "no recoveries without faults\n%s", out.String())
	injected, err := strconv.Atoi(rows["20 %"][5])
	require.NoError(t, err, out.String())
	require.Positive(t, injected, out.String())
}
