package sftest

import (
	"fmt"
	"strconv"
	"strings"
)

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
	st.names = sess.names()
	st.tag = sess.params["QUERY_TAG"]
	st.format = resultFormat(sess.clientApp, sess.params, req.Parameters)
	if tag, ok := req.Parameters["QUERY_TAG"].(string); ok && tag != "" {
		st.tag, st.tagSent = tag, true
	}
	st.sentCtx = req.QueryContext.sent()
	st.contextTS = sess.advanceContextLocked(st.submitted)
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
	if want == -1 && len(texts) > 1 && startsBlock(texts[0]) {
		// One statement was asked for: a block is parsed whole, and what
		// follows its END is the block's syntax error.
		texts = texts[:1]
	}
	if want == -1 && len(texts) > 1 {
		want = 1
	}
	if want > 0 && len(texts) != want && len(texts) > 0 {
		return nil, &sqlError{Code: "000008", SQLState: "0A000", Message: fmt.Sprintf(
			"Actual statement count %d did not match the desired statement count %d.", len(texts), want)}
	}
	binds, berr := bindArgs(req.Bindings)
	if berr == nil && req.BindStage != "" && len(binds) == 0 {
		binds, berr = s.stageBinds(sess, req.BindStage) // stage_binds.go
	}
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
		child := s.newChild(parent, sess, text)
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
