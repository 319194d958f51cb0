package sftest

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// monitoringAnswer is GET /monitoring/queries/{id} as the driver decodes it.
type monitoringAnswer struct {
	Success bool
	Queries []struct {
		Status  string `json:"status"`
		EndTime int64  `json:"endTime"`
	}
	raw string
}

func rawMonitoring(t *testing.T, srv *Server, tok, id string) monitoringAnswer {
	t.Helper()
	a := raw(t, "GET", srv.URL()+"/monitoring/queries/"+id, tok, nil, nil)
	var d struct {
		Queries *[]struct {
			Status  string `json:"status"`
			EndTime int64  `json:"endTime"`
		} `json:"queries"`
	}
	require.NoError(t, json.Unmarshal(a.Data, &d), string(a.Data))
	require.NotNil(t, d.Queries, "queries must be a list, even an empty one: %s", a.Data)
	return monitoringAnswer{Success: a.Success, Queries: *d.Queries, raw: string(a.Data)}
}

// historyOf is the history record of statement id.
func historyOf(t *testing.T, srv *Server, id string) Query {
	t.Helper()
	for _, q := range srv.Queries() {
		if q.ID == id {
			return q
		}
	}
	t.Fatalf("query %s is not in the history", id)
	return Query{}
}

// isNoStatus reports whether err is the driver's ErrQueryStatus for an
// answer without any status ("if a query was just submitted").
func isNoStatus(err error) bool {
	var se *sf.SnowflakeError
	return errors.As(err, &se) && se.Number == sf.ErrQueryStatus && se.QueryID == ""
}

// For the monitoring delay after a statement is accepted, monitoring answers
// success with no entry and the driver's GetQueryStatus fails with
// ErrQueryStatus; afterwards it reports the statement's real status.
func TestMonitoringDelayAnswersNoStatusAtFirst(t *testing.T) {
	const window = 300 * time.Millisecond
	srv, db := newTestServer(t, WithMonitoringDelay(window))
	ctx := testCtx(t)
	tok := rawLogin(t, srv)

	id := submitAsync(t, ctx, db, "select 1 as a")
	_, err := queryStatus(ctx, db, id)
	a := rawMonitoring(t, srv, tok, id)
	q := historyOf(t, srv, id)
	if elapsed := time.Since(q.Submitted); elapsed >= window {
		t.Fatalf("the machine took %v (window %v) to ask; the test cannot tell the window from the status", elapsed, window)
	}
	require.Error(t, err)
	require.True(t, isNoStatus(err), "want ErrQueryStatus without a status, got %v", err)
	require.Contains(t, err.Error(), "no status returned")
	require.True(t, a.Success)
	require.Empty(t, a.Queries, a.raw)
	require.JSONEq(t, `{"queries":[]}`, a.raw)

	// The statement itself ran at once; only monitoring lags.
	waitFor(t, srv, id, hasStatus(StatusSuccess))
	deadline := time.Now().Add(time.Minute)
	for {
		st, err := queryStatus(ctx, db, id)
		if !isNoStatus(err) {
			require.GreaterOrEqual(t, time.Since(q.Submitted), window, "status reported inside the window")
			require.NoError(t, err)
			require.NotZero(t, st.EndTime)
			require.Equal(t, int64(1), st.ProducedRows)
			break
		}
		require.True(t, time.Now().Before(deadline), "monitoring never reported a status")
		time.Sleep(20 * time.Millisecond)
	}
	a = rawMonitoring(t, srv, tok, id)
	require.Len(t, a.Queries, 1)
	require.Equal(t, StatusSuccess, a.Queries[0].Status)
}

// Under WithRestartedStatus monitoring reports a running statement as
// RESTARTED (no end time), which the driver does not count as running, and
// its end as usual; without it, RUNNING.
func TestMonitoringRestartedStatus(t *testing.T) {
	for _, tc := range []struct {
		name    string
		opts    []Option
		running string
	}{
		{name: "default", running: StatusRunning},
		{name: "WithRestartedStatus", opts: []Option{WithRestartedStatus()}, running: StatusRestarted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, db := newTestServer(t, tc.opts...)
			ctx := testCtx(t)
			tok := rawLogin(t, srv)
			id := submitAsync(t, ctx, db, "select system$wait(1) as w")

			// An answer counts only when the history says RUNNING both before
			// and after it: then the statement ran throughout.
			running := func() bool { return historyOf(t, srv, id).Status == StatusRunning }
			var seen int
			for !terminal(historyOf(t, srv, id).Status) {
				before := running()
				a := rawMonitoring(t, srv, tok, id)
				st, err := queryStatus(ctx, db, id)
				if !before || !running() {
					time.Sleep(5 * time.Millisecond)
					continue
				}
				require.Len(t, a.Queries, 1, a.raw)
				require.Equal(t, tc.running, a.Queries[0].Status, a.raw)
				require.Zero(t, a.Queries[0].EndTime, a.raw)
				if tc.running == StatusRestarted {
					// The driver takes RESTARTED for neither running nor failed.
					require.NoError(t, err)
					require.Zero(t, st.EndTime)
				} else {
					var se *sf.SnowflakeError
					require.True(t, errors.As(err, &se), "%v", err)
					require.Equal(t, sf.ErrQueryIsRunning, se.Number)
				}
				seen++
			}
			require.Positive(t, seen, "never sampled the statement while it ran")

			waitFor(t, srv, id, hasStatus(StatusSuccess))
			a := rawMonitoring(t, srv, tok, id)
			require.Len(t, a.Queries, 1)
			require.Equal(t, StatusSuccess, a.Queries[0].Status, a.raw)
			require.NotZero(t, a.Queries[0].EndTime)
			st, err := queryStatus(ctx, db, id)
			require.NoError(t, err)
			require.NotZero(t, st.EndTime)
		})
	}
}
