package sftest

import (
	"sort"
	"strconv"
	"strings"
)

// VALUES as Snowflake runs it, with COLUMN1... names.

// notTableAlias are words that may follow a FROM item without being its alias.
var notTableAlias = map[string]bool{
	"JOIN": true, "ON": true, "INNER": true, "LEFT": true, "RIGHT": true, "FULL": true, "CROSS": true,
	"NATURAL": true, "USING": true, "LATERAL": true, "ASOF": true, "POSITIONAL": true, "ANTI": true, "SEMI": true,
}

// ruleValues gives VALUES lists Snowflake's column names COLUMN1, COLUMN2,
// ... (DuckDB's are col0, col1, ...) and parenthesises Snowflake's
// unparenthesised FROM VALUES (...), which DuckDB does not parse. A VALUES
// statement becomes SELECT * FROM (VALUES ...). INSERT ... VALUES is left
// alone.
func ruleValues(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "VALUES") {
		return s, nil
	}
	toks := tokenize(s)
	type edit struct {
		at   int // insert before toks[at]
		text string
	}
	var edits []edit
	for v := range toks {
		if !toks[v].isWord("VALUES") {
			continue
		}
		p := prevCode(toks, v)
		pp := -1
		if p >= 0 {
			pp = prevCode(toks, p)
		}
		afterFrom := func(i int) bool { return i >= 0 && (toks[i].isWord("FROM") || toks[i].isWord("JOIN")) }
		stmtStart, bare, wrapped := p < 0, afterFrom(p), p >= 0 && toks[p].is("(") && afterFrom(pp)
		if !stmtStart && !bare && !wrapped {
			continue
		}
		// The rows: (..), (..), ...
		ncols, end := 0, -1 // end: index of the last row's ")"
		for i := v + 1; ; {
			open, oi := codeAt(toks, i)
			if !open.is("(") {
				break
			}
			c := closeParen(toks, oi)
			if c < 0 {
				break
			}
			if end < 0 {
				ncols = len(argSpans(toks, oi+1, c))
			}
			end = c
			comma, ci := codeAt(toks, c+1)
			if !comma.is(",") {
				break
			}
			i = ci + 1
		}
		if end < 0 || ncols == 0 {
			continue
		}
		cols := make([]string, ncols)
		for i := range cols {
			cols[i] = "COLUMN" + strconv.Itoa(i+1)
		}
		colList := "(" + strings.Join(cols, ", ") + ")"
		after := end + 1 // where an alias may start
		switch {
		case stmtStart:
			edits = append(edits, edit{v, "SELECT * FROM ("}, edit{end + 1, ") AS __sftest_values" + colList})
			continue
		case bare:
			edits = append(edits, edit{v, "("}, edit{end + 1, ")"})
		case wrapped:
			rp, ri := codeAt(toks, end+1)
			if !rp.is(")") {
				continue
			}
			after = ri + 1
		}
		a, ai := codeAt(toks, after)
		if a.isWord("AS") {
			a, ai = codeAt(toks, ai+1)
		}
		isAlias := a.kind == tkQuoted || a.kind == tkWord && !selectListEnd[strings.ToUpper(a.text)] && !notTableAlias[strings.ToUpper(a.text)]
		switch {
		case !isAlias:
			edits = append(edits, edit{after, " AS __sftest_values" + colList})
		default:
			if n, _ := codeAt(toks, ai+1); !n.is("(") {
				edits = append(edits, edit{ai + 1, colList})
			}
		}
	}
	if len(edits) == 0 {
		return s, nil
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].at < edits[j].at })
	var b strings.Builder
	k := 0
	for i := 0; i <= len(toks); i++ {
		for k < len(edits) && edits[k].at == i {
			b.WriteString(edits[k].text)
			k++
		}
		if i < len(toks) {
			b.WriteString(toks[i].text)
		}
	}
	return b.String(), nil
}
