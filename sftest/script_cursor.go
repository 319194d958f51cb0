package sftest

import "strings"

// cursor finds a declared cursor.
func (x *scriptRun) cursor(name string, off int, sc *scope) (*cursorState, *ctrl) {
	v := sc.lookup(name)
	if v == nil || v.kind != declCursor {
		return nil, x.undefined(name, off)
	}
	return v.cur, nil
}

// open runs a cursor's query (its ? placeholders bound from USING) or
// reads the resultset it was declared for.
func (x *scriptRun) open(n *sOpen, sc *scope) *ctrl {
	cur, c := x.cursor(n.cursor, n.off, sc)
	if c != nil {
		return c
	}
	var args []sval
	for _, e := range n.using {
		v, c := x.eval(e, "", sc)
		if c != nil {
			return c
		}
		args = append(args, v)
	}
	return x.openCursor(cur, args, n.off, sc)
}

func (x *scriptRun) openCursor(cur *cursorState, args []sval, off int, sc *scope) *ctrl {
	var qid string
	if cur.rsName != "" {
		v := sc.lookup(cur.rsName)
		if v == nil || v.kind != declResultset {
			return x.undefined(cur.rsName, off)
		}
		if v.rs.child != nil {
			if c := x.awaitChild(v.rs.child); c != nil {
				return c
			}
		}
		qid = v.rs.qid
	} else {
		q := cur.query
		q.text = bindPlaceholders(q.text, args)
		_, child, c := x.runSQL(q, sc)
		if c != nil {
			return c
		}
		qid = child.id
	}
	cols, rows, se := x.resultValues(qid, nil)
	if se != nil {
		return x.fail("STATEMENT_ERROR", se, off)
	}
	cur.cols, cur.rows, cur.pos, cur.open, cur.qid = cols, rows, 0, true, qid
	return nil
}

// bindPlaceholders replaces ? placeholders, in order, by literals.
func bindPlaceholders(text string, args []sval) string {
	if len(args) == 0 {
		return text
	}
	toks := tokenize(text)
	k := 0
	for i, t := range toks {
		if t.is("?") && k < len(args) {
			toks[i].text = args[k].literal()
			k++
		}
	}
	return joinTokens(toks)
}

func (x *scriptRun) fetch(n *sFetch, sc *scope) *ctrl {
	cur, c := x.cursor(n.cursor, n.off, sc)
	if c != nil {
		return c
	}
	if !cur.open {
		return x.fail("STATEMENT_ERROR", &sqlError{Code: "002003", SQLState: "02000", Message: "Cursor '" + n.cursor + "' is not open."}, n.off)
	}
	var row []sval
	if cur.pos < len(cur.rows) {
		row = cur.rows[cur.pos]
		cur.pos++
	}
	for i, name := range n.into {
		v := sc.lookup(name)
		if v == nil || v.kind != declVar {
			return x.undefined(name, n.off)
		}
		if row == nil || i >= len(row) {
			v.val = sNull
			continue
		}
		v.val = row[i]
	}
	return nil
}

// loopRows is what FOR rec IN cursor_or_resultset iterates: a cursor is
// opened for the loop (and closed after it).
func (x *scriptRun) loopRows(n *sLoop, sc *scope) ([]string, [][]sval, *ctrl) {
	v := sc.lookup(n.cursor)
	if v == nil {
		return nil, nil, x.undefined(n.cursor, n.off)
	}
	switch v.kind {
	case declCursor:
		if c := x.openCursor(v.cur, nil, n.off, sc); c != nil {
			return nil, nil, c
		}
		cols, rows := v.cur.cols, v.cur.rows
		v.cur.open, v.cur.rows = false, nil
		return upperAll(cols), rows, nil
	case declResultset:
		if v.rs.child != nil {
			if c := x.awaitChild(v.rs.child); c != nil {
				return nil, nil, c
			}
		}
		cols, rows, se := x.resultValues(v.rs.qid, nil)
		if se != nil {
			return nil, nil, x.fail("STATEMENT_ERROR", se, n.off)
		}
		return upperAll(cols), rows, nil
	}
	return nil, nil, x.undefined(n.cursor, n.off)
}

func upperAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = strings.ToUpper(v)
	}
	return out
}
