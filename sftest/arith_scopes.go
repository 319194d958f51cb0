package sftest

import (
	"sort"
	"strings"
)

// The select lists of a statement, for exact arithmetic (arith_exact.go):
// each SELECT's list and what a probe of it needs.

// selectScope is one SELECT of a statement (the main one, a CTE body, a
// subquery, a branch of a set operation): toks[from:to] is its select
// list and toks[to:tailEnd] what a probe of that list needs after it (FROM
// ... GROUP BY ... HAVING, without ORDER BY, LIMIT, QUALIFY or the next
// branch); depth counts the parentheses around it.
type selectScope struct{ sel, from, to, tailEnd, depth int }

// selectScopes returns every SELECT's scope, innermost first (then in text
// order), so a subquery or CTE is typed before the query that reads it.
func selectScopes(toks []token) []selectScope {
	var out []selectScope
	depths := parenDepths(toks)
	for i, t := range toks {
		if !t.isWord("SELECT") {
			continue
		}
		sc := selectScope{sel: i, from: selectListStart(toks, i), depth: depths[i]}
		sc.to = scopeEnd(toks, sc.from, selectListEnd)
		sc.tailEnd = scopeEnd(toks, sc.to, tailEnds)
		out = append(out, sc)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].depth > out[b].depth })
	return out
}

// selectListStart returns where the select list of the SELECT at toks[sel]
// starts: after it, and after a DISTINCT or ALL.
func selectListStart(toks []token, sel int) int {
	if d, j := codeAt(toks, sel+1); d.isWord("DISTINCT") || d.isWord("ALL") {
		return j + 1
	}
	return sel + 1
}

// tailEnds end what a probe of a select list keeps after it
// (selectListEnd ends the list).
var tailEnds = map[string]bool{"ORDER": true, "LIMIT": true, "QUALIFY": true, "OFFSET": true, "FETCH": true,
	"UNION": true, "INTERSECT": true, "EXCEPT": true, "MINUS": true}

// scopeEnd returns the index of the first token at or after from, at the
// parenthesis level of from, that ends the scope's part: one of the words
// ends (GROUP only as GROUP BY, FROM not in IS DISTINCT FROM), a ";", or the
// ")" that closes the level; len(toks) at the end.
func scopeEnd(toks []token, from int, ends map[string]bool) int {
	depth := 0
	for i := from; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.is("(") || t.is("[") || t.is("{"):
			depth++
		case t.is(")") || t.is("]") || t.is("}"):
			if depth--; depth < 0 {
				return i
			}
		case depth == 0 && (t.is(";") || t.kind == tkWord && ends[strings.ToUpper(t.text)]):
			n, _ := codeAt(toks, i+1)
			p := prevCode(toks, i)
			if (!t.isWord("GROUP") || n.isWord("BY")) && !(t.isWord("FROM") && p >= 0 && toks[p].isWord("DISTINCT")) {
				return i
			}
		}
	}
	return len(toks)
}

// mainSelect returns the index of the first SELECT outside parentheses, or -1.
func mainSelect(toks []token) int {
	return firstTopLevel(toks, len(toks), func(t token) bool { return t.isWord("SELECT") })
}

// firstTopLevel returns the index of the first token before end, outside
// parentheses, that match accepts, or -1.
func firstTopLevel(toks []token, end int, match func(token) bool) int {
	depths := parenDepths(toks)
	for i := 0; i < end; i++ {
		if depths[i] == 0 && match(toks[i]) {
			return i
		}
	}
	return -1
}

// parenDepths returns, for each token, how many parentheses are open at it
// (a "(" counts itself, a ")" no longer counts the one it closes).
func parenDepths(toks []token) []int {
	out := make([]int, len(toks))
	depth := 0
	for i, t := range toks {
		if t.is("(") {
			depth++
		}
		if t.is(")") {
			depth--
		}
		out[i] = depth
	}
	return out
}
