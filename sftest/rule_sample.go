package sftest

import (
	"strconv"
	"strings"
)

// sampleMethods maps Snowflake's sampling method names to DuckDB's.
var sampleMethods = map[string]string{
	"BERNOULLI": "bernoulli", "ROW": "bernoulli", "SYSTEM": "system", "BLOCK": "system",
}

// maxSampleRows is the largest fixed-size sample Snowflake takes.
const maxSampleRows = 1000000

// ruleSample rewrites Snowflake's table sampling,
//
//	{ SAMPLE | TABLESAMPLE } [ BERNOULLI | ROW | SYSTEM | BLOCK ]
//	    ( { p | n ROWS } ) [ { REPEATABLE | SEED } ( seed ) ]
//
// after a table, a subquery or a join's table, into DuckDB's TABLESAMPLE:
// p percent of the rows, each row kept with probability p/100 (BERNOULLI,
// the default) or each block (SYSTEM); 0 keeps none and 100 all; n ROWS a
// fixed-size sample (all rows when the table has fewer). A seed makes a
// fraction sample repeatable. As in Snowflake, p must be 0 to 100, n 0 to
// 1,000,000, and SYSTEM or a seed with n ROWS is an error; p, n and the seed
// must be number literals here (a bind or session variable is not emulated).
func ruleSample(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "SAMPLE") {
		return s, nil
	}
	toks := tokenize(s)
	var b strings.Builder
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !(t.isWord("SAMPLE") || t.isWord("TABLESAMPLE")) || !afterTableRef(toks, i) {
			b.WriteString(t.text)
			continue
		}
		repl, last, err := sampleClause(toks, i)
		if err != nil {
			return "", err
		}
		if last < 0 { // not a sample clause after all
			b.WriteString(t.text)
			continue
		}
		b.WriteString(repl)
		i = last
	}
	return b.String(), nil
}

// afterTableRef reports whether toks[i] follows what can end a table
// reference: a name, a quoted name or a subquery's ")".
func afterTableRef(toks []token, i int) bool {
	p := prevCode(toks, i)
	if p < 0 {
		return false
	}
	switch t := toks[p]; {
	case t.is(")"), t.kind == tkQuoted:
		return true
	case t.kind == tkWord:
		return !t.isWord("USING") && !t.isWord("SELECT") && !t.isWord("FROM")
	}
	return false
}

// sampleClause reads the sample clause whose keyword is toks[at] and returns
// DuckDB's clause and the index of its last token; last is -1 when no
// parenthesised size follows the keyword.
func sampleClause(toks []token, at int) (repl string, last int, err error) {
	kw := strings.ToUpper(toks[at].text)
	method := ""
	next, ni := codeAt(toks, at+1)
	if m, ok := sampleMethods[strings.ToUpper(next.text)]; ok && next.kind == tkWord {
		method = m
		next, ni = codeAt(toks, ni+1)
	}
	if !next.is("(") {
		return "", -1, nil
	}
	closeAt := closeParen(toks, ni)
	if closeAt < 0 {
		return "", -1, nil
	}
	size := codeOnly(toks[ni+1 : closeAt])
	last = closeAt
	rows := len(size) == 2 && size[1].isWord("ROWS")
	if len(size) == 0 || size[0].kind != tkNumber || len(size) > 2 || len(size) == 2 && !rows {
		return "", 0, unsupported(kw + " with a size other than a number literal or <n> ROWS")
	}
	seed := ""
	if w, wi := codeAt(toks, closeAt+1); w.isWord("REPEATABLE") || w.isWord("SEED") {
		open, oi := codeAt(toks, wi+1)
		c := closeParen(toks, oi)
		if !open.is("(") || c < 0 {
			return "", 0, compileError("syntax error: %s needs a seed in parentheses", strings.ToUpper(w.text))
		}
		arg := codeOnly(toks[oi+1 : c])
		if len(arg) != 1 || arg[0].kind != tkNumber || !isInteger(arg[0].text) {
			return "", 0, unsupported(strings.ToUpper(w.text) + " with a seed other than an integer literal")
		}
		if v, err := strconv.ParseInt(arg[0].text, 10, 64); err != nil || v > 2147483647 {
			return "", 0, compileError("invalid sample seed %s: must be between 0 and 2147483647", arg[0].text)
		}
		seed, last = arg[0].text, c
	}
	if rows {
		n, err := strconv.ParseInt(size[0].text, 10, 64)
		switch {
		case err != nil || n > maxSampleRows:
			return "", 0, compileError("invalid sample size %s ROWS: must be an integer between 0 and %d", size[0].text, maxSampleRows)
		case method == "system":
			return "", 0, compileError("fixed-size sampling (%s ROWS) is not supported with SYSTEM or BLOCK sampling", size[0].text)
		case seed != "":
			return "", 0, compileError("fixed-size sampling (%s ROWS) does not support a seed", size[0].text)
		}
		return " TABLESAMPLE reservoir(" + size[0].text + " ROWS)", last, nil
	}
	p, err := strconv.ParseFloat(size[0].text, 64)
	if err != nil || p < 0 || p > 100 {
		return "", 0, compileError("invalid sample probability %s: must be between 0 and 100", size[0].text)
	}
	if method == "" {
		method = "bernoulli"
	}
	repl = " TABLESAMPLE " + method + "(" + size[0].text + " PERCENT)"
	if seed != "" {
		repl += " REPEATABLE (" + seed + ")"
	}
	return repl, last, nil
}
