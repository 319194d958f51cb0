package sfasync_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/sftest"
)

// monitoringDelay is the window in which sftest's monitoring knows nothing
// of a statement it just accepted, in the tests below.
const monitoringDelay = 2 * time.Second

// TestStatusRightAfterSubmitIsNoData: Snowflake's monitoring may answer
// with an empty list for a statement it accepted a moment ago. For a
// statement the client submitted that is NO_DATA (not ended), as in
// Snowflake's Python connector, never ErrQueryNotFound.
func TestStatusRightAfterSubmitIsNoData(t *testing.T) {
	srv, db := newServer(t, sftest.WithMonitoringDelay(monitoringDelay))
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()
	j, err := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(3)")
	require.NoError(t, err)
	st, err := j.Status(ctx)
	require.NoError(t, err)
	require.Equal(t, sfasync.StatusNoData, st)
	require.False(t, st.Done())
	require.Positive(t, srv.Counts().Monitoring, "the answer came from the server")

	require.Eventually(t, func() bool {
		st, err := j.Status(ctx)
		return err == nil && st == sfasync.StatusRunning
	}, testWait, 20*time.Millisecond, "RUNNING once monitoring knows the statement")
	_, err = j.Result(ctx)
	require.NoError(t, err)
}

// TestAttachedUnknownIDIsNotFound: for a query ID the client did not
// submit, no status stays ErrQueryNotFound: the client cannot tell a
// statement accepted a moment ago from one that never was.
func TestAttachedUnknownIDIsNotFound(t *testing.T) {
	_, db := newServer(t, sftest.WithMonitoringDelay(monitoringDelay))
	c := sfasync.New(db)
	defer c.Close()
	j, err := c.NewAsyncJob("01b2c3d4-0000-0000-0000-000000000000")
	require.NoError(t, err)
	_, err = j.Status(context.Background())
	require.ErrorIs(t, err, sfasync.ErrQueryNotFound)
	require.ErrorContains(t, err, j.QueryID())
}

// TestCutInMonitoringWindowLosesNothing: when the held result request of a
// statement just submitted is cut, the client falls back to fetching the
// result by ID, which asks monitoring first; monitoring does not know the
// statement yet. The job must wait on, not fail with ErrQueryNotFound.
func TestCutInMonitoringWindowLosesNothing(t *testing.T) {
	srv, proxy, db := newServerBehindCutter(t, sftest.WithMonitoringDelay(2*time.Second))

	c := sfasync.New(db, sfasync.WithPollBackoff(20*time.Millisecond, 100*time.Millisecond))
	defer c.Close()
	ctx := context.Background()
	j, err := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(1)")
	require.NoError(t, err)
	require.Eventually(t, func() bool { return srv.Counts().Result > 0 }, testWait, tick, "the held result request arrives")
	proxy.cut()

	res, err := j.Result(ctx)
	require.NoError(t, err)
	require.Equal(t, [][]any{{"waited 1 seconds"}}, res.Rows)
	require.Equal(t, "SUCCESS", query(t, srv, j.QueryID()).Status)
}

// TestRestartedIsNotAnEnd: Snowflake reports RESTARTED for a statement it
// runs again. gosnowflake reports it as it reports SUCCESS; the client must
// tell it apart and not call the statement done.
func TestRestartedIsNotAnEnd(t *testing.T) {
	srv, db := newServer(t, sftest.WithRestartedStatus())
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()
	j, err := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(1)")
	require.NoError(t, err)
	eventuallyStatus(t, srv, j.QueryID(), "RUNNING")
	st, err := j.Status(ctx)
	require.NoError(t, err)
	require.Equal(t, sfasync.StatusRestarted, st)
	require.False(t, st.Done())

	// An attached job asks the server in IsDone.
	c2 := sfasync.New(db)
	defer c2.Close()
	a, err := c2.NewAsyncJob(j.QueryID())
	require.NoError(t, err)
	done, err := a.IsDone(ctx)
	require.NoError(t, err)
	require.False(t, done)

	_, err = j.Result(ctx)
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		done, err := a.IsDone(ctx)
		return err == nil && done
	}, testWait, 20*time.Millisecond)
	st, err = a.Status(ctx)
	require.NoError(t, err)
	require.Equal(t, sfasync.StatusSuccess, st)
}
