package sftest

import (
	"strings"
)

// ruleSelectTop turns Snowflake's SELECT [DISTINCT] TOP n ... into
// SELECT [DISTINCT] ... LIMIT n: TOP n and LIMIT n are equivalent, and the
// LIMIT goes at the end of that SELECT's query (before the ")" that closes a
// subquery). A SELECT followed by a set operator (UNION, EXCEPT, ...) is
// parenthesised so the LIMIT stays its own. n must be a non-negative integer
// constant, as Snowflake requires; anything else fails as a syntax error.
func ruleSelectTop(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "TOP") {
		return s, nil
	}
	for {
		toks := tokenize(s)
		top := findTop(toks)
		if top < 0 {
			return s, nil
		}
		n, ni := codeAt(toks, top+1)
		if n.kind != tkNumber || !isInteger(n.text) {
			word := n.text
			if ni >= len(toks) {
				word = "<EOF>"
			}
			return "", syntaxErrorAt(s, len(joinTokens(toks[:min(ni, len(toks))])), word)
		}
		sel := prevCode(toks, top)
		if toks[sel].isWord("DISTINCT") || toks[sel].isWord("ALL") {
			sel = prevCode(toks, sel)
		}
		end := scopeEnd(toks, top, map[string]bool{"UNION": true, "INTERSECT": true, "EXCEPT": true, "MINUS": true})
		setOp := end < len(toks) && toks[end].kind == tkWord
		var b strings.Builder
		for i, t := range toks {
			switch {
			case i == sel && setOp:
				b.WriteString("(" + t.text)
			case i == top || i == ni || t.kind == tkSpace && (i == top+1 || i == ni+1):
				continue // TOP n and the spaces after them are dropped
			case i == end:
				b.WriteString(" LIMIT " + n.text)
				if setOp {
					b.WriteString(")")
				}
				b.WriteString(" " + t.text)
			default:
				b.WriteString(t.text)
			}
		}
		if end == len(toks) {
			b.WriteString(" LIMIT " + n.text)
		}
		s = b.String()
	}
}

// findTop returns the index of a TOP right after SELECT, SELECT DISTINCT or
// SELECT ALL, or -1.
func findTop(toks []token) int {
	for i, t := range toks {
		if !t.isWord("TOP") {
			continue
		}
		p := prevCode(toks, i)
		if p >= 0 && (toks[p].isWord("DISTINCT") || toks[p].isWord("ALL")) {
			p = prevCode(toks, p)
		}
		if p >= 0 && toks[p].isWord("SELECT") {
			return i
		}
	}
	return -1
}
