package sftest

import (
	"sort"
	"strings"
)

// ruleKeywordAliases writes AS before a select item's implicit alias when
// the alias is one of DuckDB's keywords: Snowflake takes `SELECT d year,
// n name, v value FROM t` (YEAR, NAME and VALUE are not reserved in
// Snowflake), DuckDB rejects every keyword as a bare alias but accepts it
// after AS. It rewrites every select list, subqueries' too, and leaves the
// items whose last word ends the expression rather than names it: END,
// NULL, TRUE, FALSE, a word after an operator word or a symbol, the unit of
// INTERVAL '1' DAY, a multi-word type (DOUBLE PRECISION, CHAR VARYING),
// IS DISTINCT FROM x, and the star forms (* EXCLUDE x).
func ruleKeywordAliases(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "SELECT") {
		return s, nil
	}
	toks := tokenize(s)
	var at []int // the alias tokens that get AS before them
	for i, t := range toks {
		if !t.isWord("SELECT") {
			continue
		}
		start := selectListStart(toks, i)
		end := scopeEnd(toks, start, selectListEnd)
		for _, span := range argSpans(toks, start, end) {
			if j := keywordAlias(toks, span[0], span[1]); j >= 0 {
				at = append(at, j)
			}
		}
	}
	if len(at) == 0 {
		return s, nil
	}
	sort.Ints(at)
	var b strings.Builder
	next := 0
	for i, t := range toks {
		if next < len(at) && at[next] == i {
			b.WriteString("AS ")
			next++
		}
		b.WriteString(t.text)
	}
	return b.String(), nil
}

// keywordAlias returns the index of the select item toks[from:to]'s
// implicit alias when it is a DuckDB keyword, or -1.
func keywordAlias(toks []token, from, to int) int {
	last := prevCode(toks, to)
	if last < from || toks[last].kind != tkWord || !duckDBKeywords[strings.ToUpper(toks[last].text)] ||
		!endsInAlias(codeOnly(toks[from:to])) {
		return -1
	}
	return last
}
