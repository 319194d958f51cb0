package sfasync_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/internal/testbuf"
	"github.com/sfasync/sfasync/sftest"
)

// TestSecretsStayOutOfLogsAndErrors: with a marker password, and through
// faults that make the client log in again, renew tokens and retry, no log
// line of the client (at debug level) and no error it returns holds the
// password, a session token or a master token (sftest's tokens start with
// "sftest-token-" and "sftest-master-"), not even the error of a login
// with a wrong password, which holds that password.
func TestSecretsStayOutOfLogsAndErrors(t *testing.T) {
	const password = "Pw7MarkerQz"
	srv, err := sftest.NewServer(sftest.WithPassword(password), sftest.WithFaults(3,
		sftest.Fault{Endpoint: sftest.EndpointQuery, Kind: sftest.FaultTokenExpired, Fraction: 0.1},
		sftest.Fault{Endpoint: sftest.EndpointQuery, Kind: sftest.FaultSessionDropped, Next: 1},
		sftest.Fault{Endpoint: sftest.EndpointResult, Kind: sftest.FaultReset, Fraction: 0.2},
		sftest.Fault{Endpoint: sftest.EndpointMonitoring, Kind: sftest.FaultTokenExpired, Fraction: 0.2},
	))
	require.NoError(t, err)
	defer srv.Close()
	require.Contains(t, srv.DSN(), password, "the DSN carries the marker")

	var logs testbuf.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	db, err := sql.Open("snowflake", srv.DSN())
	require.NoError(t, err)
	defer db.Close()
	c := sfasync.New(db, sfasync.WithLogger(logger), sfasync.WithPollBackoff(5*time.Millisecond, 20*time.Millisecond))
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	var errs []error
	note := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	stmts := []sfasync.Statement{{SQL: "SELECT 1 AS ONE"}, {SQL: "SELECT * FROM NO_SUCH_TABLE"}, {SQL: "SELECT 1/0"}}
	for i := range 20 {
		stmts = append(stmts, sfasync.Statement{SQL: fmt.Sprintf("SELECT %d AS I", i)})
	}
	jobs, err := c.SubmitAll(ctx, stmts...)
	note(err)
	_, err = sfasync.WaitAll(ctx, jobs...)
	note(err)
	ghost, err := c.NewAsyncJob("01bad000-0000-0000-0000-000000000001")
	require.NoError(t, err)
	_, err = ghost.Status(ctx)
	note(err)
	note(ghost.Cancel(ctx))
	_, err = ghost.Result(ctx)
	note(err)

	// A login with a wrong password fails with an error of its own.
	wrong, err := sql.Open("snowflake", strings.Replace(srv.DSN(), password, "Wr0ngMarkerPw", 1))
	require.NoError(t, err)
	defer wrong.Close()
	cw := sfasync.New(wrong, sfasync.WithLogger(logger))
	defer cw.Close()
	_, err = cw.SubmitNoWait(ctx, "SELECT 1")
	require.Error(t, err)
	note(err)

	require.GreaterOrEqual(t, len(errs), 4, "the failures to look into")
	var texts []string
	for _, e := range errs {
		for ; e != nil; e = errors.Unwrap(e) {
			texts = append(texts, e.Error(), fmt.Sprintf("%+v", e))
		}
	}
	texts = append(texts, logs.String())
	faults := srv.Faults()
	require.Positive(t, faults.Query.TokenExpired+faults.Monitoring.TokenExpired, "tokens were renewed")
	for _, text := range texts {
		for _, secret := range []string{password, "Wr0ngMarkerPw", "sftest-token-", "sftest-master-"} {
			require.NotContains(t, text, secret)
		}
	}
}
