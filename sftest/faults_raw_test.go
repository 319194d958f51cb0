package sftest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// rawTry sends one request on a fresh connection (so the transport cannot
// retry a reset on its own) and returns the decoded answer or the transport error.
func rawTry(t *testing.T, method, url, token, body string) (rawAnswer, error) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", `Snowflake Token="`+token+`"`)
	}
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Do(req)
	if err != nil {
		return rawAnswer{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return rawAnswer{}, err
	}
	var a rawAnswer
	require.NoError(t, json.Unmarshal(b, &a), string(b))
	a.Status = resp.StatusCode
	return a, nil
}

// rawLoginTokens logs in and returns the session and master tokens.
func rawLoginTokens(t *testing.T, srv *Server) (token, master string) {
	t.Helper()
	a, err := rawTry(t, "POST", srv.URL()+"/session/v1/login-request", "", `{"data":{"LOGIN_NAME":"sftest","PASSWORD":"sftest"}}`)
	require.NoError(t, err)
	require.True(t, a.Success, a.Message)
	var d struct{ Token, MasterToken string }
	require.NoError(t, json.Unmarshal(a.Data, &d))
	return d.Token, d.MasterToken
}

// Every endpoint answers an injected HTTP status before doing anything: no
// session opened or ended, no statement started, no cancel applied.
func TestFaultStatusOnEveryEndpoint(t *testing.T) {
	srv, err := NewServer()
	require.NoError(t, err)
	defer srv.Close()
	u := srv.URL()
	tok, master := rawLoginTokens(t, srv)
	a, err := rawTry(t, "POST", u+"/queries/v1/query-request?requestId=long", tok, `{"sqlText":"select system$wait(60)","asyncExec":true}`)
	require.NoError(t, err)
	id := queryIDOf(t, a)
	// An async submit answers while the statement may still be QUEUED; the
	// checks below compare against RUNNING.
	waitFor(t, srv, id, hasStatus(StatusRunning))

	cases := []struct {
		ep                 Endpoint
		kind               FaultKind
		method, path, body string
		token              string
	}{
		{EndpointLogin, FaultHTTP503, "POST", "/session/v1/login-request", `{"data":{"LOGIN_NAME":"sftest","PASSWORD":"sftest"}}`, ""},
		{EndpointQuery, FaultHTTP429, "POST", "/queries/v1/query-request?requestId=q", `{"sqlText":"select 1"}`, tok},
		{EndpointResult, FaultHTTP500, "GET", "/queries/" + id + "/result", "", tok},
		{EndpointMonitoring, FaultHTTP503, "GET", "/monitoring/queries/" + id, "", tok},
		{EndpointAbort, FaultHTTP429, "POST", "/queries/v1/abort-request", `{"requestId":"long"}`, tok},
		{EndpointRenew, FaultHTTP500, "POST", "/session/token-request", `{"requestType":"RENEW"}`, master},
		{EndpointLogout, FaultHTTP503, "POST", "/session?delete=true", "", tok},
	}
	for _, c := range cases {
		require.NoError(t, srv.InjectFaults(Fault{Endpoint: c.ep, Kind: c.kind, Next: 1}))
		a, err := rawTry(t, c.method, u+c.path, c.token, c.body)
		require.NoError(t, err, c.ep)
		want := map[FaultKind]int{FaultHTTP503: 503, FaultHTTP429: 429, FaultHTTP500: 500}[c.kind]
		require.Equal(t, want, a.Status, c.ep)
		require.Equal(t, "390900", a.Code, c.ep)
		require.Contains(t, a.Message, "injected fault", c.ep)
		require.Equal(t, int64(1), srv.Faults().Of(c.ep, c.kind), c.ep)
	}
	require.Equal(t, int64(len(cases)), srv.Faults().Total())
	opened, closed := srv.Sessions()
	require.Equal(t, int64(1), opened, "the failed login opened no session")
	require.Zero(t, closed, "the failed logout ended no session")
	qs := srv.Queries()
	require.Len(t, qs, 1, "the failed query-request started nothing")
	require.Equal(t, StatusRunning, qs[0].Status, "the failed abort canceled nothing")

	// The Next rules are spent: the same requests now go through.
	a, err = rawTry(t, "POST", u+"/queries/v1/abort-request", tok, `{"requestId":"long"}`)
	require.NoError(t, err)
	require.True(t, a.Success, a.Message)
	requireAborted(t, srv, id)
}

// A reset comes before anything happens; a lost answer after the request took
// effect. An abort whose answer is lost has canceled the statement, a logout
// whose answer is lost has ended the session.
func TestFaultResetAndAnswerLost(t *testing.T) {
	srv, err := NewServer(WithLogoutGrace(time.Hour))
	require.NoError(t, err)
	defer srv.Close()
	u := srv.URL()
	tok, _ := rawLoginTokens(t, srv)
	a, err := rawTry(t, "POST", u+"/queries/v1/query-request?requestId=long", tok, `{"sqlText":"select system$wait(60)","asyncExec":true}`)
	require.NoError(t, err)
	id := queryIDOf(t, a)
	// An async submit answers while the statement may still be QUEUED; the
	// checks below compare against RUNNING.
	waitFor(t, srv, id, hasStatus(StatusRunning))

	require.NoError(t, srv.InjectFaults(Fault{Endpoint: EndpointAbort, Kind: FaultReset, Next: 1}))
	_, err = rawTry(t, "POST", u+"/queries/v1/abort-request", tok, `{"requestId":"long"}`)
	require.Error(t, err)
	require.Equal(t, StatusRunning, srv.Queries()[0].Status, "a reset abort canceled nothing")

	require.NoError(t, srv.InjectFaults(Fault{Endpoint: EndpointAbort, Kind: FaultAnswerLost, Next: 1}))
	_, err = rawTry(t, "POST", u+"/queries/v1/abort-request", tok, `{"requestId":"long"}`)
	require.Error(t, err)
	requireAborted(t, srv, id)
	a, err = rawTry(t, "POST", u+"/queries/v1/abort-request", tok, `{"requestId":"long"}`)
	require.NoError(t, err)
	require.Equal(t, "000605", a.Code, "the retried abort finds the statement already ended")

	require.NoError(t, srv.InjectFaults(Fault{Endpoint: EndpointLogout, Kind: FaultAnswerLost, Next: 1}))
	_, err = rawTry(t, "POST", u+"/session?delete=true", tok, "")
	require.Error(t, err)
	_, closed := srv.Sessions()
	require.Equal(t, int64(1), closed)
	a, err = rawTry(t, "POST", u+"/session?delete=true", tok, "")
	require.NoError(t, err)
	require.Equal(t, "390111", a.Code, "the retried logout finds the session gone")

	f := srv.Faults()
	require.Equal(t, int64(1), f.Abort.Reset)
	require.Equal(t, int64(1), f.Abort.AnswerLost)
	require.Equal(t, int64(1), f.Logout.AnswerLost)
	require.Equal(t, int64(3), f.Total())
}

// A query-request whose answer is lost has started its statement; the same
// requestId re-sent in the same session gets that statement, which ran once.
func TestFaultAnswerLostOnQueryRequestRaw(t *testing.T) {
	srv, err := NewServer(WithFaults(1, Fault{Endpoint: EndpointQuery, Kind: FaultAnswerLost, Next: 1}))
	require.NoError(t, err)
	defer srv.Close()
	tok, _ := rawLoginTokens(t, srv)
	const q = `{"sqlText":"select 42 as answer","asyncExec":true}`
	_, err = rawTry(t, "POST", srv.URL()+"/queries/v1/query-request?requestId=lost-1", tok, q)
	require.Error(t, err)
	require.Len(t, srv.Queries(), 1, "the statement was accepted")
	a, err := rawTry(t, "POST", srv.URL()+"/queries/v1/query-request?requestId=lost-1", tok, q)
	require.NoError(t, err)
	require.Equal(t, srv.Queries()[0].ID, queryIDOf(t, a))
	require.Len(t, srv.Queries(), 1, "the re-sent request started nothing")
}

// An expired token answers 390112 until the master token renews it; a
// dropped session answers 390111 for good, to its session and master token alike.
func TestFaultTokenExpiredAndSessionDroppedRaw(t *testing.T) {
	srv, err := NewServer()
	require.NoError(t, err)
	defer srv.Close()
	u := srv.URL()
	tok, master := rawLoginTokens(t, srv)

	require.NoError(t, srv.InjectFaults(Fault{Endpoint: EndpointMonitoring, Kind: FaultTokenExpired, Next: 1}))
	a, err := rawTry(t, "GET", u+"/monitoring/queries/01aaaaaa-0000-0000-0000-000000000000", tok, "")
	require.NoError(t, err)
	require.Equal(t, "390112", a.Code)
	a, err = rawTry(t, "POST", u+"/queries/v1/query-request?requestId=a", tok, `{"sqlText":"select 1"}`)
	require.NoError(t, err)
	require.Equal(t, "390112", a.Code, "the token stays expired")
	a, err = rawTry(t, "POST", u+"/session/token-request", master, `{"requestType":"RENEW","oldSessionToken":"`+tok+`"}`)
	require.NoError(t, err)
	require.True(t, a.Success, a.Message)
	var renewed struct{ SessionToken string }
	require.NoError(t, json.Unmarshal(a.Data, &renewed))
	a, err = rawTry(t, "POST", u+"/queries/v1/query-request?requestId=b", renewed.SessionToken, `{"sqlText":"select 1"}`)
	require.NoError(t, err)
	require.True(t, a.Success, a.Message)

	require.NoError(t, srv.InjectFaults(Fault{Endpoint: EndpointRenew, Kind: FaultSessionDropped, Next: 1}))
	a, err = rawTry(t, "POST", u+"/session/token-request", master, `{"requestType":"RENEW"}`)
	require.NoError(t, err)
	require.Equal(t, "390111", a.Code)
	for _, token := range []string{renewed.SessionToken, master} {
		a, err = rawTry(t, "POST", u+"/queries/v1/query-request?requestId=c", token, `{"sqlText":"select 1"}`)
		require.NoError(t, err)
		require.Equal(t, "390111", a.Code)
	}
	_, closed := srv.Sessions()
	require.Zero(t, closed, "a dropped session is not a logout")
	require.Equal(t, int64(1), srv.Faults().Monitoring.TokenExpired)
	require.Equal(t, int64(1), srv.Faults().Renew.SessionDropped)
}

// A delay holds the request, then serves it normally; ClearFaults stops
// injecting.
func TestFaultDelayAndClear(t *testing.T) {
	const delay = 150 * time.Millisecond
	srv, err := NewServer(WithFaults(3, Fault{Endpoint: EndpointLogin, Kind: FaultDelay, Delay: delay, Fraction: 1}))
	require.NoError(t, err)
	defer srv.Close()
	begin := time.Now()
	rawLoginTokens(t, srv)
	require.GreaterOrEqual(t, time.Since(begin), delay)
	require.Equal(t, int64(1), srv.Faults().Login.Delay)

	srv.ClearFaults()
	rawLoginTokens(t, srv)
	require.Equal(t, int64(1), srv.Faults().Login.Delay, "no fault after ClearFaults")
	opened, _ := srv.Sessions()
	require.Equal(t, int64(2), opened)
}

// Fractional faults come from the seeded generator: the same seed and the
// same requests give the same faults; another seed gives others.
func TestFaultsAreDeterministic(t *testing.T) {
	pattern := func(seed int64) string {
		srv, err := NewServer(WithFaults(seed,
			Fault{Endpoint: EndpointLogin, Kind: FaultHTTP503, Fraction: 0.3},
			Fault{Endpoint: EndpointLogin, Kind: FaultHTTP429, Fraction: 0.5},
		))
		require.NoError(t, err)
		defer srv.Close()
		var b strings.Builder
		for range 40 {
			a, err := rawTry(t, "POST", srv.URL()+"/session/v1/login-request", "", `{"data":{"LOGIN_NAME":"sftest","PASSWORD":"sftest"}}`)
			require.NoError(t, err)
			b.WriteString(map[int]string{200: ".", 503: "5", 429: "4"}[a.Status])
		}
		p := b.String()
		f := srv.Faults()
		require.Equal(t, int64(strings.Count(p, "5")), f.Login.HTTP503)
		require.Equal(t, int64(strings.Count(p, "4")), f.Login.HTTP429)
		return p
	}
	p := pattern(42)
	require.Equal(t, p, pattern(42))
	require.Contains(t, p, "5")
	require.Contains(t, p, "4")
	require.Contains(t, p, ".")
	require.NotEqual(t, p, pattern(43))
}

// Invalid faults are refused with a reason, at start and at run time.
func TestFaultValidation(t *testing.T) {
	bad := []struct {
		f    Fault
		want string
	}{
		{Fault{Endpoint: "heartbeat", Kind: FaultReset, Next: 1}, "unknown endpoint"},
		{Fault{Endpoint: EndpointQuery, Kind: "404", Next: 1}, "unknown fault kind"},
		{Fault{Endpoint: EndpointQuery, Kind: FaultReset}, "not in (0, 1]"},
		{Fault{Endpoint: EndpointQuery, Kind: FaultReset, Fraction: 1.5}, "not in (0, 1]"},
		{Fault{Endpoint: EndpointQuery, Kind: FaultReset, Fraction: 0.5, Next: 1}, "not both"},
		{Fault{Endpoint: EndpointQuery, Kind: FaultReset, Next: -1}, "negative"},
		{Fault{Endpoint: EndpointQuery, Kind: FaultDelay, Next: 1}, "positive delay"},
		{Fault{Endpoint: EndpointQuery, Kind: FaultReset, Next: 1, Delay: time.Second}, "delay is set"},
		{Fault{Endpoint: EndpointLogin, Kind: FaultTokenExpired, Next: 1}, "no session token"},
		{Fault{Endpoint: EndpointRenew, Kind: FaultTokenExpired, Next: 1}, "no session token"},
		{Fault{Endpoint: EndpointLogin, Kind: FaultSessionDropped, Next: 1}, "no session to drop"},
	}
	srv, err := NewServer()
	require.NoError(t, err)
	defer srv.Close()
	for _, c := range bad {
		_, err := NewServer(WithFaults(1, c.f))
		require.ErrorContains(t, err, c.want, "%+v", c.f)
		good := Fault{Endpoint: EndpointQuery, Kind: FaultReset, Next: 1}
		require.ErrorContains(t, srv.InjectFaults(good, c.f), c.want, "%+v", c.f)
	}
	// Nothing of a refused batch was injected.
	tok, _ := rawLoginTokens(t, srv)
	a, err := rawTry(t, "POST", srv.URL()+"/queries/v1/query-request?requestId=x", tok, `{"sqlText":"select 1"}`)
	require.NoError(t, err)
	require.True(t, a.Success, a.Message)
}

func TestParseFault(t *testing.T) {
	good := map[string]Fault{
		"query:503:0.1":            {Endpoint: EndpointQuery, Kind: FaultHTTP503, Fraction: 0.1},
		"QUERY:answer-lost:next=1": {Endpoint: EndpointQuery, Kind: FaultAnswerLost, Next: 1},
		"result:delay=2s:0.05":     {Endpoint: EndpointResult, Kind: FaultDelay, Delay: 2 * time.Second, Fraction: 0.05},
		"logout:session-dropped:1": {Endpoint: EndpointLogout, Kind: FaultSessionDropped, Fraction: 1},
		" renew:reset:next=3 ":     {Endpoint: EndpointRenew, Kind: FaultReset, Next: 3},
	}
	for spec, want := range good {
		got, err := ParseFault(spec)
		require.NoError(t, err, spec)
		require.Equal(t, want, got, spec)
	}
	bad := map[string]string{
		"query:503":                "want endpoint:kind:fraction",
		"query:503:0.1:x":          "want endpoint:kind:fraction",
		"nowhere:503:0.1":          "unknown endpoint",
		"query:418:0.1":            "unknown fault kind",
		"query:503:often":          "neither a fraction nor next=N",
		"query:503:next=0":         "not a positive count",
		"query:503:next=x":         "not a positive count",
		"query:503:0":              "not in (0, 1]",
		"query:503:1.01":           "not in (0, 1]",
		"query:delay:0.1":          "delay=DURATION",
		"query:delay=soon:0.1":     "delay",
		"query:reset=1s:0.1":       "only delay takes a value",
		"login:token-expired:1":    "no session token",
		"login:session-dropped:.5": "no session to drop",
	}
	for spec, want := range bad {
		_, err := ParseFault(spec)
		require.ErrorContains(t, err, want, spec)
		require.ErrorContains(t, err, spec, "the error names the spec")
	}
}
