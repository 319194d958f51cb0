package sftest

import (
	"strings"
)

// VARIANT values are DuckDB JSON (see the types rule). These rules give
// Snowflake's semi-structured syntax over them.

// ruleVariantPaths rewrites a path on a semi-structured value, base:a.b[0],
// base:"Key"['k'] or base['k'][0], to json_extract(base, '$.a.b[0]'), a VARIANT, as in
// Snowflake. Followed by a cast (base:a::string, ::number, ::date, ...)
// the element's own text is cast, through json_extract_string, so a string
// comes without its JSON quotes as Snowflake gives it; a cast to VARIANT,
// OBJECT or ARRAY keeps the JSON. base is a column (optionally qualified) or
// a call. Keys are case-sensitive, as in Snowflake.
func ruleVariantPaths(s string, _ *rewriteEnv) (string, error) {
	if !strings.Contains(s, ":") && !strings.Contains(s, "[") {
		return s, nil
	}
	toks := tokenize(s)
	for {
		i, ok := nextPathColon(toks)
		if !ok {
			return joinTokens(toks), nil
		}
		from := pathBase(toks, i)
		path, to, err := readPath(toks, i)
		if err != nil {
			return "", err
		}
		base := strings.TrimSpace(joinTokens(toks[from:i]))
		fn := "json_extract"
		if c, ci := codeAt(toks, to); c.is("::") {
			if t, _ := codeAt(toks, ci+1); t.kind == tkWord && !isJSONType(t.text) {
				fn = "json_extract_string"
			}
		}
		repl := token{kind: tkWord, text: fn + "(" + base + ", " + quoteString(path) + ")"}
		toks = append(append(append([]token(nil), toks[:from]...), repl), toks[to:]...)
	}
}

// isJSONType reports whether a cast target keeps the value semi-structured.
func isJSONType(w string) bool {
	switch strings.ToUpper(w) {
	case "VARIANT", "OBJECT", "ARRAY", "JSON":
		return true
	}
	return false
}

// nextPathColon finds the first ':' that starts a path: after a name or a
// closing parenthesis, before a key, outside [] and {} (slices, struct
// literals) and not DuckDB's lambda; or the first subscript of one string
// or integer literal on a name or call (v['k'], v[0]: Snowflake's ARRAY and
// OBJECT are VARIANTs here, indexed from 0).
func nextPathColon(toks []token) (int, bool) {
	depth := 0
	for i, t := range toks {
		if t.is("[") && literalSubscript(toks, i) {
			return i, true
		}
		switch {
		case t.is("[") || t.is("{"):
			depth++
		case t.is("]") || t.is("}"):
			depth--
		case t.is(":") && depth <= 0:
			p := prevCode(toks, i)
			if p < 0 || !(toks[p].kind == tkWord || toks[p].kind == tkQuoted || toks[p].is(")") || toks[p].is("]")) {
				continue
			}
			if n, _ := codeAt(toks, i+1); (n.kind == tkWord || n.kind == tkQuoted) && !afterLambda(toks, i) {
				return i, true
			}
		}
	}
	return 0, false
}

// literalSubscript reports whether toks[i] opens [literal] right after a
// name, a quoted name or a call (not ARRAY[...], a list literal or a slice).
func literalSubscript(toks []token, i int) bool {
	p := prevCode(toks, i)
	if p < 0 || p != i-1 || !(toks[p].kind == tkWord && !toks[p].isWord("ARRAY") || toks[p].kind == tkQuoted || toks[p].is(")")) {
		return false
	}
	if toks[p].kind == tkWord && selectListEnd[strings.ToUpper(toks[p].text)] {
		return false
	}
	v, vi := codeAt(toks, i+1)
	c, _ := codeAt(toks, vi+1)
	return c.is("]") && (v.kind == tkString || v.kind == tkNumber && isInteger(v.text))
}

// pathBase returns where the expression before the ':' at i starts: a
// dotted name, or a call (name(...)) or parenthesised expression, with any
// [..] subscripts after it.
func pathBase(toks []token, i int) int {
	j := prevCode(toks, i)
	for j >= 0 && toks[j].is("]") {
		j = openBefore(toks, j, "[", "]")
		j = prevCode(toks, j)
	}
	if j >= 0 && toks[j].is(")") {
		j = openBefore(toks, j, "(", ")")
		if p := prevCode(toks, j); p >= 0 && toks[p].kind == tkWord {
			j = p
		}
		return j
	}
	return nameStart(toks, j, 0)
}

// openBefore returns the index of the open bracket matching the close at j
// (0 when none does).
func openBefore(toks []token, j int, open, close string) int {
	return max(matchLeft(toks, j, func(t token) bool { return t.is(open) }, func(t token) bool { return t.is(close) }), 0)
}

// readPath reads the path that starts at i, a ':' and a key or a first
// subscript, then .key, [n], ['key'], as a JSON path, and returns the index
// after it.
func readPath(toks []token, i int) (string, int, error) {
	var b strings.Builder
	b.WriteString("$")
	key := func(t token) bool {
		switch t.kind {
		case tkWord:
			b.WriteString("." + t.text)
		case tkQuoted:
			b.WriteString(`."` + unquoteIdent(t.text) + `"`)
		default:
			return false
		}
		return true
	}
	j := i + 1
	if toks[i].is("[") {
		j = i // the path starts with its first subscript
	} else {
		t, k := codeAt(toks, j)
		key(t)
		j = k + 1
	}
	for {
		t, k := codeAt(toks, j)
		switch {
		case t.is(".") && k == j:
			n, nk := codeAt(toks, k+1)
			if !key(n) {
				return "", 0, compileError("syntax error: a path key must follow '.'")
			}
			j = nk + 1
		case t.is("[") && k == j:
			v, vk := codeAt(toks, k+1)
			c, ck := codeAt(toks, vk+1)
			if !c.is("]") {
				return "", 0, unsupported("semi-structured subscript other than a number or a string literal")
			}
			switch {
			case v.kind == tkNumber && isInteger(v.text):
				b.WriteString("[" + v.text + "]")
			case v.kind == tkString:
				sv, _ := stringValue(v)
				b.WriteString(`."` + sv + `"`)
			default:
				return "", 0, unsupported("semi-structured subscript other than a number or a string literal")
			}
			j = ck + 1
		default:
			return b.String(), j, nil
		}
	}
}

// ruleFlatten rewrites [LATERAL] FLATTEN(INPUT => expr [, PATH => 'p']) and
// TABLE(FLATTEN(...)) to a lateral subquery over DuckDB's json_each with
// Snowflake's output columns SEQ, KEY, PATH, INDEX, VALUE (a VARIANT) and
// THIS. OUTER, RECURSIVE and MODE are not emulated.
func ruleFlatten(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "FLATTEN") {
		return s, nil
	}
	toks := tokenize(s)
	var b strings.Builder
	emitted := 0
	for i := 0; i < len(toks); i++ {
		from, to, open, close, _, ok := tableCall(toks, i, "FLATTEN")
		if !ok || from < emitted {
			continue
		}
		if p := prevCode(toks, from); p >= 0 && toks[p].isWord("LATERAL") {
			from = p
		}
		input, path := "", ""
		for _, a := range splitArgs(toks, open+1, close) {
			c := codeOnly(a)
			if len(c) < 3 || c[0].kind != tkWord || !c[1].is("=>") {
				input = trimmed(a) // FLATTEN(expr): the input, positionally
				continue
			}
			val := trimmed(a[arrowAt(a)+1:])
			switch strings.ToUpper(c[0].text) {
			case "INPUT":
				input = val
			case "PATH":
				pv, ok := stringValue(c[2])
				if !ok || len(c) != 3 {
					return "", compileError("FLATTEN's PATH must be a string literal")
				}
				path = pv
			case "OUTER", "RECURSIVE":
				if strings.EqualFold(val, "false") {
					continue
				}
				return "", unsupported("FLATTEN " + strings.ToUpper(c[0].text) + " => " + strings.ToUpper(val))
			default:
				return "", unsupported("FLATTEN argument " + strings.ToUpper(c[0].text))
			}
		}
		if input == "" {
			return "", compileError("FLATTEN needs INPUT")
		}
		this := "CAST((" + input + ") AS JSON)"
		if path != "" {
			this = "json_extract(" + this + ", " + quoteString("$."+path) + ")"
		}
		b.WriteString(joinTokens(toks[emitted:from]))
		b.WriteString("LATERAL (SELECT CAST(1 AS BIGINT) AS SEQ, " +
			"CASE WHEN json_type(" + this + ") = 'OBJECT' THEN __f.key END AS KEY, " +
			"regexp_replace(__f.fullkey, '^[$][.]?', '') AS PATH, " +
			"CASE WHEN json_type(" + this + ") = 'ARRAY' THEN CAST(__f.key AS BIGINT) END AS INDEX, " +
			"CAST(__f.value AS JSON) AS VALUE, " + this + " AS THIS FROM json_each(" + this + ") AS __f)")
		emitted, i = to+1, to
	}
	if emitted == 0 {
		return s, nil
	}
	b.WriteString(joinTokens(toks[emitted:]))
	return b.String(), nil
}

// ruleFlattenValue makes a cast of FLATTEN's VALUE column to a scalar type
// (f.value::string, value::number) cast the element's own text, as Snowflake
// does for a VARIANT, instead of its JSON (with quotes around a string).
// Only in statements that call FLATTEN: elsewhere a column named VALUE is
// not known to be a VARIANT.
func ruleFlattenValue(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "FLATTEN") || !containsFold(s, "VALUE") {
		return s, nil
	}
	toks := tokenize(s)
	changed := false
	for i, t := range toks {
		if !t.isWord("VALUE") {
			continue
		}
		c, ci := codeAt(toks, i+1)
		if typ, _ := codeAt(toks, ci+1); !c.is("::") || typ.kind != tkWord || isJSONType(typ.text) {
			continue
		}
		from := i
		if p := prevCode(toks, i); p >= 0 && toks[p].is(".") {
			if q := prevCode(toks, p); q >= 0 && (toks[q].kind == tkWord || toks[q].kind == tkQuoted) {
				from = q
			}
		}
		ref := joinTokens(toks[from : i+1])
		for k := from; k < i; k++ {
			toks[k].text = ""
		}
		toks[i].text = "json_extract_string(" + ref + ", '$')"
		changed = true
	}
	if !changed {
		return s, nil
	}
	return joinTokens(toks), nil
}
