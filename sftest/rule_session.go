package sftest

import (
	"strings"
)

// ruleLastQueryID turns LAST_QUERY_ID() (or LAST_QUERY_ID(-1)) into the
// session's previous query ID as a string literal, NULL when there is none.
// Other offsets need the session's full history, which env does not give.
func ruleLastQueryID(s string, env *rewriteEnv) (string, error) {
	return rewriteCalls(s, "LAST_QUERY_ID", func(args []string, _ string) (string, error) {
		if len(args) > 1 || len(args) == 1 && strings.ReplaceAll(args[0], " ", "") != "-1" {
			return "", unsupported("LAST_QUERY_ID with an offset other than -1")
		}
		if env == nil || env.LastQueryID == "" {
			return "CAST(NULL AS VARCHAR)", nil
		}
		return quoteString(env.LastQueryID), nil
	})
}

// tableCall finds, at toks[i], a call of one of names (its last name part,
// optionally qualified with dots) and, if it is wrapped in TABLE(...), that
// too. It returns the span [from, to] to replace, the name matched, and the
// call's parentheses.
func tableCall(toks []token, i int, names ...string) (from, to, open, close int, name string, ok bool) {
	for _, n := range names {
		if toks[i].isWord(n) {
			name = n
		}
	}
	if name == "" {
		return
	}
	t, oi := codeAt(toks, i+1)
	if !t.is("(") {
		return
	}
	open, close = oi, closeParen(toks, oi)
	if close < 0 {
		return
	}
	// Walk back over a qualifier (INFORMATION_SCHEMA., db.INFORMATION_SCHEMA.).
	from, to = i, close
	for {
		p := prevCode(toks, from)
		if p < 0 || !toks[p].is(".") {
			break
		}
		q := prevCode(toks, p)
		if q < 0 || toks[q].kind != tkWord && toks[q].kind != tkQuoted {
			break
		}
		from = q
	}
	// TABLE( ... ) around it.
	if p := prevCode(toks, from); p >= 0 && toks[p].is("(") {
		if q := prevCode(toks, p); q >= 0 && toks[q].isWord("TABLE") {
			if _, after := codeAt(toks, close+1); after < len(toks) && toks[after].is(")") && closeParen(toks, p) == after {
				from, to = q, after
			}
		}
	}
	return from, to, open, close, name, true
}

// ruleResultScan turns RESULT_SCAN('<id>') and TABLE(RESULT_SCAN('<id>'))
// into the DuckDB table the server keeps that query's result in.
// RESULT_SCAN(LAST_QUERY_ID()) works because ruleLastQueryID runs first.
func ruleResultScan(s string, env *rewriteEnv) (string, error) {
	if !containsFold(s, "RESULT_SCAN") {
		return s, nil
	}
	toks := tokenize(s)
	var b strings.Builder
	emitted := 0 // toks[:emitted] are written
	for i := 0; i < len(toks); i++ {
		from, to, open, close, _, ok := tableCall(toks, i, "RESULT_SCAN")
		if !ok || from < emitted {
			continue
		}
		args := splitArgs(toks, open+1, close)
		var id string
		ok = false
		if len(args) == 1 {
			if c := codeOnly(args[0]); len(c) == 1 {
				id, ok = stringValue(c[0])
			}
		}
		if len(args) != 1 || !ok {
			if len(args) == 1 && strings.EqualFold(trimmed(args[0]), "CAST(NULL AS VARCHAR)") {
				return "", compileError("RESULT_SCAN: there is no previous query in this session")
			}
			return "", compileError("RESULT_SCAN takes one query ID string literal")
		}
		if env == nil || env.ResultTable == nil {
			return "", unsupported("RESULT_SCAN without a server")
		}
		table, err := env.ResultTable(strings.TrimSpace(id))
		if err != nil {
			return "", err
		}
		b.WriteString(joinTokens(toks[emitted:from]))
		b.WriteString(table)
		emitted, i = to+1, to
	}
	if emitted == 0 {
		return s, nil
	}
	b.WriteString(joinTokens(toks[emitted:]))
	return b.String(), nil
}
