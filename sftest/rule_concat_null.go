package sftest

import (
	"strings"
)

// ruleConcatNulls types text joined with a NULL literal as text: in
// Snowflake CONCAT('a', NULL) and 'a' || NULL are a NULL VARCHAR, while
// DuckDB folds such a constant to an untyped NULL, which the driver would
// see as FIXED. CONCAT with a NULL literal argument becomes its || chain,
// and a || chain with a NULL literal operand (also in parentheses) is cast
// to VARCHAR as a whole; CONCAT of one argument is that argument as text
// (DuckDB's concat would turn NULL into ”). Other CONCATs are left to
// ruleMoreFunctions, which this runs before.
func ruleConcatNulls(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "NULL") && !containsFold(s, "CONCAT") {
		return s, nil
	}
	s, err := rewriteCalls(s, "CONCAT", func(args []string, call string) (string, error) {
		nullArg := false
		for _, a := range args {
			nullArg = nullArg || isNullLiteral(a)
		}
		switch {
		case len(args) == 1:
			return "CAST((" + args[0] + ") AS VARCHAR)", nil
		case len(args) == 0 || !nullArg:
			return call, nil
		}
		parts := make([]string, len(args))
		for i, a := range args {
			parts[i] = "(" + a + ")"
		}
		return "CAST(" + strings.Join(parts, " || ") + " AS VARCHAR)", nil
	})
	if err != nil || !strings.Contains(s, "||") {
		return s, err
	}
	for {
		toks := tokenize(s)
		l, r, ok := nullConcatChain(toks)
		if !ok {
			return s, nil
		}
		s = joinTokens(toks[:l]) + "CAST(" + joinTokens(toks[l:r+1]) + " AS VARCHAR)" + joinTokens(toks[r+1:])
	}
}

// nullConcatChain finds the first || chain with a NULL literal operand that
// is not yet cast and returns its first and last token index.
func nullConcatChain(toks []token) (l, r int, ok bool) {
	for i, t := range toks {
		if !t.isWord("NULL") {
			continue
		}
		l, r = i, i
		for {
			p, n := prevCode(toks, l), nextCode(toks, r+1)
			if p < 0 || n >= len(toks) || !toks[p].is("(") || !toks[n].is(")") {
				break
			}
			l, r = p, n
		}
		p, n := prevCode(toks, l), nextCode(toks, r+1)
		if !(p >= 0 && toks[p].is("||") || n < len(toks) && toks[n].is("||")) {
			continue
		}
		l, r = chainStart(toks, l), chainEnd(toks, r)
		if p := prevCode(toks, l); p >= 1 && toks[p].is("(") && toks[prevCode(toks, p)].isWord("CAST") {
			continue // already cast
		}
		return l, r, true
	}
	return 0, 0, false
}

// concatOperators join the operands of a || chain (the others bind tighter).
var concatOperators = map[string]bool{"||": true, "+": true, "-": true, "*": true, "/": true, "%": true}

// chainStart extends the operand starting at toks[l] to the left over
// operators and the operands before them.
func chainStart(toks []token, l int) int {
	for {
		p := prevCode(toks, l)
		if p < 0 || toks[p].kind != tkPunct || !concatOperators[toks[p].text] {
			return l
		}
		start, ok := primaryStart(toks, prevCode(toks, p), 0)
		if !ok {
			return l
		}
		l = start
	}
}

// chainEnd extends the operand ending at toks[r] to the right over
// operators, casts, subscripts and the operands after them.
func chainEnd(toks []token, r int) int {
	for {
		n := nextCode(toks, r+1)
		if n >= len(toks) || toks[n].kind != tkPunct {
			return r
		}
		switch {
		case toks[n].is("["):
			if c := closeBracket(toks, n); c > 0 {
				r = c
				continue
			}
			return r
		case toks[n].is("::") || toks[n].is(".") || concatOperators[toks[n].text]:
			end, ok := primaryEnd(toks, nextCode(toks, n+1))
			if !ok {
				return r
			}
			r = end
		default:
			return r
		}
	}
}

// primaryEnd returns the index of the last token of the primary (name,
// literal, call, parenthesised or CASE expression) starting at toks[j].
func primaryEnd(toks []token, j int) (int, bool) {
	if j >= len(toks) {
		return 0, false
	}
	t := toks[j]
	switch {
	case t.is("("):
		c := closeParen(toks, j)
		return c, c > 0
	case t.isWord("CASE"):
		depth := 0
		for i := j; i < len(toks); i++ {
			switch {
			case toks[i].isWord("CASE"):
				depth++
			case toks[i].isWord("END"):
				if depth--; depth == 0 {
					return i, true
				}
			}
		}
		return 0, false
	case t.kind == tkWord || t.kind == tkQuoted:
		if n, ni := codeAt(toks, j+1); n.is("(") {
			c := closeParen(toks, ni)
			return c, c > 0
		}
		return j, true
	case t.kind == tkString || t.kind == tkNumber || t.kind == tkParam:
		return j, true
	}
	return 0, false
}

// isNullLiteral reports whether arg is the NULL literal, maybe in parentheses.
func isNullLiteral(arg string) bool {
	code := codeOnly(tokenize(arg))
	for len(code) >= 3 && code[0].is("(") && code[len(code)-1].is(")") {
		code = code[1 : len(code)-1]
	}
	return len(code) == 1 && code[0].isWord("NULL")
}
