package sftest

import (
	"strings"
)

// Dates, times and timestamps turned into text as Snowflake writes them.
//
// Snowflake writes a DATE, TIME or timestamp it turns into text (x::VARCHAR,
// CAST(x AS STRING), TO_VARCHAR(x), 'a' || x, CONCAT(...)) with the session's
// output formats: DATE_OUTPUT_FORMAT (YYYY-MM-DD), TIME_OUTPUT_FORMAT
// (HH24:MI:SS), TIMESTAMP_NTZ_OUTPUT_FORMAT (YYYY-MM-DD HH24:MI:SS.FF3), and
// for TIMESTAMP_LTZ and TIMESTAMP_TZ their own format or else
// TIMESTAMP_OUTPUT_FORMAT (YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM), at the
// session's TIMEZONE. DuckDB writes its own forms (2024-01-01 10:00:00,
// 2024-01-01 10:00:00+00). The operand's type is known only once DuckDB
// binds the statement (a column), so the rule wraps the operand of every
// conversion to text in textFormFunc, a macro that writes a value by its
// type, with the session's formats turned into strftime's as arguments. A
// number, boolean or string is cast to VARCHAR as before, and a VARIANT
// gives the text it holds (variantTextCase).
//
// Where sftest cannot know the type or the form, the text is DuckDB's: a
// bind placeholder as the operand (its type is chosen when bound); TIMESTAMP_TZ
// values, which DuckDB keeps as instants, are written at the session's
// TIMEZONE with TIMESTAMP_LTZ's format (not the offset they were written
// with, nor TIMESTAMP_TZ_OUTPUT_FORMAT); a view keeps the formats of the
// session that created it.

// textFormFunc is the macro that writes a value as text: textFormFunc(x,
// date format, time format, NTZ format, LTZ format, time zone).
const textFormFunc = "memory.main.sftest_text_form"

// ruleTextForms writes dates, times and timestamps turned into text as
// Snowflake does (see textFormMacro): the operand of x::T,
// [TRY_]CAST(x AS T) for a text type T (VARCHAR, STRING, TEXT, CHAR, ...),
// TO_CHAR/TO_VARCHAR(x) without a format, the operands of a || chain and
// CONCAT/CONCAT_WS's arguments are wrapped in textFormFunc. It runs after
// the VARIANT path rules and before the rules whose own casts to VARCHAR
// are internal, on text whose types are still Snowflake's. Literals, NULL,
// subscripted values and bind placeholders are left as written; a
// statement that names no text type (every one holds CHAR, STRING or TEXT)
// and has no CONCAT or || is returned at once.
func ruleTextForms(s string, env *rewriteEnv) (string, error) {
	if !containsFold(s, "CHAR") && !containsFold(s, "STRING") && !containsFold(s, "TEXT") && !containsFold(s, "CONCAT") && !strings.Contains(s, "||") {
		return s, nil
	}
	w := &textWrapper{params: envParams(env)}
	var err error
	for _, fn := range []string{"TO_CHAR", "TO_VARCHAR"} {
		s, err = rewriteCalls(s, fn, func(args []string, call string) (string, error) {
			if len(args) != 1 {
				return call, nil // with a format: numberFormat and conversions
			}
			x, err := w.wrap(args[0])
			return "CAST(" + x + " AS VARCHAR)", err
		})
		if err != nil {
			return "", err
		}
	}
	for _, fn := range []string{"CONCAT", "CONCAT_WS"} {
		s, err = rewriteCalls(s, fn, func(args []string, call string) (string, error) {
			if len(args) == 0 {
				return call, nil
			}
			for i, a := range args {
				if args[i], err = w.wrap(a); err != nil {
					return "", err
				}
			}
			return fn + "(" + strings.Join(args, ", ") + ")", nil
		})
		if err != nil {
			return "", err
		}
	}
	for _, fn := range []string{"CAST", "TRY_CAST"} {
		s, err = rewriteCalls(s, fn, func(args []string, call string) (string, error) {
			x, ok := castToText(args)
			if !ok {
				return call, nil
			}
			wrapped, err := w.wrap(x)
			if wrapped == x {
				return call, err
			}
			return fn + "(" + wrapped + " AS VARCHAR)", err
		})
		if err != nil {
			return "", err
		}
	}
	if s, err = w.wrapColonCasts(s); err != nil {
		return "", err
	}
	return w.wrapConcatOperands(s)
}

// castToText returns x of CAST's argument "x AS T" for a text type T.
func castToText(args []string) (string, bool) {
	if len(args) != 1 {
		return "", false
	}
	toks := tokenize(args[0])
	for as := len(toks) - 1; as > 0; as-- {
		if toks[as].isWord("AS") {
			if _, end, ok := textTypeAt(toks, nextCode(toks, as+1)); ok && nextCode(toks, end+1) == len(toks) {
				return trimmed(toks[:as]), true
			}
			return "", false
		}
	}
	return "", false
}

// textTypeAt reports whether a text type (VARCHAR, STRING, TEXT, CHAR,
// VARCHAR(n), CHARACTER VARYING, ...) starts at toks[j], and the index of
// its last token.
func textTypeAt(toks []token, j int) (start, end int, ok bool) {
	to, text, ok, err := mapType(toks, j)
	if err != nil || !ok || text != "VARCHAR" {
		return 0, 0, false
	}
	return j, to, true
}

// textWrapper wraps operands in textFormFunc with the session's formats,
// worked out on first use.
type textWrapper struct {
	params map[string]string
	args   string // textFormArgs, once worked out
}

// wrap returns x in textFormFunc, or x itself when it is a literal, NULL,
// already text, or holds a bind placeholder.
func (w *textWrapper) wrap(x string) (string, error) {
	if !needsTextForm(x) {
		return x, nil
	}
	if w.args == "" {
		args, err := textFormArgs(w.params)
		if err != nil {
			return "", err
		}
		w.args = args
	}
	return textFormFunc + "(" + x + w.args + ")", nil
}

// needsTextForm reports whether x may be a date, time or timestamp that
// textFormFunc must write: not a string or number literal, not NULL, not a
// cast to VARCHAR or a textFormFunc call already, and without a bind
// placeholder (whose type DuckDB would take from the first overload).
func needsTextForm(x string) bool {
	code := codeOnly(tokenize(x))
	if len(code) == 0 || isNullLiteral(x) || placeholderIn(code) {
		return false
	}
	if len(code) == 1 && (code[0].kind == tkString || code[0].kind == tkNumber) {
		return false
	}
	for i, t := range code {
		if t.is(":") || t.is("[") || t.is("::") && i+1 < len(code) && textTypeEnds(code, i+1) {
			return false // a VARIANT path, or text already
		}
	}
	return !strings.Contains(x, textFormFunc+"(") && !parenthesisedConcat(code)
}

// textTypeEnds reports whether code[j:] is exactly a text type.
func textTypeEnds(code []token, j int) bool {
	_, end, ok := textTypeAt(code, j)
	return ok && end == len(code)-1
}

// parenthesisedConcat reports whether code is (a || b ...): text already,
// whose operands are wrapped on their own.
func parenthesisedConcat(code []token) bool {
	n := len(code)
	if n < 2 || !code[0].is("(") || closeParen(code, 0) != n-1 {
		return false
	}
	depth := 0
	for _, t := range code[1 : n-1] {
		switch {
		case t.is("("):
			depth++
		case t.is(")"):
			depth--
		case t.is("||") && depth == 0:
			return true
		}
	}
	return false
}

// wrapColonCasts wraps the operand of each x::T for a text type T.
func (w *textWrapper) wrapColonCasts(s string) (string, error) {
	if !strings.Contains(s, "::") {
		return s, nil
	}
	toks := tokenize(s)
	changed := false
	for i := 0; i < len(toks); i++ {
		if !toks[i].is("::") {
			continue
		}
		if _, _, ok := textTypeAt(toks, nextCode(toks, i+1)); !ok {
			continue
		}
		from, ok := castOperand(toks, i)
		if !ok || windowClauseAt(toks, from) {
			continue
		}
		if p := prevCode(toks, from); p >= 0 && (toks[p].is(":") || toks[p].is(".")) {
			continue // a VARIANT path's key
		}
		x := trimmed(toks[from:i])
		wrapped, err := w.wrap(x)
		if err != nil {
			return "", err
		}
		if wrapped == x {
			continue
		}
		repl := token{kind: tkWord, text: wrapped}
		toks = append(append(append([]token(nil), toks[:from]...), repl), toks[i:]...)
		i = from + 1
		changed = true
	}
	if !changed {
		return s, nil
	}
	return joinTokens(toks), nil
}

// windowClauseAt reports whether toks[from] opens the parenthesis of an
// OVER, FILTER or WITHIN GROUP clause, whose call castOperand does not see:
// the cast's operand is then the whole call, left as written.
func windowClauseAt(toks []token, from int) bool {
	p := prevCode(toks, from)
	return toks[from].is("(") && p >= 0 && (toks[p].isWord("GROUP") || toks[p].isWord("OVER") || toks[p].isWord("FILTER"))
}

// arithmeticOperators bind tighter than ||: an operand next to one is part
// of a sum, not a value of its own, and is left as written.
var arithmeticOperators = map[string]bool{"+": true, "-": true, "*": true, "/": true, "%": true}

// wrapConcatOperands wraps each operand of a || chain: the primary (name,
// call, parenthesised or CASE expression, with its casts and subscripts)
// on either side of each ||.
func (w *textWrapper) wrapConcatOperands(s string) (string, error) {
	if !strings.Contains(s, "||") {
		return s, nil
	}
	toks := tokenize(s)
	spans := map[int]int{} // operand start -> end (inclusive)
	for k, t := range toks {
		if !t.is("||") {
			continue
		}
		if end := prevCode(toks, k); end >= 0 {
			if start, ok := primaryStart(toks, end, 0); ok {
				if p := prevCode(toks, start); p < 0 || toks[p].kind != tkPunct || !arithmeticOperators[toks[p].text] {
					spans[start] = end
				}
			}
		}
		if start := nextCode(toks, k+1); start < len(toks) {
			if end, ok := concatOperandEnd(toks, start); ok {
				if n := nextCode(toks, end+1); n >= len(toks) || toks[n].kind != tkPunct || !arithmeticOperators[toks[n].text] {
					spans[start] = end
				}
			}
		}
	}
	var b strings.Builder
	for i := 0; i < len(toks); i++ {
		end, ok := spans[i]
		if !ok {
			b.WriteString(toks[i].text)
			continue
		}
		x, err := w.wrap(trimmed(toks[i : end+1]))
		if err != nil {
			return "", err
		}
		b.WriteString(x)
		i = end
	}
	return b.String(), nil
}

// concatOperandEnd returns the last token of the operand that starts at
// toks[j]: a (qualified) primary with the casts (::type) and subscripts
// after it; false for a VARIANT path (v:a).
func concatOperandEnd(toks []token, j int) (int, bool) {
	end, ok := primaryEnd(toks, j)
	if !ok {
		return 0, false
	}
	for {
		n := nextCode(toks, end+1)
		switch {
		case n < len(toks) && toks[n].is(":"):
			return 0, false // a VARIANT path
		case n < len(toks) && toks[n].is("."):
			if end, ok = primaryEnd(toks, nextCode(toks, n+1)); !ok {
				return 0, false
			}
		case n < len(toks) && toks[n].is("::"):
			if end, ok = primaryEnd(toks, nextCode(toks, n+1)); !ok {
				return 0, false
			}
		case n < len(toks) && toks[n].is("["):
			if end = closeBracket(toks, n); end < 0 {
				return 0, false
			}
		default:
			return end, true
		}
	}
}
