package sftest

import (
	"regexp"
	"strings"
)

// spacedOffset is a timestamp text whose UTC offset follows a space
// ("2024-01-01 10:00:00 +02:00"), which Snowflake reads and DuckDB takes
// for a time zone name.
var spacedOffset = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s+([+-]\d{2}(?::?\d{2})?)$`)

// ruleZonedLiterals writes the UTC offset of a string literal cast to a
// zoned timestamp ('... +02:00'::TIMESTAMP_TZ, CAST('...' AS TIMESTAMP_LTZ),
// TO_TIMESTAMP_TZ('...')) right after the time, where DuckDB reads it. It
// runs after types and conversions, which turned those into TIMESTAMPTZ
// casts; other strings (a VARCHAR value that looks like a timestamp) are
// left as written.
func ruleZonedLiterals(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "TIMESTAMPTZ") {
		return s, nil
	}
	toks := tokenize(s)
	changed := false
	for i, t := range toks {
		if t.kind != tkString || !zonedCastOf(toks, i) {
			continue
		}
		body := strings.ReplaceAll(t.text[1:len(t.text)-1], "''", "'")
		if m := spacedOffset.FindStringSubmatch(body); m != nil {
			toks[i].text = quoteString(m[1] + m[2])
			changed = true
		}
	}
	if !changed {
		return s, nil
	}
	return joinTokens(toks), nil
}

// zonedCastOf reports whether the string literal toks[i] is cast to
// TIMESTAMPTZ: 'x'::TIMESTAMPTZ or [TRY_]CAST('x' AS TIMESTAMPTZ).
func zonedCastOf(toks []token, i int) bool {
	next, j := codeAt(toks, i+1)
	if next.is("::") {
		typ, _ := codeAt(toks, j+1)
		return typ.isWord("TIMESTAMPTZ")
	}
	p := prevCode(toks, i)
	if !next.isWord("AS") || p < 1 || !toks[p].is("(") {
		return false
	}
	fn := prevCode(toks, p)
	typ, _ := codeAt(toks, j+1)
	return fn >= 0 && (toks[fn].isWord("CAST") || toks[fn].isWord("TRY_CAST")) && typ.isWord("TIMESTAMPTZ")
}
