package sftest

import "strings"

// Divisions and + - * outside the select list, and bind placeholders in
// their operands, for exact arithmetic (arith_exact.go).
//
// A SELECT's WHERE, GROUP BY and HAVING clauses are typed with its select
// list, in the same probe: WHERE and GROUP BY operands are per-row values
// (probed through ANY_VALUE), HAVING's are like the select list's. GROUP BY
// must be typed with the select list: DuckDB matches a grouped select item
// with its GROUP BY expression by their text. In a grouped SELECT an
// operand without an aggregate or a window is probed through ANY_VALUE too
// (it may be a GROUP BY expression's part, not a column DuckDB can select
// alone), unless the GROUP BY names select items by position. A ?
// placeholder in an operand is bound in the probe with the statement's
// value for it (a division or + - *; AVG and DIV0 repeat their operands,
// which would repeat the placeholder, so they keep DOUBLE).

// scopeSites returns the sites of the scope ready to type, in text order:
// its select list's, then its clauses' (clauseSites); a grouped scope's
// select-list operands without aggregates are per-row values.
func scopeSites(toks []token, sc selectScope) []arithSite {
	sites := arithSites(toks, sc.from, sc.to)
	if len(sites) > 0 && groups(toks, sc) && !groupsByPosition(toks, sc) {
		for i := range sites {
			if sites[i].perRowInGroup() {
				sites[i].perRow = true
			}
		}
	}
	return append(sites, clauseSites(toks, sc)...)
}

// clauseSites returns the sites of the scope's WHERE, GROUP BY and HAVING
// clauses that are ready to type, in text order. A clause without a
// division is left alone: there + - * keep DuckDB's types, which compare
// the same.
func clauseSites(toks []token, sc selectScope) []arithSite {
	var out []arithSite
	for _, cl := range scopeClauses(toks, sc) {
		if !divides(toks[cl.from:cl.to]) {
			continue
		}
		sites := arithSites(toks, cl.from, cl.to)
		for i := range sites {
			if cl.perRow && !sites[i].avg {
				sites[i].perRow = true
			}
		}
		out = append(out, sites...)
	}
	return out
}

// clause is a part of a SELECT's tail: toks[from:to] after its keyword.
type clause struct {
	from, to int
	perRow   bool // WHERE, GROUP BY
}

// clauseWords are the words that start a clause scopeClauses reads or ends.
var clauseWords = map[string]bool{"WHERE": true, "GROUP": true, "HAVING": true, "WINDOW": true}

// scopeClauses returns the WHERE, GROUP BY and HAVING clauses of the
// scope's tail (toks[sc.to:sc.tailEnd]), outside parentheses.
func scopeClauses(toks []token, sc selectScope) []clause {
	var out []clause
	depth := 0
	for i := sc.to; i < sc.tailEnd; i++ {
		t := toks[i]
		switch {
		case t.is("(") || t.is("[") || t.is("{"):
			depth++
		case t.is(")") || t.is("]") || t.is("}"):
			depth--
		case depth == 0 && t.kind == tkWord && clauseWords[strings.ToUpper(t.text)]:
			from := i + 1
			if t.isWord("GROUP") {
				by, j := codeAt(toks, i+1)
				if !by.isWord("BY") {
					continue
				}
				from = j + 1
			}
			if t.isWord("WINDOW") {
				continue
			}
			to := scopeEnd(toks, from, clauseEnds)
			out = append(out, clause{from: from, to: min(to, sc.tailEnd), perRow: !t.isWord("HAVING")})
		}
	}
	return out
}

// clauseEnds end a clause of a SELECT's tail.
var clauseEnds = func() map[string]bool {
	m := map[string]bool{"WHERE": true, "GROUP": true, "HAVING": true, "WINDOW": true}
	for w := range tailEnds {
		m[w] = true
	}
	return m
}()

// groups reports whether the scope's tail has a GROUP BY or HAVING.
func groups(toks []token, sc selectScope) bool {
	for _, cl := range scopeClauses(toks, sc) {
		if !cl.perRow || toks[prevCode(toks, cl.from)].isWord("BY") {
			return true
		}
	}
	return false
}

// groupsByPosition reports whether the scope's GROUP BY names select items
// by position (GROUP BY 1) or is GROUP BY ALL: a probe's own columns would
// be grouped, so its operands are selected as they are.
func groupsByPosition(toks []token, sc selectScope) bool {
	for _, cl := range scopeClauses(toks, sc) {
		if !cl.perRow || !toks[prevCode(toks, cl.from)].isWord("BY") {
			continue
		}
		for _, sp := range argSpans(toks, cl.from, cl.to) {
			code := codeOnly(toks[sp[0]:sp[1]])
			if len(code) == 1 && (code[0].kind == tkNumber || code[0].isWord("ALL")) {
				return true
			}
		}
	}
	return false
}

// perRowInGroup reports whether a select-list site of a grouped SELECT is
// probed through ANY_VALUE: its operands hold no aggregate and no window.
func (a arithSite) perRowInGroup() bool {
	if a.avg || a.lit {
		return false
	}
	for _, part := range [][]token{a.num, a.den} {
		if holdsAggregate(part) {
			return false
		}
		for _, t := range part {
			if t.isWord("OVER") {
				return false
			}
		}
	}
	return true
}

// probeRanges are the token ranges each of the site's probe columns is
// written from, in the columns' order, so the probe binds the placeholders
// they hold (probeBinds).
func (a arithSite) probeRanges() [][2]int {
	switch {
	case a.lit:
		return nil
	case a.op != "":
		return [][2]int{{a.from, a.slash}, {a.slash + 1, a.to}, {a.from, a.to}}
	case a.avg || a.zero != "":
		return [][2]int{{a.from, a.from}, {a.from, a.from}} // no placeholders (resolved)
	}
	return [][2]int{{a.from, a.slash}, {a.slash + 1, a.to}}
}

// probeBinds returns the positions, among the statement's ? placeholders,
// of those in spans, span by span (the order they take in the probe); nil
// (all binds) when the text numbers its placeholders ($1, :1).
func probeBinds(toks []token, spans [][2]int) []int {
	ordinal := make(map[int]int)
	n := 0
	for i, t := range toks {
		if t.kind == tkParam || t.is(":") && i+1 < len(toks) && toks[i+1].kind == tkNumber {
			return nil
		}
		if t.is("?") {
			ordinal[i] = n
			n++
		}
	}
	out := []int{}
	for _, sp := range spans {
		for i := sp[0]; i < sp[1] && i < len(toks); i++ {
			if k, ok := ordinal[i]; ok {
				out = append(out, k)
			}
		}
	}
	return out
}

// resolvedWithBinds is resolved but for ? placeholders, which a probe can
// bind (a division's and a + - *'s operands).
func resolvedWithBinds(toks []token) bool {
	code := make([]token, 0, len(toks))
	for _, t := range toks {
		if t.is("?") {
			t = token{kind: tkNumber, text: "0"}
		}
		code = append(code, t)
	}
	return resolved(code)
}

// divides reports whether toks hold a division or DIV0 call still to be
// typed, outside subqueries.
func divides(toks []token) bool {
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.is("(") && isSubquery(toks, i):
			if c := closeParen(toks, i); c > 0 {
				i = c
			}
		case t.is("/") && !markedFloat(toks, i), isArithCall(toks, i):
			return true
		}
	}
	return false
}
