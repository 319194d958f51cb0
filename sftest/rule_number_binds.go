package sftest

import (
	"strconv"
	"strings"
)

// ruleNumberBinds numbers the statement's ? placeholders: the k-th ? (in
// order of appearance, outside literals, quoted names and comments) becomes
// DuckDB's $k. The rules after it may then copy or move an argument that
// holds a bind (GREATEST's NULL test, LIKE ANY's subject, DATEADD's
// operands swapped, ...): every copy names the same bind, where DuckDB would
// take each copy of a ? for a placeholder of its own, fail on the argument
// count or bind the next value in its place.
//
// It runs after selectAliases, which names result columns after the text
// as the user wrote it (GREATEST(?, 2)), and after positional, which reads
// every $n it sees as a positional column reference. Snowflake's numbered
// binds (:n) are not counted: ruleBindColon makes them DuckDB's $n later,
// so in a text that mixes the two the k-th ? and :k both name bind k.
// A statement without a ? is returned as it came, unscanned.
//
// Each text given to applyRules is numbered from $1. The callers that split
// a statement into pieces hand the binds to the one piece that holds them
// all (insert plans) or pick them by position in the order the piece holds
// them (the division probe's probeBinds).
func ruleNumberBinds(s string, _ *rewriteEnv) (string, error) {
	if strings.IndexByte(s, '?') < 0 {
		return s, nil // the common case: nothing to scan or build
	}
	var b strings.Builder
	n, last := 0, 0 // binds numbered; s[:last] is in b
	eachPlaceholder(s, func(i int) {
		n++
		b.WriteString(s[last:i])
		b.WriteString("$" + strconv.Itoa(n))
		last = i + 1
	})
	if n == 0 {
		return s, nil // every ? is in a literal, quoted name or comment
	}
	b.WriteString(s[last:])
	return b.String(), nil
}

// eachPlaceholder calls fn with the offset of each ? placeholder in s, in
// order: each ? the lexer reads as code, not inside a literal, quoted name
// or comment.
func eachPlaceholder(s string, fn func(i int)) {
	if strings.IndexByte(s, '?') < 0 {
		return
	}
	for i := 0; i < len(s); {
		size, kind := scanToken(s[i:])
		if kind == tkPunct && s[i] == '?' {
			fn(i)
		}
		i += size
	}
}
