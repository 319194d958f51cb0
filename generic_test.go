package sfasync_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/DATA-DOG/go-sqlmock"
	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
)

// newMock returns a go-sqlmock database whose expectations may be met in any
// order, as concurrent statements meet them.
func newMock(t *testing.T) (*sql.DB, sqlmock.Sqlmock) {
	t.Helper()
	db, mock, err := sqlmock.New()
	require.NoError(t, err)
	mock.MatchExpectationsInOrder(false)
	t.Cleanup(func() { _ = db.Close() })
	return db, mock
}

func TestGenericFanOutResultsInInputOrder(t *testing.T) {
	db, mock := newMock(t)
	mock.ExpectExec("INSERT INTO na_sales").WillReturnResult(sqlmock.NewResult(0, 120))
	mock.ExpectExec("UPDATE customer_data").WillReturnResult(sqlmock.NewResult(0, 33334))
	mock.ExpectQuery("SELECT count").WithArgs("High Value").
		WillReturnRows(sqlmock.NewRows([]string{"n"}).AddRow(int64(33334)))

	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()
	var jobs []*sfasync.AsyncJob
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{"INSERT INTO na_sales SELECT 1", nil},
		{"UPDATE customer_data SET loyalty_score = 1", nil},
		{"SELECT count(*) FROM customer_data WHERE segment = ?", []any{"High Value"}},
	} {
		j, err := c.SubmitNoWait(ctx, q.sql, q.args...)
		require.NoError(t, err)
		require.Len(t, j.QueryID(), 36)
		jobs = append(jobs, j)
	}
	res, err := sfasync.WaitAll(ctx, jobs...)
	require.NoError(t, err)
	require.Len(t, res, 3)
	require.Equal(t, int64(120), res[0].RowsAffected)
	require.Equal(t, int64(33334), res[1].RowsAffected)
	require.Equal(t, []string{"n"}, res[2].Columns)
	require.Equal(t, [][]any{{int64(33334)}}, res[2].Rows)
	for i, j := range jobs {
		require.Equal(t, j.QueryID(), res[i].QueryID)
		done, err := j.IsDone(ctx)
		require.NoError(t, err)
		require.True(t, done)
		st, err := j.Status(ctx)
		require.NoError(t, err)
		require.Equal(t, sfasync.StatusSuccess, st)
	}
	require.NoError(t, mock.ExpectationsWereMet())
}

func TestGenericWaitAllJoinsExactlyTheFailure(t *testing.T) {
	db, mock := newMock(t)
	boom := errors.New("relation \"missing\" does not exist")
	mock.ExpectExec("INSERT INTO a").WillReturnResult(sqlmock.NewResult(0, 1))
	mock.ExpectExec("INSERT INTO missing").WillReturnError(boom)
	mock.ExpectExec("INSERT INTO b").WillReturnResult(sqlmock.NewResult(0, 2))

	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()
	var jobs []*sfasync.AsyncJob
	for _, q := range []string{"INSERT INTO a VALUES (1)", "INSERT INTO missing VALUES (1)", "INSERT INTO b VALUES (1)"} {
		j, err := c.SubmitNoWait(ctx, q)
		require.NoError(t, err)
		jobs = append(jobs, j)
	}
	res, err := sfasync.WaitAll(ctx, jobs...)
	require.Error(t, err)
	require.ErrorIs(t, err, boom)
	var qe *sfasync.QueryError
	require.ErrorAs(t, err, &qe)
	require.Equal(t, jobs[1].QueryID(), qe.QueryID)
	require.Contains(t, err.Error(), jobs[1].QueryID())
	require.Len(t, err.(interface{ Unwrap() []error }).Unwrap(), 1)
	require.Nil(t, res[1])
	require.Equal(t, int64(1), res[0].RowsAffected)
	require.Equal(t, int64(2), res[2].RowsAffected)
	st, err := jobs[1].Status(ctx)
	require.NoError(t, err)
	require.Equal(t, sfasync.StatusFailedWithError, st)
	require.True(t, st.Failed())
}

func TestGenericCancel(t *testing.T) {
	db, mock := newMock(t)
	mock.ExpectExec("UPDATE slow").WillDelayFor(time.Minute).WillReturnResult(sqlmock.NewResult(0, 1))
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()
	j, err := c.SubmitNoWait(ctx, "UPDATE slow SET x = 1")
	require.NoError(t, err)
	done, err := j.IsDone(ctx)
	require.NoError(t, err)
	require.False(t, done)
	st, err := j.Status(ctx)
	require.NoError(t, err)
	require.Equal(t, sfasync.StatusRunning, st)

	require.NoError(t, j.Cancel(ctx))
	require.NoError(t, j.Cancel(ctx), "Cancel is idempotent")
	_, err = j.Result(ctx)
	require.ErrorIs(t, err, sfasync.ErrCanceled)
	st, err = j.Status(ctx)
	require.NoError(t, err)
	require.Equal(t, sfasync.StatusAborted, st)
	require.NoError(t, j.Cancel(ctx), "Cancel of a finished job is a no-op")
}

func TestGenericNewAsyncJob(t *testing.T) {
	db, _ := newMock(t)
	c := sfasync.New(db)
	defer c.Close()
	_, err := c.NewAsyncJob("not-a-query-id")
	require.ErrorIs(t, err, sfasync.ErrInvalidQueryID)
	_, err = c.NewAsyncJob("01b2c3d4-0000-1234-0000-00000000abcd")
	require.ErrorIs(t, err, sfasync.ErrUnsupported)
}

func TestGenericCompletedYieldsInFinishOrder(t *testing.T) {
	db, mock := newMock(t)
	mock.ExpectExec("INSERT INTO third").WillDelayFor(600 * time.Millisecond).WillReturnResult(sqlmock.NewResult(0, 3))
	mock.ExpectExec("INSERT INTO first").WillReturnResult(sqlmock.NewResult(0, 1))
	mock.ExpectExec("INSERT INTO second").WillDelayFor(300 * time.Millisecond).WillReturnResult(sqlmock.NewResult(0, 2))
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()
	var jobs []*sfasync.AsyncJob
	for _, q := range []string{"INSERT INTO third VALUES (3)", "INSERT INTO first VALUES (1)", "INSERT INTO second VALUES (2)"} {
		j, err := c.SubmitNoWait(ctx, q)
		require.NoError(t, err)
		jobs = append(jobs, j)
	}
	var order []*sfasync.AsyncJob
	for j, err := range sfasync.Completed(ctx, jobs...) {
		require.NoError(t, err)
		order = append(order, j)
	}
	require.Equal(t, []*sfasync.AsyncJob{jobs[1], jobs[2], jobs[0]}, order)
}

func TestGenericMaxInFlight(t *testing.T) {
	db, mock := newMock(t)
	mock.ExpectExec("UPDATE slow").WillDelayFor(time.Minute).WillReturnResult(sqlmock.NewResult(0, 1))
	mock.ExpectExec("UPDATE next").WillReturnResult(sqlmock.NewResult(0, 1))
	c := sfasync.New(db, sfasync.WithMaxInFlight(1))
	defer c.Close()
	slow, err := c.SubmitNoWait(context.Background(), "UPDATE slow SET x = 1")
	require.NoError(t, err)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = c.SubmitNoWait(ctx, "UPDATE next SET x = 1")
	require.ErrorIs(t, err, context.Canceled, "the only slot is taken")

	require.NoError(t, slow.Cancel(context.Background()))
	next, err := c.SubmitNoWait(context.Background(), "UPDATE next SET x = 1")
	require.NoError(t, err, "a finished job frees its slot")
	_, err = next.Result(context.Background())
	require.NoError(t, err)
}

func TestGenericClosedClient(t *testing.T) {
	db, mock := newMock(t)
	mock.ExpectExec("UPDATE slow").WillDelayFor(time.Minute).WillReturnResult(sqlmock.NewResult(0, 1))
	c := sfasync.New(db)
	j, err := c.SubmitNoWait(context.Background(), "UPDATE slow SET x = 1")
	require.NoError(t, err)
	require.NoError(t, c.Close())
	require.NoError(t, c.Close(), "Close is idempotent")
	_, err = j.Result(context.Background())
	require.ErrorIs(t, err, sfasync.ErrClosed)
	_, err = c.SubmitNoWait(context.Background(), "SELECT 1")
	require.ErrorIs(t, err, sfasync.ErrClosed)
}
