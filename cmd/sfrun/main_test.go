package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync/internal/drivertest"
	"github.com/sfasync/sfasync/internal/sftestdb"
	"github.com/sfasync/sfasync/internal/testbuf"
	"github.com/sfasync/sfasync/report"
	"github.com/sfasync/sfasync/sftest"
)

func TestMain(m *testing.M) {
	drivertest.Main(m)
}

// sfrun runs the program in-process with args and no environment.
func sfrun(ctx context.Context, args ...string) (code int, stdout, stderr string) {
	var out, errOut testbuf.Buffer
	code = run(ctx, &out, &errOut, args, func(string) string { return "" })
	return code, out.String(), errOut.String()
}

// folder writes files (name → SQL) into a new folder and returns its path.
func folder(t *testing.T, files map[string]string) string {
	dir := t.TempDir()
	for name, text := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	return dir
}

// The example folder, the seed as a pipeline, runs to the end: every step
// succeeds, the aggregate starts only after every step it reads, and the
// report's critical path goes through the updates, which wait for each
// other's lock.
func TestRunsTheSeedFolder(t *testing.T) {
	dir := t.TempDir()
	svg, js := filepath.Join(dir, "run.svg"), filepath.Join(dir, "run.json")
	code, out, errOut := sfrun(context.Background(), "-local", "-svg", svg, "-json", js, filepath.Join("..", "..", "examples", "pipeline-sql"))
	require.Equal(t, exitOK, code, "stdout:\n%s\nstderr:\n%s", out, errOut)
	require.Contains(t, out, "SUCCESS    sales_by_segment")
	require.Contains(t, out, "SUCCESS    customers in")
	require.Contains(t, out, "statements: 8 of 8 ran; 0 did not succeed")

	b, err := os.ReadFile(js)
	require.NoError(t, err)
	var rep report.Report
	require.NoError(t, json.Unmarshal(b, &rep))
	require.Len(t, rep.Spans, 8)
	var agg report.Span
	for _, s := range rep.Spans {
		require.Equal(t, "SUCCESS", s.Status, s.Name)
		require.False(t, s.Started.IsZero(), "server start read from the query history: %s", s.Name)
		if s.Name == "sales_by_segment" {
			agg = s
		}
	}
	for _, s := range rep.Spans {
		if s.Name != agg.Name {
			require.True(t, agg.Submitted.After(s.Ended), "the aggregate after %s", s.Name)
		}
	}
	require.Equal(t, "customers", rep.CriticalPath[0])
	require.Equal(t, "sales_by_segment", rep.CriticalPath[len(rep.CriticalPath)-1])
	require.True(t, strings.HasPrefix(rep.CriticalPath[1], "update_"), "the last update to get the lock: %v", rep.CriticalPath)
	require.Greater(t, rep.SpeedUp, 2.0, "the loads overlap the updates")

	pic, err := os.ReadFile(svg)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(pic), "<svg "))
	require.Contains(t, string(pic), "sales_by_segment")
}

func TestFailureSkipsWhatComesAfterAndExitsNonZero(t *testing.T) {
	dir := folder(t, map[string]string{
		"a.sql": "SELECT 1/0",
		"b.sql": "-- after: a\nSELECT 1",
		"c.sql": "SELECT 2;",
	})
	code, out, errOut := sfrun(context.Background(), "-local", "-history", "0", dir)
	require.Equal(t, exitFailed, code, out)
	require.Contains(t, out, "FAILED     a in")
	require.Contains(t, out, "100051")
	require.Contains(t, out, "SKIPPED    b (step a did not succeed)")
	require.Contains(t, out, "SUCCESS    c in")
	require.Contains(t, errOut, "2 of 3 steps did not succeed")
}

func TestPolicyCancelStopsTheRun(t *testing.T) {
	dir := folder(t, map[string]string{
		"long.sql": "CALL SYSTEM$WAIT(60)",
		"bad.sql":  "CALL SYSTEM$WAIT(100, 'MILLISECONDS'); SELECT 1/0;",
	})
	code, out, _ := sfrun(context.Background(), "-local", "-history", "0", "-policy", "cancel", dir)
	require.Equal(t, exitFailed, code, out)
	require.Contains(t, out, "FAILED     bad")
	require.Contains(t, out, "CANCELED   long")
}

// An interrupt (the context ending) cancels the running steps on the
// server and says which, with their query IDs; under -policy cancel the
// run has canceled them itself by then, and sfrun still says which.
func TestInterruptCancelsWhatRuns(t *testing.T) {
	for _, policy := range []string{"skip", "cancel"} {
		t.Run(policy, func(t *testing.T) {
			dir := folder(t, map[string]string{
				"long.sql":  "CALL SYSTEM$WAIT(60)",
				"after.sql": "-- after: long\nSELECT 1",
			})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			out := &cancelOn{text: "submitted  long", cancel: cancel}
			var errOut testbuf.Buffer
			code := run(ctx, out, &errOut, []string{"-local", "-history", "0", "-policy", policy, dir}, func(string) string { return "" })
			got := out.String()
			require.Equal(t, exitInterrupted, code, got)
			id := regexp.MustCompile(`submitted  long  query ID (\S+)`).FindStringSubmatch(got)
			require.NotNil(t, id, got)
			require.Contains(t, got, "sfrun: interrupted\n")
			require.Contains(t, got, "sfrun: canceled on the server: long (query ID "+id[1]+")\n")
			require.NotContains(t, got, "may still run")
			require.Contains(t, got, "CANCELED   long")
			require.Contains(t, got, "NOT_RUN    after (context canceled)")
			if policy == "skip" {
				require.Contains(t, got, "sfrun: canceling 1 running steps on the server")
			} else {
				require.NotContains(t, got, "canceling", "the run canceled it itself")
			}
		})
	}
}

// cancelOn is an output that calls cancel once text has been written.
type cancelOn struct {
	testbuf.Buffer
	text   string
	cancel context.CancelFunc
	once   sync.Once
}

func (c *cancelOn) Write(p []byte) (int, error) {
	n, err := c.Buffer.Write(p)
	if strings.Contains(c.Buffer.String(), c.text) {
		c.once.Do(c.cancel)
	}
	return n, err
}

func TestDryRunNeedsNoDatabase(t *testing.T) {
	code, out, errOut := sfrun(context.Background(), "-dry-run", filepath.Join("..", "..", "examples", "pipeline-sql"))
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "plan: 8 steps in 3 levels")
	require.Contains(t, out, "level 2: sales_by_segment (200ms) [after load_na, load_eu, load_asia, update_high, update_medium, update_low];")
	require.Contains(t, out, "critical path: load_na → sales_by_segment, 2.2s")
}

func TestBadInputIsAUsageError(t *testing.T) {
	cycle := folder(t, map[string]string{"a.sql": "-- after: b\nSELECT 1", "b.sql": "-- after: a\nSELECT 1"})
	unknown := folder(t, map[string]string{"a.sql": "-- after: nope\nSELECT 1"})
	ok := folder(t, map[string]string{"a.sql": "SELECT 1"})
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-dry-run", cycle}, "the steps form a cycle: b → a → b"},
		{[]string{"-dry-run", unknown}, `step "a" comes after "nope", which is not a step`},
		{[]string{"-dry-run", filepath.Join(ok, "missing")}, "no such folder"},
		{[]string{"-dry-run", t.TempDir()}, "no .sql files"},
		{[]string{"-policy", "later", ok}, `unknown failure policy "later"`},
		{[]string{ok}, "no database: set SNOWFLAKE_DSN, pass -connection NAME, or -local"},
		{[]string{}, "want one folder of .sql files, got 0 arguments"},
	} {
		code, _, errOut := sfrun(context.Background(), tc.args...)
		require.Equal(t, exitUsage, code, tc.args)
		require.Contains(t, errOut, tc.want, tc.args)
	}
}

// With SNOWFLAKE_DSN set, sfrun runs on that server: the test's own.
func TestRunsOnDSN(t *testing.T) {
	srv, err := sftest.NewServer()
	require.NoError(t, err)
	defer srv.Close()
	dir := folder(t, map[string]string{"only.sql": "SELECT 42 AS ANSWER"})
	var out, errOut testbuf.Buffer
	env := sftestdb.DSNEnv(srv)
	code := run(context.Background(), &out, &errOut, []string{"-history", "5s", dir}, env)
	require.Equal(t, exitOK, code, "%s\n%s", out.String(), errOut.String())
	require.Contains(t, out.String(), "on Snowflake (SNOWFLAKE_DSN)")
	ran := false
	for _, q := range srv.Queries() {
		ran = ran || (q.SQL == "SELECT 42 AS ANSWER" && q.Status == "SUCCESS")
	}
	require.True(t, ran, "the step ran on the server SNOWFLAKE_DSN names")
}

// TestRerunWithTheRunIDResumes: a run stopped after its first step (here:
// a first pass over a folder holding only that step) is run again with the
// same -run-id over the whole folder: the first step is attached to, not
// run again, and the steps never submitted run.
func TestRerunWithTheRunIDResumes(t *testing.T) {
	srv, err := sftest.NewServer()
	require.NoError(t, err)
	defer srv.Close()
	env := sftestdb.DSNEnv(srv)
	first := map[string]string{"first.sql": "SELECT 1 AS FIRST"}
	all := map[string]string{
		"first.sql":  first["first.sql"],
		"second.sql": "-- after: first\nSELECT 2 AS SECOND",
		"third.sql":  "-- after: second\nSELECT 3 AS THIRD",
	}
	for _, files := range []map[string]string{first, all} {
		var out, errOut testbuf.Buffer
		code := run(context.Background(), &out, &errOut, []string{"-history", "0", "-run-id", "nightly-1", folder(t, files)}, env)
		require.Equal(t, exitOK, code, "%s\n%s", out.String(), errOut.String())
	}
	for _, q := range all {
		text := q[strings.LastIndex(q, "\n")+1:]
		runs := 0
		for _, h := range srv.Queries() {
			if strings.Contains(h.SQL, text) {
				runs++
			}
		}
		require.Equal(t, 1, runs, "%s ran once", text)
	}
}
