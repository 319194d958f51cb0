package sftest

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// env is what the SQL front end may read about the server for one statement.
func (s *Server) env(sess *session, prevID string) *rewriteEnv {
	st := s.stateOf(sess)
	return &rewriteEnv{
		Database:    st.database,
		Schema:      st.schema,
		LastQueryID: prevID,
		History:     true,
		SessionID:   sess.id,
		Params:      st.params,
		Vars:        s.variablesOf(sess),
		ResultTable: s.resultTable,
		Warehouse:   st.warehouse,
		Role:        st.role,
		Client:      sess.client(),
	}
}

// runOne parses and runs one statement (a single request or a child). h, when
// not nil, is the connection pinned by a multi-statement parent.
func (s *Server) runOne(st *statement, sess *session, text string, binds []any, prevID string, h *connHolder) (*result, *sqlError) {
	text, binds, ierr := bindIdentifiers(text, binds)
	if ierr != nil {
		return nil, ierr
	}
	if res, err, ok := s.runScripting(st, sess, text, binds, prevID, h); ok {
		return res, err
	}
	if res, err, ok := s.runStageStatement(st, sess, text); ok {
		return res, err
	}
	p, perr := parseStatement(text, s.env(sess, prevID))
	if perr != nil {
		var se *sqlError
		if errors.As(perr, &se) {
			return nil, se
		}
		return nil, &sqlError{Code: "001003", SQLState: "42000", Message: "SQL compilation error: " + perr.Error()}
	}
	ctx := st.ctx
	s.noteChildNames(st, sess)
	switch p.Kind {
	case kindUse:
		st.setStatus(StatusRunning)
		if err := s.applyUse(ctx, sess, p.UseKind, p.UseName); err != nil {
			return nil, err
		}
		return s.statusResult(sess, p.Message, stmtTypeSession), nil
	case kindSession:
		st.setStatus(StatusRunning)
		s.mu.Lock()
		for k, v := range p.SessionParams {
			if v == "" {
				delete(sess.params, k)
				if k == "TIMEZONE" {
					sess.params[k] = "UTC"
				}
			} else {
				sess.params[k] = v
			}
		}
		s.mu.Unlock()
		return s.statusResult(sess, p.Message, stmtTypeSession), nil
	case kindCancel:
		st.setStatus(StatusRunning)
		return s.cancelQuery(p)
	case kindVariables:
		if p.Vars.unset {
			st.setStatus(StatusRunning)
			if err := s.unsetVariables(sess, p.Vars.names); err != nil {
				return nil, err
			}
			return s.statusResult(sess, p.Message, stmtTypeSession), nil
		}
	case kindTxn:
		st.setStatus(StatusRunning)
		return s.runTxn(ctx, sess, p, h)
	case kindWait:
		release, err := s.admit(st, "")
		if err != nil {
			return nil, err
		}
		defer release()
		if err := s.sleep(ctx, p.WaitFor); err != nil {
			return nil, err
		}
		col := "SYSTEM$WAIT"
		if len(p.Columns) > 0 {
			col = p.Columns[0]
		}
		return textResult(col, p.WaitText, stmtTypeSelect), nil
	}
	if err := checkArrayBinds(p, binds); err != nil {
		return nil, err
	}
	return s.runDuck(st, sess, p, text, binds, h)
}

// admit takes the statement's table lock (BLOCKED while waiting) and then a
// warehouse slot (QUEUED while waiting), and marks it RUNNING. release frees
// both; a lock taken inside a session transaction stays with the transaction.
func (s *Server) admit(st *statement, lockTable string) (release func(), err *sqlError) {
	ctx := st.ctx
	locked := false
	if lockTable != "" {
		if !s.locks.tryLock(lockTable) {
			st.setStatus(StatusBlocked)
			if e := s.locks.lock(ctx, lockTable); e != nil {
				return nil, errCanceled
			}
			st.setStatus(StatusQueued)
		}
		locked = true
	}
	if !s.wh.tryAcquire() {
		st.setStatus(StatusQueued)
		if e := s.wh.acquire(ctx); e != nil {
			if locked {
				s.locks.unlock(lockTable)
			}
			return nil, errCanceled
		}
	}
	// select picks at random among ready cases: a slot may have been taken
	// although ctx had already ended (cancel, logout abort, server Close).
	// On Close the server's context ends before its statements' contexts
	// do, one by one: a slot freed by one that ended first must not go to
	// one whose context has not ended yet.
	if ctx.Err() != nil || s.ctx.Err() != nil || !st.setStatus(StatusRunning) {
		// Canceled between acquiring and starting.
		s.wh.release()
		if locked {
			s.locks.unlock(lockTable)
		}
		return nil, errCanceled
	}
	return func() {
		s.wh.release()
		if locked {
			s.locks.unlock(lockTable)
		}
	}, nil
}

// sleep waits d unless ctx ends first (cancel).
func (s *Server) sleep(ctx context.Context, d time.Duration) *sqlError {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return errCanceled
	}
}

// runDuck runs a statement's DuckDB statements on one connection; text is
// the statement as the client sent it, for the words of its errors.
func (s *Server) runDuck(st *statement, sess *session, p *stmt, text string, binds []any, h *connHolder) (*result, *sqlError) {
	ok := false // set when the statement succeeded; a pooled connection is kept only then
	ctx := st.ctx
	if err := s.commitBeforeDDL(ctx, sess, p, h); err != nil {
		return nil, err
	}
	if p.Kind == kindDDL {
		// Tables may have come, gone or changed: read their columns again.
		defer s.eng.declared.invalidateFor(p.Text)
	}
	state := s.stateOf(sess)
	fail := func(err error) *sqlError {
		return s.stmtError(ctx, err, failedStmt{text: text, database: state.database, schema: state.schema})
	}
	lock := ""
	if p.LockTable != "" && (p.Kind == kindDML || p.Verb == "UPDATE" || p.Verb == "DELETE" || p.Verb == "MERGE") {
		lock = qualifyTable(p.LockTable, state.database, state.schema)
	}
	// Inside a session transaction the pinned connection and its locks are used.
	s.mu.Lock()
	txn := sess.txn
	s.mu.Unlock()
	if h == nil && txn != nil {
		h = txn
	}
	if h != nil && lock != "" {
		if h.holds(lock) {
			lock = ""
		} else if h.inTxnLocked() {
			// Take the lock for the transaction; it is released at COMMIT/ROLLBACK.
			if !s.locks.tryLock(lock) {
				st.setStatus(StatusBlocked)
				if e := s.locks.lock(ctx, lock); e != nil {
					return nil, errCanceled
				}
				st.setStatus(StatusQueued)
			}
			h.mu.Lock()
			if h.released {
				// The transaction ended while this statement was BLOCKED.
				h.mu.Unlock()
				s.locks.unlock(lock)
				return nil, errTxnEnded
			}
			h.locks = append(h.locks, lock)
			h.mu.Unlock()
			lock = ""
		}
	}
	release, aerr := s.admit(st, lock)
	if aerr != nil {
		return nil, aerr
	}
	defer release()
	began := time.Now()

	var conn *sql.Conn
	if h != nil {
		h.mu.Lock()
		defer h.mu.Unlock()
		c, err := h.get(ctx, s.eng)
		if err != nil {
			return nil, duckError(err)
		}
		// Like a pooled connection, the pinned one skips the USE when it is
		// already there; a failure or DDL leaves where it is unknown.
		defer func() {
			if !ok || p.Kind == kindDDL {
				h.forget()
			}
		}()
		if err := h.lost(); err != nil {
			return nil, err
		}
		defer func() { s.afterTxnFailure(h, c, p, ok) }() // before forget: LIFO
		if err := h.use(ctx, c, state.database, state.schema); err != nil {
			return nil, fail(err)
		}
		conn = c
	} else {
		pc, err := s.eng.borrow(ctx, state.database, state.schema)
		if err != nil {
			return nil, fail(err)
		}
		clean := false
		defer func() { s.eng.giveBack(pc, clean) }()
		defer func() { clean = ok && p.Kind != kindDDL }()
		conn = pc.c
	}
	inTxn := h != nil && h.inTxn
	if !inTxn && mayWrite(p) {
		defer s.eng.writes.writing(writeTargets(p, state))() // a replay must know others wrote (txn_writes.go)
	}
	res, existsMsg, err := s.duckWork(ctx, conn, duckRun{st: st, sess: sess, p: p, binds: binds, state: state, inTxn: inTxn})
	if err != nil {
		return nil, fail(err)
	}
	if inTxn {
		h.log.record(ctx, conn, p, binds, state)
	}
	if res == nil { // no DuckDB statement answered (CREATE WAREHOUSE, GRANT, ...)
		msg := p.Message
		if msg == "" {
			msg = msgOK
		}
		res = textResult("status", msg, stmtTypeDDL)
	}
	if existsMsg != "" {
		res = textResult("status", existsMsg, stmtTypeDDL)
	}
	if p.Kind == kindDDL && p.UseName != "" && (p.UseKind == "DATABASE" || p.UseKind == "SCHEMA" || p.UseKind == "WAREHOUSE") {
		s.setCurrent(sess, p.UseKind, p.UseName)
	}
	if p.MinRun > 0 {
		if err := s.sleep(ctx, p.MinRun-time.Since(began)); err != nil {
			return nil, err
		}
	}
	state = s.stateOf(sess)
	res.finalDB, res.finalSchema = state.database, state.schema
	ok = true
	return res, nil
}

// statusResult is a one-row status answer carrying the session's current names.
func (s *Server) statusResult(sess *session, msg string, typ int64) *result {
	if msg == "" {
		msg = "Statement executed successfully."
	}
	res := textResult("status", msg, typ)
	st := s.stateOf(sess)
	res.finalDB, res.finalSchema = st.database, st.schema
	return res
}
