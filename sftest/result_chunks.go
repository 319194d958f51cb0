package sftest

import (
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
)

// Result chunks: a result of more than one chunk is answered with its first
// chunk inline and, for the rest, chunk URLs on this server with the headers
// the driver must send to download them (Snowflake's chunks live in cloud
// storage encrypted with a per-result key, qrmk, that the driver presents as
// SSE-C headers; sftest checks the key the same way).

// The SSE-C headers Snowflake lists in chunkHeaders and the driver sends.
const (
	headerSSECAlgorithm = "x-amz-server-side-encryption-customer-algorithm"
	headerSSECKey       = "x-amz-server-side-encryption-customer-key"
	headerSSECKeyMD5    = "x-amz-server-side-encryption-customer-key-md5"
)

// chunkPathPrefix starts every chunk URL's path: /results/{queryId}/chunks/{n}.
const chunkPathPrefix = "/results/"

// chunkMeta is one entry of a query answer's chunks list.
type chunkMeta struct {
	URL              string `json:"url"`
	RowCount         int    `json:"rowCount"`
	UncompressedSize int64  `json:"uncompressedSize"`
	CompressedSize   int64  `json:"compressedSize"`
}

// newChunkKey is a fresh random result key (base64 of 32 bytes, like an AES-256 key).
func newChunkKey() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

// chunkHeaders is the chunkHeaders map of a result whose key is key.
func chunkHeaders(key string) map[string]string {
	sum := md5.Sum([]byte(key))
	return map[string]string{
		headerSSECAlgorithm: "AES256",
		headerSSECKey:       key,
		headerSSECKeyMD5:    base64.StdEncoding.EncodeToString(sum[:]),
	}
}

// setChunks fills d's first rowset and chunk list from res.
func (s *Server) setChunks(d *queryData, res *result, queryID string) {
	d.QueryResultFormat = res.format
	for _, c := range res.chunks {
		d.Total += int64(c.rows)
	}
	if res.format == formatJSON {
		d.RowSet = []byte("[]")
	}
	if len(res.chunks) == 0 {
		return
	}
	first := res.chunks[0]
	d.Returned = int64(first.rows)
	if res.format == formatArrow {
		d.RowSetBase64 = base64.StdEncoding.EncodeToString(first.data)
	} else {
		d.RowSet = append(append(append(make([]byte, 0, len(first.data)+2), '['), first.data...), ']')
	}
	if len(res.chunks) == 1 {
		return
	}
	for i, c := range res.chunks[1:] {
		d.Chunks = append(d.Chunks, chunkMeta{
			URL:              s.URL() + chunkPathPrefix + queryID + "/chunks/" + strconv.Itoa(i+1),
			RowCount:         c.rows,
			UncompressedSize: int64(c.size),
			CompressedSize:   int64(len(c.data)),
		})
	}
	d.Qrmk = res.chunkKey
	d.ChunkHeaders = chunkHeaders(res.chunkKey)
}

// gzipBytes compresses b at gzip's fastest level.
func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// isChunkPath reports whether path is a chunk URL's path.
func isChunkPath(path string) bool {
	return strings.HasPrefix(path, chunkPathPrefix) && strings.Contains(path, "/chunks/")
}

// handleChunk answers GET /results/{queryId}/chunks/{n}: the chunk's bytes
// as cloud storage serves them, Arrow IPC or gzipped JSON rows without the
// outer brackets (the driver recognises gzip by its magic bytes). No session token: the result key in the SSE-C header is the
// credential; a wrong or missing key is 403, an unknown chunk 404.
func (s *Server) handleChunk(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, chunkPathPrefix)
	id, n, _ := strings.Cut(rest, "/chunks/")
	idx, err := strconv.Atoi(n)
	var res *result
	if st := s.lookupStatement(id); st != nil && err == nil {
		if r, serr, done := st.outcome(); done && serr == nil {
			res = r
		}
	}
	if res == nil || idx < 1 || idx >= len(res.chunks) {
		http.Error(w, "NoSuchKey", http.StatusNotFound)
		return
	}
	if r.Header.Get(headerSSECKey) != res.chunkKey || r.Header.Get(headerSSECAlgorithm) != "AES256" {
		http.Error(w, "AccessDenied", http.StatusForbidden)
		return
	}
	s.pause(r.Context(), s.cfg.latency)
	data := res.chunks[idx].data
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(data)
}
