package sftest

import (
	"database/sql"
	"strings"
)

// newChild registers a statement run on behalf of parent (a multi-statement
// request, a block or a CALL): in the history with its own query ID and its
// parent's, and as the session's last statement. It is canceled with its
// parent.
func (s *Server) newChild(parent *statement, sess *session, text string) *statement {
	child := newStatement(parent.ctx, s.ids.next())
	child.sql, child.sessionID, child.isChild = text, parent.sessionID, true
	child.parentID = parent.id
	child.format = parent.format
	s.mu.Lock()
	child.names = sess.names()
	child.tag, child.tagSent = sess.params["QUERY_TAG"], parent.tagSent
	if parent.tagSent {
		child.tag = parent.tag
	}
	child.contextTS = sess.advanceContextLocked(child.submitted)
	s.stmts[child.id] = child
	s.history = append(s.history, child)
	sess.stmts = append(sess.stmts, child)
	sess.lastQueryID = child.id
	s.mu.Unlock()
	return child
}

// runSQL runs an SQL statement of the block, variables bound, as a child
// statement through the server's normal path, and sets SQLROWCOUNT, SQLFOUND,
// SQLNOTFOUND and SQLID. A failure is a STATEMENT_ERROR exception.
func (x *scriptRun) runSQL(q sText, sc *scope) (*result, *statement, *ctrl) {
	// EXECUTE IMMEDIATE ... USING (a, b) names variables without colons.
	kind, _ := scriptingKind(q.text)
	immediate := kind == scriptImmediate
	text := identifierNames(strings.TrimSpace(x.bind(q.text, immediate, sc)))
	child := x.s.newChild(x.owner, x.sess, text)
	res, err := x.s.runOne(child, x.sess, text, nil, x.prevID, x.h)
	child.finish(res, err)
	x.prevID, x.lastID = child.id, child.id
	if err != nil {
		return nil, child, x.fail("STATEMENT_ERROR", err, q.off)
	}
	x.rowCount = dmlCount(res)
	x.activity = activityCount(res)
	return res, child, nil
}

// dmlCount is the rows a DML statement affected, nil for other statements
// (Snowflake's global variables are NULL after a statement that is not DML).
// A DML result's produced rows are its count columns' sum (countsResult),
// so the count is read without decoding the result.
func dmlCount(res *result) *int64 {
	if res == nil || res.stmtType < stmtTypeInsert || res.stmtType >= stmtTypeSession {
		return nil
	}
	n := res.producedRows
	return &n
}

// activityCount is ACTIVITY_COUNT after a statement: the rows a DML
// statement affected or a query returned, 0 after anything else.
func activityCount(res *result) int64 {
	if n := dmlCount(res); n != nil {
		return *n
	}
	if res != nil && res.stmtType == stmtTypeSelect {
		return res.producedRows
	}
	return 0
}

// resultValues reads a finished statement's result as values: its column
// names and rows (through the result's RESULT_SCAN table).
func (x *scriptRun) resultValues(qid string, res *result) ([]string, [][]sval, *sqlError) {
	table, err := x.s.resultTable(qid)
	if err != nil {
		return nil, nil, asSQLError(err)
	}
	if res == nil {
		st := x.s.lookupStatement(qid)
		res, _, _ = st.outcome()
	}
	cols := make([]string, len(res.rowType))
	var sel []string
	for i, rt := range res.rowType {
		cols[i] = rt.Name
		c := quoteIdent(rt.Name)
		sel = append(sel, "CAST("+c+" AS VARCHAR)", "typeof("+c+")")
	}
	if len(cols) == 0 {
		return nil, nil, nil
	}
	var rows [][]sval
	qerr := func() error {
		conn, err := x.s.eng.db.Conn(x.ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		r, err := conn.QueryContext(x.ctx, "SELECT "+strings.Join(sel, ", ")+" FROM "+table)
		if err != nil {
			return err
		}
		defer r.Close()
		for r.Next() {
			texts := make([]sql.NullString, 2*len(cols))
			ptrs := make([]any, len(texts))
			for i := range texts {
				ptrs[i] = &texts[i]
			}
			if err := r.Scan(ptrs...); err != nil {
				return err
			}
			row := make([]sval, len(cols))
			for i := range cols {
				row[i] = sval{text: texts[2*i].String, null: !texts[2*i].Valid, typ: strings.ToUpper(texts[2*i+1].String)}
			}
			rows = append(rows, row)
		}
		return r.Err()
	}()
	if qerr != nil {
		return nil, nil, x.s.stmtError(x.ctx, qerr, failedStmt{text: "RESULT_SCAN('" + qid + "')"})
	}
	return cols, rows, nil
}

// identifierNames writes IDENTIFIER('<name>') (what IDENTIFIER(:var)
// becomes once bound) as the name itself.
func identifierNames(text string) string {
	if !containsFold(text, "IDENTIFIER") {
		return text
	}
	toks := tokenize(text)
	for i := range toks {
		if !toks[i].isWord("IDENTIFIER") {
			continue
		}
		open, oi := codeAt(toks, i+1)
		arg, ai := codeAt(toks, oi+1)
		cl, ci := codeAt(toks, ai+1)
		name, ok := stringValue(arg)
		if !open.is("(") || !ok || !cl.is(")") || name == "" {
			continue
		}
		toks[i].text = name
		for k := i + 1; k <= ci; k++ {
			toks[k].text = ""
		}
	}
	return joinTokens(toks)
}
