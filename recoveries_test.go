package sfasync_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/sftest"
)

// TestRecoveriesCountWhatTheClientDid: Stats.Recovered counts each way the
// client got past a fault, one fault at a time, and nothing on a clean
// run; in every case the statement ran once and its result is right.
func TestRecoveriesCountWhatTheClientDid(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault *sftest.Fault
		dsn   string // added to the DSN
		want  sfasync.Recoveries
	}{
		{name: "no fault"},
		{
			// Both of the driver's sends are accepted and their answers
			// lost: the client re-sends once in the same session.
			name:  "answers lost",
			fault: &sftest.Fault{Endpoint: sftest.EndpointQuery, Kind: sftest.FaultAnswerLost, Next: 2},
			dsn:   "&maxRetryCount=1",
			want:  sfasync.Recoveries{Resent: 1},
		},
		{
			// The session is dropped before the statement is accepted: the
			// client gives the session up, does not find the statement in
			// the history, and sends it from a new session.
			name:  "session dropped on submission",
			fault: &sftest.Fault{Endpoint: sftest.EndpointQuery, Kind: sftest.FaultSessionDropped, Next: 1},
			want:  sfasync.Recoveries{SessionsLost: 1, LookedUp: 1, Resubmitted: 1},
		},
		{
			// The session is dropped while the client waits for the
			// result: it asks again from a new session.
			name:  "session dropped while waiting",
			fault: &sftest.Fault{Endpoint: sftest.EndpointResult, Kind: sftest.FaultSessionDropped, Next: 1},
			want:  sfasync.Recoveries{SessionsLost: 1, WaitRetries: 1},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var opts []sftest.Option
			if tc.fault != nil {
				opts = append(opts, sftest.WithFaults(1, *tc.fault))
			}
			srv, err := sftest.NewServer(opts...)
			require.NoError(t, err)
			defer srv.Close()
			db, err := sql.Open("snowflake", srv.DSN()+tc.dsn)
			require.NoError(t, err)
			defer db.Close()
			c := sfasync.New(db, sfasync.WithPollBackoff(5*time.Millisecond, 20*time.Millisecond))
			defer c.Close()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()

			j, err := c.SubmitNoWait(ctx, "SELECT 42 AS ANSWER")
			require.NoError(t, err)
			res, err := j.Result(ctx)
			require.NoError(t, err)
			require.Equal(t, [][]any{{int64(42)}}, res.Rows)
			require.Equal(t, tc.want, c.Stats().Recovered)

			runs := 0
			for _, q := range srv.Queries() {
				if q.SQL == "SELECT 42 AS ANSWER" {
					runs++
				}
			}
			require.Equal(t, 1, runs)
			if tc.fault != nil {
				require.Positive(t, srv.Faults().Total(), "the fault was met")
			}
		})
	}
}
