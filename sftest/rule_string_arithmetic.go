package sftest

import (
	"regexp"
	"strconv"
	"strings"
)

// numericString matches the text of a string literal that reads as a
// number: digits with an optional point, sign and exponent.
var numericString = regexp.MustCompile(`^\s*[+-]?(?:\d+(\.\d*)?|\.(\d+))([eE][+-]?\d+)?\s*$`)

// ruleStringArithmetic gives a string literal beside + - * / the implicit
// conversion Snowflake makes: in '5' + 3 the string is a NUMBER, and the
// sum 8, where DuckDB finds no + for a string and a number. The literal is
// cast to NUMBER(38, s), s its digits after the point, or to FLOAT when it
// has an exponent; one that reads as no number is cast all the same, so it
// fails as Snowflake's does ('abc' + 1 is 100038 Numeric value 'abc' is not
// recognized). A typed literal (DATE '...', INTERVAL '...') and a string
// cast with :: keep their own type.
func ruleStringArithmetic(s string, _ *rewriteEnv) (string, error) {
	if !strings.Contains(s, "'") || !strings.ContainsAny(s, "+-*/") {
		return s, nil
	}
	toks := tokenize(s)
	changed := false
	for i, t := range toks {
		if t.kind != tkString || strings.HasPrefix(t.text, "$$") {
			continue
		}
		p, n := prevCode(toks, i), nextCode(toks, i+1)
		if !(p >= 0 && isArithmeticOp(toks[p]) || n < len(toks) && isArithmeticOp(toks[n])) ||
			p >= 0 && typedLiteralWords[strings.ToUpper(toks[p].text)] || n < len(toks) && toks[n].is("::") {
			continue
		}
		v, ok := stringValue(t)
		if !ok {
			continue
		}
		m := numericString.FindStringSubmatch(v)
		typ := "DOUBLE"
		switch {
		case m == nil:
			typ = "DECIMAL(38,0)"
		case m[3] == "":
			scale := max(len(m[1])-1, len(m[2]), 0)
			typ = "DECIMAL(38," + strconv.Itoa(min(scale, 37)) + ")"
		}
		toks[i].text = "CAST(" + t.text + " AS " + typ + ")"
		changed = true
	}
	if !changed {
		return s, nil
	}
	return joinTokens(toks), nil
}

// isArithmeticOp reports whether t is + - * or /.
func isArithmeticOp(t token) bool {
	return t.is("+") || t.is("-") || t.is("*") || t.is("/")
}
