package report_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/internal/testbuf"
	"github.com/sfasync/sfasync/report"
)

var t0 = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

func at(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }

// spans: a and b start together, c waits for a (and BLOCKED 0.3 s), b
// waited QUEUED 0.2 s, d was skipped.
func spans() []report.Span {
	return []report.Span{
		{Name: "a", QueryID: "qa", Status: "SUCCESS", Submitted: at(0), Ended: at(1000)},
		{Name: "b", QueryID: "qb", Status: "SUCCESS", Submitted: at(0), Ended: at(2000), Queued: 200 * time.Millisecond},
		{Name: "c", QueryID: "qc", Status: "FAILED", After: []string{"a"}, Submitted: at(1000), Ended: at(1500), Blocked: 300 * time.Millisecond, Error: "boom"},
		{Name: "d", Status: "SKIPPED", Cause: "step c did not succeed", After: []string{"c"}},
	}
}

func TestNewFigures(t *testing.T) {
	r := report.New("run", spans())
	require.Equal(t, at(0), r.Start)
	require.Equal(t, at(2000), r.End)
	require.Equal(t, 2*time.Second, r.Wall)
	require.Equal(t, 200*time.Millisecond, r.StartSpread, "b began its work after 0.2 s QUEUED; c waits for a")
	require.Equal(t, report.FromClient, r.StartSpreadFrom, "no server starts")
	require.Equal(t, 3*time.Second, r.SumRun, "1 + (2 - 0.2) + (0.5 - 0.3)")
	require.InDelta(t, 1.5, r.SpeedUp, 1e-9)
	require.Equal(t, 200*time.Millisecond, r.Queued)
	require.Equal(t, 300*time.Millisecond, r.Blocked)
	require.Equal(t, []string{"b"}, r.CriticalPath, "b's 2 s beats a → c's 1.5 s")
	require.Equal(t, 2*time.Second, r.CriticalTime)
}

func TestServerStartsGiveTheStartSpread(t *testing.T) {
	s := spans()[:2]
	s[0].Started, s[1].Started = at(30), at(80) // the server's clock
	r := report.New("run", s)
	require.Equal(t, 250*time.Millisecond, r.StartSpread, "b began at 80 ms and waited 200 ms QUEUED")
	require.Equal(t, report.FromServer, r.StartSpreadFrom)
}

// A server start for only some of the statements that start together is
// not compared with the others' submissions, on another clock: the spread
// is the submissions', and says so.
func TestStartSpreadNeverMixesClocks(t *testing.T) {
	s := spans()
	s[0].Started = at(-5000) // a's server start, on a clock 5 s behind the client's; b has none
	r := report.New("run", s)
	require.Equal(t, 200*time.Millisecond, r.StartSpread, "from the submissions: b began its work after 0.2 s QUEUED")
	require.Equal(t, report.FromClient, r.StartSpreadFrom)
	var b strings.Builder
	require.NoError(t, r.WriteText(&b))
	require.Contains(t, b.String(), "start spread: 0.200 s from the first start to the last of those that wait for no other (the client's submissions)")
}

func TestWriteTextDrawsWaitsApart(t *testing.T) {
	var b strings.Builder
	require.NoError(t, report.New("run", spans()).WriteText(&b))
	out := b.String()
	lines := strings.Split(out, "\n")
	bar := func(name string) string {
		for _, l := range lines {
			if strings.HasPrefix(l, "  "+name+" ") {
				return l[strings.Index(l, "|")+1 : strings.LastIndex(l, "|")]
			}
		}
		t.Fatalf("no line for %s in\n%s", name, out)
		return ""
	}
	// One column is 40 ms.
	require.Equal(t, strings.Repeat("#", 25)+strings.Repeat(" ", 25), bar("a"))
	require.Equal(t, strings.Repeat("q", 5)+strings.Repeat("#", 45), bar("b"))
	require.Equal(t, strings.Repeat(" ", 25)+strings.Repeat("b", 8)+strings.Repeat("#", 5)+strings.Repeat(" ", 12), bar("c"))
	require.Equal(t, strings.Repeat(" ", 50), bar("d"))
	require.Contains(t, out, "| SKIPPED (step c did not succeed)")
	require.Contains(t, out, "#"+strings.Repeat(" ", 12)+"| FAILED")
	require.Contains(t, out, "statements: 3 of 4 ran; 2 did not succeed")
	require.Contains(t, out, "sum of run times: 3.000 s (about one by one); speed-up 1.50x")
	require.Contains(t, out, "waited: 0.200 s QUEUED, 0.300 s BLOCKED")
	require.Contains(t, out, "critical path: 2.000 s, wall / critical path 1.00: b")
}

func TestWriteSVGIsXML(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, report.New("run <1> & more", spans()).WriteSVG(&b))
	dec := xml.NewDecoder(&b)
	var titles []string
	inTitle := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		switch tok := tok.(type) {
		case xml.StartElement:
			inTitle = tok.Name.Local == "title"
		case xml.CharData:
			if inTitle {
				titles = append(titles, string(tok))
			}
		case xml.EndElement:
			inTitle = false
		}
	}
	require.Contains(t, titles, "b QUEUED 0.200 s")
	require.Contains(t, titles, "c BLOCKED 0.300 s")
	require.Contains(t, titles, "c qc: FAILED, 1.000 s to 1.500 s")
}

func TestWriteJSONRoundTrips(t *testing.T) {
	r := report.New("run", spans())
	var b bytes.Buffer
	require.NoError(t, r.WriteJSON(&b))
	var back report.Report
	require.NoError(t, json.Unmarshal(b.Bytes(), &back))
	require.Equal(t, r.CriticalPath, back.CriticalPath)
	require.Equal(t, r.Wall, back.Wall)
	require.Len(t, back.Spans, 4)
	require.Equal(t, "step c did not succeed", back.Spans[3].Cause)
	require.Contains(t, b.String(), `"queued_ns": 200000000`)
}

// Off a terminal the progress line is printed again only when it changes.
func TestProgressPrintsChangesOffATerminal(t *testing.T) {
	var mu sync.Mutex
	text := "running 2"
	set := func(s string) {
		mu.Lock()
		text = s
		mu.Unlock()
	}
	shown := make(chan string, 100)
	var out testbuf.Buffer
	p := report.StartProgress(&out, false, time.Millisecond, func() string {
		mu.Lock()
		defer mu.Unlock()
		shown <- text
		return text
	})
	for range 5 {
		<-shown // several ticks with the same text
	}
	set("running 1")
	for s := range shown {
		if s == "running 1" {
			break
		}
	}
	set("done")
	p.Stop()
	p.Stop()
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 3, out.String())
	require.True(t, strings.HasSuffix(lines[0], "running 2"))
	require.True(t, strings.HasSuffix(lines[1], "running 1"))
	require.True(t, strings.HasSuffix(lines[2], "done"))
}

func TestProgressRewritesInPlaceOnATerminal(t *testing.T) {
	var out testbuf.Buffer
	ticks := make(chan struct{}, 100)
	p := report.StartProgress(&out, true, time.Millisecond, func() string {
		ticks <- struct{}{}
		return "same"
	})
	<-ticks
	<-ticks
	p.Stop()
	s := out.String()
	require.GreaterOrEqual(t, strings.Count(s, "\r"), 3)
	require.Equal(t, 1, strings.Count(s, "\n"))
	require.True(t, strings.HasSuffix(s, "same\n"))
}

func TestStatsLine(t *testing.T) {
	require.Equal(t, "running 3  waiting 1  done 5/10 (2 failed)",
		report.StatsLine(sfasync.Stats{Running: 3, Waiting: 1, Succeeded: 3, Failed: 1, Canceled: 1}, 10))
	require.Equal(t, "running 0  waiting 0  done 0", report.StatsLine(sfasync.Stats{}, 0))
	require.Equal(t, "running 1  waiting 0  done 0  recovered 4",
		report.StatsLine(sfasync.Stats{Running: 1, Recovered: sfasync.Recoveries{Resent: 1, LookedUp: 1, Found: 1, SessionsLost: 1, WaitRetries: 1}}, 0))
}

// WriteFile writes what write gives, all of it, and names the path when it
// cannot.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "run.svg")
	r := report.New("run", spans())
	require.NoError(t, report.WriteFile(path, r.WriteSVG))
	var want bytes.Buffer
	require.NoError(t, r.WriteSVG(&want))
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, want.String(), string(got))

	err = report.WriteFile(path, func(w io.Writer) error { return errors.New("boom") })
	require.ErrorContains(t, err, "write "+path+": boom")
	err = report.WriteFile(filepath.Join(dir, "no", "such", "folder.svg"), r.WriteSVG)
	require.ErrorIs(t, err, fs.ErrNotExist)
	require.ErrorContains(t, err, filepath.Join(dir, "no", "such", "folder.svg"))
}
