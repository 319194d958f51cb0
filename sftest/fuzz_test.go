package sftest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"testing"
)

// FuzzDecodeRequest feeds arbitrary bodies (plain or gzip) to the request
// decoder and to what the server derives from a decoded query-request: it
// must never panic, and a body over the limit must be refused.
func FuzzDecodeRequest(f *testing.F) {
	for _, seed := range []string{
		`{"sqlText":"select 1","asyncExec":false,"sequenceId":1,"parameters":{"MULTI_STATEMENT_COUNT":"0","QUERY_TAG":"t"}}`,
		`{"sqlText":"select ?","bindings":{"1":{"type":"TEXT","value":"x"}}}`,
		`{"sqlText":"select ?, ?","bindings":{"1":{"type":"FIXED","value":"1"},"2":{"type":"DATE","value":"86400000"}}}`,
		`{"sqlText":"x","bindings":{"0":{"type":"TEXT","value":["a"]}}}`,
		`{"data":{"LOGIN_NAME":"sftest","PASSWORD":"sftest","SESSION_PARAMETERS":{"TIMEZONE":"UTC"}}}`,
		`{"requestId":"0"}`,
		`{"sqlText":`,
		``,
		`null`,
		`[1,2,3]`,
	} {
		f.Add(false, []byte(seed))
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(`{"sqlText":"select 1"}`))
	_ = zw.Close()
	f.Add(true, gz.Bytes())

	const limit = 1 << 16
	f.Fuzz(func(t *testing.T, gzipped bool, body []byte) {
		enc := ""
		if gzipped {
			enc = "gzip"
		}
		var q queryRequest
		err := decodeRequest(enc, bytes.NewReader(body), limit, &q)
		if len(body) > limit && !errors.Is(err, errBodyTooLarge) {
			t.Fatalf("body of %d bytes accepted", len(body))
		}
		if err == nil {
			_, _ = bindArgs(q.Bindings)
			_, _ = multiCount(q.Parameters)
			_ = splitStatements(q.SQLText)
		}
		var l loginRequest
		_ = decodeRequest(enc, bytes.NewReader(body), limit, &l)
		var a abortRequest
		_ = decodeRequest(enc, bytes.NewReader(body), limit, &a)
	})
}
