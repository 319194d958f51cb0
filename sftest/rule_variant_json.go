package sftest

import (
	"fmt"
	"strings"
)

// ruleVariantCasts rewrites casts to VARIANT, x::VARIANT and
// CAST(x AS VARIANT), to DuckDB's to_json(x): Snowflake makes the VARIANT
// that holds x ('b'::VARIANT is the string "b", not JSON text to parse, as
// DuckDB's CAST to JSON would), and a VARIANT stays as it is. It runs
// before the types rule, which maps every other VARIANT to JSON.
func ruleVariantCasts(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "VARIANT") {
		return s, nil
	}
	toks := tokenize(s)
	for i := 0; i < len(toks); i++ {
		t, ti := codeAt(toks, i+1)
		if !toks[i].is("::") || !t.isWord("VARIANT") {
			continue
		}
		from, ok := castOperand(toks, i)
		if !ok {
			continue
		}
		repl := token{kind: tkWord, text: "to_json(" + trimmed(toks[from:i]) + ")"}
		toks = append(append(append([]token(nil), toks[:from]...), repl), toks[ti+1:]...)
		i = from
	}
	s = joinTokens(toks)
	return rewriteCalls(s, "CAST", func(args []string, _ string) (string, error) {
		if len(args) == 1 {
			c := tokenize(args[0])
			if n := prevCode(c, len(c)); n > 0 && c[n].isWord("VARIANT") {
				if as := prevCode(c, n); as > 0 && c[as].isWord("AS") {
					return "to_json(" + trimmed(c[:as]) + ")", nil
				}
			}
		}
		return "CAST(" + strings.Join(args, ", ") + ")", nil
	})
}

// castOperand returns where the operand of the "::" at toks[i] starts: a
// literal (with a unary sign), a name, a call or parenthesised expression
// with any subscripts, and any casts before (x::varchar::variant); false
// when it is something else (CASE ... END).
func castOperand(toks []token, i int) (int, bool) {
	if p := prevCode(toks, i); p < 0 || toks[p].isWord("END") {
		return 0, false
	}
	from := pathBase(toks, i)
	for {
		q := prevCode(toks, from)
		if q < 0 || !toks[q].is("::") {
			break
		}
		from = pathBase(toks, q)
	}
	if toks[from].kind == tkWord && !isOperandEnd(toks[from]) {
		_, from = codeAt(toks, from+1) // SELECT (a || b): not a call
	}
	if toks[from].kind == tkNumber {
		if sign := prevCode(toks, from); sign >= 0 && (toks[sign].is("-") || toks[sign].is("+")) {
			if before := prevCode(toks, sign); before < 0 || !isOperandEnd(toks[before]) {
				from = sign
			}
		}
	}
	return from, true
}

// isOperandEnd reports whether t can end an operand, so that a "-" after it
// subtracts rather than negates.
func isOperandEnd(t token) bool {
	switch t.kind {
	case tkNumber, tkString, tkQuoted, tkParam:
		return true
	case tkWord:
		return !operatorWords[strings.ToUpper(t.text)] && !selectListEnd[strings.ToUpper(t.text)] &&
			!t.isWord("WHERE") && !t.isWord("ON") && !t.isWord("BY")
	}
	return t.is(")") || t.is("]")
}

// ruleVariantJSON rewrites TYPEOF and TO_JSON to sftest's functions over
// the VARIANT their argument makes: TYPEOF gives Snowflake's type names
// (INTEGER, DECIMAL, DOUBLE, VARCHAR, BOOLEAN, NULL_VALUE, ARRAY, OBJECT
// for a VARIANT; the VARIANT's for another value: DATE, TIMESTAMP_NTZ,
// BINARY, ...); TO_JSON gives TEXT, the compact JSON with object keys
// sorted as Snowflake stores them. Both are NULL for a SQL NULL. Both are
// rewritten in one pass, as each one's output calls DuckDB's function of
// the other's name; it runs before the rules whose output does too.
func ruleVariantJSON(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "TYPEOF") && !containsFold(s, "TO_JSON") {
		return s, nil
	}
	return variantJSONCalls(tokenize(s))
}

// variantJSONCalls is ruleVariantJSON over toks, arguments first.
func variantJSONCalls(toks []token) (string, error) {
	var b strings.Builder
	for i := 0; i < len(toks); i++ {
		fn := ""
		open, close, ok := callAt(toks, i, "TYPEOF")
		if ok {
			fn = "TYPEOF"
		} else if open, close, ok = callAt(toks, i, "TO_JSON"); ok {
			fn = "TO_JSON"
		}
		if !ok {
			b.WriteString(toks[i].text)
			continue
		}
		var args []string
		for _, a := range splitArgs(toks, open+1, close) {
			inner, err := variantJSONCalls(tokenize(trimmed(a)))
			if err != nil {
				return "", err
			}
			args = append(args, inner)
		}
		if err := wantArgs(fn, args, 1); err != nil {
			return "", err
		}
		if fn == "TYPEOF" {
			b.WriteString(udfTypeof + "(typeof(" + args[0] + "), " + variantText(args[0]) + ")")
		} else {
			b.WriteString(udfToJSON + "(" + variantText(args[0]) + ")")
		}
		i = close
	}
	return b.String(), nil
}

// variantText is the DuckDB expression for the JSON text of the VARIANT
// that expression x makes. A JSON value keeps its text as written (to_json
// would print 1.912e2 as 191.2, and TYPEOF tells DOUBLE from DECIMAL by it).
func variantText(x string) string {
	return "CASE WHEN typeof(" + x + ") = 'JSON' THEN CAST(" + x + " AS VARCHAR) ELSE CAST(to_json(" + x + ") AS VARCHAR) END"
}

// wantArgs is Snowflake's compilation error for a call of fn with other
// than n arguments.
func wantArgs(fn string, args []string, n int) error {
	call := fn + "(" + strings.Join(args, ", ") + ")"
	switch {
	case len(args) < n:
		return compileError("not enough arguments for function [%s], expected %d, got %d", call, n, len(args))
	case len(args) > n:
		return compileError("too many arguments for function [%s], expected %d, got %d", call, n, len(args))
	}
	return nil
}

// invalidArgTypes is Snowflake's 001044 for a call whose arguments have
// types the function does not take; types names them.
func invalidArgTypes(fn string, types ...string) error {
	return compilation("001044", "42P13", "", fmt.Sprintf("Invalid argument types for function '%s': (%s)", fn, strings.Join(types, ", ")))
}
