package sftest

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// BenchmarkSelectOne measures trivial-query throughput through the driver
// (one query-request per statement, no added latency) with 1 and 16 callers.
func BenchmarkSelectOne(b *testing.B) {
	for _, conc := range []int{1, 16} {
		b.Run(fmt.Sprintf("concurrency=%d", conc), func(b *testing.B) {
			_, db := newTestServer(b, WithMaxConcurrency(conc))
			db.SetMaxOpenConns(conc)
			db.SetMaxIdleConns(conc)
			ctx := testCtx(b)
			// Log the sessions in before timing.
			var warm sync.WaitGroup
			for range conc {
				warm.Go(func() {
					var x int
					require.NoError(b, db.QueryRowContext(ctx, "select 1").Scan(&x))
				})
			}
			warm.Wait()
			var next atomic.Int64
			var failed atomic.Value
			b.ResetTimer()
			var wg sync.WaitGroup
			for range conc {
				wg.Go(func() {
					for next.Add(1) <= int64(b.N) {
						var x int
						if err := db.QueryRowContext(ctx, "select 1").Scan(&x); err != nil {
							failed.Store(err)
							return
						}
					}
				})
			}
			wg.Wait()
			b.StopTimer()
			if err, _ := failed.Load().(error); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
		})
	}
}

// BenchmarkAsyncWait4096 submits 4,096 async SELECT SYSTEM$WAIT(1) through
// the driver on a warehouse wide enough to run them all at once, and waits
// for every one to finish. It reports the wall time and the heap in use
// growth at its peak (driver and server share the process, so this is an
// upper bound on the server's share) and the most statements RUNNING at once.
func BenchmarkAsyncWait4096(b *testing.B) {
	b.Run("driver", benchAsyncWaitDriver)
	b.Run("raw-http", benchAsyncWaitRaw)
}

const waitStatements = 4096

func benchAsyncWaitDriver(b *testing.B) {
	const n = waitStatements
	for range b.N {
		b.StopTimer()
		srv, err := NewServer(WithMaxConcurrency(n))
		require.NoError(b, err)
		db, err := sql.Open("snowflake", srv.DSN())
		require.NoError(b, err)
		db.SetMaxOpenConns(16)
		db.SetMaxIdleConns(16) // a closed connection logs out, and its async fetches would fail
		ctx := sf.WithAsyncMode(testCtx(b))
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		b.StartTimer()

		stopSampling := make(chan struct{})
		peak := make(chan uint64)
		go samplePeakHeap(stopSampling, peak)
		start := time.Now()
		results := make([]sql.Result, n)
		var next atomic.Int64
		var wg sync.WaitGroup
		for range 16 {
			wg.Go(func() {
				for i := next.Add(1) - 1; i < n; i = next.Add(1) - 1 {
					r, err := db.ExecContext(ctx, "select system$wait(1)")
					if err != nil {
						b.Error(err)
						return
					}
					results[i] = r
				}
			})
		}
		wg.Wait()
		for _, r := range results {
			if r == nil {
				continue
			}
			if _, err := r.RowsAffected(); err != nil { // waits for the statement
				b.Error(err)
			}
		}
		wall := time.Since(start)
		b.StopTimer()
		close(stopSampling)
		peakHeap := <-peak

		done := 0
		for _, q := range srv.Queries() {
			if q.Status == StatusSuccess {
				done++
			}
		}
		require.Equal(b, n, done)
		b.ReportMetric(wall.Seconds(), "wall-s")
		b.ReportMetric(float64(peakHeap-min(before.HeapInuse, peakHeap))/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(srv.wh.peak())/1, "peak-running")
		b.ReportMetric(float64(srv.Counts().Total())/n, "requests/stmt")
		require.NoError(b, db.Close())
		require.NoError(b, srv.Close())
		b.StartTimer()
	}
}

// samplePeakHeap reports the largest HeapInuse seen until stop closes.
func samplePeakHeap(stop <-chan struct{}, peak chan<- uint64) {
	var m runtime.MemStats
	var top uint64
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for {
		runtime.ReadMemStats(&m)
		top = max(top, m.HeapInuse)
		select {
		case <-stop:
			peak <- top
			return
		case <-t.C:
		}
	}
}

// benchAsyncWaitRaw submits the same statements with plain HTTP requests
// (async query-requests, no result fetches) and learns completions from the
// history, so the heap figure is the server's own.
func benchAsyncWaitRaw(b *testing.B) {
	const n = waitStatements
	for range b.N {
		b.StopTimer()
		srv, err := NewServer(WithMaxConcurrency(n))
		require.NoError(b, err)
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
		tok := benchLogin(b, client, srv)
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		stopSampling := make(chan struct{})
		peak := make(chan uint64)
		go samplePeakHeap(stopSampling, peak)
		b.StartTimer()

		start := time.Now()
		var next atomic.Int64
		var wg sync.WaitGroup
		for range 16 {
			wg.Go(func() {
				for i := next.Add(1) - 1; i < n; i = next.Add(1) - 1 {
					req, _ := http.NewRequest("POST", srv.URL()+"/queries/v1/query-request?requestId=r"+itoa(i),
						strings.NewReader(`{"sqlText":"select system$wait(1)","asyncExec":true}`))
					req.Header.Set("Authorization", `Snowflake Token="`+tok+`"`)
					resp, err := client.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					_ = resp.Body.Close()
				}
			})
		}
		wg.Wait()
		for {
			done := 0
			for _, q := range srv.Queries() {
				if q.Status == StatusSuccess {
					done++
				}
			}
			if done == n {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		wall := time.Since(start)
		b.StopTimer()
		close(stopSampling)
		peakHeap := <-peak
		b.ReportMetric(wall.Seconds(), "wall-s")
		b.ReportMetric(float64(peakHeap-min(before.HeapInuse, peakHeap))/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(srv.wh.peak()), "peak-running")
		client.CloseIdleConnections()
		require.NoError(b, srv.Close())
		b.StartTimer()
	}
}

func benchLogin(b *testing.B, client *http.Client, srv *Server) string {
	resp, err := client.Post(srv.URL()+"/session/v1/login-request", "application/json",
		strings.NewReader(`{"data":{"LOGIN_NAME":"sftest","PASSWORD":"sftest"}}`))
	require.NoError(b, err)
	defer resp.Body.Close()
	var a struct{ Data struct{ Token string } }
	require.NoError(b, json.NewDecoder(resp.Body).Decode(&a))
	return a.Data.Token
}

// BenchmarkMultiStatement1000 runs one request of 1,000 statements
// (MULTI_STATEMENT_COUNT = 0): the cost per child statement on the
// connection the request pins.
func BenchmarkMultiStatement1000(b *testing.B) {
	srv, db := newTestServer(b)
	ctx := sf.WithMultiStatement(testCtx(b), 0)
	batch := strings.TrimSuffix(strings.Repeat("select 1;", 1000), ";")
	b.ResetTimer()
	for range b.N {
		_, err := db.ExecContext(ctx, batch)
		require.NoError(b, err)
	}
	b.StopTimer()
	require.GreaterOrEqual(b, len(srv.Queries()), 1001*b.N)
}
