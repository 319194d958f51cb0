package sftest

import "strings"

// Finding the operands of a division and the argument of AVG in a select
// list, on the token stream, for exact arithmetic (arith_exact.go).

// floatMark marks a division or an AVG that stays DuckDB's DOUBLE one (its
// operands are not exact numbers, or cannot be delimited): it is written
// right before the "/" or right after AVG, where DuckDB ignores it.
const floatMark = "/*sftest:float*/"

// arithSite is a division or an AVG, DIV0 or DIV0NULL call in a select
// list: toks[from:to] is
// the whole expression; for a division num and den are its operands, for
// an AVG args is the argument list and suffix what follows the call (OVER,
// FILTER). zero is DIV0 or DIV0NULL for a call of one of those functions
// (a division whose zero divisor gives 0).
type arithSite struct {
	avg              bool
	zero             string
	op               string // "+", "-" or "*" for a sum or product site (arith_sums.go); slash is its operator
	lit              bool   // an op site on number literals alone: typed from its text, no probe
	perRow           bool   // inside an aggregate's arguments: its operands are per-row values
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
	"MIN_BY": true, "MAX_BY": true, "ARG_MIN": true, "ARG_MAX": true, "ARBITRARY": true, "FIRST": true, "LAST": true,
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

// holdsAggregate reports whether toks call an aggregate (an operand like
// SUM(x) is not per-row even inside another aggregate's window).
func holdsAggregate(toks []token) bool {
	for i, t := range toks {
		if t.kind == tkWord && aggregateNames[strings.ToUpper(t.text)] {
			if n, _ := codeAt(toks, i+1); n.is("(") {
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

// arithSites returns the divisions, AVG calls and DIV0/DIV0NULL calls in
// the select list toks[from:to] whose operands hold no other one still to
// be typed (those come first). Subqueries are scopes of their own.
func arithSites(toks []token, from, to int) []arithSite {
	var ready []arithSite
	for i := from; i < to; i++ {
		t := toks[i]
		switch {
		case t.is("(") && isSubquery(toks, i):
			if c := closeParen(toks, i); c > 0 {
				i = c
			}
		case t.is("/") && !markedFloat(toks, i):
			if s, ok := divisionSite(toks, i, from); ok {
				s.perRow = insideAggregate(toks, s.from, from) && !holdsAggregate(s.num) && !holdsAggregate(s.den)
				ready = append(ready, s)
			}
		case isBinaryArith(toks, i) && !markedFloat(toks, i):
			if s, ok := sumSite(toks, i, from); ok {
				s.perRow = insideAggregate(toks, s.from, from) && !holdsAggregate(s.num) && !holdsAggregate(s.den)
				ready = append(ready, s)
			}
		case isArithCall(toks, i):
			oi := nextCode(toks, i+1)
			c := closeParen(toks, oi)
			if c < 0 {
				continue
			}
			site, ok := callSite(toks, i, oi, c)
			if ok {
				site.perRow = !site.avg && insideAggregate(toks, i, from) && !holdsAggregate(site.num) && !holdsAggregate(site.den)
				ready = append(ready, site)
			}
		}
	}
	return ready
}

// isArithCall reports whether toks[i] names an AVG, DIV0 or DIV0NULL call
// still to be typed.
func isArithCall(toks []token, i int) bool {
	t := toks[i]
	if !(t.isWord("AVG") || t.isWord("DIV0") || t.isWord("DIV0NULL")) || markedFloat(toks, i+1) {
		return false
	}
	if p := prevCode(toks, i); p >= 0 && toks[p].is(".") {
		return false
	}
	open, _ := codeAt(toks, i+1)
	return open.is("(")
}

// callSite is the site of the AVG, DIV0 or DIV0NULL call at toks[i] whose
// argument list is toks[open:close+1].
func callSite(toks []token, i, open, close int) (arithSite, bool) {
	if toks[i].isWord("AVG") {
		end, ok := callSuffixEnd(toks, close+1)
		if !ok || !resolved(toks[open+1:close]) || !resolved(toks[close+1:end]) {
			return arithSite{}, false
		}
		return arithSite{avg: true, from: i, to: end, args: toks[open+1 : close], suffix: toks[close+1 : end]}, true
	}
	spans := argSpans(toks, open+1, close)
	if len(spans) != 2 {
		return arithSite{}, false
	}
	num, den := toks[spans[0][0]:spans[0][1]], toks[spans[1][0]:spans[1][1]]
	if !resolved(num) || !resolved(den) {
		return arithSite{}, false
	}
	return arithSite{zero: strings.ToUpper(toks[i].text), from: i, to: close + 1, num: num, den: den,
		numText: "(" + trimmed(num) + ")", denText: "(" + trimmed(den) + ")"}, true
}

// isSubquery reports whether the "(" at toks[i] opens a subquery.
func isSubquery(toks []token, i int) bool {
	t, _ := codeAt(toks, i+1)
	return t.isWord("SELECT") || t.isWord("WITH")
}

// markedFloat reports whether the token before toks[i] (a "/", or the "("
// after AVG) is floatMark, or (a + - *) typedMark: typed already.
func markedFloat(toks []token, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch {
		case toks[j].kind == tkComment:
			if toks[j].text == floatMark || toks[j].text == typedMark {
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
		case (t.is("/") || isBinaryArith(toks, i)) && !markedFloat(toks, i):
			return false
		case (t.isWord("AVG") || t.isWord("DIV0") || t.isWord("DIV0NULL")) && !markedFloat(toks, i+1):
			return false
		case t.kind == tkParam || t.is("?") || t.is(":") && i+1 < len(toks) && toks[i+1].kind == tkNumber:
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
	if !resolvedWithBinds(num) || !resolvedWithBinds(den) {
		return arithSite{}, false
	}
	site := arithSite{from: start, to: end, slash: slash, num: num, den: den,
		numText: trimmed(toks[start : prevCode(toks, slash)+1]), denText: trimmed(den)}
	return site, true
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
	case t.kind == tkNumber || t.kind == tkString || t.kind == tkParam || t.is("?"):
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
