package main

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync/internal/sftestproc"
)

var queryID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// TestSubmitThenAttach runs submit and attach as two processes against one
// standalone sftest: the second process picks up statements the first
// started and left running, and they succeed although the first process
// closed its client and its *sql.DB and exited.
func TestSubmitThenAttach(t *testing.T) {
	dir := t.TempDir()
	reattach := sftestproc.Build(t, dir, ".", "reattach")
	// The server aborts a logged-out session's statements after 100ms, far
	// sooner than the statements end, so a logout by the exiting submit
	// would show as ABORTED.
	dsn := sftestproc.Start(t, "-logout-grace", "100ms")

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
