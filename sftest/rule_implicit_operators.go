package sftest

import (
	"strings"
)

// Implicit casts to text around operators.
//
// Snowflake's || and LIKE/ILIKE read their operands as text: v:first || ' '
// || v:last joins the strings the VARIANTs hold ('Ann Lee', not
// '"Ann" "Lee"'), and id LIKE '1%' reads the number's digits (DuckDB finds
// no LIKE for a number). Operands go through implicitTextFunc.

// coerceOperators gives || operands that are VARIANT paths (the
// json_extract calls ruleVariantPaths made) and the subjects of LIKE and
// ILIKE their text.
func coerceOperators(s string) string {
	hasConcat := strings.Contains(s, "||") && containsFold(s, "json_extract")
	if !hasConcat && !containsFold(s, "LIKE") {
		return s
	}
	toks := tokenize(s)
	if first, _ := codeAt(toks, 0); first.isWord("SHOW") || first.isWord("DESCRIBE") || first.isWord("DESC") {
		return s
	}
	wrap := map[int]int{} // operand start -> end (inclusive)
	for i, t := range toks {
		switch {
		case hasConcat && t.isWord("json_extract"):
			if end, ok := concatPathOperand(toks, i); ok {
				wrap[i] = end
			}
		case t.isWord("LIKE") || t.isWord("ILIKE"):
			if start, end, ok := likeSubject(toks, i); ok {
				wrap[start] = end
			}
		}
	}
	if len(wrap) == 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(toks); i++ {
		end, ok := wrap[i]
		if !ok {
			b.WriteString(toks[i].text)
			continue
		}
		b.WriteString(implicitTextFunc + "(" + coerceOperators(joinTokens(toks[i:end+1])) + ")")
		i = end
	}
	return b.String()
}

// concatPathOperand reports whether the json_extract call at toks[i] is an
// operand of ||, and returns the index of its ")".
func concatPathOperand(toks []token, i int) (int, bool) {
	open, close, ok := callAt(toks, i, "json_extract")
	if !ok || open != nextCode(toks, i+1) {
		return 0, false
	}
	prev := prevCode(toks, i)
	next := nextCode(toks, close+1)
	return close, prev >= 0 && toks[prev].is("||") || next < len(toks) && toks[next].is("||")
}

// likeSubject returns the subject of the LIKE or ILIKE at toks[i] (before
// an optional NOT): a name, a call or a path, not a string literal; ok is
// false where the LIKE is no comparison (CREATE TABLE t LIKE s, SELECT *
// ILIKE '...') or the pattern is not a string, ANY/ALL or a parenthesis.
func likeSubject(toks []token, i int) (start, end int, ok bool) {
	pat, _ := codeAt(toks, i+1)
	if pat.kind != tkString && !pat.isWord("ANY") && !pat.isWord("ALL") && !pat.is("(") {
		return 0, 0, false
	}
	end = prevCode(toks, i)
	if end >= 0 && toks[end].isWord("NOT") {
		end = prevCode(toks, end)
	}
	if end < 0 {
		return 0, 0, false
	}
	switch t := toks[end]; {
	case t.is(")") || t.is("]"):
	case t.kind == tkWord || t.kind == tkQuoted:
		if w := strings.ToUpper(t.text); operatorWords[w] || selectListEnd[w] || w == "END" {
			return 0, 0, false
		}
	default:
		return 0, 0, false // a literal, *, an operator
	}
	start = pathBase(toks, end+1)
	if toks[start].kind == tkWord && !isOperandEnd(toks[start]) {
		start = nextCode(toks, start+1) // (x) after OR: no call
	}
	code := codeOnly(toks[start : end+1])
	for len(code) > 2 && code[0].is("(") && closeParen(code, 0) == len(code)-1 {
		code = code[1 : len(code)-1]
	}
	if len(code) == 1 && (code[0].kind == tkString || code[0].isWord("NULL")) || placeholderIn(code) {
		// a string as it is; NULL and a bind have no type to pick an overload by
		return 0, 0, false
	}
	if p := prevCode(toks, start); p >= 0 && (toks[p].is(".") || toks[p].is("::") || toks[p].isWord("TABLE")) {
		return 0, 0, false
	}
	return start, end, true
}
