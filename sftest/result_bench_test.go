package sftest

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// benchRows is a mixed row set: NUMBER, NUMBER(10,2), FLOAT, TEXT, BOOLEAN,
// DATE and TIMESTAMP_NTZ(9) columns, as DuckDB hands them over.
func benchRows(n int) ([]rowType, [][]any) {
	rts := []rowType{
		{Name: "ID", Type: "fixed", Precision: 38},
		{Name: "AMOUNT", Type: "fixed", Precision: 10, Scale: 2},
		{Name: "SCORE", Type: "real"},
		{Name: "NAME", Type: "text", Length: textLength, ByteLength: textLength},
		{Name: "ACTIVE", Type: "boolean"},
		{Name: "DAY", Type: "date"},
		{Name: "TS", Type: "timestamp_ntz", Scale: 9},
	}
	base := time.Date(2024, 3, 1, 10, 11, 12, 123456789, time.UTC)
	rows := make([][]any, n)
	for i := range rows {
		rows[i] = []any{int64(i), float64(i%10000) / 100, float64(i) * 1.25, "customer name " + string(rune('a'+i%26)),
			i%2 == 0, base.AddDate(0, 0, i%365), base.Add(time.Duration(i) * time.Second)}
	}
	return rts, rows
}

// encodeAnswer is the server's work for a result in one format: encode the
// rows into chunks and write the query answer carrying the first one.
func encodeAnswer(s *Server, rts []rowType, rows [][]any, format string) (int, error) {
	b := newResultBuilder(rts, stmtTypeSelect, encoding{format: format, chunkRows: 10_000})
	for _, r := range rows {
		if err := b.add(r); err != nil {
			return 0, err
		}
	}
	res, err := b.finish()
	if err != nil {
		return 0, err
	}
	var d queryData
	s.setChunks(&d, res, "01b00000-0000-0000-0000-000000000000")
	out, err := json.Marshal(okEnvelope(d))
	return len(out), err
}

// BenchmarkResultEncoding compares the server CPU a result costs in Arrow and
// in JSON, side by side in one run: ns per row for each and their ratio.
//
//	go test -run '^$' -bench BenchmarkResultEncoding -benchtime 20x ./sftest/
func BenchmarkResultEncoding(b *testing.B) {
	const n = 50_000
	rts, rows := benchRows(n)
	s, _ := newTestServer(b)
	var jsonNS, arrowNS time.Duration
	for b.Loop() {
		for _, f := range []string{formatJSON, formatArrow} {
			start := time.Now()
			if _, err := encodeAnswer(s, rts, rows, f); err != nil {
				b.Fatal(err)
			}
			if f == formatJSON {
				jsonNS += time.Since(start)
			} else {
				arrowNS += time.Since(start)
			}
		}
	}
	per := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / float64(b.N) / n }
	b.ReportMetric(per(jsonNS), "json-ns/row")
	b.ReportMetric(per(arrowNS), "arrow-ns/row")
	b.ReportMetric(per(arrowNS)/per(jsonNS), "arrow/json")
}

// liveHeap is the runtime metric of the heap the last GC found live.
const liveHeap = "/gc/heap/live:bytes"

// heapPeak samples the live heap every few milliseconds until stop is called,
// which returns the highest value seen.
func heapPeak() (stop func() uint64) {
	sample := []metrics.Sample{{Name: liveHeap}}
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak
	}
}

// BenchmarkRead10MRows reads 10 million rows through database/sql's Rows in
// each format and reports the client's peak heap: the peak of the heap each
// GC found live during the read, over what was live once the query answer
// arrived (the server's stored result, in the same process, is in that
// baseline).
//
//	go test -run '^$' -bench BenchmarkRead10MRows -benchtime 1x -timeout 30m ./sftest/
func BenchmarkRead10MRows(b *testing.B) {
	const n = 10_000_000
	srv, db := newTestServer(b)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	for _, format := range []string{"ARROW", "JSON"} {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				readRowsPeak(b, ctx, srv, db, format, n)
			}
		})
	}
}

// readRowsPeak runs the n-row query in format on one connection and reads
// every row, reporting the client's peak heap and the server's stored size.
func readRowsPeak(b *testing.B, ctx context.Context, srv *Server, db *sql.DB, format string, n int) {
	conn, err := db.Conn(ctx)
	require.NoError(b, err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, "alter session set GO_QUERY_RESULT_FORMAT = "+format)
	require.NoError(b, err)
	query := fmt.Sprintf("select seq8() as n, 'row' as s from table(generator(rowcount => %d))", n)
	rows, err := conn.QueryContext(ctx, query)
	require.NoError(b, err)
	defer rows.Close()
	runtime.GC()
	sample := []metrics.Sample{{Name: liveHeap}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	stop := heapPeak()
	var count, sum int64
	var s string
	for rows.Next() {
		var v int64
		require.NoError(b, rows.Scan(&v, &s))
		count++
		sum += v
	}
	peak := stop()
	require.NoError(b, rows.Err())
	require.Equal(b, int64(n), count)
	require.Equal(b, int64(n)*int64(n-1)/2, sum)
	var stored int
	for _, res := range resultsOf(srv, query) {
		stored = 0
		for _, c := range res.chunks {
			stored += len(c.data)
		}
	}
	b.ReportMetric(float64(peak-min(peak, base))/(1<<20), "client-peak-heap-MB")
	b.ReportMetric(float64(stored)/(1<<20), "server-stored-MB")
}
