package sftest

import "strings"

// Aggregate syntax DuckDB spells otherwise: WITHIN GROUP and LISTAGG.

// ruleWithinGroup turns Snowflake's ordered aggregates, f(x) WITHIN GROUP
// (ORDER BY o) as in LISTAGG and ARRAY_AGG, into DuckDB's f(x ORDER BY o).
func ruleWithinGroup(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "WITHIN") {
		return s, nil
	}
	toks := tokenize(s)
	var b strings.Builder
	emitted := 0
	for i := range toks {
		if !toks[i].is("(") || i < emitted {
			continue
		}
		close := closeParen(toks, i)
		if close < 0 {
			continue
		}
		w, wi := codeAt(toks, close+1)
		g, gi := codeAt(toks, wi+1)
		open, oi := codeAt(toks, gi+1)
		ord, ordi := codeAt(toks, oi+1)
		if !w.isWord("WITHIN") || !g.isWord("GROUP") || !open.is("(") || !ord.isWord("ORDER") {
			continue
		}
		oclose := closeParen(toks, oi)
		if oclose < 0 {
			continue
		}
		b.WriteString(joinTokens(toks[emitted:close]))
		b.WriteString(" " + strings.TrimSpace(joinTokens(toks[ordi:oclose])) + ")")
		emitted = oclose + 1
	}
	if emitted == 0 {
		return s, nil
	}
	b.WriteString(joinTokens(toks[emitted:]))
	return b.String(), nil
}

// ruleListagg gives LISTAGG Snowflake's default delimiter, the empty
// string; DuckDB's is a comma.
func ruleListagg(s string, _ *rewriteEnv) (string, error) {
	return rewriteCalls(s, "LISTAGG", func(args []string, call string) (string, error) {
		if len(args) != 1 {
			return call, nil
		}
		// The argument may end in the ORDER BY ruleWithinGroup moved in.
		toks := tokenize(args[0])
		depth := 0
		for i, t := range toks {
			switch {
			case t.is("("):
				depth++
			case t.is(")"):
				depth--
			case depth == 0 && t.isWord("ORDER"):
				return "LISTAGG(" + strings.TrimSpace(joinTokens(toks[:i])) + ", '' " + joinTokens(toks[i:]) + ")", nil
			}
		}
		return "LISTAGG(" + args[0] + ", '')", nil
	})
}
