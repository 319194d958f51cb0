package sfasync_test

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync/internal/sftestproc"
	"github.com/sfasync/sfasync/internal/testbuf"
)

// TestKilledRunResumesExactlyOnce runs a named run in a child process
// against a standalone sftest, SIGKILLs it at a point (before a
// submission, between a submission and its journal entry, while it waits,
// while it reads results), and starts it again with the same run ID: the
// second process finishes the run, with a journal and with none (query
// tags and the query history alone). Every statement ran exactly once, by
// the server's query history and by the rows the inserts wrote, and every
// result is collected.
func TestKilledRunResumesExactlyOnce(t *testing.T) {
	t.Parallel() // mostly waiting on child processes
	dsn := sftestproc.Start(t)
	db, err := sql.Open("snowflake", dsn)
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() }) // after the parallel subtests
	_, err = db.Exec("CREATE TABLE RESUME_T (RUN VARCHAR, K INT)")
	require.NoError(t, err)

	cases := []struct {
		run, stopAt string
		journal     bool
	}{
		{"BEFORE_SUBMIT_J", "before-submit:wait_1", true},
		{"BEFORE_SUBMIT_H", "before-submit:wait_1", false},
		{"BEFORE_RECORD_J", "before-record:load_2", true},
		{"WAITING_J", "waiting", true},
		{"WAITING_H", "waiting", false},
		{"READING_J", "reading", true},
		{"READING_H", "reading", false},
	}
	for _, tc := range cases {
		t.Run(tc.run, func(t *testing.T) {
			t.Parallel()
			spec := childSpec{DSN: dsn, Run: tc.run, StopAt: tc.stopAt}
			if tc.journal {
				spec.Journal = filepath.Join(t.TempDir(), "journal")
			}
			killAt(t, spec)
			spec.StopAt = ""
			out := runChild(t, spec)

			names := map[string]string{}
			for _, st := range resumeStatements(tc.run) {
				m := regexp.MustCompile(`(?m)^result ` + st.Name + ` (\S+) (.+)$`).FindStringSubmatch(out)
				require.NotNil(t, m, "no result for %s in:\n%s", st.Name, out)
				names[st.SQL] = m[1]
				if strings.HasPrefix(st.Name, "wait_") {
					require.Equal(t, "[[waited 1 seconds]]", m[2])
				} else {
					require.Equal(t, "[[1]]", m[2], "one row inserted")
				}
			}
			ran := historyCounts(t, db)
			for _, st := range resumeStatements(tc.run) {
				require.Equal(t, 1, ran[st.SQL], "%s ran once", st.Name)
			}
			for k := range 3 {
				var n int
				require.NoError(t, db.QueryRow("SELECT COUNT(*) FROM RESUME_T WHERE RUN = ? AND K = ?", tc.run, k).Scan(&n))
				require.Equal(t, 1, n, "load_%d inserted once", k)
			}
		})
	}
}

// killAt starts a child with spec and SIGKILLs it once it says it is at
// spec.StopAt.
func killAt(t *testing.T, spec childSpec) {
	t.Helper()
	cmd := childCommand(t, spec)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr testbuf.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	reached := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if sc.Text() == "at "+spec.StopAt {
				reached <- true
				return
			}
		}
		reached <- false
	}()
	select {
	case ok := <-reached:
		require.True(t, ok, "the child ended before %s; its stderr:\n%s", spec.StopAt, stderr.String())
	case <-time.After(time.Minute):
		t.Fatalf("the child did not reach %s in a minute; its stderr:\n%s", spec.StopAt, stderr.String())
	}
	require.NoError(t, cmd.Process.Kill())
	_ = cmd.Wait() // killed
}

// runChild runs a child with spec to its end and returns its stdout.
func runChild(t *testing.T, spec childSpec) string {
	t.Helper()
	cmd := childCommand(t, spec)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "the restarted child failed; stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
	return stdout.String()
}

func childCommand(t *testing.T, spec childSpec) *exec.Cmd {
	t.Helper()
	b, err := json.Marshal(spec)
	require.NoError(t, err)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), resumeChildEnv+"="+string(b))
	return cmd
}

// historyCounts counts the statements in the user's query history by text.
func historyCounts(t *testing.T, db *sql.DB) map[string]int {
	t.Helper()
	rows, err := db.Query("SELECT QUERY_TEXT FROM TABLE(INFORMATION_SCHEMA.QUERY_HISTORY_BY_USER(RESULT_LIMIT => 10000))")
	require.NoError(t, err)
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var text string
		require.NoError(t, rows.Scan(&text))
		out[text]++
	}
	require.NoError(t, rows.Err())
	return out
}
