package sftest

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

const chunkedQuery = "select seq4() as n, repeat('x', 3) as s from table(generator(rowcount => 95)) order by n"

// readAllN reads query on conn and returns the N column of every row.
func readAllN(t *testing.T, ctx context.Context, conn *sql.Conn, query string) []int64 {
	t.Helper()
	rows, err := conn.QueryContext(ctx, query)
	require.NoError(t, err)
	defer rows.Close()
	var ns []int64
	for rows.Next() {
		var n int64
		var s string
		require.NoError(t, rows.Scan(&n, &s))
		require.Equal(t, "xxx", s)
		ns = append(ns, n)
	}
	require.NoError(t, rows.Err())
	return ns
}

// A result over the chunk size comes as a first rowset plus chunks that the
// driver downloads from sftest, in both formats, every row once and in order.
func TestChunkedResults(t *testing.T) {
	srv, db := newTestServer(t, WithChunkRows(10))
	ctx := testCtx(t)
	want := make([]int64, 95)
	for i := range want {
		want[i] = int64(i)
	}
	for _, format := range []string{"ARROW", "JSON"} {
		t.Run(format, func(t *testing.T) {
			conn, err := db.Conn(ctx)
			require.NoError(t, err)
			defer conn.Close()
			_, err = conn.ExecContext(ctx, "alter session set GO_QUERY_RESULT_FORMAT = "+format)
			require.NoError(t, err)
			before := srv.Counts().Chunk
			require.Equal(t, want, readAllN(t, ctx, conn, chunkedQuery))
			require.Equal(t, int64(9), srv.Counts().Chunk-before, "chunks 2..10 are downloaded once each")
		})
	}
	formats := resultFormats(srv, chunkedQuery)
	require.Equal(t, []string{formatArrow, formatJSON}, formats)
}

// A chunk URL serves only to a client presenting the result's key in the
// SSE-C headers; JSON chunks are rows without the outer brackets.
func TestChunkDownloadNeedsTheKey(t *testing.T) {
	srv, _ := newTestServer(t, WithChunkRows(10))
	tok := rawLogin(t, srv)
	a := rawQuery(t, srv, tok, "r1", chunkedQuery, false)
	require.True(t, a.Success, a.Message)
	var d struct {
		Format       string            `json:"queryResultFormat"`
		Total        int64             `json:"total"`
		Returned     int64             `json:"returned"`
		RowSet       [][]*string       `json:"rowset"`
		Qrmk         string            `json:"qrmk"`
		ChunkHeaders map[string]string `json:"chunkHeaders"`
		Chunks       []chunkMeta       `json:"chunks"`
	}
	require.NoError(t, json.Unmarshal(a.Data, &d))
	require.Equal(t, formatJSON, d.Format, "a client that is not the Go driver gets JSON by default")
	require.Equal(t, []int64{95, 10}, []int64{d.Total, d.Returned})
	require.Len(t, d.RowSet, 10)
	require.Len(t, d.Chunks, 9)
	require.Equal(t, d.Qrmk, d.ChunkHeaders[headerSSECKey])
	require.Equal(t, 5, d.Chunks[8].RowCount)

	get := func(url string, hdr map[string]string) (int, []byte) {
		req, err := http.NewRequest(http.MethodGet, url, nil)
		require.NoError(t, err)
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, b
	}
	status, _ := get(d.Chunks[0].URL, nil)
	require.Equal(t, http.StatusForbidden, status)
	status, _ = get(d.Chunks[0].URL, map[string]string{headerSSECAlgorithm: "AES256", headerSSECKey: "bm90IHRoZSBrZXk="})
	require.Equal(t, http.StatusForbidden, status)
	status, _ = get(srv.URL()+"/results/nope/chunks/1", d.ChunkHeaders)
	require.Equal(t, http.StatusNotFound, status)

	status, gz := get(d.Chunks[0].URL, d.ChunkHeaders)
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, d.Chunks[0].CompressedSize, int64(len(gz)))
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	require.NoError(t, err, "JSON chunks are served gzipped")
	body, err := io.ReadAll(zr)
	require.NoError(t, err)
	require.Equal(t, d.Chunks[0].UncompressedSize, int64(len(body)))
	require.Equal(t, `["10","xxx"],`, string(body[:13]))
	rows, err := decodeJSONChunk(body)
	require.NoError(t, err)
	require.Len(t, rows, 10)
	require.Equal(t, "19", *rows[9][0])
}

// RESULT_SCAN reads a chunked result back whole, in either format.
func TestResultScanOfChunkedResults(t *testing.T) {
	_, db := newTestServer(t, WithChunkRows(10))
	ctx := testCtx(t)
	for _, format := range []string{"ARROW", "JSON"} {
		t.Run(format, func(t *testing.T) {
			conn, err := db.Conn(ctx)
			require.NoError(t, err)
			defer conn.Close()
			_, err = conn.ExecContext(ctx, "alter session set GO_QUERY_RESULT_FORMAT = "+format)
			require.NoError(t, err)
			require.Len(t, readAllN(t, ctx, conn, chunkedQuery), 95)
			var n, sum int64
			require.NoError(t, conn.QueryRowContext(ctx,
				"select count(*), sum(n) from table(result_scan(last_query_id()))").Scan(&n, &sum))
			require.Equal(t, []int64{95, 94 * 95 / 2}, []int64{n, sum})
		})
	}
}
