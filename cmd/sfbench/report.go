package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// outcomeOK is the Outcome of a run that finished without error.
const outcomeOK = "ok"

// Report is everything one sfbench invocation measured; -json writes it.
type Report struct {
	Command       string  `json:"command"`
	GoVersion     string  `json:"go_version"`
	GOMAXPROCS    int     `json:"gomaxprocs"`
	NumCPU        int     `json:"num_cpu"`
	LatencyMS     float64 `json:"latency_ms"`
	TimeoutS      float64 `json:"timeout_s"`
	Scale         float64 `json:"scale"`
	ServerPerRun  string  `json:"server"`
	SamplerPeriod string  `json:"sampler_period"`
	Rows          []Row   `json:"rows"`
}

// Row is one contender on one scenario.
type Row struct {
	Scenario  string `json:"scenario"`
	Contender string `json:"contender"`
	Jobs      int    `json:"jobs"`
	// Outcome is "ok", "skipped: …", "did not finish (…)" or "failed: …".
	Outcome string `json:"outcome"`

	WallSeconds    float64 `json:"wall_s"`           // first submission to the client knowing the last end
	LongestSeconds float64 `json:"longest_s"`        // longest statement by the server's history
	WallPerLongest float64 `json:"wall_per_longest"` // 1.00 is the limit
	StartSpreadMS  float64 `json:"start_spread_ms"`  // last start minus first start, server history
	SubmitSpreadMS float64 `json:"submit_spread_ms"` // the same for when the server received them

	Requests       Counts  `json:"requests"` // HTTP requests per endpoint, including the pool's close
	RequestsPerJob float64 `json:"requests_per_job"`
	CPUPerJobMS    float64 `json:"cpu_per_job_ms"` // process CPU (client and server, user and system) during the run / jobs
	Logins         int64   `json:"logins"`
	Logouts        int64   `json:"logouts"`

	Learned     int     `json:"learned"` // statements whose end the client reported
	Failed      int     `json:"failed"`  // of those, statements that failed
	Notices     int     `json:"notices"` // of those, matched to the server's end
	NoticeP50MS float64 `json:"notice_p50_ms"`
	NoticeP99MS float64 `json:"notice_p99_ms"`

	Statements     int `json:"statements"`     // the run's statements in the server's history
	PeakInFlight   int `json:"peak_in_flight"` // most statements submitted and not ended at once
	PeakGoroutines int `json:"peak_goroutines"`
	// Heap in use (runtime.MemStats.HeapInuse, garbage included) and live
	// heap (marked by the last GC), above the baseline; per job is divided
	// by PeakInFlight.
	PeakHeapBytes       int64 `json:"peak_heap_inuse_bytes"`
	HeapPerJobBytes     int64 `json:"heap_inuse_per_in_flight_job_bytes"`
	PeakLiveHeapBytes   int64 `json:"peak_live_heap_bytes"`
	LiveHeapPerJobBytes int64 `json:"live_heap_per_in_flight_job_bytes"`
	PeakConnsInUse      int   `json:"peak_conns_in_use"`
	PeakConnsOpen       int   `json:"peak_conns_open"`
}

// Counts is HTTP requests per endpoint, as sftest counts them.
type Counts struct {
	Login      int64 `json:"login"`
	Query      int64 `json:"query"`
	Result     int64 `json:"result"`
	Monitoring int64 `json:"monitoring"`
	Abort      int64 `json:"abort"`
	Heartbeat  int64 `json:"heartbeat"`
	Renew      int64 `json:"renew"`
	Logout     int64 `json:"logout"`
	Telemetry  int64 `json:"telemetry"`
	Other      int64 `json:"other"`
}

// Total is the sum over endpoints.
func (c Counts) Total() int64 {
	return c.Login + c.Query + c.Result + c.Monitoring + c.Abort + c.Heartbeat +
		c.Renew + c.Logout + c.Telemetry + c.Other
}

func newReport(cfg config, args []string) *Report {
	return &Report{
		Command:       commandLine(args),
		GoVersion:     runtime.Version(),
		GOMAXPROCS:    runtime.GOMAXPROCS(0),
		NumCPU:        runtime.NumCPU(),
		LatencyMS:     ms(cfg.latency),
		TimeoutS:      cfg.timeout.Seconds(),
		Scale:         cfg.scale,
		ServerPerRun:  "one in-process sftest for the whole run",
		SamplerPeriod: "goroutines and pool every 5 ms, heap every 10 ms",
	}
}

// commandLine is the command as run, with output file names reduced to
// their base names so that the report names no directories.
func commandLine(args []string) string {
	out := []string{"sfbench"}
	fileFlag := false
	for _, a := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch {
		case fileFlag:
			a = filepath.Base(a)
		case strings.HasPrefix(a, "-") && (name == "json" || name == "cpuprofile") && hasValue:
			a = a[:len(a)-len(value)] + filepath.Base(value)
		}
		fileFlag = strings.HasPrefix(a, "-") && (name == "json" || name == "cpuprofile") && !hasValue
		out = append(out, a)
	}
	return strings.Join(out, " ")
}

// ran reports whether the row has figures from a run.
func (r Row) ran() bool { return !strings.HasPrefix(r.Outcome, "skipped") }

// summary is a one-line account of the row for progress output.
func (r Row) summary() string {
	if r.Outcome != outcomeOK {
		return r.Outcome
	}
	return fmt.Sprintf("wall %.2fs (%.2f× longest), spread %.0fms, %.2f req/job, %d logins",
		r.WallSeconds, r.WallPerLongest, r.StartSpreadMS, r.RequestsPerJob, r.Logins)
}

// writeMarkdown writes the header and two tables: the figures, then the
// requests per endpoint behind "req/job".
func (rep *Report) writeMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# sfbench\n\n")
	fmt.Fprintf(&b, "- command: `%s`\n", rep.Command)
	fmt.Fprintf(&b, "- %s, GOMAXPROCS=%d, NumCPU=%d\n", rep.GoVersion, rep.GOMAXPROCS, rep.NumCPU)
	fmt.Fprintf(&b, "- sftest latency %gms per response, timeout %gs per run, duration scale %g; %s\n",
		rep.LatencyMS, rep.TimeoutS, rep.Scale, rep.ServerPerRun)
	fmt.Fprintf(&b, "- a fresh *sql.DB (database/sql defaults) per run; goroutines and heap are process-wide (client and in-process server) above a baseline taken after runtime.GC; %s\n", rep.SamplerPeriod)
	b.WriteString("- CPU/job is the process's CPU time (user and system, client and in-process server) during the run divided by the jobs\n")
	b.WriteString("- heap in use counts garbage not yet collected; live heap is what a GC found reachable; per in-flight job divides by the most statements of the run submitted and not ended at once\n\n")

	b.WriteString("| scenario | contender | wall | wall / longest | start spread | req/job | CPU/job | logins / logouts | notice p50 / p99 | peak goroutines | peak heap in use (per in-flight job) | peak live heap (per in-flight job) | conns in use / open |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rep.Rows {
		if !r.ran() {
			fmt.Fprintf(&b, "| %s | %s | %s | — | — | — | — | — | — | — | — | — | — |\n", r.Scenario, r.Contender, r.Outcome)
			continue
		}
		wall, ratio := "did not finish ¹", "—"
		switch {
		case r.WallSeconds == 0:
		case r.Failed > 0:
			wall = fmt.Sprintf("%.2f s, %d of %d failed ¹", r.WallSeconds, r.Failed, r.Jobs)
		case r.Outcome != outcomeOK:
			wall = fmt.Sprintf("%.2f s ¹", r.WallSeconds)
		default:
			wall = fmt.Sprintf("%.2f s", r.WallSeconds)
		}
		if r.WallSeconds > 0 {
			ratio = fmt.Sprintf("%.2f", r.WallPerLongest)
		}
		notice := "—"
		if r.Notices > 0 {
			notice = fmt.Sprintf("%.0f / %.0f ms", r.NoticeP50MS, r.NoticeP99MS)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %.0f ms | %.2f | %.2f ms | %d / %d | %s | %d | %s (%s) | %s | %d / %d |\n",
			r.Scenario, r.Contender, wall, ratio, r.StartSpreadMS, r.RequestsPerJob, r.CPUPerJobMS,
			r.Logins, r.Logouts, notice, r.PeakGoroutines,
			bytesString(r.PeakHeapBytes), bytesString(r.HeapPerJobBytes),
			liveHeap(r),
			r.PeakConnsInUse, r.PeakConnsOpen)
	}

	notes := false
	for _, r := range rep.Rows {
		if r.ran() && r.Outcome != outcomeOK {
			if !notes {
				b.WriteString("\n¹ Runs that did not end well:\n\n")
				notes = true
			}
			fmt.Fprintf(&b, "- %s × %s: %s\n", r.Scenario, r.Contender, r.Outcome)
		}
	}

	b.WriteString("\nHTTP requests per endpoint (whole run, including the pool's close):\n\n")
	b.WriteString("| scenario | contender | jobs | login | query | result | monitoring | abort | logout | telemetry | heartbeat, renew, other |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rep.Rows {
		if !r.ran() {
			continue
		}
		c := r.Requests
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %d | %d | %d | %d | %d | %d | %d |\n",
			r.Scenario, r.Contender, r.Jobs, c.Login, c.Query, c.Result, c.Monitoring, c.Abort,
			c.Logout, c.Telemetry, c.Heartbeat+c.Renew+c.Other)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeJSON writes the report as indented JSON to path.
func (rep *Report) writeJSON(path string) error {
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// liveHeap formats the live-heap cell: nothing to show when no GC ran
// during the run.
func liveHeap(r Row) string {
	if r.PeakLiveHeapBytes == 0 {
		return "— (no GC ran)"
	}
	return fmt.Sprintf("%s (%s)", bytesString(r.PeakLiveHeapBytes), bytesString(r.LiveHeapPerJobBytes))
}

// bytesString formats n bytes with a binary unit.
func bytesString(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
