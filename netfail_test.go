package sfasync_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/internal/testbuf"
	"github.com/sfasync/sfasync/sftest"
)

// cutter is a TCP proxy in front of sftest that can cut every connection
// through it, as a network failure would.
type cutter struct {
	ln    net.Listener
	to    string
	mu    sync.Mutex
	conns []net.Conn
	wg    sync.WaitGroup
}

func newCutter(t *testing.T, to string) *cutter {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	c := &cutter{ln: ln, to: to}
	c.wg.Go(c.serve)
	t.Cleanup(func() {
		_ = ln.Close()
		c.cut()
		c.wg.Wait()
	})
	return c
}

func (c *cutter) serve() {
	for {
		in, err := c.ln.Accept()
		if err != nil {
			return
		}
		out, err := net.Dial("tcp", c.to)
		if err != nil {
			_ = in.Close()
			continue
		}
		c.mu.Lock()
		c.conns = append(c.conns, in, out)
		c.mu.Unlock()
		c.wg.Go(func() { _, _ = io.Copy(out, in); _ = out.Close() })
		c.wg.Go(func() { _, _ = io.Copy(in, out); _ = in.Close() })
	}
}

// newServerBehindCutter starts an sftest server with opts and opens a
// database on it through a cutter; all close when the test ends.
func newServerBehindCutter(t *testing.T, opts ...sftest.Option) (*sftest.Server, *cutter, *sql.DB) {
	t.Helper()
	srv, err := sftest.NewServer(opts...)
	require.NoError(t, err)
	t.Cleanup(func() { _ = srv.Close() })
	addr := strings.TrimPrefix(srv.URL(), "http://")
	proxy := newCutter(t, addr)
	db, err := sql.Open("snowflake", strings.Replace(srv.DSN(), addr, proxy.ln.Addr().String(), 1))
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	return srv, proxy, db
}

// cut closes every connection open through the proxy.
func (c *cutter) cut() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, conn := range c.conns {
		_ = conn.Close()
	}
	c.conns = nil
}

// TestCutResultRequestLosesNothing cuts the connection that holds a running
// statement's result request, as a network failure would. The job must not
// be lost or failed: the result is asked for again and arrives. (gosnowflake
// retries the request itself; the watcher's fetch by query ID is the next
// line of defence, for failures the driver gives up on.)
func TestCutResultRequestLosesNothing(t *testing.T) {
	srv, proxy, db := newServerBehindCutter(t)

	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()
	j, err := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(1)")
	require.NoError(t, err)
	eventuallyStatus(t, srv, j.QueryID(), "RUNNING")
	require.Eventually(t, func() bool { return srv.Counts().Result > 0 }, testWait, tick, "the held result request arrives")
	proxy.cut()

	res, err := j.Result(ctx)
	require.NoError(t, err)
	require.Equal(t, [][]any{{"waited 1 seconds"}}, res.Rows)
	require.GreaterOrEqual(t, srv.Counts().Result, int64(2), "the cut result request was asked for again")
	require.Equal(t, "SUCCESS", query(t, srv, j.QueryID()).Status)
}

// sessionGoneOnce puts a proxy in front of srv that answers the first
// request whose path ends with suffix as Snowflake answers a request in a
// session that no longer exists (390111), and passes everything else on. It
// returns a DSN that goes through the proxy.
func sessionGoneOnce(t *testing.T, srv *sftest.Server, suffix string) string {
	t.Helper()
	target, err := url.Parse(srv.URL())
	require.NoError(t, err)
	var once sync.Once
	rp := httputil.NewSingleHostReverseProxy(target)
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, suffix) {
			answered := false
			once.Do(func() {
				answered = true
				w.Header().Set("Content-Type", "application/json")
				_, _ = io.WriteString(w, `{"data":null,"code":"390111","message":"Session no longer exists.  New login required to access the service.","success":false}`)
			})
			if answered {
				return
			}
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(front.Close)
	return strings.Replace(srv.DSN(), target.Host, strings.TrimPrefix(front.URL, "http://"), 1)
}

// TestLostSessionFallsBackToFetchByID answers a running statement's held
// result request with 390111. That says nothing of the statement, so the
// client must not fail the job: the watcher logs in again and fetches the
// result by query ID.
func TestLostSessionFallsBackToFetchByID(t *testing.T) {
	srv, err := sftest.NewServer()
	require.NoError(t, err)
	defer srv.Close()
	db, err := sql.Open("snowflake", sessionGoneOnce(t, srv, "/result"))
	require.NoError(t, err)
	defer db.Close()

	var logs testbuf.Buffer
	c := sfasync.New(db, sfasync.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))), sfasync.WithPollBackoff(10*time.Millisecond, time.Second))
	defer c.Close()
	ctx := context.Background()
	j, err := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(500, 'MILLISECONDS')")
	require.NoError(t, err)
	res, err := j.Result(ctx)
	require.NoError(t, err)
	require.Equal(t, [][]any{{"waited 500 milliseconds"}}, res.Rows)
	require.Contains(t, logs.String(), "asking the server again")
	opened, _ := srv.Sessions()
	require.Equal(t, int64(2), opened, "a new session for the fetch by ID")
	require.GreaterOrEqual(t, srv.Counts().Monitoring, int64(1), "fetch by ID checks the status first")
	require.Equal(t, 1, db.Stats().InUse, "the lost session went back once its statement ended; the new one is held")
}

// TestLostSessionOnSubmitAndCancelLogsInAgain: a client outlives its session
// (in production: a master token that expired in a long-lived service).
// Submit and Cancel log in again and succeed; the refused request ran
// nothing, so nothing runs twice.
func TestLostSessionOnSubmitAndCancelLogsInAgain(t *testing.T) {
	srv, err := sftest.NewServer()
	require.NoError(t, err)
	defer srv.Close()
	db, err := sql.Open("snowflake", sessionGoneOnce(t, srv, "/query-request"))
	require.NoError(t, err)
	defer db.Close()
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()

	j, err := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(60)")
	require.NoError(t, err)
	opened, _ := srv.Sessions()
	require.Equal(t, int64(2), opened, "logged in again")
	runs := 0
	for _, q := range srv.Queries() {
		if q.SQL == "CALL SYSTEM$WAIT(60)" {
			runs++
		}
	}
	require.Equal(t, 1, runs, "the statement ran once (the client looked it up by its tag before sending it again)")
	require.NoError(t, j.Cancel(ctx))
	_, err = j.Result(ctx)
	require.ErrorIs(t, err, sfasync.ErrCanceled)
}
