package sfasync

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
)

// sessionPool is the set of Snowflake sessions a client submits through.
//
// Every session is a connection the client takes out of db's pool and holds
// for its whole life, so database/sql never closes it (closing a gosnowflake
// connection logs its session out, and Snowflake then aborts the session's
// still-running statements, asynchronous ones included).
//
// Each session serves one statement submission (or cancel) at a time, as
// database/sql would use a connection. gosnowflake's connection keeps
// per-session state that every query-request reads and every answer writes
// (the query context cache, the current database, schema, warehouse and
// role), and does not guard all of it: two submissions at once on one
// connection race inside the driver as soon as Snowflake's answers carry
// that state. So concurrency comes from several sessions, up to
// WithSessions, opened only when every open one is busy. Requests that only
// read (monitoring, the held result request, fetch by ID) share a session
// with whatever else it does: the driver serves them from its token store
// alone.
//
// A session whose statements the client has not seen end is never logged
// out by the client: Close leaves it out of db's pool for good (see close).
type sessionPool struct {
	db  *sql.DB
	max int

	mu      sync.Mutex
	all     []*session    // every held session, oldest first
	idle    []*session    // held sessions no submission is using; last is the most recent
	opening int           // logins under way
	changed chan struct{} // closed and replaced when a session frees up or a login ends
	owner   map[string]*session
	closed  bool
	rc      *recoveryCounts // counts the sessions lost
}

// session is one held Snowflake session.
type session struct {
	conn *sql.Conn
	dc   driver.Conn

	// Guarded by sessionPool.mu.
	busy    bool // a submission or cancel is using it
	gone    bool // out of the pool: the server said it is gone, or the client closed
	bad     bool // the server said it is gone: database/sql must not reuse it
	running int  // statements submitted here whose end the client has not learned
}

func newSessionPool(db *sql.DB, max int, rc *recoveryCounts) *sessionPool {
	return &sessionPool{db: db, max: max, changed: make(chan struct{}), owner: make(map[string]*session), rc: rc}
}

// limit is how many sessions the pool may hold: WithSessions, and one fewer
// than db's open-connection limit, if db has one, so that Rows and the
// caller's own queries still find a connection.
func (p *sessionPool) limit() int {
	n := p.max
	if lim := p.db.Stats().MaxOpenConnections; lim > 0 {
		n = min(n, max(lim-1, 1))
	}
	return n
}

// acquire returns a session for the caller's sole use until release: an
// idle one if there is one, else a new login if the pool is not full, else
// the first one to free up. Each caller waits as long as its own ctx
// allows; a failed login leaves the next caller free to try again.
func (p *sessionPool) acquire(ctx context.Context) (*session, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("sfasync: waiting for a Snowflake session: %w", err)
		}
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			return nil, ErrClosed
		}
		if n := len(p.idle); n > 0 {
			s := p.idle[n-1]
			p.idle = p.idle[:n-1]
			s.busy = true
			p.mu.Unlock()
			return s, nil
		}
		if len(p.all)+p.opening < p.limit() {
			p.opening++
			p.mu.Unlock()
			return p.login(ctx)
		}
		changed := p.changed
		p.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
		}
	}
}

// login opens a new session for the caller's sole use.
func (p *sessionPool) login(ctx context.Context) (*session, error) {
	conn, dc, err := open(ctx, p.db)
	p.mu.Lock()
	p.opening--
	p.broadcast()
	closed := p.closed
	var s *session
	if err == nil && !closed {
		s = &session{conn: conn, dc: dc, busy: true}
		p.all = append(p.all, s)
	}
	p.mu.Unlock()
	switch {
	case err != nil:
		return nil, err
	case closed:
		_ = conn.Close() // nothing ran in it yet
		return nil, ErrClosed
	}
	return s, nil
}

// open logs in: it takes a connection out of db's pool and the driver
// connection beneath it.
func open(ctx context.Context, db *sql.DB) (*sql.Conn, driver.Conn, error) {
	conn, err := db.Conn(ctx)
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

// release ends the caller's sole use of s.
func (p *sessionPool) release(s *session) {
	p.mu.Lock()
	s.busy = false
	if s.gone {
		letGo := p.dispose(s)
		p.mu.Unlock()
		_ = letGo()
		return
	}
	p.idle = append(p.idle, s)
	p.broadcast()
	p.mu.Unlock()
}

// shared returns a session, and its driver connection, for a request that
// only reads (monitoring, fetch by ID), whoever else is using it; it logs in
// if the pool holds none.
func (p *sessionPool) shared(ctx context.Context) (*session, driver.Conn, error) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil, nil, ErrClosed
	}
	if n := len(p.all); n > 0 {
		s := p.all[n-1]
		dc := s.dc
		p.mu.Unlock()
		return s, dc, nil
	}
	p.mu.Unlock()
	s, err := p.acquire(ctx)
	if err != nil {
		return nil, nil, err
	}
	dc := s.dc
	p.release(s)
	return s, dc, nil
}

// refresh makes sure s's session token is good, for a read whose answer
// may be a session failure the driver does not report as one (its "no
// status" error covers a query ID the server does not know, an empty
// monitoring answer and an expired or dropped session alike). It sends one
// query-request (SELECT 1) in s, which renews an expired token, and drops
// s from the pool if the server says it is gone. For a session already
// dropped it returns errSessionDropped: the next read logs in anew.
func (p *sessionPool) refresh(ctx context.Context, s *session) error {
	if !p.acquireThis(ctx, s) {
		if err := ctx.Err(); err != nil {
			return err
		}
		return errSessionDropped
	}
	err := s.dc.(driver.Pinger).Ping(ctx)
	if lostSession(err) {
		p.lost(s)
	}
	p.release(s)
	return err
}

// errSessionDropped says a session was dropped from the pool meanwhile.
var errSessionDropped = errors.New("sfasync: the session was dropped meanwhile; ask again in another")

// acquireThis is acquire for the session s: it waits until s is idle and
// takes it, and reports false if s is gone or ctx ends first.
func (p *sessionPool) acquireThis(ctx context.Context, s *session) bool {
	for {
		p.mu.Lock()
		if s.gone || p.closed || ctx.Err() != nil {
			p.mu.Unlock()
			return false
		}
		if !s.busy {
			if i := slices.Index(p.idle, s); i >= 0 {
				p.idle = slices.Delete(p.idle, i, i+1)
			}
			s.busy = true
			p.mu.Unlock()
			return true
		}
		changed := p.changed
		p.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
		}
	}
}

// track records that the statement id was submitted in s and runs there.
func (p *sessionPool) track(s *session, id string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s.running++
	p.owner[id] = s
}

// ended records that the client learned the statement id ended. A session
// dropped from the pool while that statement ran is let go once its last
// statement ends, so a lost session does not hold a connection of db's pool
// for the client's whole life.
func (p *sessionPool) ended(id string) {
	p.mu.Lock()
	s, ok := p.owner[id]
	if !ok {
		p.mu.Unlock()
		return
	}
	delete(p.owner, id)
	s.running--
	letGo := noLetGo
	if s.gone && !s.busy && !p.closed {
		letGo = p.dispose(s)
	}
	p.mu.Unlock()
	_ = letGo()
}

// runningIDs lists the statements submitted through the pool whose end the
// client has not learned.
func (p *sessionPool) runningIDs() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Collect(maps.Keys(p.owner))
}

// lost drops a session the server says is gone, so the next caller logs in
// again. A newer session is not affected.
func (p *sessionPool) lost(s *session) {
	p.mu.Lock()
	if s.gone {
		p.mu.Unlock()
		return
	}
	s.gone, s.bad = true, true
	p.rc.sessionsLost.Add(1)
	p.remove(s)
	p.broadcast()
	letGo := noLetGo
	if !s.busy {
		letGo = p.dispose(s)
	}
	p.mu.Unlock()
	_ = letGo()
}

// close ends the pool. Sessions in use are let go of when released.
func (p *sessionPool) close() error {
	p.mu.Lock()
	p.closed = true
	var letGo []func() error
	for _, s := range p.all {
		s.gone = true
		if !s.busy {
			letGo = append(letGo, p.dispose(s))
		}
	}
	p.all, p.idle = nil, nil
	p.broadcast()
	p.mu.Unlock()
	var errs []error
	for _, f := range letGo {
		errs = append(errs, f())
	}
	return errors.Join(errs...)
}

// dispose takes s's connection from it and returns how to let go of it,
// to be run without mu held (it may log the session out). A session with
// statements still running is left as it is, out of db's pool, so that
// neither this client nor database/sql logs it out and aborts them: while
// the client lives, ended lets it go after its last statement; after Close
// it stays out for good, and Snowflake ends it once it has been idle long
// enough. Any other session goes back to db's pool, which may reuse it or
// log it out. Call with mu held, on a session no caller uses.
func (p *sessionPool) dispose(s *session) func() error {
	if s.conn == nil || s.running > 0 {
		return noLetGo
	}
	conn, bad := s.conn, s.bad
	s.conn, s.dc = nil, nil
	return func() error {
		if bad {
			// Raw returning ErrBadConn makes database/sql close the
			// connection instead of pooling it.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		err := conn.Close()
		if errors.Is(err, sql.ErrConnDone) {
			err = nil
		}
		return err
	}
}

// noLetGo is dispose's answer when there is nothing to let go of.
func noLetGo() error { return nil }

// remove takes s out of the pool's lists.
func (p *sessionPool) remove(s *session) {
	for i, x := range p.all {
		if x == s {
			p.all = append(p.all[:i], p.all[i+1:]...)
			break
		}
	}
	for i, x := range p.idle {
		if x == s {
			p.idle = append(p.idle[:i], p.idle[i+1:]...)
			break
		}
	}
}

// broadcast wakes every acquire waiting for a change. Call with mu held.
func (p *sessionPool) broadcast() {
	close(p.changed)
	p.changed = make(chan struct{})
}
