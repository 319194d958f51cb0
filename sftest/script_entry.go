package sftest

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// runScripting runs the statements Snowflake Scripting and stored
// procedures add: a block (DECLARE/BEGIN ... END), EXECUTE IMMEDIATE, CALL
// of a procedure (WITH ... AS PROCEDURE ... CALL included), and
// CREATE/DROP/SHOW/DESCRIBE PROCEDURE. ok is false for
// any other statement, which runOne handles as before.
func (s *Server) runScripting(st *statement, sess *session, text string, binds []any, prevID string, h *connHolder) (res *result, err *sqlError, ok bool) {
	kind, code := scriptingKind(text)
	switch kind {
	case scriptBlock:
		res, err = s.runAnonymous(st, sess, text, prevID, h)
	case scriptImmediate:
		res, err = s.executeImmediate(st, sess, text, binds, prevID, h)
	case scriptCall:
		res, err = s.callProcedure(st, sess, text, binds, prevID, h)
	case scriptWithCall:
		res, err = s.withCall(st, sess, text, code, binds, prevID, h)
	case scriptProcDDL:
		res, err = s.procedureStatement(st, sess, text, code)
	default:
		return nil, nil, false
	}
	return res, err, true
}

// runAnonymous runs a block sent as a statement (or by EXECUTE IMMEDIATE):
// its result is one column named "anonymous block", or the columns of the
// resultset it returns as a TABLE.
func (s *Server) runAnonymous(st *statement, sess *session, src, prevID string, h *connHolder) (*result, *sqlError) {
	return s.runBlock(st, sess, src, prevID, h, blockCall{column: "anonymous block"})
}

// blockCall is what a block run needs besides its text: the result's column
// and type, and the variables set before it runs (a procedure's arguments).
type blockCall struct {
	column  string
	returns string // the RETURNS type a scalar result is cast to; "" keeps the value's type
	args    map[string]*svar
	// columns are the names a RETURNS TABLE (name type, ...) gives the
	// returned table's columns; nil keeps the query's.
	columns []string
}

// runBlock parses and runs a block as the work of owner. Each SQL statement
// in it is a child statement (own query ID, ParentID = owner). A cancel of
// owner aborts the block and what it runs; STATEMENT_TIMEOUT_IN_SECONDS ends
// a top-level block with Snowflake's 000630.
func (s *Server) runBlock(owner *statement, sess *session, src, prevID string, h *connHolder, call blockCall) (*result, *sqlError) {
	b, perr := parseScript(src)
	if perr != nil {
		return nil, perr
	}
	owner.setStatus(StatusRunning)
	if stop := s.statementTimeout(owner, sess); stop != nil {
		defer stop()
	}
	if h == nil {
		// Inside the session's open transaction the block's statements
		// are part of it, as in Snowflake.
		s.mu.Lock()
		h = sess.txn
		s.mu.Unlock()
	}
	if h == nil {
		h = &connHolder{}
		defer h.release(s, true)
	}
	x := &scriptRun{s: s, sess: sess, owner: owner, ctx: owner.ctx, src: src, h: h, prevID: prevID, async: &asyncSet{}}
	root := newScope(nil)
	for k, v := range call.args {
		root.vars[k] = v
	}
	c := x.block(b, root)
	x.cancelPending()
	if _, err, done := owner.outcome(); done && err != nil {
		return nil, err // timed out (or canceled) while running
	}
	if c != nil {
		switch c.kind {
		case cAbort:
			return nil, c.abort
		case cRaise:
			return nil, x.uncaught(c.err)
		case cReturn:
			if c.ret == nil {
				return s.tableResult(c.table, sess, call.columns)
			}
			return x.scalarResult(call, *c.ret)
		}
	}
	return x.scalarResult(call, sNull)
}

func (x *scriptRun) scalarResult(call blockCall, v sval) (*result, *sqlError) {
	var casts []string
	if call.returns != "" {
		casts = []string{call.returns}
	}
	return x.valuesResult([]string{call.column}, [][]sval{{v}}, casts)
}

// tableResult is RETURN TABLE(rs): the result of the statement that filled
// rs, its columns renamed to names when there are as many.
func (s *Server) tableResult(qid string, sess *session, names []string) (*result, *sqlError) {
	st := s.lookupStatement(qid)
	if st == nil {
		return nil, notFound(qid)
	}
	res, err, _ := st.outcome()
	if err != nil {
		return nil, err
	}
	if res == nil {
		return nil, notFound(qid)
	}
	out := *res
	out.stmtType = stmtTypeSelect
	if len(names) == len(out.rowType) {
		out.rowType = append([]rowType(nil), out.rowType...)
		for i, n := range names {
			out.rowType[i].Name = n
		}
	}
	state := s.stateOf(sess)
	out.finalDB, out.finalSchema = state.database, state.schema
	return &out, nil
}

// statementTimeout arms the session's STATEMENT_TIMEOUT_IN_SECONDS for a
// top-level statement: when it passes, the statement fails with 000630 and
// its work is interrupted. stop disarms it; nil when no timeout applies.
func (s *Server) statementTimeout(st *statement, sess *session) (stop func()) {
	if st.isChild {
		return nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(s.stateOf(sess).params["STATEMENT_TIMEOUT_IN_SECONDS"]))
	if err != nil || n <= 0 {
		return nil
	}
	t := time.AfterFunc(time.Duration(n)*time.Second, func() {
		st.finish(nil, &sqlError{Code: "000630", SQLState: "57014", Message: "Statement reached its statement or warehouse timeout of " +
			strconv.Itoa(n) + " second(s) and was canceled."})
	})
	return func() { t.Stop() }
}

// executeImmediate runs EXECUTE IMMEDIATE '<text>' | $$<text>$$ | ?
// [USING (value, ...)]: a block, or any one statement, whose ? and :n
// placeholders take the USING values in order.
func (s *Server) executeImmediate(st *statement, sess *session, text string, binds []any, prevID string, h *connHolder) (*result, *sqlError) {
	toks := tokenize(text)
	_, i := codeAt(toks, 0)
	_, i = codeAt(toks, i+1)
	arg, ai := codeAt(toks, i+1)
	var body string
	switch {
	case arg.kind == tkString:
		v, ok := stringValue(arg)
		if !ok {
			return nil, compileError("syntax error: unterminated string in EXECUTE IMMEDIATE")
		}
		body = v
	case arg.is("?") && len(binds) > 0:
		// The text itself bound by the client.
		body = fmt.Sprint(binds[0])
		binds = binds[1:]
	default:
		return nil, syntaxAt(text, arg, ai, toks)
	}
	if len(binds) > 0 {
		// The remaining client binds fill the ? of the USING list.
		vals := make([]string, len(binds))
		for k, b := range binds {
			vals[k] = anyLiteral(b)
		}
		rest := tokenize(fillPlaceholders(joinTokens(toks[ai+1:]), vals))
		toks = append(toks[:ai+1:ai+1], rest...)
	}
	var using []string
	next, ni := codeAt(toks, ai+1)
	if next.isWord("USING") {
		open, oi := codeAt(toks, ni+1)
		if !open.is("(") {
			return nil, syntaxAt(text, open, oi, toks)
		}
		cl := closeParen(toks, oi)
		if cl < 0 {
			return nil, syntaxAt(text, token{}, len(toks), toks)
		}
		for _, a := range splitArgs(toks, oi+1, cl) {
			using = append(using, "("+trimmed(a)+")")
		}
		next, ni = codeAt(toks, cl+1)
	}
	if next.is(";") {
		next, ni = codeAt(toks, ni+1)
	}
	if ni < len(toks) {
		return nil, syntaxAt(text, next, ni, toks)
	}
	// runOne hands a block in body back to runScripting itself.
	return s.runOne(st, sess, fillPlaceholders(body, using), nil, prevID, h)
}

// fillPlaceholders puts values, in order, in ? placeholders and :n ones.
func fillPlaceholders(text string, vals []string) string {
	if len(vals) == 0 {
		return text
	}
	toks := tokenize(text)
	k := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.is("?") && k < len(vals):
			toks[i].text = vals[k]
			k++
		case t.is(":") && i+1 < len(toks) && toks[i+1].kind == tkNumber:
			n, err := strconv.Atoi(toks[i+1].text)
			if err == nil && n >= 1 && n <= len(vals) {
				toks[i].text, toks[i+1].text = vals[n-1], ""
			}
		}
	}
	return joinTokens(toks)
}

// syntaxAt is the 001003 syntax error at token t (index i of toks).
func syntaxAt(text string, t token, i int, toks []token) *sqlError {
	off := len(joinTokens(toks[:min(i, len(toks))]))
	word := t.text
	if i >= len(toks) {
		word = "<EOF>"
	}
	return syntaxErrorAt(text, off, word)
}
