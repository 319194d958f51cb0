package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync/internal/testbuf"
)

// buildTimeout bounds a go build, which links DuckDB for cmd/sftest.
const buildTimeout = 10 * time.Minute

// build compiles the package pkg into dir and returns the binary's path.
func build(t *testing.T, dir, pkg, name string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	require.NoError(t, err)
	bin := filepath.Join(dir, name)
	ctx, cancel := context.WithTimeout(t.Context(), buildTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, goTool, "build", "-o", bin, pkg)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go build %s:\n%s", pkg, out)
	return bin
}

// startServer runs a standalone sftest and returns its DSN. The server is
// stopped with SIGTERM when the test ends, and must exit cleanly. It aborts
// a logged-out session's statements after 100ms, far sooner than the
// statements end, so a logout by the exiting submit would show as ABORTED.
func startServer(t *testing.T, bin string) string {
	t.Helper()
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-logout-grace", "100ms")
	stderr := &testbuf.Buffer{} // written by the process while the test reads it
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())

	first := make(chan string, 1)
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		r := bufio.NewReader(stdout)
		line, _ := r.ReadString('\n')
		first <- strings.TrimSpace(line)
		_, _ = io.Copy(io.Discard, r) // keep the pipe from filling up
	}()
	t.Cleanup(func() {
		require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
		<-drained
		require.NoError(t, cmd.Wait(), "sftest exits cleanly on SIGTERM; its stderr:\n%s", stderr.String())
	})

	select {
	case dsn := <-first:
		require.NotEmpty(t, dsn, "sftest printed no DSN; its stderr:\n%s", stderr.String())
		return dsn
	case <-time.After(time.Minute):
		t.Fatalf("sftest printed no DSN within a minute; its stderr:\n%s", stderr.String())
		return ""
	}
}

var queryID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// TestSubmitThenAttach runs submit and attach as two processes against one
// standalone sftest: the second process picks up statements the first
// started and left running, and they succeed although the first process
// closed its client and its *sql.DB and exited.
func TestSubmitThenAttach(t *testing.T) {
	dir := t.TempDir()
	server := build(t, dir, "github.com/sfasync/sfasync/cmd/sftest", "sftest")
	reattach := build(t, dir, ".", "reattach")
	dsn := startServer(t, server)

	// submit: -dsn, query IDs on stdout one per line, and it exits.
	sub := exec.Command(reattach, "submit", "-dsn", dsn)
	sub.Env = withoutDSN()
	var subErr bytes.Buffer
	sub.Stderr = &subErr
	out, err := sub.Output()
	require.NoError(t, err, "submit: %s", subErr.String())
	ids := strings.Fields(string(out))
	require.Len(t, ids, len(statements()), "one query ID per statement; stdout:\n%s", out)
	for i, id := range ids {
		require.Regexp(t, queryID, id)
		require.Contains(t, subErr.String(), "submitted "+id+"  "+statements()[i])
	}

	// attach: SNOWFLAKE_DSN, the IDs as arguments.
	att := exec.Command(reattach, append([]string{"attach"}, ids...)...)
	att.Env = append(withoutDSN(), "SNOWFLAKE_DSN="+dsn)
	var attOut, attErr bytes.Buffer
	att.Stdout, att.Stderr = &attOut, &attErr
	require.NoError(t, att.Run(), "attach:\n%s\n%s", attOut.String(), attErr.String())
	report := attOut.String()
	t.Log("\n" + report)

	status, results, ok := strings.Cut(report, "results, in the order the statements end:")
	require.True(t, ok, report)
	for _, id := range ids {
		require.Regexp(t, `(?m)^  `+id+`  (QUEUED|RUNNING|SUCCESS)$`, status, "status of %s", id)
		require.Regexp(t, `(?m)^  `+id+`  \+\d+\.\d\d s  SUCCESS$`, results, "result of %s", id)
	}
	for _, want := range []string{"waited 1 seconds", "waited 2 seconds", "waited 1500 milliseconds", "N | SQUARE", "5 | 25"} {
		require.Contains(t, results, want)
	}
}

// TestAttachFailures runs attach in process against no server: bad input
// is reported before any request.
func TestAttachFailures(t *testing.T) {
	noDSN := func(string) string { return "" }
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), strings.NewReader(""), &stdout, &stderr, []string{"attach", "01b2c3d4-0000-1234-0000-00000000abcd"}, noDSN)
	require.ErrorContains(t, err, "no DSN")

	err = run(t.Context(), strings.NewReader(""), &stdout, &stderr, []string{"attach", "-dsn", "u:p@127.0.0.1:1/db?account=a&protocol=http"}, noDSN)
	require.ErrorContains(t, err, "no query IDs")

	err = run(t.Context(), strings.NewReader("not-an-id"), &stdout, &stderr, []string{"attach", "-dsn", "u:p@127.0.0.1:1/db?account=a&protocol=http"}, noDSN)
	require.ErrorContains(t, err, "invalid query ID")
	require.Contains(t, stdout.String(), "not-an-id")

	err = run(t.Context(), nil, &stdout, &stderr, []string{"frobnicate"}, noDSN)
	require.ErrorContains(t, err, `unknown subcommand "frobnicate"`)
}

// withoutDSN is the test's environment less SNOWFLAKE_DSN.
func withoutDSN() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SNOWFLAKE_DSN=") {
			env = append(env, kv)
		}
	}
	return env
}
