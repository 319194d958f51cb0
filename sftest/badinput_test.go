package sftest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

type rawAnswer struct {
	Status  int
	Code    string `json:"code"`
	Message string `json:"message"`
	Success bool   `json:"success"`
	Data    json.RawMessage
}

// raw sends one HTTP request and decodes the JSON answer; every answer must be JSON.
func raw(t *testing.T, method, url, token string, body io.Reader, hdr map[string]string) rawAnswer {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", `Snowflake Token="`+token+`"`)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	var a rawAnswer
	require.NoError(t, json.Unmarshal(b, &a), string(b))
	a.Status = resp.StatusCode
	return a
}

func rawLogin(t *testing.T, srv *Server) string {
	t.Helper()
	a := raw(t, "POST", srv.URL()+"/session/v1/login-request", "",
		strings.NewReader(`{"data":{"LOGIN_NAME":"sftest","PASSWORD":"sftest"}}`), nil)
	require.True(t, a.Success, a.Message)
	var d struct{ Token string }
	require.NoError(t, json.Unmarshal(a.Data, &d))
	return d.Token
}

func TestBadInputGetsJSONErrors(t *testing.T) {
	srv, db := newTestServer(t)
	u := srv.URL()
	tok := rawLogin(t, srv)

	cases := []struct {
		name, method, path, token, body string
		hdr                             map[string]string
		status                          int
		code                            string
	}{
		{"malformed login JSON", "POST", "/session/v1/login-request", "", `{"data":`, nil, 400, "390400"},
		{"wrong password", "POST", "/session/v1/login-request", "", `{"data":{"LOGIN_NAME":"sftest","PASSWORD":"x"}}`, nil, 200, "390100"},
		{"missing token", "POST", "/queries/v1/query-request", "", `{"sqlText":"select 1"}`, nil, 200, "390101"},
		{"unknown token", "POST", "/queries/v1/query-request", "nope", `{"sqlText":"select 1"}`, nil, 200, "390111"},
		{"malformed query JSON", "POST", "/queries/v1/query-request", tok, `{"sqlText": 1`, nil, 400, "390400"},
		{"wrong JSON type", "POST", "/queries/v1/query-request", tok, `{"sqlText": 1}`, nil, 400, "390400"},
		{"bad gzip", "POST", "/queries/v1/query-request", tok, "not gzip", map[string]string{"Content-Encoding": "gzip"}, 400, "390400"},
		{"unknown path", "GET", "/no/such/endpoint", tok, "", nil, 404, "390404"},
		{"wrong method", "GET", "/queries/v1/query-request", tok, "", nil, 405, "390405"},
		{"malformed query id", "GET", "/queries/not-an-id/result", tok, "", nil, 200, "000709"},
		{"unknown query id", "GET", "/queries/01aaaaaa-0000-0000-0000-000000000000/result", tok, "", nil, 200, "000709"},
		{"monitoring unknown id", "GET", "/monitoring/queries/01aaaaaa-0000-0000-0000-000000000000", tok, "", nil, 200, "000709"},
		{"abort unknown request", "POST", "/queries/v1/abort-request", tok, `{"requestId":"x"}`, nil, 200, "000605"},
		{"renew with bad master token", "POST", "/session/token-request", "nope", `{}`, nil, 200, "390114"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var body io.Reader
			if c.body != "" {
				body = strings.NewReader(c.body)
			}
			a := raw(t, c.method, u+c.path, c.token, body, c.hdr)
			require.False(t, a.Success)
			require.Equal(t, c.status, a.Status)
			require.Equal(t, c.code, a.Code, a.Message)
			require.NotEmpty(t, a.Message)
		})
	}

	t.Run("oversized body", func(t *testing.T) {
		big := bytes.Repeat([]byte("x"), 16<<20+10)
		a := raw(t, "POST", u+"/queries/v1/query-request", tok, bytes.NewReader(big), nil)
		require.Equal(t, 413, a.Status)
		require.Equal(t, "390413", a.Code)
	})

	t.Run("gzip body works", func(t *testing.T) {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		_, _ = zw.Write([]byte(`{"sqlText":"select 5 as five"}`))
		require.NoError(t, zw.Close())
		a := raw(t, "POST", u+"/queries/v1/query-request", tok, &buf, map[string]string{"Content-Encoding": "gzip"})
		require.True(t, a.Success, a.Message)
		require.Contains(t, string(a.Data), `"rowset":[["5"]]`)
	})

	t.Run("telemetry accepted", func(t *testing.T) {
		a := raw(t, "POST", u+"/telemetry/send", tok, strings.NewReader(`{"logs":[]}`), nil)
		require.True(t, a.Success)
	})

	// The server keeps serving the driver.
	var x int
	require.NoError(t, db.QueryRowContext(testCtx(t), "select 1").Scan(&x))
	require.GreaterOrEqual(t, srv.Counts().Other, int64(1))
}

func TestCloseIsIdempotentAndStopsServing(t *testing.T) {
	srv, err := NewServer()
	require.NoError(t, err)
	u := srv.URL()
	tok := rawLogin(t, srv)
	require.NoError(t, srv.Close())
	require.NoError(t, srv.Close())
	req, err := http.NewRequest("POST", u+"/queries/v1/query-request", strings.NewReader(`{"sqlText":"select 1"}`))
	require.NoError(t, err)
	req.Header.Set("Authorization", `Snowflake Token="`+tok+`"`)
	_, err = http.DefaultClient.Do(req)
	require.Error(t, err)
	http.DefaultClient.CloseIdleConnections()
}

// Close aborts running and queued statements alike: ending the running one
// frees its slot, and no queued statement may take it and run to SUCCESS.
func TestCloseAbortsLiveStatements(t *testing.T) {
	srv, err := NewServer(WithMaxConcurrency(1))
	require.NoError(t, err)
	tok := rawLogin(t, srv)
	queries := []string{"select system$wait(60)"}
	for i := range 8 {
		queries = append(queries, "select "+itoa(int64(i)))
	}
	for i, q := range queries {
		a := raw(t, "POST", srv.URL()+"/queries/v1/query-request?requestId=r"+itoa(int64(i)), tok,
			strings.NewReader(`{"sqlText":"`+q+`","asyncExec":true}`), nil)
		require.Equal(t, "333334", a.Code)
		if i == 0 {
			// The wait takes the one slot before the others arrive: the
			// asynchronous submissions' goroutines race for it otherwise.
			waitForSQL(t, srv, q, hasStatus(StatusRunning))
		}
	}
	for _, q := range queries[1:] {
		waitForSQL(t, srv, q, hasStatus(StatusQueued))
	}
	require.NoError(t, srv.Close())
	for _, q := range srv.Queries() {
		require.Equal(t, StatusAborted, q.Status, "%+v", q)
	}
	http.DefaultClient.CloseIdleConnections()
}
