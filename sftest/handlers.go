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
// in a handler is answered as a 500 with a JSON error and the server keeps serving.
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
	path := r.URL.Path
	switch {
	case path == "/session/v1/login-request":
		s.counts.add(epLogin)
		s.post(w, r, s.handleLogin)
	case path == "/session/token-request":
		s.counts.add(epRenew)
		s.post(w, r, s.handleRenew)
	case path == "/session/heartbeat":
		s.counts.add(epHeartbeat)
		s.post(w, r, s.handleHeartbeat)
	case path == "/session" && r.URL.Query().Get("delete") == "true":
		s.counts.add(epLogout)
		s.post(w, r, s.handleLogout)
	case path == "/telemetry/send":
		s.counts.add(epTelemetry)
		s.post(w, r, s.handleTelemetry)
	case path == "/queries/v1/query-request":
		s.counts.add(epQuery)
		s.post(w, r, s.handleQuery)
	case path == "/queries/v1/abort-request":
		s.counts.add(epAbort)
		s.post(w, r, s.handleAbort)
	case strings.HasPrefix(path, "/queries/") && strings.HasSuffix(path, "/result"):
		s.counts.add(epResult)
		id := strings.TrimSuffix(strings.TrimPrefix(path, "/queries/"), "/result")
		s.get(w, r, func(w http.ResponseWriter, r *http.Request) { s.handleResult(w, r, id) })
	case strings.HasPrefix(path, "/monitoring/queries/"):
		s.counts.add(epMonitoring)
		id := strings.TrimPrefix(path, "/monitoring/queries/")
		s.get(w, r, func(w http.ResponseWriter, r *http.Request) { s.handleMonitoring(w, r, id) })
	default:
		s.counts.add(epOther)
		s.reply(w, r, http.StatusNotFound, errEnvelope(errUnknownPath, ""))
	}
}

func (s *Server) post(w http.ResponseWriter, r *http.Request, h http.HandlerFunc) {
	if r.Method != http.MethodPost {
		s.reply(w, r, http.StatusMethodNotAllowed, errEnvelope(errBadMethod, ""))
		return
	}
	h(w, r)
}

func (s *Server) get(w http.ResponseWriter, r *http.Request, h http.HandlerFunc) {
	if r.Method != http.MethodGet {
		s.reply(w, r, http.StatusMethodNotAllowed, errEnvelope(errBadMethod, ""))
		return
	}
	h(w, r)
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
