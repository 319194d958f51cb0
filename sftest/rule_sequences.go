package sftest

import "strings"

// ruleSequences turns Snowflake's sequence references `[db.][schema.]s.NEXTVAL`
// into DuckDB's nextval('"DB"."SCHEMA"."S"'), in select lists, VALUES,
// column DEFAULTs and anywhere else. Names the statement leaves unqualified
// are qualified with the session's database and schema, as Snowflake binds
// them when the statement compiles, so a DEFAULT keeps naming the same
// sequence whatever schema a later INSERT runs in. A select item that is
// nothing but such a reference is named NEXTVAL, as Snowflake names it.
// Each reference draws its own value, also twice in one row.
func ruleSequences(s string, env *rewriteEnv) (string, error) {
	if !containsFold(s, "NEXTVAL") {
		return s, nil
	}
	toks := tokenize(s)
	whole := map[[2]int]bool{} // first and last code token of each item of the main select list
	if sel := mainSelect(toks); sel >= 0 {
		start := selectListStart(toks, sel)
		for _, sp := range argSpans(toks, start, scopeEnd(toks, start, selectListEnd)) {
			whole[[2]int{nextCode(toks, sp[0]), prevCode(toks, sp[1])}] = true
		}
	}
	var b strings.Builder
	last := 0
	for j, t := range toks {
		if !t.isWord("NEXTVAL") {
			continue
		}
		start, parts := sequenceRefBefore(toks, j)
		if start < 0 {
			continue
		}
		b.WriteString(joinTokens(toks[last:start]))
		b.WriteString("nextval(" + quoteString(duckName(qualifySequence(parts, env))) + ")")
		if whole[[2]int{start, j}] {
			b.WriteString(` AS "NEXTVAL"`)
		}
		last = j + 1
	}
	if last == 0 {
		return s, nil
	}
	b.WriteString(joinTokens(toks[last:]))
	return b.String(), nil
}

// sequenceRefBefore reads the sequence name of the NEXTVAL at toks[j]
// (`s.NEXTVAL`, up to `db.schema.s.NEXTVAL`): the index of its first token
// and its parts; -1 when NEXTVAL follows no dotted name or ends a VARIANT
// path.
func sequenceRefBefore(toks []token, j int) (int, []namePart) {
	dot := prevCode(toks, j)
	if dot < 0 || !toks[dot].is(".") {
		return -1, nil
	}
	var parts []namePart
	start := -1
	for k := dot; len(parts) < 3; {
		n := prevCode(toks, k)
		if n < 0 || toks[n].kind != tkWord && toks[n].kind != tkQuoted {
			break
		}
		parts = append([]namePart{identPart(toks[n])}, parts...)
		start = n
		d := prevCode(toks, n)
		if d < 0 || !toks[d].is(".") {
			break
		}
		k = d
	}
	if p := prevCode(toks, start); start >= 0 && p >= 0 && (toks[p].is(":") || toks[p].is(".")) {
		return -1, nil // a VARIANT path (v:a.nextval) or a name of more than four parts
	}
	return start, parts
}

// qualifySequence completes a sequence name with the session's database and
// schema (when env knows them).
func qualifySequence(parts []namePart, env *rewriteEnv) []namePart {
	if env == nil || env.Database == "" || env.Schema == "" {
		return parts
	}
	current := []namePart{{text: env.Database, quoted: true}, {text: env.Schema, quoted: true}}
	if missing := 3 - len(parts); missing > 0 {
		return append(append([]namePart(nil), current[:missing]...), parts...)
	}
	return parts
}
