package sftest

import (
	"bytes"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"io"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// queryByText finds the one history record of a statement with text sqlText.
func queryByText(t *testing.T, srv *Server, sqlText string) Query {
	t.Helper()
	var found []Query
	for _, q := range srv.Queries() {
		if q.SQL == sqlText {
			found = append(found, q)
		}
	}
	require.Len(t, found, 1, "statements with text %q", sqlText)
	return found[0]
}

// sessionQueries lists the history of one session in submission order.
func sessionQueries(srv *Server, sessionID int64) []Query {
	var out []Query
	for _, q := range srv.Queries() {
		if q.SessionID == sessionID {
			out = append(out, q)
		}
	}
	return out
}

// requireSessionContext checks the model: every statement's answers carry
// one entry, ID 0 and priority 0, whose timestamp grows strictly with each
// statement the session runs.
func requireSessionContext(t *testing.T, qs []Query) {
	t.Helper()
	var last int64
	for _, q := range qs {
		require.Len(t, q.ReturnedContext, 1, q.SQL)
		e := q.ReturnedContext[0]
		require.Zero(t, e.ID, q.SQL)
		require.Zero(t, e.Priority, q.SQL)
		require.Greater(t, e.Timestamp, last, "%s: timestamps must increase within a session", q.SQL)
		last = e.Timestamp
	}
}

// Statements on one connection: the first sends no query context; each
// later one sends back exactly the entry the previous statement's answer
// carried. With a zero result hold the answers come through 333333 and GET
// /queries/{id}/result, whose final answer the driver caches.
func TestQueryContextSyncRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name       string
		opts       []Option
		viaPolling bool
	}{
		{name: "answer in the query-request"},
		{name: "answer through 333333 and result", opts: []Option{WithResultHold(0)}, viaPolling: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, db := newTestServer(t, tc.opts...)
			ctx := testCtx(t)
			conn, err := db.Conn(ctx)
			require.NoError(t, err)
			defer conn.Close()

			// The wait cannot end before the zero hold answers 333333.
			texts := []string{"select 1 as a", "select 2 as b", "select system$wait(20, 'MILLISECONDS') as c"}
			for _, text := range texts {
				var v any
				require.NoError(t, conn.QueryRowContext(ctx, text).Scan(&v), text)
			}
			if tc.viaPolling {
				require.Positive(t, srv.Counts().Result, "no statement was answered through GET /queries/{id}/result")
			}

			first := queryByText(t, srv, texts[0])
			qs := sessionQueries(srv, first.SessionID)
			require.Len(t, qs, len(texts), "one session ran exactly these statements")
			require.Equal(t, first.ID, qs[0].ID, "the first statement of the session")
			require.Nil(t, qs[0].QueryContext, "a session's first statement sends no query context")
			requireSessionContext(t, qs)
			for i := 1; i < len(qs); i++ {
				require.Equal(t, qs[i-1].ReturnedContext, qs[i].QueryContext,
					"%q must send back what the answer to %q carried", qs[i].SQL, qs[i-1].SQL)
			}
		})
	}
}

// An async submission sends the connection's query context, and its 333334
// answer carries the session's context, which the next statement on the
// connection sends back.
func TestQueryContextAsyncSubmit(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()

	_, err = conn.ExecContext(ctx, "select 'before' as b")
	require.NoError(t, err)
	ids := make(chan string, 1)
	err = conn.Raw(func(dc any) error {
		rows, err := dc.(driver.QueryerContext).QueryContext(
			sf.WithQueryIDChan(sf.WithAsyncMode(ctx), ids), "select system$wait(50, 'MILLISECONDS') as a", nil)
		if err != nil {
			return err
		}
		defer rows.Close()
		// Read the result so the driver's own result goroutine has ended
		// before the connection runs another statement.
		dest := make([]driver.Value, len(rows.Columns()))
		for {
			if err := rows.Next(dest); err != nil {
				if errors.Is(err, io.EOF) {
					return nil
				}
				return err
			}
		}
	})
	require.NoError(t, err)
	asyncID := <-ids
	_, err = conn.ExecContext(ctx, "select 'after' as c")
	require.NoError(t, err)

	before := queryByText(t, srv, "select 'before' as b")
	async := waitFor(t, srv, asyncID, hasStatus(StatusSuccess))
	after := queryByText(t, srv, "select 'after' as c")
	require.Equal(t, before.SessionID, async.SessionID)
	require.Equal(t, before.SessionID, after.SessionID)
	requireSessionContext(t, []Query{before, async, after})
	require.Equal(t, before.ReturnedContext, async.QueryContext, "the async submission carries the cached entry")
	require.Equal(t, async.ReturnedContext, after.QueryContext, "the 333334 answer's entry was cached")
}

// With disableQueryContextCache=true the driver neither caches nor sends the
// entries the server still answers with.
func TestQueryContextDisabledInDSN(t *testing.T) {
	srv, err := NewServer()
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, srv.Close()) })
	db, err := sql.Open("snowflake", srv.DSN()+"&disableQueryContextCache=true")
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()

	texts := []string{"select 1 as a", "select 2 as b", "select 3 as c"}
	for _, text := range texts {
		_, err := conn.ExecContext(ctx, text)
		require.NoError(t, err)
	}
	qs := sessionQueries(srv, queryByText(t, srv, texts[0]).SessionID)
	require.Len(t, qs, len(texts))
	requireSessionContext(t, qs)
	for _, q := range qs {
		require.Nil(t, q.QueryContext, "%q sent a query context with the cache disabled", q.SQL)
	}
}

// wireContext is the queryContext of an answer's data.
type wireContext struct {
	QueryContext *struct {
		Entries []struct {
			ID        *int   `json:"id"`
			Timestamp *int64 `json:"timestamp"`
			Priority  *int   `json:"priority"`
		} `json:"entries"`
	} `json:"queryContext"`
}

// requireWireContext checks that an answer carries exactly the entry the
// history says the statement's answers carry.
func requireWireContext(t *testing.T, a rawAnswer, want []QueryContextEntry) {
	t.Helper()
	var d wireContext
	require.NoError(t, json.Unmarshal(a.Data, &d), string(a.Data))
	require.NotNil(t, d.QueryContext, "answer %s without queryContext: %s", a.Code, a.Data)
	var got []QueryContextEntry
	for _, e := range d.QueryContext.Entries {
		require.NotNil(t, e.ID, string(a.Data))
		require.NotNil(t, e.Timestamp, string(a.Data))
		require.NotNil(t, e.Priority, string(a.Data))
		got = append(got, QueryContextEntry{ID: *e.ID, Priority: *e.Priority, Timestamp: *e.Timestamp})
	}
	require.Equal(t, want, got, "code %s", a.Code)
}

// The wire: every kind of answer about a statement carries its query
// context, and the history records the queryContextDTO a request sent.
func TestQueryContextOnTheWire(t *testing.T) {
	srv, err := NewServer(WithResultHold(0))
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, srv.Close()) })
	tok := rawLogin(t, srv)

	// Sync, still running: 333333 (the hold is 0).
	running := rawQuery(t, srv, tok, "r1", "select system$wait(300, 'MILLISECONDS') as w", false)
	require.Equal(t, codeRunningSync, running.Code)
	id := queryIDOf(t, running)
	q := waitFor(t, srv, id, func(Query) bool { return true })
	requireWireContext(t, running, q.ReturnedContext)

	// GET /queries/{id}/result: 333334 while it runs, then the result.
	var result rawAnswer
	for {
		result = raw(t, "GET", srv.URL()+resultURL(id), tok, nil, nil)
		requireWireContext(t, result, q.ReturnedContext)
		if result.Code != codeRunningAsync {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	require.True(t, result.Success, result.Message)

	// Async submit (333334) sending two entries; the history records them.
	body, err := json.Marshal(map[string]any{
		"sqlText": "select 1 as a", "asyncExec": true,
		"queryContextDTO": map[string]any{"entries": []map[string]any{
			{"id": 0, "priority": 0, "timestamp": 42, "context": map[string]any{}},
			{"id": 7, "priority": 3, "timestamp": 99, "context": map[string]any{"base64Data": "AAEC"}},
		}},
	})
	require.NoError(t, err)
	async := raw(t, "POST", srv.URL()+"/queries/v1/query-request?requestId=r2", tok, bytes.NewReader(body), nil)
	require.Equal(t, codeRunningAsync, async.Code)
	aq := waitFor(t, srv, queryIDOf(t, async), func(Query) bool { return true })
	requireWireContext(t, async, aq.ReturnedContext)
	require.Equal(t, []QueryContextEntry{{ID: 0, Priority: 0, Timestamp: 42}, {ID: 7, Priority: 3, Timestamp: 99}}, aq.QueryContext)
	require.Nil(t, q.QueryContext, "a request without queryContextDTO records none")

	// A statement that fails: the error answer carries it too.
	failed := rawQuery(t, srv, tok, "r3", "select * from no_such_table", false)
	for failed.Code == codeRunningSync || failed.Code == codeRunningAsync {
		time.Sleep(10 * time.Millisecond)
		failed = raw(t, "GET", srv.URL()+resultURL(queryIDOf(t, failed)), tok, nil, nil)
	}
	require.False(t, failed.Success)
	fq := waitFor(t, srv, queryIDOf(t, failed), func(Query) bool { return true })
	requireWireContext(t, failed, fq.ReturnedContext)

	requireSessionContext(t, sessionQueries(srv, q.SessionID))
}
