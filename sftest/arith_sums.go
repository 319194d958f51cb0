package sftest

import (
	"fmt"
	"strings"
)

// Sums, differences and products of NUMBERs typed as Snowflake types them
// (arith_exact.go types divisions the same way).
//
// Snowflake gives a + b and a - b max(L1, L2) + 1 leading digits and scale
// max(S1, S2); a * b L1 + L2 leading digits and scale min(S1 + S2, max(S1,
// S2, 12)); precision capped at 38. DuckDB's DECIMAL rules give a product
// scale S1 + S2 (NUMBER(20,8) * NUMBER(20,8): DuckDB's scale 16,
// Snowflake's 12) and an integer literal or INT column other widths. In a
// select list sftest probes the operands' types with the divisions' probe
// (one probe per select list and nesting level), adds the expression's own
// DuckDB type, and where it differs from Snowflake's casts the expression to
// Snowflake's DECIMAL(P,S), rounding half away from zero as DuckDB's cast
// does; where it agrees the operator is only marked done (typedMark). An
// operand that is not an exact number (a DATE, a FLOAT) leaves DuckDB's
// operator. Arithmetic on number literals alone needs no probe: it is typed
// from its text (literalArithmetic), as a select item and as an operand.

// typedMark marks a + - * already typed: written right before the
// operator, where DuckDB ignores it.
const typedMark = "/*sftest:typed*/"

// isBinaryArith reports whether toks[i] is a binary +, - or * (not a sign,
// not the * of SELECT *, t.* or COUNT(*)).
func isBinaryArith(toks []token, i int) bool {
	t := toks[i]
	if !t.is("+") && !t.is("-") && !t.is("*") {
		return false
	}
	p := prevCode(toks, i)
	if p < 0 || !endsOperand(toks[p]) {
		return false
	}
	if t.is("*") {
		n, _ := codeAt(toks, i+1)
		return n.kind != tkSpace && !n.is(")") && !n.is(",") && !(n.kind == tkWord && selectListEnd[strings.ToUpper(n.text)])
	}
	return true
}

// endsOperand reports whether t can be the last token of an operand: a
// literal, name, placeholder, closing bracket or CASE's END, not an
// operator or a keyword that comes before an operand (WHERE, BY, LIKE...).
func endsOperand(t token) bool {
	switch t.kind {
	case tkNumber, tkString, tkQuoted, tkParam:
		return true
	case tkWord:
		return t.isWord("END") || !isOperatorToken(t) && !operandKeywords[strings.ToUpper(t.text)]
	}
	return t.is(")") || t.is("]") || t.is("?")
}

// sumSite delimits the +, - or * at toks[op] within toks[from:]: a
// product's left operand is the chain of * / % before it, its right one a
// primary; a sum's left operand is the additive chain before it, its right
// one a term (a primary and the * / % after it). ok is false when either
// cannot be delimited or holds something still to be typed.
func sumSite(toks []token, op, from int) (arithSite, bool) {
	var start int
	var ok bool
	if toks[op].is("*") {
		start, ok = numeratorStart(toks, prevCode(toks, op), from)
	} else {
		start, ok = sumStart(toks, prevCode(toks, op), from)
	}
	if !ok {
		return arithSite{}, false
	}
	r0 := nextCode(toks, op+1)
	end, ok := divisorEnd(toks, r0)
	if !ok {
		return arithSite{}, false
	}
	if !toks[op].is("*") {
		for {
			next, j := codeAt(toks, end)
			if !next.is("*") && !next.is("/") && !next.is("%") {
				break
			}
			if end, ok = divisorEnd(toks, nextCode(toks, j+1)); !ok {
				return arithSite{}, false
			}
		}
	}
	left, right := toks[start:prevCode(toks, op)+1], toks[r0:end]
	if !resolvedWithBinds(left) || !resolvedWithBinds(right) {
		return arithSite{}, false
	}
	return arithSite{op: toks[op].text, from: start, to: end, slash: op, num: left, den: right,
		numText: trimmed(left), denText: trimmed(right), lit: literalOnly(left) && literalOnly(right)}, true
}

// sumStart returns where the left operand of a + or - whose last code token
// is toks[j] starts: the terms joined by + - * / % (down to from).
func sumStart(toks []token, j, from int) (int, bool) {
	for {
		p, ok := numeratorStart(toks, j, from)
		if !ok {
			return 0, false
		}
		k := prevCode(toks, p)
		if k >= from && (toks[k].is("+") || toks[k].is("-")) && isBinaryArith(toks, k) {
			j = prevCode(toks, k)
			continue
		}
		return p, true
	}
}

// literalOnly reports whether toks are number literals and COUNT calls
// joined by arithmetic (typed from the text; no probe needed).
func literalOnly(toks []token) bool {
	code := codeOnly(toks)
	if len(code) == 1 {
		return code[0].kind == tkNumber && !strings.ContainsAny(code[0].text, "eE")
	}
	_, ok := literalArithmetic("(" + strings.TrimSpace(joinTokens(toks)) + ") + 0")
	return ok
}

// opText is the site's expression with its operator marked done.
func (a arithSite) opText(toks []token) string {
	return joinTokens(toks[a.from:a.slash]) + typedMark + joinTokens(toks[a.slash:a.to])
}

// opProbeColumns are what a probe of a +, - or * site selects: its operands
// and itself.
func (a arithSite) opProbeColumns(toks []token) []string {
	cols := []string{a.numText, a.denText, strings.TrimSpace(a.opText(toks))}
	if a.perRow {
		for i, c := range cols {
			cols[i] = "ANY_VALUE(" + c + ")"
		}
	}
	return cols
}

// rewriteOp is the site's typed form given the DuckDB types of its operands
// and of itself: cast to Snowflake's NUMBER(P,S) where DuckDB's type
// differs, else only marked. A literal-only site is only marked: as a
// select item inferNumbers types it, as an operand exactNumber reads its
// text.
func (a arithSite) rewriteOp(toks []token, types []string) string {
	text := a.opText(toks)
	if a.lit {
		return text
	}
	l1, s1, ok1 := exactNumber(types[0], a.numText)
	l2, s2, ok2 := exactNumber(types[1], a.denText)
	if !ok1 || !ok2 {
		return text
	}
	p, s := opType(a.op, l1, s1, l2, s2)
	if sameNumberType(types[2], p, s) {
		return text
	}
	return fmt.Sprintf("CAST(%s AS DECIMAL(%d,%d))", strings.TrimSpace(text), p, s)
}

// opType is Snowflake's precision and scale of L1.S1 op L2.S2.
func opType(op string, l1, s1, l2, s2 int) (p, s int) {
	var l int
	if op == "*" {
		l, s = l1+l2, min(s1+s2, max(s1, s2, 12))
	} else {
		l, s = max(l1, l2)+1, max(s1, s2)
	}
	return min(38, max(l+s, 1)), s
}

// sameNumberType reports whether DuckDB's type duck is reported as
// NUMBER(p,s): that DECIMAL, or an integer type for NUMBER(38,0).
func sameNumberType(duck string, p, s int) bool {
	if strings.HasPrefix(strings.ToUpper(duck), "DECIMAL(") {
		return strings.EqualFold(duck, fmt.Sprintf("DECIMAL(%d,%d)", p, s))
	}
	_, _, ok := exactNumber(duck, "")
	return ok && p == 38 && s == 0
}
