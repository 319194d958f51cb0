package sftest

import (
	"strconv"
	"strings"
)

// rulePositional writes Snowflake's positional column references ($1, $2,
// ...) over a FROM VALUES source as that source's column names (COLUMN1,
// ... or the names its alias lists). Binds are ? or :n at this point (the
// bindColon rule makes DuckDB's $n later), so a $n here is always a column
// reference. In a statement without exactly one VALUES source (over a
// table, say) they are not emulated and fail with 001003; past the last
// column they are 000904.
func rulePositional(s string, _ *rewriteEnv) (string, error) {
	if !strings.Contains(s, "$") {
		return s, nil
	}
	toks := tokenize(s)
	var refs []int
	for i, t := range toks {
		if t.kind == tkParam {
			refs = append(refs, i)
		}
	}
	if len(refs) == 0 {
		return s, nil
	}
	var sources [][]string
	for v := range toks {
		if cols, ok := valuesSource(toks, v); ok {
			sources = append(sources, cols)
		}
	}
	if len(sources) != 1 {
		return "", unsupported("positional column reference (" + toks[refs[0]].text + ") other than over one FROM VALUES")
	}
	cols := sources[0]
	for _, i := range refs {
		n, err := strconv.Atoi(toks[i].text[1:])
		if err != nil || n < 1 || n > len(cols) {
			return "", compilation("000904", "42000", "", "invalid identifier '"+toks[i].text+"'")
		}
		toks[i].text = cols[n-1]
	}
	return joinTokens(toks), nil
}

// valuesSource reports whether toks[v] is the VALUES of a FROM (or JOIN)
// VALUES (...) source, parenthesised or not, and returns its column names:
// the alias's column list when it has one, else COLUMN1, COLUMN2, ...
func valuesSource(toks []token, v int) ([]string, bool) {
	if !toks[v].isWord("VALUES") {
		return nil, false
	}
	from := func(i int) bool { return i >= 0 && (toks[i].isWord("FROM") || toks[i].isWord("JOIN")) }
	p := prevCode(toks, v)
	wrapped := p >= 0 && toks[p].is("(") && from(prevCode(toks, p))
	if !from(p) && !wrapped {
		return nil, false
	}
	open, oi := codeAt(toks, v+1)
	if !open.is("(") {
		return nil, false
	}
	c := closeParen(toks, oi)
	if c < 0 {
		return nil, false
	}
	n := len(argSpans(toks, oi+1, c))
	// Skip the other rows, then a closing parenthesis of the wrapped form.
	end := c
	for {
		comma, ci := codeAt(toks, end+1)
		row, ri := codeAt(toks, ci+1)
		if !comma.is(",") || !row.is("(") {
			break
		}
		if end = closeParen(toks, ri); end < 0 {
			return nil, false
		}
	}
	if wrapped {
		if rp, ri := codeAt(toks, end+1); rp.is(")") {
			end = ri
		}
	}
	cols := make([]string, n)
	for i := range cols {
		cols[i] = "COLUMN" + strconv.Itoa(i+1)
	}
	// [AS] alias (a, b, ...) renames them.
	a, ai := codeAt(toks, end+1)
	if a.isWord("AS") {
		a, ai = codeAt(toks, ai+1)
	}
	if a.kind == tkWord && !selectListEnd[strings.ToUpper(a.text)] && !notTableAlias[strings.ToUpper(a.text)] || a.kind == tkQuoted {
		if lp, li := codeAt(toks, ai+1); lp.is("(") {
			if rc := closeParen(toks, li); rc > 0 {
				for i, sp := range argSpans(toks, li+1, rc) {
					if i < n {
						cols[i] = trimmed(toks[sp[0]:sp[1]])
					}
				}
			}
		}
	}
	return cols, true
}
