package sftest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Protocol errors that are sftest's own (Snowflake answers these cases with
// HTTP errors or codes the driver never sees).
var (
	errUnknownPath = &sqlError{Code: "390404", SQLState: "08000", Message: "Unknown endpoint."}
	errBadMethod   = &sqlError{Code: "390405", SQLState: "08000", Message: "Method not allowed."}
	errTooLarge    = &sqlError{Code: "390413", SQLState: "08000", Message: "Request body too large."}
	errInternal    = &sqlError{Code: "390500", SQLState: "XX000", Message: "sftest internal error."}
)

func errMalformed(err error) *sqlError {
	return &sqlError{Code: "390400", SQLState: "08000", Message: "Malformed request: " + err.Error()}
}

// ServeHTTP routes Snowflake's REST endpoints. Every answer is JSON; a panic
// in a handler is answered as a 500 with a JSON error and the server keeps
// serving. A request an injected fault picks (WithFaults, InjectFaults) is
// counted like any other and then served with the fault.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			s.cfg.logger.Error("sftest: handler panicked", "path", r.URL.Path, "panic", p)
			s.reply(w, r, http.StatusInternalServerError, errEnvelope(errInternal, ""))
		}
	}()
	ep, h := s.route(r)
	s.counts.add(ep)
	if f, ok := s.faults.pick(faultEndpoint[ep]); ok {
		s.injectFault(w, r, f, h)
		return
	}
	h(w, r)
}

// route names the endpoint of r and the handler that serves it.
func (s *Server) route(r *http.Request) (endpoint, http.HandlerFunc) {
	path := r.URL.Path
	switch {
	case path == "/session/v1/login-request":
		return epLogin, s.post(s.handleLogin)
	case path == "/session/token-request":
		return epRenew, s.post(s.handleRenew)
	case path == "/session/heartbeat":
		return epHeartbeat, s.post(s.handleHeartbeat)
	case path == "/session" && r.URL.Query().Get("delete") == "true":
		return epLogout, s.post(s.handleLogout)
	case path == "/telemetry/send":
		return epTelemetry, s.post(s.handleTelemetry)
	case path == "/queries/v1/query-request":
		return epQuery, s.post(s.handleQuery)
	case path == "/queries/v1/abort-request":
		return epAbort, s.post(s.handleAbort)
	case strings.HasPrefix(path, "/queries/") && strings.HasSuffix(path, "/result"):
		id := strings.TrimSuffix(strings.TrimPrefix(path, "/queries/"), "/result")
		return epResult, s.get(func(w http.ResponseWriter, r *http.Request) { s.handleResult(w, r, id) })
	case isChunkPath(path):
		return epChunk, s.get(s.handleChunk)
	case isStageFilePath(path): // presigned URLs of staged files (stage_gcs.go)
		return epOther, s.handleStageFile
	case strings.HasPrefix(path, "/monitoring/queries/"):
		id := strings.TrimPrefix(path, "/monitoring/queries/")
		return epMonitoring, s.get(func(w http.ResponseWriter, r *http.Request) { s.handleMonitoring(w, r, id) })
	}
	return epOther, func(w http.ResponseWriter, r *http.Request) {
		s.reply(w, r, http.StatusNotFound, errEnvelope(errUnknownPath, ""))
	}
}

// post and get wrap h so that it serves only that method.
func (s *Server) post(h http.HandlerFunc) http.HandlerFunc { return s.method(http.MethodPost, h) }
func (s *Server) get(h http.HandlerFunc) http.HandlerFunc  { return s.method(http.MethodGet, h) }

func (s *Server) method(m string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != m {
			s.reply(w, r, http.StatusMethodNotAllowed, errEnvelope(errBadMethod, ""))
			return
		}
		h(w, r)
	}
}

// decode reads the request body into v, answering the error itself; it
// reports whether the handler should go on.
func (s *Server) decode(w http.ResponseWriter, r *http.Request, v any) bool {
	err := decodeRequest(r.Header.Get("Content-Encoding"), r.Body, s.cfg.maxBodyBytes, v)
	switch {
	case err == nil:
		return true
	case errors.Is(err, errBodyTooLarge):
		s.reply(w, r, http.StatusRequestEntityTooLarge, errEnvelope(errTooLarge, ""))
	default:
		s.reply(w, r, http.StatusBadRequest, errEnvelope(errMalformed(err), ""))
	}
	return false
}

// reply writes v as JSON after the configured latency. The latency timer
// gives up early when the client goes away or the server closes.
func (s *Server) reply(w http.ResponseWriter, r *http.Request, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		buf.Reset()
		fmt.Fprintf(&buf, `{"data":null,"code":%q,"message":%q,"success":false}`, errInternal.Code, "encode: "+err.Error())
		status = http.StatusInternalServerError
	}
	s.pause(r.Context(), s.cfg.latency)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// fail answers a Snowflake error with HTTP 200, as Snowflake does.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, e *sqlError, queryID string) {
	s.reply(w, r, http.StatusOK, errEnvelope(e, queryID))
}
