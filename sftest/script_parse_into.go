package sftest

import "strings"

// selectInto removes a top-level INTO :a, :b from a SELECT (or a CALL) and returns the
// statement without it and the target names.
func selectInto(sql string) (string, []string) {
	toks := tokenize(sql)
	first, _ := codeAt(toks, 0)
	if !first.isWord("SELECT") && !first.isWord("WITH") && !first.isWord("CALL") {
		return sql, nil
	}
	i := firstTopLevel(toks, len(toks), func(t token) bool { return t.isWord("INTO") })
	if i < 0 {
		return sql, nil
	}
	var names []string
	j := i + 1
	for {
		c, k := codeAt(toks, j)
		if c.is(":") {
			c, k = codeAt(toks, k+1)
		}
		if c.kind != tkWord && c.kind != tkQuoted {
			return sql, nil
		}
		names = append(names, identName(c))
		n, m := codeAt(toks, k+1)
		if !n.is(",") {
			j = k + 1
			break
		}
		j = m + 1
	}
	return joinTokens(toks[:i]) + " " + joinTokens(toks[j:]), names
}

// identName is an identifier token as Snowflake resolves it: quoted kept
// as written (unquoteIdent), anything else upper-cased.
func identName(t token) string {
	if t.kind == tkQuoted {
		return unquoteIdent(t.text)
	}
	return strings.ToUpper(t.text)
}
