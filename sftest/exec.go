package sftest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// connHolder pins one DuckDB connection across statements: the children of a
// multi-statement request, or a session's explicit transaction. mu serializes
// use of the connection; locks are table locks kept until release (a
// transaction holds its UPDATE/DELETE/MERGE locks until COMMIT or ROLLBACK).
type connHolder struct {
	mu       sync.Mutex
	c        *sql.Conn
	inTxn    bool
	locks    []string
	released bool // set by release; the holder must not borrow or lock again
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
		h.c = c
	}
	return h.c, nil
}

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
	h.inTxn = false
	h.released = true
	for _, t := range h.locks {
		s.locks.unlock(t)
	}
	h.locks = nil
}

// submit registers a new statement for sess and starts it. The statement is
// in the history, findable by ID and by (session, requestID) before submit
// returns. A requestID the session already used returns that statement and
// starts nothing: the lookup and the registration are one critical section,
// so concurrent retries of one request cannot both run it.
func (s *Server) submit(sess *session, req *queryRequest, requestID string) *statement {
	s.mu.Lock()
	if prev := sess.requests[requestID]; prev != nil && requestID != "" {
		s.mu.Unlock()
		return prev
	}
	st := newStatement(s.ctx, s.ids.next())
	st.sql = req.SQLText
	st.requestID = requestID
	st.sessionID = sess.id
	st.tag = sess.params["QUERY_TAG"]
	if tag, ok := req.Parameters["QUERY_TAG"].(string); ok && tag != "" {
		st.tag = tag
	}
	prevID := sess.lastQueryID
	sess.lastQueryID = st.id
	s.stmts[st.id] = st
	s.history = append(s.history, st)
	if requestID != "" {
		sess.requests[requestID] = st
	}
	sess.stmts = append(sess.stmts, st)
	s.mu.Unlock()

	run := func() {
		defer func() {
			if p := recover(); p != nil {
				s.cfg.logger.Error("sftest: statement panicked", "queryId", st.id, "panic", p)
				st.finish(nil, &sqlError{Code: "000603", SQLState: "XX000", Message: fmt.Sprintf("SQL execution internal error: %v", p)})
			}
		}()
		res, err := s.execute(st, sess, req, prevID)
		st.finish(res, err)
	}
	if !s.goTracked(run) {
		st.finish(nil, errServerClosed)
	}
	return st
}

// multiCount reads MULTI_STATEMENT_COUNT: -1 when absent.
func multiCount(p map[string]any) (int, error) {
	v, ok := p["MULTI_STATEMENT_COUNT"]
	if !ok || v == nil {
		return -1, nil
	}
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case fmt.Stringer:
		s = x.String()
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	default:
		s = fmt.Sprint(x)
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("invalid MULTI_STATEMENT_COUNT %q", s)
	}
	return n, nil
}

// execute runs a submitted statement to its result; single statements run
// directly, MULTI_STATEMENT_COUNT requests as a parent with children.
func (s *Server) execute(st *statement, sess *session, req *queryRequest, prevID string) (*result, *sqlError) {
	want, err := multiCount(req.Parameters)
	if err != nil {
		return nil, &sqlError{Code: "002135", SQLState: "22023", Message: err.Error()}
	}
	texts := splitStatements(req.SQLText)
	if want == -1 && len(texts) > 1 {
		want = 1
	}
	if want > 0 && len(texts) != want && len(texts) > 0 {
		return nil, &sqlError{Code: "000008", SQLState: "0A000", Message: fmt.Sprintf(
			"Actual statement count %d did not match the desired statement count %d.", len(texts), want)}
	}
	binds, berr := bindArgs(req.Bindings)
	if berr != nil {
		return nil, berr
	}
	if want == -1 || want == 1 || len(texts) == 0 {
		return s.runOne(st, sess, req.SQLText, binds, prevID, nil)
	}
	return s.runMulti(st, sess, texts, binds, prevID)
}

// runMulti runs children in order on one DuckDB connection. Each child is a
// statement of its own (history, fetch by ID); the first failure ends the
// parent with that error and the remaining children never start.
func (s *Server) runMulti(parent *statement, sess *session, texts []string, binds []any, prevID string) (*result, *sqlError) {
	parent.setStatus(StatusRunning)
	h := &connHolder{}
	defer h.release(s, true)
	var ids, types []string
	for _, text := range texts {
		child := newStatement(parent.ctx, s.ids.next())
		child.sql, child.sessionID, child.tag, child.isChild = text, parent.sessionID, parent.tag, true
		s.mu.Lock()
		s.stmts[child.id] = child
		s.history = append(s.history, child)
		sess.stmts = append(sess.stmts, child)
		sess.lastQueryID = child.id
		s.mu.Unlock()
		// Bind positions run on across the statements, as in Snowflake.
		n := min(countPlaceholders(text), len(binds))
		res, err := s.runOne(child, sess, text, binds[:n], prevID, h)
		binds = binds[n:]
		child.finish(res, err)
		prevID = child.id
		if err != nil {
			return nil, err
		}
		ids = append(ids, child.id)
		types = append(types, strconv.FormatInt(res.stmtType, 10))
	}
	res := textResult("multiple statement execution", "Multiple statements executed successfully.", stmtTypeMulti)
	res.resultIDs, res.resultTypes = strings.Join(ids, ","), strings.Join(types, ",")
	st := s.stateOf(sess)
	res.finalDB, res.finalSchema = st.database, st.schema
	return res, nil
}

// env is what the SQL front end may read about the server for one statement.
func (s *Server) env(sess *session, prevID string) *rewriteEnv {
	st := s.stateOf(sess)
	return &rewriteEnv{
		Database:    st.database,
		Schema:      st.schema,
		LastQueryID: prevID,
		History:     s.historyRows,
		SessionID:   sess.id,
		ResultTable: s.resultTable,
	}
}

// runOne parses and runs one statement (a single request or a child). h, when
// not nil, is the connection pinned by a multi-statement parent.
func (s *Server) runOne(st *statement, sess *session, text string, binds []any, prevID string, h *connHolder) (*result, *sqlError) {
	p, perr := parseStatement(text, s.env(sess, prevID))
	if perr != nil {
		var se *sqlError
		if errors.As(perr, &se) {
			return nil, se
		}
		return nil, &sqlError{Code: "001003", SQLState: "42000", Message: "SQL compilation error: " + perr.Error()}
	}
	ctx := st.ctx
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
	return s.runDuck(st, sess, p, binds, h)
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
	if ctx.Err() != nil || !st.setStatus(StatusRunning) {
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

// runDuck runs a statement's DuckDB statements on one connection.
func (s *Server) runDuck(st *statement, sess *session, p *stmt, binds []any, h *connHolder) (*result, *sqlError) {
	ok := false // set when the statement succeeded; a pooled connection is kept only then
	ctx := st.ctx
	state := s.stateOf(sess)
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
		h.mu.Lock()
		held := false
		for _, l := range h.locks {
			held = held || l == lock
		}
		h.mu.Unlock()
		if held {
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
		if err := useOn(ctx, c, state.database, state.schema); err != nil {
			return nil, s.ctxError(ctx, err)
		}
		conn = c
	} else {
		pc, err := s.eng.borrow(ctx, state.database, state.schema)
		if err != nil {
			return nil, s.ctxError(ctx, err)
		}
		clean := false
		defer func() { s.eng.giveBack(pc, clean) }()
		defer func() { clean = ok && p.Kind != kindDDL }()
		conn = pc.c
	}
	loc := loadLocation(state.params["TIMEZONE"])
	var res *result
	for i, q := range p.Duck {
		last := i == len(p.Duck)-1
		args := []any(nil)
		if last {
			args = binds
		}
		switch {
		case !last:
			if _, err := conn.ExecContext(ctx, q); err != nil {
				return nil, s.ctxError(ctx, err)
			}
		case p.Kind == kindQuery:
			rows, err := conn.QueryContext(ctx, q, args...)
			if err != nil {
				return nil, s.ctxError(ctx, err)
			}
			r, err := readRows(rows, p.Text, loc, tzColumns(p.Text))
			_ = rows.Close()
			if err != nil {
				return nil, s.ctxError(ctx, err)
			}
			res = r
		case p.Kind == kindDML:
			sr, err := conn.ExecContext(ctx, q, args...)
			if err != nil {
				return nil, s.ctxError(ctx, err)
			}
			n, _ := sr.RowsAffected()
			res = dmlResult(p.Verb, n)
		default:
			if _, err := conn.ExecContext(ctx, q, args...); err != nil {
				return nil, s.ctxError(ctx, err)
			}
			msg := p.Message
			if msg == "" {
				msg = "Statement executed successfully."
			}
			res = textResult("status", msg, stmtTypeDDL)
		}
	}
	if res == nil {
		res = textResult("status", "Statement executed successfully.", stmtTypeDDL)
	}
	if p.Kind == kindDDL && p.UseName != "" && (p.UseKind == "DATABASE" || p.UseKind == "SCHEMA") {
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

func (h *connHolder) inTxnLocked() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.inTxn
}

// ctxError maps a DuckDB error, treating any error after cancellation as the cancel.
func (s *Server) ctxError(ctx context.Context, err error) *sqlError {
	if ctx.Err() != nil {
		return errCanceled
	}
	return duckError(err)
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

// setCurrent makes a database (schema PUBLIC) or schema current in sess.
func (s *Server) setCurrent(sess *session, kind, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch kind {
	case "DATABASE":
		sess.database, sess.schema = name, "PUBLIC"
	case "SCHEMA":
		if db, sc, ok := strings.Cut(name, "."); ok {
			sess.database, sess.schema = db, sc
		} else {
			sess.schema = name
		}
	}
}

var errNoObject = func(kind, name string) *sqlError {
	return &sqlError{Code: "002043", SQLState: "02000", Message: fmt.Sprintf(
		"SQL compilation error:\nObject does not exist, or operation cannot be performed. (%s %s)", kind, name)}
}

// applyUse runs USE DATABASE/SCHEMA/WAREHOUSE/ROLE against the session.
func (s *Server) applyUse(ctx context.Context, sess *session, kind, name string) *sqlError {
	switch kind {
	case "DATABASE":
		ok, err := s.eng.databaseExists(ctx, name)
		if err != nil {
			return duckError(err)
		}
		if !ok {
			return errNoObject("database", name)
		}
	case "SCHEMA":
		st := s.stateOf(sess)
		db, sc, qualified := strings.Cut(name, ".")
		if !qualified {
			db, sc = st.database, name
		}
		ok, err := s.eng.schemaExists(ctx, db, sc)
		if err != nil {
			return duckError(err)
		}
		if !ok {
			return errNoObject("schema", db+"."+sc)
		}
		name = db + "." + sc
	case "WAREHOUSE":
		s.mu.Lock()
		sess.warehouse = name
		s.mu.Unlock()
		return nil
	case "ROLE":
		s.mu.Lock()
		sess.role = name
		s.mu.Unlock()
		return nil
	default:
		return nil
	}
	s.setCurrent(sess, kind, name)
	return nil
}

// cancelQuery runs SYSTEM$CANCEL_QUERY: it aborts the named statement (any
// session of the user) and answers Snowflake's row. Cancelling a statement
// that already ended answers the same row and changes nothing.
func (s *Server) cancelQuery(p *stmt) (*result, *sqlError) {
	target := s.lookupStatement(p.CancelID)
	if target == nil {
		return nil, notFound(p.CancelID)
	}
	target.abort()
	col := "SYSTEM$CANCEL_QUERY('" + p.CancelID + "')"
	if len(p.Columns) > 0 {
		col = p.Columns[0]
	}
	return textResult(col, "query ["+p.CancelID+"] terminated.", stmtTypeSelect), nil
}

// notFound is the error for an unknown or malformed query ID.
func notFound(id string) *sqlError {
	return &sqlError{Code: "000709", SQLState: "02000", Message: fmt.Sprintf("Statement %s not found", id)}
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
		if _, err := c.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
			return nil, duckError(err)
		}
		h.inTxn = true
	case !begin && h.inTxn:
		q := "COMMIT"
		if rollback {
			q = "ROLLBACK"
		}
		if _, err := c.ExecContext(ctx, q); err != nil {
			return nil, duckError(err)
		}
		h.inTxn = false
		for _, t := range h.locks {
			s.locks.unlock(t)
		}
		h.locks = nil
	}
	return s.statusResult(sess, p.Message, stmtTypeTxn), nil
}

// loadLocation resolves a TIMEZONE parameter, falling back to UTC.
func loadLocation(name string) *time.Location {
	if name == "" {
		return time.UTC
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// tzColumns reports which TIMESTAMPTZ result columns to show as TIMESTAMP_TZ
// rather than TIMESTAMP_LTZ. DuckDB has one zone-aware type, so the statement
// text decides: when the select list can be split, the column whose item
// names TIMESTAMP_TZ is TIMESTAMP_TZ; otherwise a statement that names
// TIMESTAMP_TZ and not TIMESTAMP_LTZ makes every such column TIMESTAMP_TZ.
func tzColumns(text string) func(int) bool {
	isTZ := func(s string) bool {
		u := strings.ToUpper(s)
		return strings.Contains(u, "TIMESTAMP_TZ") || strings.Contains(u, "TO_TIMESTAMP_TZ")
	}
	isLTZ := func(s string) bool {
		u := strings.ToUpper(s)
		return strings.Contains(u, "TIMESTAMP_LTZ") || strings.Contains(u, "CURRENT_TIMESTAMP")
	}
	items := selectItems(text)
	whole := isTZ(text) && !isLTZ(text)
	return func(i int) bool {
		if items != nil {
			if i < len(items) {
				return isTZ(items[i])
			}
			return false
		}
		return whole
	}
}

// selectItems splits the select list of a plain "SELECT a, b, c FROM ..."
// at top-level commas; nil when the list holds a star or cannot be found.
func selectItems(text string) []string {
	t := strings.TrimSpace(text)
	if len(t) < 6 || !strings.EqualFold(t[:6], "SELECT") {
		return nil
	}
	t = t[6:]
	var items []string
	depth, start := 0, 0
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == '\'' || c == '"':
			j := strings.IndexByte(t[i+1:], c)
			if j < 0 {
				return nil
			}
			i += j + 1
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ',' && depth == 0:
			items = append(items, t[start:i])
			start = i + 1
		case depth == 0 && (c == 'f' || c == 'F') && i > 0 && isSpace(t[i-1]) &&
			len(t) >= i+5 && strings.EqualFold(t[i:i+4], "FROM") && (len(t) == i+4 || isSpace(t[i+4])):
			items = append(items, t[start:i])
			return starless(items)
		}
	}
	items = append(items, t[start:])
	return starless(items)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func starless(items []string) []string {
	for _, it := range items {
		if strings.Contains(it, "*") {
			return nil
		}
	}
	return items
}

// countPlaceholders counts ? placeholders outside quotes and comments.
func countPlaceholders(text string) int {
	n := 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '\'' || c == '"':
			j := strings.IndexByte(text[i+1:], c)
			if j < 0 {
				return n
			}
			i += j + 1
		case c == '-' && i+1 < len(text) && text[i+1] == '-':
			j := strings.IndexByte(text[i:], '\n')
			if j < 0 {
				return n
			}
			i += j
		case c == '/' && i+1 < len(text) && text[i+1] == '*':
			j := strings.Index(text[i+2:], "*/")
			if j < 0 {
				return n
			}
			i += j + 3
		case c == '?':
			n++
		}
	}
	return n
}
