package sftest

import (
	"strconv"
	"strings"
)

// The control-flow statements of a block: CASE, the loops, RETURN, RAISE.

func (x *scriptRun) caseStmt(n *sCase, sc *scope) *ctrl {
	for i, w := range n.whens {
		cond := w
		if n.subject != nil {
			cond = sText{text: "(" + n.subject.text + ") = (" + w.text + ")", off: w.off}
		}
		v, c := x.eval(cond, "", sc)
		if c != nil {
			return c
		}
		if v.truth() {
			return x.exec(n.bodies[i], newScope(sc))
		}
	}
	if !n.hasElse {
		return nil
	}
	return x.exec(n.els, newScope(sc))
}

// loop runs FOR, WHILE, REPEAT and LOOP; BREAK/CONTINUE without a label or
// with this loop's label end or continue it.
func (x *scriptRun) loop(n *sLoop, sc *scope) *ctrl {
	inner := newScope(sc)
	var from, to, step int64 = 0, 0, 1
	var rows [][]sval
	var cols []string
	switch n.kind {
	case "FOR":
		f, c := x.evalInt(n.from, sc)
		if c != nil {
			return c
		}
		t, c := x.evalInt(n.to, sc)
		if c != nil {
			return c
		}
		from, to = f, t
		if n.reverse {
			from, to, step = t, f, -1
		}
	case "FORCURSOR":
		var c *ctrl
		if cols, rows, c = x.loopRows(n, sc); c != nil {
			return c
		}
	}
	for i := 0; ; i++ {
		if c := x.canceled(); c != nil {
			return c
		}
		switch n.kind {
		case "FOR":
			k := from + int64(i)*step
			if step > 0 && k > to || step < 0 && k < to {
				return nil
			}
			inner.vars[n.counter] = &svar{kind: declVar, val: sInt(k)}
		case "FORCURSOR":
			if i >= len(rows) {
				return nil
			}
			rec := map[string]sval{}
			for j, col := range cols {
				rec[strings.ToUpper(col)] = rows[i][j]
			}
			inner.vars[n.counter] = &svar{kind: declVar, val: sNull, record: rec}
		case "WHILE":
			v, c := x.eval(n.cond, "", inner)
			if c != nil {
				return c
			}
			if !v.truth() {
				return nil
			}
		}
		c := x.exec(n.body, newScope(inner))
		if c != nil {
			mine := c.label == "" || c.label == n.label
			switch {
			case c.kind == cBreak && mine:
				return nil
			case c.kind == cContinue && mine:
			default:
				return c
			}
		}
		if n.kind == "REPEAT" {
			v, c := x.eval(n.cond, "", inner)
			if c != nil {
				return c
			}
			if v.truth() {
				return nil
			}
		}
	}
}

func (x *scriptRun) evalInt(e sText, sc *scope) (int64, *ctrl) {
	v, c := x.eval(e, "BIGINT", sc)
	if c != nil {
		return 0, c
	}
	n, err := strconv.ParseInt(v.text, 10, 64)
	if err != nil || v.null {
		return 0, raise("EXPRESSION_ERROR", &sqlError{Code: "100038", SQLState: "22018", Message: "Numeric value '" + v.display() + "' is not recognized"}, e.off)
	}
	return n, nil
}

func (x *scriptRun) ret(n *sReturn, sc *scope) *ctrl {
	if n.table != nil {
		code := codeOnly(tokenize(n.table.text))
		name := identName(code[0])
		if name == "RESULTSET_FROM_CURSOR" && len(code) == 4 && code[1].is("(") && code[3].is(")") {
			cur, c := x.cursor(identName(code[2]), n.table.off, sc)
			if c != nil {
				return c
			}
			if !cur.open {
				return x.fail("STATEMENT_ERROR", &sqlError{Code: "002003", SQLState: "02000", Message: "Cursor '" + identName(code[2]) + "' is not open."}, n.off)
			}
			return &ctrl{kind: cReturn, table: cur.qid}
		}
		v := sc.lookup(name)
		if v == nil || v.kind != declResultset || v.rs.qid == "" {
			return x.undefined(name, n.table.off)
		}
		if v.rs.child != nil {
			if c := x.awaitChild(v.rs.child); c != nil {
				return c
			}
		}
		return &ctrl{kind: cReturn, table: v.rs.qid}
	}
	val := sNull
	if n.expr != nil {
		var c *ctrl
		if val, c = x.eval(*n.expr, "", sc); c != nil {
			return c
		}
	}
	return &ctrl{kind: cReturn, ret: &val}
}

func (x *scriptRun) raiseStmt(n *sRaise, sc *scope) *ctrl {
	if n.name == "" {
		if len(x.handling) == 0 {
			return &ctrl{kind: cAbort, abort: compileError("RAISE without an exception outside an exception handler")}
		}
		return &ctrl{kind: cRaise, err: x.handling[len(x.handling)-1]}
	}
	v := sc.lookup(n.name)
	if v == nil || v.kind != declException {
		return x.undefined(n.name, n.off)
	}
	return &ctrl{kind: cRaise, err: &scriptErr{typ: n.name, code: strconv.FormatInt(v.exc.excNum, 10), state: "P0001", msg: v.exc.excMsg, off: n.off}}
}
