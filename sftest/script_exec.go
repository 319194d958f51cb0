package sftest

import (
	"context"
	"fmt"
	"strings"
)

// svar is a variable of a scope: a value, a RESULTSET, a CURSOR, a declared
// EXCEPTION or a FOR loop's record.
type svar struct {
	kind   int
	typ    string // declared SQL type ("" when inferred)
	val    sval
	rs     *rsState
	cur    *cursorState
	exc    *sDecl
	record map[string]sval
}

// rsState is a RESULTSET: the query ID of the statement that filled it and,
// for ASYNC, the child job still running.
type rsState struct {
	qid   string
	child *asyncChild
}

// cursorState is a CURSOR: its query (or the resultset it reads) and, once
// open, its rows and position.
type cursorState struct {
	query  sText
	rsName string
	qid    string // the statement whose rows the open cursor holds
	open   bool
	cols   []string
	rows   [][]sval
	pos    int
}

type scope struct {
	parent *scope
	vars   map[string]*svar
}

func newScope(parent *scope) *scope { return &scope{parent: parent, vars: map[string]*svar{}} }

func (sc *scope) lookup(name string) *svar {
	for ; sc != nil; sc = sc.parent {
		if v := sc.vars[name]; v != nil {
			return v
		}
	}
	return nil
}

// control-flow outcomes of a statement
const (
	cBreak = iota + 1
	cContinue
	cReturn
	cRaise
	cAbort // canceled, timed out or not runnable: no handler sees it
)

// ctrl is how a statement ends other than normally.
type ctrl struct {
	kind  int
	label string
	ret   *sval
	table string // RETURN TABLE: the query ID whose result is returned
	err   *scriptErr
	abort *sqlError
}

// scriptErr is a raised exception: STATEMENT_ERROR, EXPRESSION_ERROR or a
// declared exception's name, with Snowflake's code, state and message.
type scriptErr struct {
	typ, code, state, msg string
	off                   int
}

// scriptRun is one execution of a block (anonymous or a procedure's body).
type scriptRun struct {
	s      *Server
	sess   *session
	owner  *statement // the block's or CALL's statement: children are recorded under it
	ctx    context.Context
	src    string
	h      *connHolder
	prevID string

	rowCount *int64 // SQLROWCOUNT; nil is NULL
	activity int64  // ACTIVITY_COUNT: rows of the last DML statement or query
	lastID   string // SQLID
	handling []*scriptErr
	async    *asyncSet
}

func (x *scriptRun) env() *rewriteEnv { return x.s.env(x.sess, x.prevID) }

func (x *scriptRun) position(off int) (int, int) { return lineAndPosition(x.src, off) }

// canceled is the abort of a run whose block was canceled (or timed out),
// nil while it goes on: nothing handles a cancel.
func (x *scriptRun) canceled() *ctrl {
	if x.ctx.Err() != nil {
		return &ctrl{kind: cAbort, abort: errCanceled}
	}
	return nil
}

// raise ends the current statement with an exception.
func raise(typ string, se *sqlError, off int) *ctrl {
	return &ctrl{kind: cRaise, err: &scriptErr{typ: typ, code: se.Code, state: se.SQLState, msg: se.Message, off: off}}
}

// fail ends the statement with an error from a statement or an expression:
// a cancel of the block aborts it; anything else (a child canceled on its
// own included) is an exception of typ.
func (x *scriptRun) fail(typ string, se *sqlError, off int) *ctrl {
	if c := x.canceled(); c != nil {
		return c
	}
	if typ == "EXPRESSION_ERROR" && (se.Code == "001003" || se.Code == "000904") {
		// An expression that does not compile fails the block as Snowflake's
		// compilation of it would; a statement's failure, even a
		// compilation error (EXECUTE IMMEDIATE of a bad text), is an
		// exception handlers see.
		return &ctrl{kind: cAbort, abort: se}
	}
	return raise(typ, se, off)
}

// uncaught words an exception no handler caught, as Snowflake does.
func (x *scriptRun) uncaught(e *scriptErr) *sqlError {
	line, pos := x.position(e.off)
	msg := fmt.Sprintf("Uncaught exception of type '%s' on line %d at position %d", e.typ, line, pos)
	if e.msg != "" {
		msg += " : " + e.msg
	}
	return &sqlError{Code: e.code, SQLState: e.state, Message: msg}
}

// block runs DECLARE ... BEGIN ... EXCEPTION ... END in a new scope.
func (x *scriptRun) block(b *sBlock, parent *scope) *ctrl {
	sc := newScope(parent)
	for _, d := range b.decls {
		if c := x.declare(d, sc); c != nil {
			return c
		}
	}
	for _, n := range b.body {
		if c := x.canceled(); c != nil {
			return c
		}
		c := x.stmt(n, sc)
		if c == nil {
			continue
		}
		h := handlerFor(b.handlers, c)
		if h == nil {
			return c
		}
		x.handling = append(x.handling, c.err)
		hc := x.exec(h.body, newScope(sc))
		x.handling = x.handling[:len(x.handling)-1]
		if hc != nil || !h.cont {
			return hc
		}
		// CONTINUE: on with the statement after the one that raised.
	}
	return nil
}

// handlerFor is the first handler of an exception, nil when c is not one
// or no handler names it.
func handlerFor(handlers []*sHandler, c *ctrl) *sHandler {
	if c.kind != cRaise {
		return nil
	}
	for _, h := range handlers {
		for _, n := range h.names {
			if n == c.err.typ || n == "OTHER" {
				return h
			}
		}
	}
	return nil
}

// exec runs statements in order until one ends otherwise than normally.
func (x *scriptRun) exec(nodes []sNode, sc *scope) *ctrl {
	for _, n := range nodes {
		if c := x.canceled(); c != nil {
			return c
		}
		if c := x.stmt(n, sc); c != nil {
			return c
		}
	}
	return nil
}

func (x *scriptRun) stmt(n sNode, sc *scope) *ctrl {
	switch n := n.(type) {
	case *sBlock:
		return x.block(n, sc)
	case *sLet:
		return x.declare(n.sDecl, sc)
	case *sAssign:
		return x.assign(n, sc)
	case *sSQL:
		return x.sqlStmt(n, sc)
	case *sIf:
		for i, cond := range n.conds {
			v, c := x.eval(cond, "", sc)
			if c != nil {
				return c
			}
			if v.truth() {
				return x.exec(n.bodies[i], newScope(sc))
			}
		}
		return x.exec(n.els, newScope(sc))
	case *sCase:
		return x.caseStmt(n, sc)
	case *sLoop:
		return x.loop(n, sc)
	case *sBreak:
		if n.cont {
			return &ctrl{kind: cContinue, label: n.label}
		}
		return &ctrl{kind: cBreak, label: n.label}
	case *sReturn:
		return x.ret(n, sc)
	case *sRaise:
		return x.raiseStmt(n, sc)
	case *sOpen:
		return x.open(n, sc)
	case *sFetch:
		return x.fetch(n, sc)
	case *sClose:
		if cur, c := x.cursor(n.cursor, n.off, sc); c != nil {
			return c
		} else {
			cur.open, cur.rows = false, nil
		}
		return nil
	case *sAsync:
		_, c := x.startAsync(n.sql, sc)
		return c
	case *sAwait:
		return x.await(n, sc)
	case *sCancel:
		return x.cancelAsync(n, sc)
	case *sNullStmt:
		return nil
	}
	return &ctrl{kind: cAbort, abort: unsupported(fmt.Sprintf("scripting statement %T", n))}
}

// undefined is Snowflake's error for a name that is not a variable.
func (x *scriptRun) undefined(name string, off int) *ctrl {
	line, pos := x.position(off)
	return &ctrl{kind: cAbort, abort: compilation("000904", "42000", "error line "+itoa(int64(line))+" at position "+itoa(int64(pos)), "invalid identifier '"+name+"'")}
}

// declare adds a declaration (DECLARE section or LET) to sc.
func (x *scriptRun) declare(d *sDecl, sc *scope) *ctrl {
	v := &svar{kind: d.kind, typ: d.typ, val: sNull}
	switch d.kind {
	case declVar:
		if d.def != nil {
			val, c := x.eval(*d.def, d.typ, sc)
			if c != nil {
				return c
			}
			v.val = val
		}
	case declResultset:
		v.rs = &rsState{}
		if d.def != nil {
			if c := x.fillResultset(v, *d.def, d.async, sc); c != nil {
				return c
			}
		}
	case declCursor:
		v.cur = &cursorState{query: *d.def}
		if code := codeOnly(tokenize(d.def.text)); len(code) == 1 && (code[0].kind == tkWord || code[0].kind == tkQuoted) {
			v.cur.rsName = identName(code[0])
		}
	case declException:
		v.exc = d
	}
	sc.vars[d.name] = v
	return nil
}

func (x *scriptRun) assign(n *sAssign, sc *scope) *ctrl {
	v := sc.lookup(n.name)
	if v == nil {
		return x.undefined(n.name, n.off)
	}
	if v.kind == declResultset {
		expr := n.expr
		async := false
		if code := codeOnly(tokenize(expr.text)); len(code) > 0 && code[0].isWord("ASYNC") {
			async = true
			expr.text = strings.TrimSpace(expr.text[len(code[0].text):])
		}
		return x.fillResultset(v, expr, async, sc)
	}
	if v.kind != declVar {
		return x.undefined(n.name, n.off)
	}
	val, c := x.eval(n.expr, v.typ, sc)
	if c != nil {
		return c
	}
	v.val = val
	return nil
}

// fillResultset runs a RESULTSET's query, (query) or ASYNC (query).
func (x *scriptRun) fillResultset(v *svar, def sText, async bool, sc *scope) *ctrl {
	q := unparen(def)
	if async {
		ch, c := x.startAsync(q, sc)
		if c != nil {
			return c
		}
		v.rs = &rsState{qid: ch.st.id, child: ch}
		return nil
	}
	_, child, c := x.runSQL(q, sc)
	if c != nil {
		return c
	}
	v.rs = &rsState{qid: child.id}
	return nil
}

// unparen strips one pair of parentheses around the whole text.
func unparen(t sText) sText {
	toks := tokenize(t.text)
	first := nextCode(toks, 0)
	last := prevCode(toks, len(toks))
	if first < len(toks) && last > first && toks[first].is("(") && closeParen(toks, first) == last {
		lead := len(joinTokens(toks[:first+1]))
		return sText{text: joinTokens(toks[first+1 : last]), off: t.off + lead}
	}
	return t
}

func (x *scriptRun) sqlStmt(n *sSQL, sc *scope) *ctrl {
	res, child, c := x.runSQL(n.sql, sc)
	if c != nil {
		return c
	}
	if len(n.into) == 0 {
		return nil
	}
	cols, rows, se := x.resultValues(child.id, res)
	if se != nil {
		return x.fail("STATEMENT_ERROR", se, n.off)
	}
	if len(rows) == 0 {
		return nil
	}
	for i, name := range n.into {
		v := sc.lookup(name)
		if v == nil || v.kind != declVar {
			return x.undefined(name, n.off)
		}
		if i < len(cols) {
			v.val = rows[0][i]
		}
	}
	return nil
}
