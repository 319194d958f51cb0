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

// in returns res in format: sftest's fixed one-row answers to SELECTs
// (SYSTEM$WAIT, SYSTEM$CANCEL_QUERY) are built in JSON and answered in the
// statement's format, as Snowflake answers any SELECT. Other results are
// returned as they are.
func (res *result) in(format string) *result {
	if format == "" || res.format == format || res.stmtType != stmtTypeSelect || len(res.chunks) != 1 {
		return res
	}
	for _, rt := range res.rowType {
		if rt.Type != "text" && rt.Type != "fixed" {
			return res
		}
	}
	b := newResultBuilder(res.rowType, res.stmtType, encoding{format: format})
	err := res.eachRow(func(row []*string) error {
		vals := make([]any, len(row))
		for i, v := range row {
			if v != nil {
				vals[i] = *v
			}
		}
		return b.add(vals)
	})
	out, ferr := b.finish()
	if err != nil || ferr != nil {
		return res
	}
	converted := *res
	converted.format, converted.chunks = out.format, out.chunks
	return &converted
}
