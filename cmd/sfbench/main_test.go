package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync/internal/drivertest"
)

func TestMain(m *testing.M) {
	drivertest.Main(m)
}

// TestRunReports runs the seed and fanout-64 scenarios for three contenders
// at a twentieth of the statements' durations and checks that the report has a
// sane row for each. It asserts no timings: the machines are shared.
func TestRunReports(t *testing.T) {
	jsonPath := filepath.Join(t.TempDir(), "figures.json")
	var out bytes.Buffer
	err := run(context.Background(), &out, []string{
		"-q", "-latency", "5ms", "-scale", "0.05", "-timeout", "30s",
		"-scenarios", "seed,fanout-64",
		"-contenders", "sequential,errgroup,sfasync,sfasync/4",
		"-json", jsonPath,
	})
	require.NoError(t, err, out.String())

	md := out.String()
	require.Contains(t, md, "GOMAXPROCS=")
	require.Contains(t, md, "| scenario | contender | wall |")

	data, err := os.ReadFile(jsonPath)
	require.NoError(t, err)
	var rep Report
	require.NoError(t, json.Unmarshal(data, &rep))
	require.Len(t, rep.Rows, 8)

	want := []struct{ scenario, contender string }{
		{"seed", "sequential"}, {"seed", "errgroup"}, {"seed", "sfasync"}, {"seed", "sfasync/4"},
		{"fanout-64", "sequential"}, {"fanout-64", "errgroup"}, {"fanout-64", "sfasync"}, {"fanout-64", "sfasync/4"},
	}
	for i, w := range want {
		r := rep.Rows[i]
		require.Equal(t, w.scenario, r.Scenario)
		require.Equal(t, w.contender, r.Contender)
		require.Contains(t, md, "| "+w.scenario+" | "+w.contender+" |")
		require.Equal(t, outcomeOK, r.Outcome, "%s × %s", r.Scenario, r.Contender)
		require.Equal(t, r.Jobs, r.Statements, "%s × %s: every statement in the history", r.Scenario, r.Contender)
		require.Equal(t, r.Jobs, r.Learned, "%s × %s: every end learned", r.Scenario, r.Contender)
		require.Equal(t, r.Jobs, r.Notices, "%s × %s: every end matched", r.Scenario, r.Contender)
		require.GreaterOrEqual(t, r.RequestsPerJob, 1.0)
		require.GreaterOrEqual(t, r.StartSpreadMS, 0.0)
		require.Greater(t, r.WallSeconds, 0.0)
		require.Greater(t, r.WallPerLongest, 0.0)
		require.GreaterOrEqual(t, r.Logins, int64(1))
		require.GreaterOrEqual(t, r.NoticeP99MS, r.NoticeP50MS)
		require.GreaterOrEqual(t, r.PeakConnsOpen, r.PeakConnsInUse)
	}
	// sequential fits both scenarios here (0.45 s and 3.2 s of statements);
	// a fan-out of sfasync logs in at most once per session.
	require.LessOrEqual(t, rep.Rows[6].Logins, int64(16))
	require.LessOrEqual(t, rep.Rows[7].Logins, int64(4))
	require.False(t, strings.Contains(md, "did not finish"))
}

// TestRunSkipsWhatCannotFit checks that a contender whose own lower bound
// exceeds the timeout is reported as skipped, with its reason, not dropped.
func TestRunSkipsWhatCannotFit(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), &out, []string{
		"-q", "-latency", "1ms", "-timeout", "2s",
		"-scenarios", "fanout-64", "-contenders", "sequential",
	})
	require.NoError(t, err)
	require.Contains(t, out.String(), "| fanout-64 | sequential | skipped: would take ≥ 1m4s (64 statements one after another)")
}

// TestCommandLineNamesNoDirectories checks that the report's command line
// keeps output files' base names only.
func TestCommandLineNamesNoDirectories(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "sfbench"},
		{[]string{"-scenarios", "seed"}, "sfbench -scenarios seed"},
		{[]string{"-json", filepath.Join("a", "b", "f.json"), "-q"}, "sfbench -json f.json -q"},
		{[]string{"--json=" + filepath.Join("a", "f.json")}, "sfbench --json=f.json"},
		{[]string{"-cpuprofile", filepath.Join("a", "cpu.prof")}, "sfbench -cpuprofile cpu.prof"},
	} {
		require.Equal(t, tc.want, commandLine(tc.args), "%q", tc.args)
	}
}

// TestParseFlagsRejectsUnknownNames checks that unknown scenarios and
// contenders are errors, not silently ignored.
func TestParseFlagsRejectsUnknownNames(t *testing.T) {
	var out bytes.Buffer
	_, err := parseFlags(&out, []string{"-scenarios", "nope"})
	require.ErrorContains(t, err, `unknown scenario "nope"`)
	_, err = parseFlags(&out, []string{"-contenders", "nope"})
	require.ErrorContains(t, err, `unknown contender "nope"`)
	_, err = parseFlags(&out, []string{"-contenders", "sfasync/0"})
	require.ErrorContains(t, err, `want sfasync/N with N ≥ 1 sessions`)
}

// TestScriptingAsyncContender runs the server-side fan-out (ASYNC children of
// one block) and checks its row: every statement ran as a child of one
// request, and the client learned every end (at the block's end).
func TestScriptingAsyncContender(t *testing.T) {
	jsonPath := filepath.Join(t.TempDir(), "figures.json")
	var out bytes.Buffer
	err := run(context.Background(), &out, []string{
		"-q", "-latency", "5ms", "-scale", "0.05", "-timeout", "30s",
		"-scenarios", "seed,fanout-64", "-contenders", "scripting-async", "-json", jsonPath,
	})
	require.NoError(t, err, out.String())
	data, err := os.ReadFile(jsonPath)
	require.NoError(t, err)
	var rep Report
	require.NoError(t, json.Unmarshal(data, &rep))
	require.Len(t, rep.Rows, 2)
	for _, r := range rep.Rows {
		require.Equal(t, outcomeOK, r.Outcome, r.Scenario)
		require.Equal(t, r.Jobs, r.Statements, "%s: the children, not the block", r.Scenario)
		require.Equal(t, r.Jobs, r.Notices, r.Scenario)
		require.Equal(t, int64(1), r.Requests.Query, "%s: one query-request for all statements", r.Scenario)
	}
}
