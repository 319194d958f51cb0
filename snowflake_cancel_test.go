package sfasync_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/sftest"
)

func TestCancelRunningAndQueued(t *testing.T) {
	srv, db := newServer(t, sftest.WithMaxConcurrency(1))
	ctx := context.Background()
	c := sfasync.New(db)
	defer c.Close()
	running, err := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(60)")
	require.NoError(t, err)
	// The first takes the one slot before the second is sent: statements
	// accepted together race for it.
	eventuallyStatus(t, srv, running.QueryID(), "RUNNING")
	queued, err := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(60)")
	require.NoError(t, err)
	eventuallyStatus(t, srv, queued.QueryID(), "QUEUED")
	st, err := running.Status(ctx)
	require.NoError(t, err)
	require.Equal(t, sfasync.StatusRunning, st)
	st, err = queued.Status(ctx)
	require.NoError(t, err)
	require.Equal(t, sfasync.StatusQueued, st)
	done, err := queued.IsDone(ctx)
	require.NoError(t, err)
	require.False(t, done)

	for _, j := range []*sfasync.AsyncJob{queued, running} {
		require.NoError(t, j.Cancel(ctx))
		require.NoError(t, j.Cancel(ctx), "Cancel is idempotent")
		_, err := j.Result(ctx)
		require.ErrorIs(t, err, sfasync.ErrCanceled)
		var qe *sfasync.QueryError
		require.ErrorAs(t, err, &qe)
		require.Equal(t, j.QueryID(), qe.QueryID)
		require.Equal(t, "000604", qe.Code)
		st, err := j.Status(ctx)
		require.NoError(t, err)
		require.Equal(t, sfasync.StatusAborted, st)
		require.Equal(t, "ABORTED", query(t, srv, j.QueryID()).Status)
	}
}

// TestCancelFailureNamesTheJob: a failed cancel names the statement to
// cancel, not the SYSTEM$CANCEL_QUERY statement that carried it, and a
// query ID the server does not know fails the same way before and after
// Result.
func TestCancelFailureNamesTheJob(t *testing.T) {
	_, db := newServer(t)
	c := sfasync.New(db)
	defer c.Close()
	j, err := c.NewAsyncJob("01b2c3d4-0000-0000-0000-00000000beef")
	require.NoError(t, err)
	err = j.Cancel(context.Background())
	require.Error(t, err)
	var qe *sfasync.QueryError
	require.ErrorAs(t, err, &qe)
	require.Equal(t, j.QueryID(), qe.QueryID)
	require.Contains(t, qe.Message, "cancel")
	require.ErrorIs(t, err, sfasync.ErrQueryNotFound)

	// The same answer once the job has ended with it.
	_, err = j.Result(context.Background())
	require.ErrorIs(t, err, sfasync.ErrQueryNotFound)
	require.ErrorIs(t, j.Cancel(context.Background()), sfasync.ErrQueryNotFound)
}
