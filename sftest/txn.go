package sftest

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"sync"
)

// This file holds transactions: the DuckDB connection pinned to a
// multi-statement request or a session between BEGIN and COMMIT/ROLLBACK.

// connHolder pins one DuckDB connection across statements: the children of a
// multi-statement request, or a session's explicit transaction. mu serializes
// use of the connection; locks are table locks kept until release (a
// transaction holds its UPDATE/DELETE/MERGE locks until COMMIT or ROLLBACK).
type connHolder struct {
	mu       sync.Mutex
	c        *sql.Conn
	place    connPlace // where c is
	inTxn    bool
	locks    []string
	released bool    // set by release; the holder must not borrow or lock again
	log      *txnLog // while inTxn: what the transaction did, for a replay (txn_replay.go)
}

// errTxnEnded answers a statement that picked up its session's transaction
// just before the transaction ended (COMMIT, ROLLBACK, logout or Close): it
// must neither run outside the transaction it was sent into nor pin a
// connection or table lock that nothing would release.
var errTxnEnded = &sqlError{Code: "000604", SQLState: "57014", Message: "SQL execution canceled: the session's transaction ended before the statement ran"}

// get returns the pinned connection, borrowing one on first use. h.mu must be held.
func (h *connHolder) get(ctx context.Context, e *engine) (*sql.Conn, error) {
	if h.released {
		return nil, errTxnEnded
	}
	if h.c == nil {
		c, err := e.db.Conn(ctx)
		if err != nil {
			return nil, err
		}
		h.c, h.place = c, connPlace{}
	}
	return h.c, nil
}

// use points the pinned connection c at db.schema unless it is known to be
// there already, and remembers where it is. h.mu must be held.
func (h *connHolder) use(ctx context.Context, c *sql.Conn, db, schema string) error {
	return h.place.moveTo(ctx, c, db, schema)
}

// forget says the pinned connection may be anywhere: after a failure, DDL,
// or statements use does not see. h.mu must be held.
func (h *connHolder) forget() { h.place = connPlace{} }

// release rolls back an open transaction if asked, returns the connection and
// frees the held table locks.
func (h *connHolder) release(s *Server, rollback bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.c != nil {
		if rollback && h.inTxn {
			_, _ = h.c.ExecContext(context.Background(), "ROLLBACK")
		}
		_ = h.c.Close()
		h.c = nil
	}
	h.inTxn, h.log = false, nil
	h.released = true
	for _, t := range h.locks {
		s.locks.unlock(t)
	}
	h.locks = nil
}

// holds reports whether h holds the table lock named lock.
func (h *connHolder) holds(lock string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Contains(h.locks, lock)
}

func (h *connHolder) inTxnLocked() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.inTxn
}

// runTxn emulates BEGIN/COMMIT/ROLLBACK. Inside a multi-statement request they
// run on its pinned connection; on their own they pin a connection to the
// session until COMMIT or ROLLBACK, so the statements in between share one
// DuckDB transaction and UPDATE/DELETE/MERGE locks are held until the end.
func (s *Server) runTxn(ctx context.Context, sess *session, p *stmt, h *connHolder) (*result, *sqlError) {
	verb := strings.ToUpper(p.Verb)
	begin := verb == "BEGIN" || verb == "START"
	rollback := verb == "ROLLBACK"
	if h == nil {
		s.mu.Lock()
		txn := sess.txn
		if begin && txn == nil {
			txn = &connHolder{}
			sess.txn = txn
		}
		if !begin {
			sess.txn = nil
		}
		s.mu.Unlock()
		if txn == nil { // COMMIT/ROLLBACK with no transaction: Snowflake accepts it.
			return s.statusResult(sess, p.Message, stmtTypeTxn), nil
		}
		h = txn
		if !begin {
			defer h.release(s, false)
		}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	c, err := h.get(ctx, s.eng)
	if err != nil {
		return nil, duckError(err)
	}
	switch {
	case begin && !h.inTxn:
		gen := s.eng.writes.now() // before DuckDB's transaction sees anything
		if _, err := c.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
			return nil, duckError(err)
		}
		h.inTxn, h.log = true, &txnLog{gen: gen}
	case !begin && h.inTxn:
		err := s.endTxn(ctx, h, c, rollback)
		h.inTxn, h.log = false, nil
		for _, t := range h.locks {
			s.locks.unlock(t)
		}
		h.locks = nil
		if err != nil {
			return nil, err
		}
	}
	return s.statusResult(sess, p.Message, stmtTypeTxn), nil
}

// endTxn commits or rolls back h's DuckDB transaction on c. A COMMIT
// first makes sure the transaction still has its work: DuckDB's COMMIT of
// an aborted transaction rolls back and says nothing, so an aborted one is
// replayed first (txn_replay.go), and a lost one is rolled back and the
// COMMIT fails. h.mu must be held; the transaction ends either way.
func (s *Server) endTxn(ctx context.Context, h *connHolder, c *sql.Conn, rollback bool) *sqlError {
	if !rollback && h.log != nil && h.log.lostErr == nil && txnAborted(ctx, c) {
		s.replayTxn(s.ctx, h, c)
	}
	if lost := h.lost(); lost != nil || rollback {
		_, err := c.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		switch {
		case !rollback:
			return lost // a lost transaction does not commit
		case err != nil && lost == nil:
			return duckError(err)
		}
		return nil
	}
	defer s.eng.writes.writing(h.log.targets())()
	if _, err := c.ExecContext(ctx, "COMMIT"); err != nil {
		_, _ = c.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return duckError(err)
	}
	return nil
}
