package sftest

import "strings"

// Finding the operands of a division and the argument of AVG in a select
// list, on the token stream, for exact arithmetic (arith_exact.go).

// floatMark marks a division or an AVG that stays DuckDB's DOUBLE one (its
// operands are not exact numbers, or cannot be delimited): it is written
// right before the "/" or right after AVG, where DuckDB ignores it.
const floatMark = "/*sftest:float*/"

// arithSite is a division or an AVG call in a select list: toks[from:to] is
// the whole expression; for a division num and den are its operands, for
// an AVG args is the argument list and suffix what follows the call (OVER,
// FILTER). zero is DIV0 or DIV0NULL for a division that one of those
// functions stands for (divisionMarks).
type arithSite struct {
	avg              bool
	zero             string
	perRow           bool // inside an aggregate's arguments: its operands are per-row values
	from, to         int
	slash            int // the "/" (division)
	num, den         []token
	args, suffix     []token
	numText, denText string
}

// probeExprs are the expressions whose types decide the site's type: the
// operands of a division, SUM and COUNT of an AVG's argument.
func (a arithSite) probeExprs() [2]string {
	if a.avg {
		args, suffix := trimmed(a.args), joinTokens(a.suffix)
		return [2]string{"SUM(" + args + ")" + suffix, "COUNT(" + args + ")" + suffix}
	}
	return [2]string{a.numText, a.denText}
}

// probeColumns are probeExprs as a probe can select them: the per-row
// operands of a division inside an aggregate (SUM(a / b)) through
// ANY_VALUE, which has their type and is valid whether or not the query
// groups.
func (a arithSite) probeColumns() [2]string {
	e := a.probeExprs()
	if a.perRow {
		return [2]string{"ANY_VALUE(" + e[0] + ")", "ANY_VALUE(" + e[1] + ")"}
	}
	return e
}

// aggregateNames are the aggregate functions whose arguments are per-row
// values (a division inside one is typed through ANY_VALUE).
var aggregateNames = map[string]bool{
	"SUM": true, "AVG": true, "MIN": true, "MAX": true, "COUNT": true, "COUNT_IF": true,
	"ANY_VALUE": true, "MEDIAN": true, "MODE": true, "STDDEV": true, "STDDEV_POP": true,
	"STDDEV_SAMP": true, "VARIANCE": true, "VAR_POP": true, "VAR_SAMP": true, "LISTAGG": true,
	"ARRAY_AGG": true, "PERCENTILE_CONT": true, "PERCENTILE_DISC": true, "KURTOSIS": true, "SKEW": true,
}

// insideAggregate reports whether toks[i] lies within the argument list of
// an aggregate call that starts at or after from.
func insideAggregate(toks []token, i, from int) bool {
	depth := 0
	for j := i - 1; j >= from; j-- {
		switch {
		case toks[j].is(")"):
			depth++
		case toks[j].is("("):
			if depth > 0 {
				depth--
				continue
			}
			if k := prevCode(toks, j); k >= from && toks[k].kind == tkWord && aggregateNames[strings.ToUpper(toks[k].text)] {
				return true
			}
		}
	}
	return false
}

// notCallNames are words before "(" that do not name a function: the
// parenthesis is a group or a list.
var notCallNames = map[string]bool{
	"SELECT": true, "AND": true, "OR": true, "NOT": true, "WHEN": true, "THEN": true, "ELSE": true,
	"IN": true, "IS": true, "BY": true, "DISTINCT": true, "ALL": true, "LIKE": true, "ILIKE": true,
	"BETWEEN": true, "ON": true, "AS": true, "CASE": true, "WHERE": true, "HAVING": true,
}

// selectListSpan returns the token range of the main select list of a
// statement: after the first SELECT outside parentheses (that of a plain
// query, of WITH ... SELECT, of CREATE TABLE|VIEW ... AS SELECT) and its
// DISTINCT or ALL, up to the first top-level keyword that ends the list. ok
// is false when there is no such SELECT.
func selectListSpan(toks []token) (from, to int, ok bool) {
	sel := mainSelect(toks)
	if sel < 0 {
		return 0, 0, false
	}
	from = sel + 1
	if t, j := codeAt(toks, from); t.isWord("DISTINCT") || t.isWord("ALL") {
		from = j + 1
	}
	depth := 0
	for to = from; to < len(toks); to++ {
		t := toks[to]
		switch {
		case t.is("(") || t.is("[") || t.is("{"):
			depth++
		case t.is(")") || t.is("]") || t.is("}"):
			depth--
		case depth == 0 && (t.is(";") || t.kind == tkWord && selectListEnd[strings.ToUpper(t.text)]):
			n, _ := codeAt(toks, to+1)
			p := prevCode(toks, to)
			if (!t.isWord("GROUP") || n.isWord("BY")) && !(t.isWord("FROM") && p >= 0 && toks[p].isWord("DISTINCT")) {
				return from, to, true
			}
		}
	}
	return from, to, true
}

// mainSelect returns the index of the first SELECT outside parentheses, or -1.
func mainSelect(toks []token) int {
	return firstTopLevel(toks, len(toks), func(t token) bool { return t.isWord("SELECT") })
}

// withClause is the WITH clause before the main SELECT (which a probe of
// the select list needs), or "".
func withClause(toks []token) string {
	sel := mainSelect(toks)
	if w := firstTopLevel(toks, sel, func(t token) bool { return t.isWord("WITH") }); w >= 0 {
		return joinTokens(toks[w:sel])
	}
	return ""
}

// firstTopLevel returns the index of the first token before end, outside
// parentheses, that match accepts, or -1.
func firstTopLevel(toks []token, end int, match func(token) bool) int {
	depth := 0
	for i := 0; i < end; i++ {
		switch t := toks[i]; {
		case t.is("("):
			depth++
		case t.is(")"):
			depth--
		case depth == 0 && match(t):
			return i
		}
	}
	return -1
}

// arithSites returns the divisions and AVG calls in toks[from:to] whose
// operands hold no other unresolved division or AVG (those come first);
// marked reports the sites that cannot be typed (they are to be marked as
// float). Sites inside a subquery are left alone.
func arithSites(toks []token, from, to int) (ready []arithSite, unresolved int) {
	for i := from; i < to; i++ {
		t := toks[i]
		switch {
		case t.is("(") && isSubquery(toks, i):
			if c := closeParen(toks, i); c > 0 {
				i = c
			}
		case t.is("/") && !markedFloat(toks, i):
			unresolved++
			if s, ok := divisionSite(toks, i, from); ok {
				s.perRow = insideAggregate(toks, s.from, from)
				ready = append(ready, s)
			}
		case t.isWord("AVG") && !markedFloat(toks, i+1):
			open, oi := codeAt(toks, i+1)
			if !open.is("(") || (i > 0 && toks[prevCode(toks, i)].is(".")) {
				continue
			}
			unresolved++
			c := closeParen(toks, oi)
			if c < 0 {
				continue
			}
			end, ok := callSuffixEnd(toks, c+1)
			if !ok || !resolved(toks[oi+1:c]) || !resolved(toks[c+1:end]) {
				continue
			}
			ready = append(ready, arithSite{avg: true, from: i, to: end, args: toks[oi+1 : c], suffix: toks[c+1 : end]})
		}
	}
	return ready, unresolved
}

// isSubquery reports whether the "(" at toks[i] opens a subquery.
func isSubquery(toks []token, i int) bool {
	t, _ := codeAt(toks, i+1)
	return t.isWord("SELECT") || t.isWord("WITH")
}

// markedFloat reports whether the token before toks[i] (a "/", or the "("
// after AVG) is floatMark.
func markedFloat(toks []token, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch {
		case toks[j].kind == tkComment:
			if toks[j].text == floatMark {
				return true
			}
		case toks[j].kind != tkSpace:
			return false
		}
	}
	return false
}

// resolved reports whether toks hold no division or AVG still to be typed,
// and no bind placeholder (a probe could not bind it).
func resolved(toks []token) bool {
	for i, t := range toks {
		switch {
		case t.is("/") && !markedFloat(toks, i):
			return false
		case t.isWord("AVG") && !markedFloat(toks, i+1):
			return false
		case t.kind == tkParam || t.is("?"):
			return false
		case t.isWord("SELECT"):
			return false
		}
	}
	return true
}

// divisionSite delimits the division at toks[slash]: the numerator is the
// chain of *, % and typed divisions to its left (down to from), the divisor
// the operand to its right. ok is false when either cannot be delimited or
// holds something still to be typed.
func divisionSite(toks []token, slash, from int) (arithSite, bool) {
	start, ok := numeratorStart(toks, prevCode(toks, slash), from)
	if !ok {
		return arithSite{}, false
	}
	d0 := nextCode(toks, slash+1)
	end, ok := divisorEnd(toks, d0)
	if !ok {
		return arithSite{}, false
	}
	num, den := toks[start:slash], toks[d0:end]
	if !resolved(num) || !resolved(den) {
		return arithSite{}, false
	}
	site := arithSite{from: start, to: end, slash: slash, num: num, den: den,
		numText: trimmed(toks[start : prevCode(toks, slash)+1]), denText: trimmed(den)}
	for j := slash - 1; j >= 0 && !toks[j].isCode(); j-- {
		for name, mark := range divisionMarks {
			if toks[j].text == mark {
				site.zero = name
			}
		}
	}
	return site, true
}

// divisionMarks mark the division DIV0(a, b) and DIV0NULL(a, b) stand for
// while their operands are typed: ((a) /*sftest:DIV0*/ / (b)).
var divisionMarks = map[string]string{"DIV0": "/*sftest:DIV0*/", "DIV0NULL": "/*sftest:DIV0NULL*/"}

// markDivisions rewrites the DIV0 and DIV0NULL calls of a select list into
// the divisions they stand for, marked.
func markDivisions(list string) string {
	for name, mark := range divisionMarks {
		out, err := rewriteCalls(list, name, func(args []string, call string) (string, error) {
			if len(args) != 2 {
				return call, nil
			}
			return "((" + args[0] + ") " + mark + " / (" + args[1] + "))", nil
		})
		if err == nil {
			list = out
		}
	}
	return list
}

// numeratorStart returns where the left operand of a "/" starts, given the
// index of its last code token: the operands joined by *, % (and divisions
// already typed) before it, each a primary with its casts, subscripts and
// unary signs.
func numeratorStart(toks []token, j, from int) (int, bool) {
	for {
		if j < from {
			return 0, false
		}
		p, ok := primaryStart(toks, j, from)
		if !ok {
			return 0, false
		}
		// Unary signs.
		for {
			k := prevCode(toks, p)
			if k < from || !(toks[k].is("-") || toks[k].is("+")) {
				break
			}
			before := prevCode(toks, k)
			if before >= from && !isOperatorToken(toks[before]) {
				break
			}
			p = k
		}
		k := prevCode(toks, p)
		if k >= from && (toks[k].is("*") || toks[k].is("%") || toks[k].is("/")) {
			j = prevCode(toks, k)
			continue
		}
		return p, true
	}
}

// isOperatorToken reports whether t leaves an operand to follow (so a sign
// after it is unary).
func isOperatorToken(t token) bool {
	if t.kind == tkPunct {
		return !t.is(")") && !t.is("]")
	}
	return t.kind == tkWord && (notCallNames[strings.ToUpper(t.text)] || operatorWords[strings.ToUpper(t.text)])
}

// primaryStart returns where the operand whose last code token is toks[j]
// starts: a name, literal, call (with OVER/FILTER/WITHIN GROUP), group,
// CASE ... END, followed by :: casts and [] subscripts.
func primaryStart(toks []token, j, from int) (int, bool) {
	t := toks[j]
	var p int
	switch {
	case t.is(")"):
		o := openParen(toks, j)
		if o < from {
			return 0, false
		}
		p = o
		if k := prevCode(toks, o); k >= from && toks[k].kind == tkWord {
			w := strings.ToUpper(toks[k].text)
			switch {
			case w == "OVER" || w == "FILTER":
				return primaryStart(toks, prevCode(toks, k), from)
			case w == "GROUP":
				if w2 := prevCode(toks, k); w2 >= from && toks[w2].isWord("WITHIN") {
					return primaryStart(toks, prevCode(toks, w2), from)
				}
			case !notCallNames[w] && !operatorWords[w]:
				p = nameStart(toks, k, from)
			}
		}
	case t.is("]"):
		o := openBracket(toks, j)
		if o < from {
			return 0, false
		}
		return primaryStart(toks, prevCode(toks, o), from)
	case t.isWord("END"):
		p = caseStart(toks, j)
		if p < from {
			return 0, false
		}
	case t.kind == tkWord && operatorWords[strings.ToUpper(t.text)]:
		return 0, false
	case t.kind == tkWord || t.kind == tkQuoted:
		p = nameStart(toks, j, from)
	case t.kind == tkNumber || t.kind == tkString:
		p = j
	default:
		return 0, false
	}
	// A cast: the primary was the type; the operand is before the ::.
	if k := prevCode(toks, p); k >= from && toks[k].is("::") {
		return primaryStart(toks, prevCode(toks, k), from)
	}
	if k := prevCode(toks, p); k >= from && toks[k].is(":") {
		return 0, false // a VARIANT path
	}
	return p, true
}

// nameStart extends the word or quoted name at toks[j] left over a dotted
// qualification.
func nameStart(toks []token, j, from int) int {
	for {
		d := prevCode(toks, j)
		if d < from || !toks[d].is(".") {
			return j
		}
		n := prevCode(toks, d)
		if n < from || (toks[n].kind != tkWord && toks[n].kind != tkQuoted) {
			return j
		}
		j = n
	}
}

// openParen returns the index of the "(" matching the ")" at toks[close], or -1.
func openParen(toks []token, close int) int {
	return matchLeft(toks, close, func(t token) bool { return t.is("(") }, func(t token) bool { return t.is(")") })
}

// openBracket returns the index of the "[" matching the "]" at toks[close], or -1.
func openBracket(toks []token, close int) int {
	return matchLeft(toks, close, func(t token) bool { return t.is("[") }, func(t token) bool { return t.is("]") })
}

// caseStart returns the index of the CASE matching the END at toks[end], or -1.
func caseStart(toks []token, end int) int {
	return matchLeft(toks, end, func(t token) bool { return t.isWord("CASE") }, func(t token) bool { return t.isWord("END") })
}

// matchLeft returns the index of the opening token matching the closing one
// at toks[close], scanning left, or -1.
func matchLeft(toks []token, close int, opens, closes func(token) bool) int {
	depth := 0
	for i := close; i >= 0; i-- {
		switch {
		case closes(toks[i]):
			depth++
		case opens(toks[i]):
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return -1
}
