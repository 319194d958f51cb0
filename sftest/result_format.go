package sftest

import (
	"strings"
	"time"
)

// Result formats, as queryResultFormat names them.
const (
	formatJSON  = "json"
	formatArrow = "arrow"
)

// Chunking defaults: a chunk ends at defaultChunkRows rows (WithChunkRows)
// or at about chunkBytes of encoded data, whichever comes first.
const (
	defaultChunkRows = 100_000
	chunkBytes       = 8 << 20
)

// goClientApp is the CLIENT_APP_ID gosnowflake logs in with.
const goClientApp = "Go"

// resultFormat picks a statement's result format as Snowflake does: for the
// Go driver the GO_QUERY_RESULT_FORMAT parameter decides (the statement's
// parameters first, then the session's), ARROW by default; for other
// clients QUERY_RESULT_FORMAT, JSON by default.
func resultFormat(clientApp string, sessParams map[string]string, reqParams map[string]any) string {
	names := []string{"QUERY_RESULT_FORMAT"}
	def := formatJSON
	if clientApp == goClientApp {
		names = []string{"GO_QUERY_RESULT_FORMAT", "QUERY_RESULT_FORMAT"}
		def = formatArrow
	}
	for _, name := range names {
		for k, v := range reqParams {
			if s, ok := v.(string); ok && strings.EqualFold(k, name) {
				if f := formatName(s); f != "" {
					return f
				}
			}
		}
		if f := formatName(sessParams[name]); f != "" {
			return f
		}
	}
	return def
}

func formatName(v string) string {
	switch strings.ToLower(strings.Trim(strings.TrimSpace(v), "'\"")) {
	case "json":
		return formatJSON
	case "arrow", "arrow_force":
		return formatArrow
	}
	return ""
}

// encoding is how a statement's rows are encoded: format, chunk limits and
// the session's time zone (TIMESTAMP_TZ offsets).
type encoding struct {
	format     string
	chunkRows  int
	chunkBytes int
	loc        *time.Location
}

func (e encoding) withDefaults() encoding {
	if e.format == "" {
		e.format = formatJSON
	}
	if e.chunkRows <= 0 {
		e.chunkRows = defaultChunkRows
	}
	if e.chunkBytes <= 0 {
		e.chunkBytes = chunkBytes
	}
	return e
}

// encodingFor is the encoding of st's rows under the server's chunk limits.
func (s *Server) encodingFor(st *statement, loc *time.Location) encoding {
	return encoding{format: st.format, chunkRows: s.cfg.chunkRows, chunkBytes: chunkBytes, loc: loc}
}
