package sftest

import (
	"strings"
)

// ruleUnpivot makes UNPIVOT's name column hold the column names as
// Snowflake stores them: in UNPIVOT [INCLUDE | EXCLUDE NULLS] (v FOR n IN
// (a, "b")) every listed column gets an explicit name, a AS 'A' (unquoted
// identifiers are upper case) and "b" AS 'b'. DuckDB would write the name as
// the query spelled it ('a'). Columns already named (a AS 'x') are left.
func ruleUnpivot(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "UNPIVOT") {
		return s, nil
	}
	toks := tokenize(s)
	names := map[int]string{} // after toks[i]: the name column's value
	for i, t := range toks {
		if !t.isWord("UNPIVOT") {
			continue
		}
		j := i + 1
		if w, wi := codeAt(toks, j); w.isWord("INCLUDE") || w.isWord("EXCLUDE") {
			j = skipCode(toks, wi, 2) // ... NULLS
		}
		open, oi := codeAt(toks, j)
		if !open.is("(") {
			continue
		}
		body := closeParen(toks, oi)
		if body < 0 {
			continue
		}
		in := -1
		for k := oi + 1; k < body; k++ {
			if toks[k].isWord("IN") {
				in = k
				break
			}
		}
		if in < 0 {
			continue
		}
		lo, li := codeAt(toks, in+1)
		lc := closeParen(toks, li)
		if !lo.is("(") || lc < 0 {
			continue
		}
		for _, sp := range argSpans(toks, li+1, lc) {
			parts, next := parseName(toks, sp[0])
			if len(parts) != 1 || nextCode(toks, next) < sp[1] {
				continue // already named, or not a plain column
			}
			name := parts[0].text
			names[nextCode(toks, sp[0])] = name
		}
	}
	if len(names) == 0 {
		return s, nil
	}
	var b strings.Builder
	for i, t := range toks {
		b.WriteString(t.text)
		if n, ok := names[i]; ok {
			b.WriteString(" AS " + quoteString(n))
		}
	}
	return b.String(), nil
}
