package sftest

import (
	"strings"
)

// builtinVar is the value of Snowflake Scripting's global variables.
func (x *scriptRun) builtinVar(name string) (sval, bool) {
	var cur *scriptErr
	if len(x.handling) > 0 {
		cur = x.handling[len(x.handling)-1]
	}
	switch name {
	case "SQLROWCOUNT":
		if x.rowCount == nil {
			return sNull, true
		}
		return sInt(*x.rowCount), true
	case "SQLFOUND", "SQLNOTFOUND":
		if x.rowCount == nil {
			return sval{null: true, typ: "BOOLEAN"}, true
		}
		return sBool((*x.rowCount > 0) == (name == "SQLFOUND")), true
	case "ACTIVITY_COUNT":
		return sInt(x.activity), true
	case "SQLID":
		if x.lastID == "" {
			return sNull, true
		}
		return sStr(x.lastID), true
	case "SQLCODE", "SQLERRM", "SQLSTATE":
		if cur == nil {
			return sNull, true
		}
		switch name {
		case "SQLCODE":
			code := strings.TrimLeft(cur.code, "0")
			if code == "" {
				code = "0"
			}
			return sval{text: code, typ: "BIGINT"}, true
		case "SQLERRM":
			return sStr(cur.msg), true
		}
		return sStr(cur.state), true
	}
	return sval{}, false
}

// bind replaces variable references in text by literals. :name (and
// :record.field) are replaced everywhere; with bare, so are unqualified
// names of variables outside function-call position and outside subqueries
// (expressions). A ':' right after a name, ')' or ']' is Snowflake's path
// operator, not a bind.
func (x *scriptRun) bind(text string, bare bool, sc *scope) string {
	toks := tokenize(text)
	if first, _ := codeAt(toks, 0); first.isWord("SELECT") || first.isWord("WITH") {
		bare = false
	}
	var b strings.Builder
	var parens []bool // per open parenthesis: whether it holds a subquery
	sub := 0          // how many of them do
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.is("("):
			n, _ := codeAt(toks, i+1)
			q := n.isWord("SELECT") || n.isWord("WITH")
			parens = append(parens, q)
			if q {
				sub++
			}
		case t.is(")") && len(parens) > 0:
			if parens[len(parens)-1] {
				sub--
			}
			parens = parens[:len(parens)-1]
		}
		bare := bare && sub == 0
		colon := t.is(":") && i+1 < len(toks) && (toks[i+1].kind == tkWord || toks[i+1].kind == tkQuoted)
		if colon && i > 0 {
			p := toks[i-1]
			if p.kind == tkWord || p.kind == tkQuoted || p.is(")") || p.is("]") || p.kind == tkNumber {
				colon = false
			}
		}
		if colon || bare && (t.kind == tkWord || t.kind == tkQuoted) && !afterDot(toks, i) && !afterDollar(toks, i) {
			j := i
			if colon {
				j = i + 1
			}
			if lit, n, ok := x.reference(toks, j, colon, sc); ok {
				b.WriteString(lit)
				i = j + n - 1
				continue
			}
		}
		b.WriteString(t.text)
	}
	return b.String()
}

// afterDollar reports whether toks[i] names a session variable ($name),
// which a scripting variable of the same name does not shadow.
func afterDollar(toks []token, i int) bool { return i > 0 && toks[i-1].is("$") }

func afterDot(toks []token, i int) bool {
	p := prevCode(toks, i)
	return p >= 0 && toks[p].is(".")
}

// reference resolves the name at toks[j] (a variable, a record field, a
// built-in, SYSTEM$GET_RESULTSET_STATUS(rs)) and returns its literal and how
// many tokens it used.
func (x *scriptRun) reference(toks []token, j int, colon bool, sc *scope) (string, int, bool) {
	name := identName(toks[j])
	nx, nj := codeAt(toks, j+1)
	if nx.is("(") {
		if name == "SYSTEM$GET_RESULTSET_STATUS" {
			arg, aj := codeAt(toks, nj+1)
			cl, cj := codeAt(toks, aj+1)
			if (arg.kind == tkWord || arg.kind == tkQuoted) && cl.is(")") {
				if v := sc.lookup(identName(arg)); v != nil && v.kind == declResultset {
					return snowflakeString(x.resultsetStatus(v)), cj - j + 1, true
				}
			}
		}
		return "", 0, false
	}
	v := sc.lookup(name)
	if v == nil {
		if toks[j].kind == tkWord && (colon || !nx.is(".")) {
			if bv, ok := x.builtinVar(name); ok {
				return bv.literal(), 1, true
			}
		}
		return "", 0, false
	}
	if v.record != nil {
		if !nx.is(".") {
			return "", 0, false
		}
		f, fj := codeAt(toks, nj+1)
		if f.kind != tkWord && f.kind != tkQuoted {
			return "", 0, false
		}
		val, ok := v.record[identName(f)]
		if !ok {
			val, ok = v.record[strings.ToUpper(identName(f))]
		}
		if !ok {
			return "", 0, false
		}
		return val.literal(), fj - j + 1, true
	}
	if v.kind != declVar || nx.is(".") {
		return "", 0, false
	}
	return v.val.literal(), 1, true
}

// eval evaluates an expression of the block, cast to typ when not empty.
// A failure is an EXPRESSION_ERROR exception.
func (x *scriptRun) eval(e sText, typ string, sc *scope) (sval, *ctrl) {
	code := codeOnly(tokenize(e.text))
	if typ == "" && len(code) == 1 && (code[0].kind == tkWord || code[0].kind == tkQuoted) {
		name := identName(code[0])
		if v := sc.lookup(name); v != nil && v.kind == declVar && v.record == nil {
			return v.val, nil
		}
		if v, ok := x.builtinVar(name); ok && code[0].kind == tkWord {
			return v, nil
		}
	}
	if v, ok := x.concat(code, sc); ok && (typ == "" || baseType(typ) == "VARCHAR" && !strings.Contains(typ, "(")) {
		return v, nil
	}
	v, se := x.evalSQL(x.bind(e.text, true, sc), typ)
	if se != nil {
		return sval{}, x.fail("EXPRESSION_ERROR", se, e.off)
	}
	return v, nil
}

// concat evaluates a || b || ... of string literals and text or integer
// variables in Go: a block that builds a text in a loop does this over and
// over, and the engine would be handed an ever longer literal each time.
// ok is false for any other expression.
func (x *scriptRun) concat(code []token, sc *scope) (sval, bool) {
	if len(code) < 3 || len(code)%2 == 0 {
		return sval{}, false
	}
	var b strings.Builder
	null := false
	for i, t := range code {
		if i%2 == 1 {
			if !t.is("||") {
				return sval{}, false
			}
			continue
		}
		var v sval
		switch {
		case t.kind == tkString:
			s, ok := stringValue(t)
			if !ok {
				return sval{}, false
			}
			v = sStr(s)
		case t.kind == tkWord || t.kind == tkQuoted:
			name := identName(t)
			if sv := sc.lookup(name); sv != nil && sv.kind == declVar && sv.record == nil {
				v = sv.val
			} else if bv, ok := x.builtinVar(name); ok && t.kind == tkWord {
				v = bv
			} else {
				return sval{}, false
			}
		default:
			return sval{}, false
		}
		if v.typ != "VARCHAR" && !isIntegerType(v.typ) {
			return sval{}, false
		}
		null = null || v.null
		b.WriteString(v.text)
	}
	if null {
		return sNull, true
	}
	return sStr(b.String()), true
}
