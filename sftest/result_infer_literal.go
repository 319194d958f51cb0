package sftest

import "strings"

// numberType is a NUMBER's leading digits and scale (precision = lead+scale).
type numberType struct{ lead, scale int }

// literalArithmetic types a select item that is arithmetic on number
// literals and COUNT(...) (`1 + 2`, `10.01 * 1.1`, `COUNT(*) + 1`) by
// Snowflake's rules: a literal has as many leading digits and as much
// scale as it is written with (0.1 is 0.1: no leading digit), COUNT is
// NUMBER(18,0); a + b and a - b have max(L1, L2) + 1 leading digits and
// scale max(S1, S2); a * b has L1 + L2 and scale min(S1 + S2, max(S1, S2,
// 12)); unary signs and parentheses keep the type. ok is false for anything
// else (a column, a division, a function).
func literalArithmetic(expr string) (numberType, bool) {
	toks := codeOnly(tokenize(expr))
	if len(toks) < 2 {
		return numberType{}, false
	}
	p := &litParser{toks: toks}
	t, ok := p.sum()
	return t, ok && p.i == len(toks)
}

// litParser reads literal arithmetic by precedence: sum of products of
// signed factors.
type litParser struct {
	toks []token
	i    int
}

func (p *litParser) peek(s string) bool { return p.i < len(p.toks) && p.toks[p.i].is(s) }

func (p *litParser) sum() (numberType, bool) {
	t, ok := p.product()
	for ok && (p.peek("+") || p.peek("-")) {
		p.i++
		var u numberType
		if u, ok = p.product(); ok {
			t = numberType{max(t.lead, u.lead) + 1, max(t.scale, u.scale)}
		}
	}
	return t, ok
}

func (p *litParser) product() (numberType, bool) {
	t, ok := p.factor()
	for ok && p.peek("*") {
		p.i++
		var u numberType
		if u, ok = p.factor(); ok {
			t = numberType{t.lead + u.lead, min(t.scale+u.scale, max(t.scale, u.scale, 12))}
		}
	}
	return t, ok
}

func (p *litParser) factor() (numberType, bool) {
	if p.peek("-") || p.peek("+") {
		p.i++
		return p.factor()
	}
	if p.i >= len(p.toks) {
		return numberType{}, false
	}
	t := p.toks[p.i]
	switch {
	case t.is("("):
		p.i++
		inner, ok := p.sum()
		if !ok || !p.peek(")") {
			return numberType{}, false
		}
		p.i++
		return inner, true
	case t.kind == tkNumber && !strings.ContainsAny(t.text, "eE"):
		p.i++
		whole, frac, _ := strings.Cut(t.text, ".")
		return numberType{len(strings.TrimLeft(whole, "0")), len(frac)}, true
	case t.isWord("COUNT") || t.isWord("COUNT_IF"):
		if p.i+1 < len(p.toks) && p.toks[p.i+1].is("(") {
			if c := closeParen(p.toks, p.i+1); c > 0 {
				p.i = c + 1
				return numberType{18, 0}, true
			}
		}
	}
	return numberType{}, false
}
