package sftest

// regexpFlags maps Snowflake's regular-expression parameters to RE2 flags
// (c, the default, clears i; e only matters to the extracting functions).
var regexpFlags = map[rune]string{'i': "i", 'm': "m", 's': "s", 'c': "", 'e': ""}

// ruleRegexpLike rewrites Snowflake's regular-expression match, which is
// implicitly anchored at both ends:
//   - REGEXP_LIKE(subject, pattern [, parameters]) and its alias
//     RLIKE(subject, pattern [, parameters]) become DuckDB's
//     regexp_full_match, the parameters (a string literal of c, i, m, e, s;
//     the last of c and i wins) turned into RE2 flags in front of the
//     pattern: i case-insensitive, m multi-line ^ and $, s . matching \n;
//     none of them by default, as in Snowflake;
//   - the operators subject [NOT] RLIKE pattern and subject [NOT] REGEXP
//     pattern become DuckDB's [NOT] SIMILAR TO, the same full match.
//
// Parameters that are not a string literal, or other letters, fail as not
// emulated.
func ruleRegexpLike(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "LIKE") && !containsFold(s, "REGEXP") {
		return s, nil
	}
	s = regexpOperators(s)
	for _, fn := range []string{"REGEXP_LIKE", "RLIKE"} {
		var err error
		s, err = rewriteCalls(s, fn, func(args []string, call string) (string, error) {
			switch len(args) {
			case 2:
				return "regexp_full_match(" + args[0] + ", " + args[1] + ")", nil
			case 3:
				if isNullLiteral(args[2]) {
					return "CAST(NULL AS BOOLEAN)", nil
				}
				flags, err := regexpParameters(fn, args[2])
				if err != nil {
					return "", err
				}
				return "regexp_full_match(" + args[0] + ", " + quoteString("(?"+flags+")") + " || (" + args[1] + "))", nil
			case 0, 1:
				return "", compileError("not enough arguments for function [%s], expected 2 or 3, got %d", call, len(args))
			}
			return "", compileError("too many arguments for function [%s], expected 2 or 3, got %d", call, len(args))
		})
		if err != nil {
			return "", err
		}
	}
	return s, nil
}

// regexpParameters turns the parameters argument of fn into RE2 flags:
// "i", "ms", or "-i" style clearing for c.
func regexpParameters(fn, arg string) (string, error) {
	code := codeOnly(tokenize(arg))
	v, ok := "", false
	if len(code) == 1 {
		v, ok = stringValue(code[0])
	}
	if !ok {
		return "", unsupported(fn + " with parameters that are not a string literal")
	}
	insensitive, set := false, map[string]bool{}
	for _, r := range v {
		f, known := regexpFlags[r]
		if !known {
			return "", unsupported(fn + " with the parameter '" + string(r) + "' (c, i, m, e and s are emulated)")
		}
		switch r {
		case 'i':
			insensitive = true
		case 'c':
			insensitive = false
		default:
			if f != "" {
				set[f] = true
			}
		}
	}
	flags := ""
	if insensitive {
		flags += "i"
	}
	for _, f := range []string{"m", "s"} {
		if set[f] {
			flags += f
		}
	}
	if flags == "" {
		return "-i", nil // RE2 needs at least one flag in (?...)
	}
	return flags, nil
}

// regexpOperators replaces the RLIKE and REGEXP operators (a word after an
// operand, maybe after NOT) with SIMILAR TO; RLIKE( at the start of an
// operand is the function, left for ruleRegexpLike.
func regexpOperators(s string) string {
	if !containsFold(s, "RLIKE") && !containsFold(s, "REGEXP") {
		return s
	}
	toks := tokenize(s)
	changed := false
	for i, t := range toks {
		if !t.isWord("RLIKE") && !t.isWord("REGEXP") {
			continue
		}
		p := prevCode(toks, i)
		if p >= 0 && toks[p].isWord("NOT") {
			p = prevCode(toks, p)
		}
		if p < 0 || !endsOperand(toks[p]) {
			continue
		}
		toks[i].text = "SIMILAR TO"
		changed = true
	}
	if !changed {
		return s
	}
	return joinTokens(toks)
}
