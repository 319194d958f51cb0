package sfasync_test

import (
	"context"
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/DATA-DOG/go-sqlmock"
	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
)

// backendCase is a backend the contract tests below run against: the
// generic path through go-sqlmock and the Snowflake path through sftest.
// Both must behave the same wherever the package promises it.
type backendCase struct {
	name string
	// start makes a client with opts and submits two statements: fast,
	// which ends at once, and slow, which runs for a minute unless canceled.
	start func(t *testing.T, opts ...sfasync.Option) (fast, slow *sfasync.AsyncJob)
}

var backends = []backendCase{
	{name: "sqlmock", start: func(t *testing.T, opts ...sfasync.Option) (*sfasync.AsyncJob, *sfasync.AsyncJob) {
		db, mock := newMock(t)
		mock.ExpectExec("INSERT INTO fast").WillReturnResult(sqlmock.NewResult(0, 1))
		mock.ExpectExec("INSERT INTO slow").WillDelayFor(time.Minute).WillReturnResult(sqlmock.NewResult(0, 7))
		return submitPair(t, sfasync.New(db, opts...), "INSERT INTO fast VALUES (1)", "INSERT INTO slow VALUES (1)")
	}},
	{name: "sftest", start: func(t *testing.T, opts ...sfasync.Option) (*sfasync.AsyncJob, *sfasync.AsyncJob) {
		_, db := newServer(t)
		return submitPair(t, sfasync.New(db, opts...), "SELECT 1 AS A", "CALL SYSTEM$WAIT(60)")
	}},
}

// submitPair submits fast and slow on c, which closes when the test ends,
// and waits for fast to end.
func submitPair(t *testing.T, c *sfasync.Client, fast, slow string) (*sfasync.AsyncJob, *sfasync.AsyncJob) {
	t.Helper()
	t.Cleanup(func() { _ = c.Close() })
	ctx := context.Background()
	f, err := c.SubmitNoWait(ctx, fast)
	require.NoError(t, err)
	s, err := c.SubmitNoWait(ctx, slow)
	require.NoError(t, err)
	_, err = f.Result(ctx)
	require.NoError(t, err)
	return f, s
}

// TestWaitAllContextEnds: when WaitAll's context ends it returns at once,
// with the finished results and, per job, an error: nil for the finished
// one, one wrapping ctx's error and naming the query ID for the unfinished
// one, ErrNilJob for a nil. The statement goes on, unless the client was
// made WithCancelOnAbandon.
func TestWaitAllContextEnds(t *testing.T) {
	for _, be := range backends {
		for _, abandon := range []bool{false, true} {
			name := be.name + "/statements go on"
			var opts []sfasync.Option
			if abandon {
				name = be.name + "/WithCancelOnAbandon"
				opts = append(opts, sfasync.WithCancelOnAbandon())
			}
			t.Run(name, func(t *testing.T) {
				fast, slow := be.start(t, opts...)
				ctx, cancel := context.WithCancel(context.Background())
				cancel()
				res, err := sfasync.WaitAll(ctx, fast, slow, nil)
				require.ErrorIs(t, err, context.Canceled)
				require.ErrorIs(t, err, sfasync.ErrNilJob)
				var batch *sfasync.BatchError
				require.ErrorAs(t, err, &batch)
				require.Len(t, batch.Errs, 3)
				require.NoError(t, batch.Errs[0])
				require.ErrorIs(t, batch.Errs[1], context.Canceled)
				require.ErrorContains(t, batch.Errs[1], slow.QueryID())
				require.ErrorIs(t, batch.Errs[2], sfasync.ErrNilJob)
				require.ErrorContains(t, batch.Errs[2], "job 2")
				require.Equal(t, 2, batch.Failed())
				require.Len(t, res, 3)
				require.NotNil(t, res[0], "finished results are returned")
				require.Nil(t, res[1])
				require.Nil(t, res[2])

				if abandon {
					_, err := slow.Result(context.Background())
					require.ErrorIs(t, err, sfasync.ErrCanceled)
					return
				}
				done, err := slow.IsDone(context.Background())
				require.NoError(t, err)
				require.False(t, done, "the statement goes on after WaitAll gives up")
				require.NoError(t, slow.Cancel(context.Background()))
				_, err = slow.Result(context.Background())
				require.ErrorIs(t, err, sfasync.ErrCanceled)
			})
		}
	}
}

// TestWaitAllSucceeds: with no failure the error is nil, not an empty
// BatchError.
func TestWaitAllSucceeds(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			fast, slow := be.start(t)
			require.NoError(t, slow.Cancel(context.Background()))
			res, err := sfasync.WaitAll(context.Background(), fast)
			require.NoError(t, err)
			require.Len(t, res, 1)
		})
	}
}

// TestCompletedContextEnds: Completed never yields a nil job. A nil in its
// input is yielded as a job that failed with ErrNilJob; when its context
// ends it yields every job not yet yielded, the unfinished ones with an
// error wrapping ctx's error, and stops.
func TestCompletedContextEnds(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			fast, slow := be.start(t)
			defer func() { _ = slow.Cancel(context.Background()) }()
			ctx, cancel := context.WithCancel(context.Background())
			got := map[string]error{}
			n := 0
			for j, err := range sfasync.Completed(ctx, slow, nil, fast) {
				require.NotNil(t, j)
				n++
				got[j.QueryID()] = err
				if j == fast {
					cancel() // slow is still running
				}
			}
			cancel()
			require.Equal(t, 3, n, "every job is yielded once")
			require.NoError(t, got[fast.QueryID()])
			require.ErrorIs(t, got[slow.QueryID()], context.Canceled)
			require.ErrorContains(t, got[slow.QueryID()], slow.QueryID())
			require.ErrorIs(t, got[""], sfasync.ErrNilJob, "the nil job, with no query ID")
			require.True(t, errors.Is(got[""], sfasync.ErrNilJob))
		})
	}
}

// TestDMLResultShape: a DML statement's Result has the shape Snowflake
// gives it, a count column per verb and RowsAffected, on the generic path
// as on Snowflake, so a go-sqlmock test sees what production sees. The same
// statements run on sftest and on go-sqlmock must give equal Results.
func TestDMLResultShape(t *testing.T) {
	stmts := []struct {
		sql  string
		rows int64
	}{
		{"INSERT INTO T (X) VALUES (4), (5)", 2},
		{"UPDATE T SET X = X + 10 WHERE X > 3", 2},
		{"DELETE FROM T WHERE X = 1", 1},
	}
	run := func(t *testing.T, c *sfasync.Client) []*sfasync.Result {
		t.Helper()
		defer c.Close()
		var out []*sfasync.Result
		for _, s := range stmts { // one after another: they change one table
			j, err := c.SubmitNoWait(context.Background(), s.sql)
			require.NoError(t, err)
			res, err := j.Result(context.Background())
			require.NoError(t, err)
			require.Equal(t, s.rows, res.RowsAffected, s.sql)
			res.QueryID = "" // the one field that differs
			out = append(out, res)
		}
		return out
	}

	_, db := newServer(t)
	for _, s := range []string{"CREATE TABLE T (X INT)", "INSERT INTO T VALUES (1), (2), (3)"} {
		_, err := db.ExecContext(context.Background(), s)
		require.NoError(t, err)
	}
	onSnowflake := run(t, sfasync.New(db))

	mdb, mock := newMock(t)
	for _, s := range stmts {
		mock.ExpectExec(regexp.QuoteMeta(s.sql)).WillReturnResult(sqlmock.NewResult(0, s.rows))
	}
	onMock := run(t, sfasync.New(mdb))
	require.NoError(t, mock.ExpectationsWereMet())

	require.Equal(t, onSnowflake, onMock)
	require.Equal(t, []string{"number of rows updated", "number of multi-joined rows updated"}, onMock[1].Columns)
}

// TestCompletedCancelOnAbandon: WithCancelOnAbandon holds for Completed as
// for WaitAll: the statements a Completed loop stops waiting for because
// its context ended are canceled.
func TestCompletedCancelOnAbandon(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			_, slow := be.start(t, sfasync.WithCancelOnAbandon())
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			for j, err := range sfasync.Completed(ctx, slow) {
				require.Same(t, slow, j)
				require.ErrorIs(t, err, context.Canceled)
			}
			_, err := slow.Result(context.Background())
			require.ErrorIs(t, err, sfasync.ErrCanceled)
		})
	}
}

// TestStatementTimeout: past its timeout a statement is canceled on the
// server and its job fails with ErrTimeout, naming its query ID; a
// statement that ends in time is not touched. The context only bounds the
// caller's wait.
func TestStatementTimeout(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			fast, slow := be.start(t, sfasync.WithStatementTimeout(time.Second))
			_, err := slow.Result(context.Background())
			require.ErrorIs(t, err, sfasync.ErrTimeout)
			require.ErrorIs(t, err, sfasync.ErrCanceled)
			var qe *sfasync.QueryError
			require.ErrorAs(t, err, &qe)
			require.Equal(t, slow.QueryID(), qe.QueryID)
			require.Equal(t, "000630", qe.Code)
			st, err := slow.Status(context.Background())
			require.NoError(t, err)
			require.Equal(t, sfasync.StatusAborted, st)
			_, err = fast.Result(context.Background())
			require.NoError(t, err)
		})
	}
}
