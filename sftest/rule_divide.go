package sftest

import (
	"strconv"
	"strings"
)

// divisorCheck is the DuckDB macro ruleDivide wraps divisors in; the engine
// creates it at start. DuckDB divides by zero to NULL where Snowflake fails
// with 100051 "Division by zero"; error() raises only for the rows where the
// divisor is 0, so CASE WHEN b = 0 THEN ... ELSE a / b END still works.
const divisorCheck = "memory.main.sftest_divisor"

const createDivisorCheck = "CREATE MACRO " + divisorCheck +
	"(x) AS CASE WHEN x = 0 THEN error('Division by zero') ELSE x END"

// ruleDivide rewrites a / b to a / memory.main.sftest_divisor(b), so a zero
// divisor fails as in Snowflake. b is the divisor as precedence reads it:
// unary signs, then a name, a function call (with FILTER, WITHIN GROUP,
// OVER), a parenthesized expression or CASE ... END, then :: casts and []
// subscripts; it never reaches past the divisor, so the value is unchanged.
// A non-zero number needs no check. Left alone: a divisor with a bind
// placeholder (DuckDB would type the placeholder from the check's "= 0"),
// a string or typed literal, and anything the rule cannot delimit.
func ruleDivide(s string, _ *rewriteEnv) (string, error) {
	if !strings.Contains(s, "/") {
		return s, nil
	}
	toks := tokenize(s)
	var b strings.Builder
	for i := 0; i < len(toks); i++ {
		b.WriteString(toks[i].text)
		if !toks[i].is("/") {
			continue
		}
		from := nextCode(toks, i+1)
		end, ok := divisorEnd(toks, from)
		if !ok || !needsZeroCheck(toks[from:end]) {
			continue
		}
		inner, _ := ruleDivide(joinTokens(toks[from:end]), nil) // divisions inside the divisor
		b.WriteString(joinTokens(toks[i+1 : from]))
		b.WriteString(divisorCheck + "(" + inner + ")")
		i = end - 1
	}
	return b.String(), nil
}

// notOperands are words that cannot start a divisor: the division is
// malformed and DuckDB should say so about the text as written.
var notOperands = map[string]bool{
	"SELECT": true, "FROM": true, "WHERE": true, "GROUP": true, "ORDER": true, "HAVING": true,
	"LIMIT": true, "AND": true, "OR": true, "NOT": true, "AS": true, "ON": true, "JOIN": true,
	"UNION": true, "WHEN": true, "THEN": true, "ELSE": true, "END": true, "NULL": true,
	"TRUE": true, "FALSE": true, "DATE": true, "TIME": true, "TIMESTAMP": true, "INTERVAL": true,
}

// divisorEnd returns the index after the divisor that starts at the code
// token toks[i]; ok is false when the rule cannot tell where it ends.
func divisorEnd(toks []token, i int) (end int, ok bool) {
	for i < len(toks) && (toks[i].is("-") || toks[i].is("+")) {
		i = nextCode(toks, i+1)
	}
	if i >= len(toks) {
		return 0, false
	}
	t := toks[i]
	switch {
	case t.kind == tkNumber || t.kind == tkParam || t.is("?"):
		end = i + 1
	case t.is("("):
		if end = closeParen(toks, i) + 1; end == 0 {
			return 0, false
		}
	case t.isWord("CASE"):
		if end = caseEnd(toks, i); end < 0 {
			return 0, false
		}
	case t.kind == tkQuoted || (t.kind == tkWord && !notOperands[strings.ToUpper(t.text)]):
		_, end = parseName(toks, i)
		if call, open := codeAt(toks, end); call.is("(") {
			if end = closeParen(toks, open) + 1; end == 0 {
				return 0, false
			}
			if end, ok = callSuffixEnd(toks, end); !ok {
				return 0, false
			}
		}
	default:
		return 0, false
	}
	for {
		next, j := codeAt(toks, end)
		switch {
		case next.is("::"):
			typ, k := codeAt(toks, j+1)
			if typ.kind != tkWord && typ.kind != tkQuoted {
				return 0, false
			}
			end = k + 1
			if open, o := codeAt(toks, end); open.is("(") {
				if end = closeParen(toks, o) + 1; end == 0 {
					return 0, false
				}
			}
		case next.is("["):
			if end = closeBracket(toks, j) + 1; end == 0 {
				return 0, false
			}
		default:
			return end, true
		}
	}
}

// callSuffixEnd skips what may follow a call's argument list: WITHIN GROUP
// (...), FILTER (...), IGNORE/RESPECT NULLS and OVER (...) or OVER name.
func callSuffixEnd(toks []token, end int) (int, bool) {
	for {
		w, j := codeAt(toks, end)
		switch {
		case w.isWord("WITHIN"):
			if g, k := codeAt(toks, j+1); g.isWord("GROUP") {
				j = k
			}
			fallthrough
		case w.isWord("FILTER"):
			open, o := codeAt(toks, j+1)
			if !open.is("(") {
				return 0, false
			}
			if end = closeParen(toks, o) + 1; end == 0 {
				return 0, false
			}
		case w.isWord("IGNORE") || w.isWord("RESPECT"):
			if n, k := codeAt(toks, j+1); n.isWord("NULLS") {
				end = k + 1
				continue
			}
			return end, true
		case w.isWord("OVER"):
			win, o := codeAt(toks, j+1)
			switch {
			case win.is("("):
				if end = closeParen(toks, o) + 1; end == 0 {
					return 0, false
				}
			case win.kind == tkWord || win.kind == tkQuoted:
				end = o + 1
			default:
				return 0, false
			}
			return end, true
		default:
			return end, true
		}
	}
}

// caseEnd returns the index after the END of the CASE at toks[i], or -1.
func caseEnd(toks []token, i int) int {
	depth := 0
	for ; i < len(toks); i++ {
		switch {
		case toks[i].isWord("CASE"):
			depth++
		case toks[i].isWord("END"):
			if depth--; depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// closeBracket returns the index of the "]" matching the "[" at toks[open], or -1.
func closeBracket(toks []token, open int) int {
	depth := 0
	for i := open; i < len(toks); i++ {
		switch {
		case toks[i].is("["):
			depth++
		case toks[i].is("]"):
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return -1
}

// needsZeroCheck reports whether the divisor toks should be checked: not
// when it holds a bind placeholder or is a non-zero number.
func needsZeroCheck(toks []token) bool {
	code := codeOnly(toks)
	for i, t := range code {
		if t.kind == tkParam || t.is("?") || (t.is(":") && i+1 < len(code) && code[i+1].kind == tkNumber) {
			return false
		}
	}
	for len(code) > 1 && (code[0].is("-") || code[0].is("+")) {
		code = code[1:]
	}
	if len(code) == 1 && code[0].kind == tkNumber {
		v, err := strconv.ParseFloat(code[0].text, 64)
		return err == nil && v == 0
	}
	return true
}
