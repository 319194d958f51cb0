package sfasync_test

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/sftest"
)

// TestFanOutIsRaceFreeWithQueryContext submits 512 statements from many
// goroutines at once while sftest answers, as Snowflake does, with query
// context entries that gosnowflake caches per connection and sends back
// with the connection's next statement. Two submissions at once on one
// connection race inside the driver then (its cache is read without its
// lock); under -race this proves the client never does that, for every way
// a user builds a client: a DSN, a Connector, and a pool with a connection
// limit. Later submissions meet earlier answers: the test checks that the
// entries really made the round trip, so it is not blind to the race.
func TestFanOutIsRaceFreeWithQueryContext(t *testing.T) {
	const n = 512
	opens := map[string]func(t *testing.T, dsn string) *sql.DB{
		"dsn": func(t *testing.T, dsn string) *sql.DB {
			db, err := sql.Open("snowflake", dsn)
			require.NoError(t, err)
			return db
		},
		"connector": func(t *testing.T, dsn string) *sql.DB {
			cfg, err := sf.ParseDSN(dsn)
			require.NoError(t, err)
			return sql.OpenDB(sf.NewConnector(sf.SnowflakeDriver{}, *cfg))
		},
		"connection-limit": func(t *testing.T, dsn string) *sql.DB {
			db, err := sql.Open("snowflake", dsn)
			require.NoError(t, err)
			db.SetMaxOpenConns(5)
			return db
		},
	}
	submits := map[string]func(ctx context.Context, c *sfasync.Client) ([]*sfasync.AsyncJob, error){
		"SubmitAll": func(ctx context.Context, c *sfasync.Client) ([]*sfasync.AsyncJob, error) {
			stmts := make([]sfasync.Statement, n)
			for i := range stmts {
				stmts[i] = sfasync.Statement{SQL: "SELECT ? AS I", Args: []any{i}}
			}
			return c.SubmitAll(ctx, stmts...)
		},
		"workers": func(ctx context.Context, c *sfasync.Client) ([]*sfasync.AsyncJob, error) {
			// 32 workers, each submitting one statement after another and
			// asking for its status, so monitoring requests go along too.
			const workers = 32
			jobs := make([]*sfasync.AsyncJob, n)
			errs := make([]error, workers)
			var wg sync.WaitGroup
			for w := range workers {
				wg.Go(func() {
					for i := w; i < n; i += workers {
						j, err := c.SubmitNoWait(ctx, "SELECT ? AS I", i)
						if err != nil {
							errs[w] = err
							return
						}
						jobs[i] = j
						if _, err := j.Status(ctx); err != nil {
							errs[w] = err
							return
						}
					}
				})
			}
			wg.Wait()
			for _, err := range errs {
				if err != nil {
					return nil, err
				}
			}
			return jobs, nil
		},
	}
	for openName, openDB := range opens {
		for submitName, submit := range submits {
			t.Run(openName+"/"+submitName, func(t *testing.T) {
				srv, err := sftest.NewServer(sftest.WithMaxConcurrency(1024))
				require.NoError(t, err)
				defer srv.Close()
				db := openDB(t, srv.DSN())
				defer db.Close()
				c := sfasync.New(db, sfasync.WithSessions(8))
				defer c.Close()
				ctx := context.Background()

				jobs, err := submit(ctx, c)
				require.NoError(t, err)
				results, err := sfasync.WaitAll(ctx, jobs...)
				require.NoError(t, err)
				for i, r := range results {
					require.Equal(t, [][]any{{int64(i)}}, r.Rows)
				}

				opened, closed := srv.Sessions()
				require.LessOrEqual(t, opened, int64(8), "at most WithSessions logins")
				if max := db.Stats().MaxOpenConnections; max > 0 {
					require.Less(t, opened, int64(max), "a connection of db's pool is left to others")
				}
				require.Zero(t, closed, "no session logged out while the client lives")
				resent := 0
				for _, j := range jobs {
					q := query(t, srv, j.QueryID())
					if len(q.QueryContext) > 0 {
						resent++
					}
				}
				require.GreaterOrEqual(t, resent, n-int(opened), "every statement but a session's first sends back the context its session's last answer carried")
			})
		}
	}
}

// TestConcurrentCancelsAndSubmitsAreRaceFree: a cancel is a query-request
// too (SYSTEM$CANCEL_QUERY), answered synchronously with the session's
// database, schema, warehouse and role, which the driver writes into the
// connection unguarded. Cancels and submissions at once must not share a
// connection.
func TestConcurrentCancelsAndSubmitsAreRaceFree(t *testing.T) {
	srv, db := newServer(t, sftest.WithMaxConcurrency(256))
	c := sfasync.New(db, sfasync.WithSessions(4))
	defer c.Close()
	ctx := context.Background()
	const n = 32
	jobs := make([]*sfasync.AsyncJob, n)
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			j, err := c.SubmitNoWait(ctx, "CALL SYSTEM$WAIT(5)")
			if err == nil {
				jobs[i] = j
				err = j.Cancel(ctx)
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	for _, j := range jobs {
		_, err := j.Result(ctx)
		require.ErrorIs(t, err, sfasync.ErrCanceled)
		require.Equal(t, "ABORTED", query(t, srv, j.QueryID()).Status)
	}
}

// logoutGrace is how long sftest lets a logged-out session's statements run
// before it aborts them, in the tests below: far shorter than the
// statements, so a logout by the client would show as ABORTED.
const logoutGrace = 50 * time.Millisecond

// submitWaits submits n statements that each run for secs seconds, all at
// once, and waits until the server runs every one.
func submitWaits(t *testing.T, srv *sftest.Server, c *sfasync.Client, n, secs int) []*sfasync.AsyncJob {
	t.Helper()
	stmts := make([]sfasync.Statement, n)
	for i := range stmts {
		stmts[i] = sfasync.Statement{SQL: fmt.Sprintf("CALL SYSTEM$WAIT(%d)", secs)}
	}
	jobs, err := c.SubmitAll(context.Background(), stmts...)
	require.NoError(t, err)
	for _, j := range jobs {
		eventuallyStatus(t, srv, j.QueryID(), "RUNNING")
	}
	return jobs
}

// TestCloseThenDBCloseAbortsNothing: a program that submits, closes the
// client and then closes its *sql.DB must not log out the sessions its
// statements run in (Snowflake would abort them); they finish.
func TestCloseThenDBCloseAbortsNothing(t *testing.T) {
	srv, db := newServer(t, sftest.WithLogoutGrace(logoutGrace), sftest.WithMaxConcurrency(64))
	c := sfasync.New(db, sfasync.WithSessions(4))
	jobs := submitWaits(t, srv, c, 8, 1)
	opened, _ := srv.Sessions()
	require.Greater(t, opened, int64(1), "the fan-out used several sessions")

	require.NoError(t, c.Close())
	require.Equal(t, int(opened), db.Stats().InUse, "the sessions with running statements stay out of db's pool")
	require.NoError(t, db.Close())

	for _, j := range jobs {
		eventuallyStatus(t, srv, j.QueryID(), "SUCCESS")
	}
	_, closed := srv.Sessions()
	require.Zero(t, closed, "no session with running statements was logged out")
}

// TestPoolChurnAbortsNothing: database/sql retires connections on its own
// schedule (lifetime, idle time, idle limit); none of that may log out a
// session the client's statements run in.
func TestPoolChurnAbortsNothing(t *testing.T) {
	srv, db := newServer(t, sftest.WithLogoutGrace(logoutGrace), sftest.WithMaxConcurrency(64))
	db.SetConnMaxLifetime(time.Millisecond)
	db.SetConnMaxIdleTime(time.Millisecond)
	db.SetMaxIdleConns(0)
	c := sfasync.New(db, sfasync.WithSessions(4))
	defer c.Close()
	ctx := context.Background()
	jobs := submitWaits(t, srv, c, 8, 1)

	// Churn the pool: each of these logs in and, handed back, out.
	for range 3 {
		_, err := db.ExecContext(ctx, "SELECT 1")
		require.NoError(t, err)
	}
	_, churned := srv.Sessions()
	require.GreaterOrEqual(t, churned, int64(3), "the pool logged its own sessions out")

	results, err := sfasync.WaitAll(ctx, jobs...)
	require.NoError(t, err)
	require.Len(t, results, len(jobs))
	for _, j := range jobs {
		require.Equal(t, "SUCCESS", query(t, srv, j.QueryID()).Status)
	}
}

// TestCloseHandsIdleSessionsBack: when nothing the client submitted is
// running, Close hands every session back to db's pool, so nothing is left
// logged in once db closes.
func TestCloseHandsIdleSessionsBack(t *testing.T) {
	srv, db := newServer(t)
	c := sfasync.New(db, sfasync.WithSessions(4))
	ctx := context.Background()
	jobs, err := c.SubmitAll(ctx,
		sfasync.Statement{SQL: "SELECT 1"}, sfasync.Statement{SQL: "SELECT 2"},
		sfasync.Statement{SQL: "SELECT 3"}, sfasync.Statement{SQL: "SELECT 4"})
	require.NoError(t, err)
	_, err = sfasync.WaitAll(ctx, jobs...)
	require.NoError(t, err)
	opened, _ := srv.Sessions()
	require.Greater(t, opened, int64(1), "the fan-out used several sessions")
	require.NoError(t, c.Close())
	require.Zero(t, db.Stats().InUse)
	require.NoError(t, db.Close())
	opened, closed := srv.Sessions()
	require.Equal(t, opened, closed, "every session was logged out once db closed")
}

// TestCancelOnClose: with WithCancelOnClose, Close cancels the statements
// still running and then hands their sessions back.
func TestCancelOnClose(t *testing.T) {
	srv, db := newServer(t, sftest.WithMaxConcurrency(64))
	c := sfasync.New(db, sfasync.WithSessions(2), sfasync.WithCancelOnClose())
	jobs := submitWaits(t, srv, c, 4, 30)
	require.NoError(t, c.Close())
	for _, j := range jobs {
		eventuallyStatus(t, srv, j.QueryID(), "ABORTED")
	}
	require.Zero(t, db.Stats().InUse, "every session went back to db's pool")
	require.NoError(t, db.Close())
	opened, closed := srv.Sessions()
	require.Equal(t, opened, closed)
}

// TestSequentialSubmitsLogInOnce: a session is opened only when every open
// one is busy submitting, so one statement at a time needs one login.
func TestSequentialSubmitsLogInOnce(t *testing.T) {
	srv, db := newServer(t)
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()
	for i := range 5 {
		j, err := c.SubmitNoWait(ctx, "SELECT ? AS I", i)
		require.NoError(t, err)
		_, err = j.Status(ctx)
		require.NoError(t, err)
	}
	opened, _ := srv.Sessions()
	require.Equal(t, int64(1), opened)
}

// TestStatementTimeoutPerStatement: Statement.Timeout overrides the
// client's default for one statement; the server's history shows the
// statement ABORTED, the others run to their end.
func TestStatementTimeoutPerStatement(t *testing.T) {
	srv, db := newServer(t)
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()
	jobs, err := c.SubmitAll(ctx,
		sfasync.Statement{SQL: "CALL SYSTEM$WAIT(60)", Timeout: 100 * time.Millisecond},
		sfasync.Statement{SQL: "CALL SYSTEM$WAIT(1)"},
	)
	require.NoError(t, err)
	_, err = sfasync.WaitAll(ctx, jobs...)
	var batch *sfasync.BatchError
	require.ErrorAs(t, err, &batch)
	require.ErrorIs(t, batch.Errs[0], sfasync.ErrTimeout)
	require.NoError(t, batch.Errs[1])
	require.Equal(t, "ABORTED", query(t, srv, jobs[0].QueryID()).Status)
	require.Equal(t, "SUCCESS", query(t, srv, jobs[1].QueryID()).Status)
}
