package sfasync

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"
)

// session is the one Snowflake session a client's statements go through.
//
// A Snowflake session runs many asynchronous statements at once, and each
// login costs a round trip and server work; letting database/sql pick a
// pooled connection per statement opens a session per concurrent statement
// and logs it out when the statement returns, which in production aborts that
// session's still-running statements. So the client takes one connection out
// of the pool for its whole life and uses the gosnowflake connection beneath
// it from many goroutines at once.
//
// database/sql does not promise that a driver connection is safe for
// concurrent use, so this rests on gosnowflake itself: with v2.1.0 a
// connection's per-request state is its atomic sequence counter, its
// mutex-guarded query-context cache and parameters, and a shared HTTP
// client. TestSessionConcurrentUseIsRaceFree proves it under the race detector
// for the version go.mod pins; rerun it when upgrading the driver.
type session struct {
	db *sql.DB

	mu     sync.Mutex
	conn   *sql.Conn     // held, so database/sql neither reuses nor closes it
	dc     driver.Conn   // the gosnowflake connection beneath conn
	login  chan struct{} // closed when the login under way ends; nil when none is
	closed bool
}

func newSession(db *sql.DB) *session { return &session{db: db} }

// get returns the session's driver connection, logging in on first use.
// Callers that arrive during the login wait for it, each as long as its own
// ctx allows; if it fails, the next caller tries again.
func (s *session) get(ctx context.Context) (driver.Conn, error) {
	for {
		s.mu.Lock()
		switch {
		case s.closed:
			s.mu.Unlock()
			return nil, ErrClosed
		case s.dc != nil:
			dc := s.dc
			s.mu.Unlock()
			return dc, nil
		case s.login == nil:
			done := make(chan struct{})
			s.login = done
			s.mu.Unlock()
			conn, dc, err := s.open(ctx)
			s.mu.Lock()
			s.login = nil
			if err == nil && s.closed {
				_ = conn.Close()
				err = ErrClosed
			}
			if err == nil {
				s.conn, s.dc = conn, dc
			}
			close(done)
			s.mu.Unlock()
			return dc, err
		}
		wait := s.login
		s.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return nil, fmt.Errorf("sfasync: waiting for the Snowflake login: %w", ctx.Err())
		}
	}
}

// open logs in: it takes a connection out of the pool and the driver
// connection beneath it.
func (s *session) open(ctx context.Context) (*sql.Conn, driver.Conn, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("sfasync: open a Snowflake session: %w", err)
	}
	var dc driver.Conn
	err = conn.Raw(func(c any) error {
		var ok bool
		dc, ok = c.(driver.Conn)
		if !ok {
			return fmt.Errorf("driver connection %T is not a driver.Conn", c)
		}
		if _, ok := c.(driver.QueryerContext); !ok {
			return fmt.Errorf("driver connection %T cannot run queries with a context", c)
		}
		return nil
	})
	if err != nil {
		_ = conn.Close()
		return nil, nil, fmt.Errorf("sfasync: open a Snowflake session: %w", err)
	}
	return conn, dc, nil
}

// discard drops a connection the driver found broken, so the next get opens
// a new session. A newer connection than dc is kept.
func (s *session) discard(dc driver.Conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dc != dc || s.conn == nil {
		return
	}
	// Raw returning ErrBadConn makes database/sql close the connection
	// instead of pooling it.
	_ = s.conn.Raw(func(any) error { return driver.ErrBadConn })
	_ = s.conn.Close()
	s.conn, s.dc = nil, nil
}

// close hands the connection back to the pool. Statements still running in
// the session go on; database/sql keeps the session open while it is idle in
// the pool.
func (s *session) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	if s.conn == nil {
		return nil
	}
	err := s.conn.Close()
	s.conn, s.dc = nil, nil
	if errors.Is(err, sql.ErrConnDone) {
		err = nil
	}
	return err
}

// detach returns a context with ctx's values that ends when life ends (or
// its cancel is called), not when ctx does. Its stop must be called when the
// context is no longer needed, to unhook it from life.
//
// context.WithoutCancel and context.AfterFunc keep this free of goroutines:
// a hand-made context type forwarding Value to ctx would make
// context.WithCancel start a goroutine per job to watch ctx.
func detach(life, ctx context.Context) (context.Context, context.CancelFunc) {
	dctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	stop := context.AfterFunc(life, cancel)
	return dctx, func() {
		stop()
		cancel()
	}
}
