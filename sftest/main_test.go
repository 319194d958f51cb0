package sftest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync/internal/drivertest"
)

func TestMain(m *testing.M) {
	_ = sf.GetLogger().SetLogLevel("fatal")
	drivertest.Main(m)
}

// newTestServer starts a server closed at the end of the test and a
// *sql.DB on it, closed before the server.
func newTestServer(t testing.TB, opts ...Option) (*Server, *sql.DB) {
	t.Helper()
	srv, err := NewServer(opts...)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, srv.Close()) })
	db := openDB(t, srv)
	return srv, db
}

// openDB opens a *sql.DB on srv through the real driver, closed at the end of the test.
func openDB(t testing.TB, srv *Server) *sql.DB {
	t.Helper()
	db, err := sql.Open("snowflake", srv.DSN())
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// testCtx is a context that ends with the test or after a generous bound, so
// a broken server fails a test instead of hanging it.
func testCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// submitAsync starts query in async mode and returns its query ID. The ID
// comes through WithQueryIDChan: reading GetQueryID from the async rows
// races with the driver's own result goroutine, which writes it. The
// driver's goroutine is drained at the end of the test.
func submitAsync(t testing.TB, ctx context.Context, db *sql.DB, query string) string {
	t.Helper()
	ids := make(chan string, 1)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	var rows driver.Rows
	err = conn.Raw(func(dc any) error {
		var err error
		rows, err = dc.(driver.QueryerContext).QueryContext(sf.WithQueryIDChan(sf.WithAsyncMode(ctx), ids), query, nil)
		return err
	})
	require.NoError(t, err)
	t.Cleanup(func() { _ = rows.Close() })
	return <-ids
}

// waitFor polls the server's history until query id satisfies ok.
func waitFor(t testing.TB, srv *Server, id string, ok func(Query) bool) Query {
	t.Helper()
	return waitForQuery(t, srv, "query "+id, func(q Query) bool { return q.ID == id && ok(q) })
}

func hasStatus(status string) func(Query) bool {
	return func(q Query) bool { return q.Status == status }
}

// waitForSQL polls the history until a statement with text sqlText satisfies ok.
func waitForSQL(t testing.TB, srv *Server, sqlText string, ok func(Query) bool) Query {
	t.Helper()
	return waitForQuery(t, srv, fmt.Sprintf("%q", sqlText), func(q Query) bool { return q.SQL == sqlText && ok(q) })
}

// waitForQuery polls the history, for up to a minute, until a statement
// matches; what names the wanted statement in the failure.
func waitForQuery(t testing.TB, srv *Server, what string, match func(Query) bool) Query {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		for _, q := range srv.Queries() {
			if match(q) {
				return q
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never reached the wanted state; history: %+v", what, srv.Queries())
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func sqlOpen(dsn string) (*sql.DB, error) { return sql.Open("snowflake", dsn) }
