package sftest

import (
	"sort"
	"strconv"
	"strings"
	"time"
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

// queryHistoryColumns are the columns sftest's QUERY_HISTORY() has, with
// their DuckDB types.
var queryHistoryColumns = []struct{ name, typ string }{
	{"QUERY_ID", "VARCHAR"}, {"QUERY_TEXT", "VARCHAR"}, {"SESSION_ID", "BIGINT"},
	{"EXECUTION_STATUS", "VARCHAR"}, {"START_TIME", "TIMESTAMPTZ"}, {"END_TIME", "TIMESTAMPTZ"},
	{"TOTAL_ELAPSED_TIME", "BIGINT"}, {"QUERY_TAG", "VARCHAR"},
}

// ruleQueryHistory turns TABLE([db.]INFORMATION_SCHEMA.QUERY_HISTORY(...))
// and QUERY_HISTORY_BY_SESSION(...) into a derived table built from
// env.History(), most recent first, with Snowflake's lower-case
// EXECUTION_STATUS values. Arguments: RESULT_LIMIT => n (default 100, at most
// 10000) and, for BY_SESSION, SESSION_ID => n (default: this session); time
// range arguments are not emulated.
func ruleQueryHistory(s string, env *rewriteEnv) (string, error) {
	if !containsFold(s, "QUERY_HISTORY") {
		return s, nil
	}
	toks := tokenize(s)
	var b strings.Builder
	emitted := 0
	for i := 0; i < len(toks); i++ {
		from, to, open, close, name, ok := tableCall(toks, i, "QUERY_HISTORY", "QUERY_HISTORY_BY_SESSION")
		if !ok || from < emitted {
			continue
		}
		bySession := name == "QUERY_HISTORY_BY_SESSION"
		limit, session := int64(100), int64(0)
		if env != nil {
			session = env.SessionID
		}
		for _, a := range splitArgs(toks, open+1, close) {
			c := codeOnly(a)
			if len(c) != 3 || c[0].kind != tkWord || !c[1].is("=>") || c[2].kind != tkNumber || !isInteger(c[2].text) {
				return "", unsupported(name + " argument " + strings.ToUpper(trimmed(a)))
			}
			v, err := strconv.ParseInt(c[2].text, 10, 64)
			if err != nil {
				return "", compileError("%s argument %s is out of range", name, c[2].text)
			}
			switch arg := strings.ToUpper(c[0].text); {
			case arg == "RESULT_LIMIT":
				if v < 1 || v > 10000 {
					return "", compileError("invalid value [%d] for parameter RESULT_LIMIT: must be between 1 and 10000", v)
				}
				limit = v
			case arg == "SESSION_ID" && bySession:
				session = v
			default:
				return "", unsupported(name + " argument " + arg)
			}
		}
		var rows []historyRow
		if env != nil && env.History != nil {
			rows = env.History()
		}
		b.WriteString(joinTokens(toks[emitted:from]))
		b.WriteString(historyTable(rows, bySession, session, int(limit), time.Now()))
		emitted, i = to+1, to
	}
	if emitted == 0 {
		return s, nil
	}
	b.WriteString(joinTokens(toks[emitted:]))
	return b.String(), nil
}

// historyTable renders rows as a DuckDB derived table with
// queryHistoryColumns; now gives a running statement's elapsed time.
func historyTable(rows []historyRow, bySession bool, session int64, limit int, now time.Time) string {
	var keep []historyRow
	for _, r := range rows {
		if !bySession || r.SessionID == session {
			keep = append(keep, r)
		}
	}
	sort.SliceStable(keep, func(i, j int) bool { return keep[i].Start.After(keep[j].Start) })
	if len(keep) > limit {
		keep = keep[:limit]
	}
	names := make([]string, len(queryHistoryColumns))
	for i, c := range queryHistoryColumns {
		names[i] = c.name
	}
	if len(keep) == 0 {
		cols := make([]string, len(queryHistoryColumns))
		for i, c := range queryHistoryColumns {
			cols[i] = "CAST(NULL AS " + c.typ + ") AS " + c.name
		}
		return "(SELECT " + strings.Join(cols, ", ") + " WHERE false)"
	}
	var b strings.Builder
	b.WriteString("(SELECT * FROM (VALUES ")
	for i, r := range keep {
		if i > 0 {
			b.WriteString(", ")
		}
		end := "CAST(NULL AS TIMESTAMPTZ)"
		elapsed := now.Sub(r.Start)
		if !r.End.IsZero() {
			end = tsLiteral(r.End)
			elapsed = r.End.Sub(r.Start)
		}
		if r.Start.IsZero() { // still queued
			elapsed = 0
		}
		start := "CAST(NULL AS TIMESTAMPTZ)"
		if !r.Start.IsZero() {
			start = tsLiteral(r.Start)
		}
		vals := []string{
			"CAST(" + quoteString(r.QueryID) + " AS VARCHAR)",
			"CAST(" + quoteString(r.QueryText) + " AS VARCHAR)",
			"CAST(" + strconv.FormatInt(r.SessionID, 10) + " AS BIGINT)",
			"CAST(" + quoteString(strings.ToLower(r.Status)) + " AS VARCHAR)",
			start,
			end,
			"CAST(" + strconv.FormatInt(elapsed.Milliseconds(), 10) + " AS BIGINT)",
			"CAST(" + quoteString(r.QueryTag) + " AS VARCHAR)",
		}
		b.WriteString("(" + strings.Join(vals, ", ") + ")")
	}
	b.WriteString(") AS __sftest_qh(" + strings.Join(names, ", ") + "))")
	return b.String()
}

// tsLiteral renders t as a DuckDB TIMESTAMPTZ expression in UTC.
func tsLiteral(t time.Time) string {
	return "CAST('" + t.UTC().Format("2006-01-02 15:04:05.000000") + "+00' AS TIMESTAMPTZ)"
}
