package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync/internal/drivertest"
	"github.com/sfasync/sfasync/internal/sftestdb"
	"github.com/sfasync/sfasync/pipeline"
	"github.com/sfasync/sfasync/sftest"
)

// noEnv is an empty environment, so that a SNOWFLAKE_DSN of the machine
// running the tests is not used.
// TestMain keeps the driver from probing cloud metadata addresses: the tests
// talk to a loopback sftest only.
func TestMain(m *testing.M) {
	drivertest.Main(m)
}

func noEnv(string) string { return "" }

// Patterns of the report's lines.
var (
	submittedLine = regexp.MustCompile(`(?m)^  \+[\d.]+ s  submitted (.+?)\s+query ID ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$`)
	ranLine       = regexp.MustCompile(`(?m)^  \+[\d.]+ s  ran\s+(.+?)\s+query ID ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}) in [\d.]+ s$`)
	barLine       = regexp.MustCompile(`(?m)^  (.+?)\s+(\d+\.\d{3})\s+(\d+\.\d{3})\s+(\d+\.\d{3})\s+(\d+\.\d{3}) \|([ qb#]{50})\|`)
	progressLine  = regexp.MustCompile(`(?m)^\s+[\d.]+ s  running \d  waiting \d  done \d/6$`)
)

// requireReport checks what both modes print: the results, six bars, and
// the start spread, wall time, one by one, speed-up, lower bound and why
// lines.
func requireReport(t *testing.T, out string) {
	t.Helper()
	for _, want := range []string{
		`North America sales load\s+60,000 rows loaded`,
		`Europe sales load\s+45,000 rows loaded`,
		`Asia sales load\s+30,000 rows loaded`,
		`High Value update\s+33,334 rows updated`,
		`Medium Value update\s+33,333 rows updated`,
		`Low Value update\s+33,333 rows updated`,
		`(?m)^start spread: \d+\.\d{3} s `,
		`(?m)^wall time: \d+\.\d{3} s `,
		`(?m)^one by one: about \d+\.\d s, the sum of the jobs' run times in the query history \(\d+\.\d{3} s, `,
		`(?m)^speed-up: \d+\.\d{2}x over one by one: `,
		`(?m)^lower bound: about \d+\.\d s run together with the table lock, `,
		`(?m)^why: run together, updates of one table wait for each other's lock; loads of different tables overlap$`,
	} {
		require.Regexp(t, want, out)
	}
	bars := barLine.FindAllStringSubmatch(out, -1)
	require.Len(t, bars, 6, "timeline bars")
	for _, b := range bars {
		require.Contains(t, b[6], "#", "bar of %s", b[1])
	}
}

func TestRunParallel(t *testing.T) {
	var out bytes.Buffer
	svg := filepath.Join(t.TempDir(), "timeline.svg")
	err := run(t.Context(), &out, []string{"-scale", "0.25", "-svg", svg}, noEnv)
	require.NoError(t, err, out.String())
	s := out.String()
	t.Log("\n" + s)

	subs := submittedLine.FindAllStringSubmatch(s, -1)
	require.Len(t, subs, 6, "submissions")
	ids := map[string]bool{}
	for _, m := range subs {
		ids[m[2]] = true
	}
	require.Len(t, ids, 6, "distinct query IDs")
	require.Regexp(t, progressLine, s, "plain progress lines when not on a terminal")
	require.NotContains(t, s, "\r")
	requireReport(t, s)

	// The loads overlap; the updates wait for each other's lock.
	require.Contains(t, s, "loads: all 3 ran at the same time")
	require.Contains(t, s, "updates: ran one after another, never two at once")
	blocked := 0
	for _, b := range barLine.FindAllStringSubmatch(s, -1) {
		if strings.HasSuffix(b[1], "update") && b[4] != "0.000" {
			blocked++
			require.Contains(t, b[6], "b", "a blocked update's bar shows its wait")
		}
	}
	require.Equal(t, 2, blocked, "two of the three updates waited for the lock")

	require.Contains(t, s, "wrote the timeline to "+svg)
	requireSVG(t, svg)
}

// requireSVG parses the picture and checks it has a bar and a label per job.
func requireSVG(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	dec := xml.NewDecoder(f)
	var root string
	rects, texts := 0, ""
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, "well-formed XML")
		switch e := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = e.Name.Local
				require.Equal(t, "http://www.w3.org/2000/svg", e.Name.Space)
			}
			if e.Name.Local == "rect" {
				rects++
			}
		case xml.CharData:
			texts += string(e)
		}
	}
	require.Equal(t, "svg", root)
	require.GreaterOrEqual(t, rects, 6+1, "a bar per job and the background")
	for _, name := range []string{"North America sales load", "Europe sales load", "Asia sales load", "High Value update", "Medium Value update", "Low Value update", "speed-up"} {
		require.Contains(t, texts, name)
	}
}

func TestRunSequential(t *testing.T) {
	var out bytes.Buffer
	err := run(t.Context(), &out, []string{"-sequential", "-scale", "0.1"}, noEnv)
	require.NoError(t, err, out.String())
	s := out.String()
	t.Log("\n" + s)

	require.Len(t, ranLine.FindAllStringSubmatch(s, -1), 6, "one line per statement run")
	require.NotContains(t, s, "submitted")
	requireReport(t, s)
	require.Contains(t, s, "sequential: each job started only once the one before it had ended")
}

// TestRunOnDSN runs the real-Snowflake path, SNOWFLAKE_DSN, against a
// server the test starts: the program must create nothing but its tables,
// in the database it is given.
func TestRunOnDSN(t *testing.T) {
	srv, err := sftest.NewServer()
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, srv.Close()) })

	var out bytes.Buffer
	env := sftestdb.DSNEnv(srv)
	err = run(t.Context(), &out, []string{"-scale", "0.1", "-database", sftest.Database}, env)
	require.NoError(t, err, out.String())
	require.Contains(t, out.String(), "running on Snowflake (SNOWFLAKE_DSN)")
	requireReport(t, out.String())
	for _, q := range srv.Queries() {
		require.NotRegexp(t, `(?i)^\s*CREATE\s+(DATABASE|SCHEMA)`, q.SQL)
	}
}

// TestRunOnNamedConnection runs the -connection path with a connections.toml
// that names a server the test starts.
func TestRunOnNamedConnection(t *testing.T) {
	srv, err := sftest.NewServer()
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, srv.Close()) })
	host, port, err := net.SplitHostPort(strings.TrimPrefix(srv.URL(), "http://"))
	require.NoError(t, err)
	home := t.TempDir()
	toml := fmt.Sprintf(`[local]
account = %q
user = %q
password = %q
host = %q
port = %q # a string: the driver does not take a TOML integer here
protocol = "http"
warehouse = %q
database = %q
schema = %q
disable_ocsp_checks = true
validate_default_parameters = false
`, sftest.Account, sftest.User, sftest.Password, host, port, sftest.Warehouse, sftest.Database, sftest.Schema)
	require.NoError(t, os.WriteFile(filepath.Join(home, "connections.toml"), []byte(toml), 0o600))
	t.Setenv("SNOWFLAKE_HOME", home)
	t.Setenv("SNOWFLAKE_DEFAULT_CONNECTION_NAME", "") // run sets it; restored after the test

	var out bytes.Buffer
	err = run(t.Context(), &out, []string{"-connection", "local", "-scale", "0.1", "-database", sftest.Database}, noEnv)
	require.NoError(t, err, out.String())
	require.Contains(t, out.String(), `running on Snowflake (connection "local" from connections.toml)`)
	requireReport(t, out.String())
}

func TestFlags(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		env     string
		wantErr string
	}{
		{args: []string{"-scale", "0"}, wantErr: "-scale"},
		{args: []string{"-scale", "-1"}, wantErr: "-scale"},
		{args: []string{"-database", "DEMO DB"}, wantErr: "not an unquoted Snowflake identifier"},
		{args: []string{"-schema", `"x"`}, wantErr: "not an unquoted Snowflake identifier"},
		{args: []string{"extra"}, wantErr: "unexpected arguments"},
		{args: []string{"-connection", "x"}, env: "dsn", wantErr: "choose one"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			getenv := func(k string) string {
				if k == "SNOWFLAKE_DSN" {
					return tc.env
				}
				return ""
			}
			_, err := parseFlags(tc.args, io.Discard, getenv)
			require.ErrorContains(t, err, tc.wantErr)
		})
	}
	cfg, err := parseFlags([]string{"-database", "demo_db"}, io.Discard, noEnv)
	require.NoError(t, err)
	require.Equal(t, "DEMO_DB", cfg.database)
	require.Equal(t, "PUBLIC", cfg.schema)
	require.InDelta(t, 1.0, cfg.scale, 0)
}

func TestWaitSQL(t *testing.T) {
	for d, want := range map[time.Duration]string{
		2 * time.Second:        "CALL SYSTEM$WAIT(2)",
		time.Second:            "CALL SYSTEM$WAIT(1)",
		500 * time.Millisecond: "CALL SYSTEM$WAIT(500, 'MILLISECONDS')",
		time.Microsecond:       "CALL SYSTEM$WAIT(1, 'MILLISECONDS')",
	} {
		require.Equal(t, want, waitSQL(d))
	}
}

func TestMaxConcurrent(t *testing.T) {
	s := func(from, to int) span {
		return span{Start: time.Duration(from) * time.Second, End: time.Duration(to) * time.Second}
	}
	for _, tc := range []struct {
		name  string
		spans []span
		want  int
	}{
		{"none", nil, 0},
		{"one", []span{s(0, 1)}, 1},
		{"back to back", []span{s(0, 1), s(1, 2), s(2, 3)}, 1},
		{"all together", []span{s(0, 2), s(0, 2), s(1, 3)}, 3},
		{"two of three", []span{s(0, 2), s(1, 3), s(3, 4)}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) { require.Equal(t, tc.want, maxConcurrent(tc.spans)) })
	}
}

// TestSetBlocked feeds setBlocked the history of three update jobs issued
// at once, whose UPDATEs were done one after another, and of two that
// overlapped.
func TestSetBlocked(t *testing.T) {
	origin := time.Unix(1_700_000_000, 0)
	at := func(ms int) time.Time { return origin.Add(time.Duration(ms) * time.Millisecond) }
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }

	// Jobs run 0-1000, 0-2000, 0-3000 ms; their UPDATEs are issued at 5 ms
	// and done at 50, 1040 and 2030 ms.
	spans := []span{{Start: 0, End: ms(3000)}, {Start: 0, End: ms(1000)}, {Start: 0, End: ms(2000)}}
	jobs := []lockingJob{
		{index: 0, update: pipeline.ServerTimes{Start: at(5), End: at(2030)}, origin: origin},
		{index: 1, update: pipeline.ServerTimes{Start: at(5), End: at(50)}, origin: origin},
		{index: 2, update: pipeline.ServerTimes{Start: at(5), End: at(1040)}, origin: origin},
	}
	setBlocked(spans, jobs)
	require.Equal(t, []time.Duration{ms(2000), 0, ms(1000)}, []time.Duration{spans[0].Blocked, spans[1].Blocked, spans[2].Blocked})

	// The job's end is recorded a moment after its COMMIT let the next
	// UPDATE go: an UPDATE done 5 ms before it still waited for it.
	spans = []span{{Start: 0, End: ms(1000)}, {Start: 0, End: ms(2000)}}
	jobs = []lockingJob{
		{index: 0, update: pipeline.ServerTimes{Start: at(5), End: at(40)}, origin: origin},
		{index: 1, update: pipeline.ServerTimes{Start: at(5), End: at(995)}, origin: origin},
	}
	setBlocked(spans, jobs)
	require.Equal(t, ms(1000), spans[1].Blocked)

	// Two jobs 0-1000 ms whose UPDATEs were both done at 40 ms: no wait.
	spans = []span{{Start: 0, End: ms(1000)}, {Start: 0, End: ms(1000)}}
	jobs = []lockingJob{
		{index: 0, update: pipeline.ServerTimes{Start: at(5), End: at(40)}, origin: origin},
		{index: 1, update: pipeline.ServerTimes{Start: at(5), End: at(40)}, origin: origin},
	}
	setBlocked(spans, jobs)
	require.Zero(t, spans[0].Blocked)
	require.Zero(t, spans[1].Blocked)
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 33334: "33,334", 100000: "100,000", 1234567: "1,234,567", -4500: "-4,500"} {
		require.Equal(t, want, thousands(n))
	}
}

// TestRunProcedures runs the jobs as CALLs of SQL stored procedures, in
// parallel through sfasync and one by one: the same rows and report, and
// the procedures' statements ran as children of the CALLs.
func TestRunProcedures(t *testing.T) {
	for _, args := range [][]string{{"-procedures", "-scale", "0.1"}, {"-procedures", "-sequential", "-scale", "0.05"}} {
		var out bytes.Buffer
		err := run(t.Context(), &out, args, noEnv)
		require.NoError(t, err, out.String())
		s := out.String()
		require.Contains(t, s, "created procedures DEMO_DB.PUBLIC.LOAD_REGION_SALES and DEMO_DB.PUBLIC.UPDATE_SEGMENT")
		requireReport(t, s)
		if len(args) == 3 {
			require.Len(t, submittedLine.FindAllStringSubmatch(s, -1), 6, "CALLs submitted through sfasync")
			require.Regexp(t, `waited BLOCKED: `, s, "the updates' lock waits, found among the CALLs' children")
		} else {
			require.Len(t, ranLine.FindAllStringSubmatch(s, -1), 6, "CALLs run one by one")
		}
	}
}
