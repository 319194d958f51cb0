package sftest

import (
	"net"
	"net/http"
	"strconv"
)

// This file carries out the fault faults.go picked for a request.

// faultEndpoint maps the internal request counters to the endpoints faults
// can be injected into; the others (heartbeat, telemetry, unknown) get none.
var faultEndpoint = [epCount]Endpoint{
	epLogin:      EndpointLogin,
	epQuery:      EndpointQuery,
	epResult:     EndpointResult,
	epMonitoring: EndpointMonitoring,
	epAbort:      EndpointAbort,
	epRenew:      EndpointRenew,
	epLogout:     EndpointLogout,
}

// injectFault serves r with fault f instead of (or around) its handler h.
func (s *Server) injectFault(w http.ResponseWriter, r *http.Request, f Fault, h http.HandlerFunc) {
	s.cfg.logger.Info("sftest: injecting fault", "endpoint", f.Endpoint, "kind", f.Kind, "path", r.URL.Path)
	switch f.Kind {
	case FaultHTTP503, FaultHTTP429, FaultHTTP500:
		status, _ := strconv.Atoi(string(f.Kind))
		s.reply(w, r, status, errEnvelope(injectedStatus(status), ""))
	case FaultReset:
		resetConn(w)
	case FaultAnswerLost:
		// The handler does all its work, holds included; only its answer
		// goes nowhere.
		h(discardWriter{header: http.Header{}}, r)
		resetConn(w)
	case FaultDelay:
		// Served even if the client gave up meanwhile, as a request held up
		// in transit still arrives: a query-request still starts its statement.
		s.pause(r.Context(), f.Delay)
		h(w, r)
	case FaultTokenExpired:
		s.expireSessionOf(r)
		s.fail(w, r, errSessionExpired, "")
	case FaultSessionDropped:
		s.dropSessionOf(r, f.Endpoint == EndpointRenew)
		s.fail(w, r, errNoSession, "")
	default: // validate lets no other kind in
		h(w, r)
	}
}

// injectedStatus is the JSON error body of an injected HTTP error status
// (code 390900, sftest's own); the driver retries these statuses without
// reading the body.
func injectedStatus(status int) *sqlError {
	return &sqlError{
		Code:     "390900",
		SQLState: "08001",
		Message:  "sftest: injected fault: HTTP " + strconv.Itoa(status) + " " + http.StatusText(status) + ".",
	}
}

// resetConn takes the connection from the HTTP server and resets it (RST,
// not an orderly close), so the client sees its request fail in transit.
// Without a hijackable connection it aborts the response instead.
func resetConn(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0) // close sends RST
	}
	_ = conn.Close()
}

// discardWriter is the ResponseWriter of a request whose answer is lost.
type discardWriter struct{ header http.Header }

func (d discardWriter) Header() http.Header         { return d.header }
func (d discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d discardWriter) WriteHeader(int)             {}
