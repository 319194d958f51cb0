package sftest

import (
	"strings"
)

// argCoercion turns one argument's text into the argument Snowflake's
// implicit cast makes of it.
type argCoercion func(arg string) string

// implicitArgs are the functions whose arguments ruleImplicitArgs coerces,
// by name: for each 1-based argument position (0 for every argument), the
// coercion. They are the date and time functions (implicitDateArgs,
// strings read as timestamps) and the string functions (implicitTextArgs,
// numbers and VARIANTs read as text). EXTRACT is handled apart (its one
// argument is "part FROM x").
var implicitArgs = func() map[string]map[int]argCoercion {
	m := map[string]map[int]argCoercion{}
	add := func(table map[string][]int, c argCoercion) {
		for name, positions := range table {
			if m[name] == nil {
				m[name] = map[int]argCoercion{}
			}
			for _, p := range positions {
				m[name][p] = c
			}
		}
	}
	add(implicitDateArgs, timestampArg)
	add(implicitTextArgs, textArg)
	return m
}()

// createImplicitMacros are the statements the engine runs at start to
// create the macros the coercions call.
var createImplicitMacros = []string{createTimestampMacro, createTextMacro}

// ruleImplicitArgs gives the arguments of implicitArgs' functions, and the
// operands of || and LIKE, the implicit casts Snowflake makes (see
// rule_implicit_dates.go, rule_implicit_text.go and
// rule_implicit_operators.go). It runs before the rules that turn those
// functions into DuckDB's, and after variantPaths, so a VARIANT path is
// already DuckDB's JSON.
func ruleImplicitArgs(s string, _ *rewriteEnv) (string, error) {
	if callsImplicit(s) {
		s = coerceArgs(s)
	}
	return coerceOperators(s), nil
}

// callsImplicit reports whether s may call one of implicitArgs' functions
// or EXTRACT: a word of those names right before "(" (in a literal too, so
// some answers are false positives). One pass without tokenizing, as most
// statements (an INSERT's VALUES rows) call none.
func callsImplicit(s string) bool {
	for i := strings.IndexByte(s, '('); i >= 0; {
		end := i
		for end > 0 && s[end-1] == ' ' {
			end--
		}
		start := end
		for start > 0 && isWordByte(s[start-1]) {
			start--
		}
		if start < end && end-start <= 16 {
			name := strings.ToUpper(s[start:end])
			if _, ok := implicitArgs[name]; ok || name == "EXTRACT" {
				return true
			}
		}
		next := strings.IndexByte(s[i+1:], '(')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

// isWordByte reports whether c can be part of an unquoted identifier.
func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '$'
}

// coerceArgs rewrites the calls in s, nested ones included.
func coerceArgs(s string) string {
	toks := tokenize(s)
	var b strings.Builder
	changed := false
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		name := strings.ToUpper(t.text)
		coercions, known := implicitArgs[name]
		if t.kind != tkWord || !known && name != "EXTRACT" {
			b.WriteString(t.text)
			continue
		}
		open, close, ok := callAt(toks, i, name)
		if !ok || name == "REPLACE" && selectStarReplace(toks, i) {
			b.WriteString(t.text)
			continue
		}
		args := splitArgs(toks, open+1, close)
		if len(args) == 1 && (topLevelWord(args[0], "FROM") >= 0 || topLevelWord(args[0], "IN") >= 0) && name != "EXTRACT" {
			// POSITION(a IN b), SUBSTRING(x FROM n): not an argument list.
			b.WriteString(t.text)
			continue
		}
		texts := make([]string, len(args))
		for k, a := range args {
			texts[k] = coerceArgs(trimmed(a))
			c := coercions[k+1]
			if c == nil {
				c = coercions[0] // every argument
			}
			if c != nil {
				texts[k] = c(texts[k])
			}
		}
		if name == "EXTRACT" && len(texts) == 1 {
			texts[0] = extractArg(texts[0])
		}
		b.WriteString(t.text + "(" + strings.Join(texts, ", ") + ")")
		changed = true
		i = close
	}
	if !changed {
		return s
	}
	return b.String()
}

// selectStarReplace reports whether the REPLACE at toks[i] is SELECT *'s
// REPLACE (expr AS name, ...), after the star, an EXCLUDE list or a RENAME.
func selectStarReplace(toks []token, i int) bool {
	p := prevCode(toks, i)
	if p < 0 {
		return false
	}
	if toks[p].is("*") || toks[p].is(")") {
		return true
	}
	as := prevCode(toks, p)
	return as >= 0 && toks[as].isWord("AS")
}
