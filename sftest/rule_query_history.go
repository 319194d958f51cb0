package sftest

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

// queryHistoryColumns are the columns of sftest's QUERY_HISTORY table
// functions, in Snowflake's order, with their DuckDB types. Snowflake has
// more (bytes scanned, credits, ...); sftest gives those it knows.
var queryHistoryColumns = []struct{ name, typ string }{
	{"QUERY_ID", "VARCHAR"}, {"QUERY_TEXT", "VARCHAR"}, {"DATABASE_NAME", "VARCHAR"},
	{"SCHEMA_NAME", "VARCHAR"}, {"QUERY_TYPE", "VARCHAR"}, {"SESSION_ID", "BIGINT"},
	{"USER_NAME", "VARCHAR"}, {"ROLE_NAME", "VARCHAR"}, {"WAREHOUSE_NAME", "VARCHAR"},
	{"QUERY_TAG", "VARCHAR"}, {"EXECUTION_STATUS", "VARCHAR"}, {"ERROR_CODE", "VARCHAR"},
	{"ERROR_MESSAGE", "VARCHAR"}, {"START_TIME", "TIMESTAMPTZ"}, {"END_TIME", "TIMESTAMPTZ"},
	{"TOTAL_ELAPSED_TIME", "BIGINT"}, {"ROWS_PRODUCED", "BIGINT"}, {"EXECUTION_TIME", "BIGINT"},
	{"QUEUED_OVERLOAD_TIME", "BIGINT"}, {"TRANSACTION_BLOCKED_TIME", "BIGINT"},
}

// historyFunctions are the QUERY_HISTORY table functions sftest answers.
var historyFunctions = []string{"QUERY_HISTORY", "QUERY_HISTORY_BY_SESSION", "QUERY_HISTORY_BY_USER"}

// historyCall is one call's arguments: filters as DuckDB conditions over
// queryHistoryColumns, and the row limit.
type historyCall struct {
	conds []string
	limit int64
}

// ruleQueryHistory turns [TABLE(][db.]INFORMATION_SCHEMA.QUERY_HISTORY(...)[)],
// QUERY_HISTORY_BY_SESSION(...) and QUERY_HISTORY_BY_USER(...) into a
// derived table built from env.History(), most recent first, with
// Snowflake's columns (queryHistoryColumns). Named arguments: RESULT_LIMIT
// => n (1 to 10000, default 100), END_TIME_RANGE_START / END_TIME_RANGE_END
// => expr (a query that has not ended passes a start bound and fails an end
// bound, as in Snowflake), SESSION_ID => n | CURRENT_SESSION() for
// BY_SESSION (default: this session), USER_NAME => 'name' | CURRENT_USER
// for BY_USER (default: the current user). WAREHOUSE and
// INCLUDE_CLIENT_GENERATED_STATEMENT are not emulated.
func ruleQueryHistory(s string, env *rewriteEnv) (string, error) {
	if !containsFold(s, "QUERY_HISTORY") {
		return s, nil
	}
	toks := tokenize(s)
	var b strings.Builder
	emitted := 0
	for i := 0; i < len(toks); i++ {
		from, to, open, close, name, ok := tableCall(toks, i, historyFunctions...)
		if !ok || from < emitted {
			continue
		}
		call, err := historyArgs(toks, open, close, name, env)
		if err != nil {
			return "", err
		}
		var rows []historyRow
		if env != nil && env.History != nil {
			rows = env.History()
		}
		b.WriteString(joinTokens(toks[emitted:from]))
		b.WriteString(historyTable(rows, call, time.Now()))
		emitted, i = to+1, to
	}
	if emitted == 0 {
		return s, nil
	}
	b.WriteString(joinTokens(toks[emitted:]))
	return b.String(), nil
}

// historyArgs reads a QUERY_HISTORY call's named arguments.
func historyArgs(toks []token, open, close int, name string, env *rewriteEnv) (historyCall, error) {
	call := historyCall{limit: 100}
	session := int64(0)
	if env != nil {
		session = env.SessionID
	}
	switch name {
	case "QUERY_HISTORY_BY_SESSION":
		call.conds = append(call.conds, "SESSION_ID = "+strconv.FormatInt(session, 10))
	case "QUERY_HISTORY_BY_USER":
		call.conds = append(call.conds, "USER_NAME = "+quoteString(strings.ToUpper(User)))
	}
	for _, a := range splitArgs(toks, open+1, close) {
		c := codeOnly(a)
		if len(c) < 3 || c[0].kind != tkWord || !c[1].is("=>") {
			return call, compileError("invalid argument %s for function [%s]: arguments must be named", strings.ToUpper(trimmed(a)), name)
		}
		arg, val := strings.ToUpper(c[0].text), trimmed(a[arrowAt(a)+1:])
		switch {
		case arg == "RESULT_LIMIT":
			v, err := strconv.ParseInt(val, 10, 64)
			if len(c) != 3 || err != nil || v < 1 || v > 10000 {
				return call, compileError("invalid value [%s] for parameter RESULT_LIMIT: must be between 1 and 10000", val)
			}
			call.limit = v
		case arg == "END_TIME_RANGE_START":
			call.conds = append(call.conds, "(END_TIME IS NULL OR END_TIME >= CAST(("+val+") AS TIMESTAMPTZ))")
		case arg == "END_TIME_RANGE_END":
			call.conds = append(call.conds, "END_TIME < CAST(("+val+") AS TIMESTAMPTZ)")
		case arg == "SESSION_ID" && name == "QUERY_HISTORY_BY_SESSION":
			call.conds[0] = "SESSION_ID = CAST((" + val + ") AS BIGINT)"
		case arg == "USER_NAME" && name == "QUERY_HISTORY_BY_USER":
			call.conds[0] = "USER_NAME = " + userNameArg(c[2:], val)
		default:
			return call, unsupported(name + " argument " + arg)
		}
	}
	return call, nil
}

// userNameArg is USER_NAME's value as a DuckDB expression: a literal login
// name is upper-cased unless it is double-quoted inside the quotes
// ('"User 1"'), CURRENT_USER is the server's user; another expression is
// compared upper-cased.
func userNameArg(c []token, val string) string {
	if len(c) == 1 {
		if v, ok := stringValue(c[0]); ok {
			if len(v) >= 2 && strings.HasPrefix(v, `"`) && strings.HasSuffix(v, `"`) {
				return quoteString(unquoteIdent(v))
			}
			return quoteString(strings.ToUpper(v))
		}
	}
	if c[0].isWord("CURRENT_USER") && (len(c) == 1 || len(c) == 3 && c[1].is("(") && c[2].is(")")) {
		return quoteString(strings.ToUpper(User))
	}
	return "upper(CAST((" + val + ") AS VARCHAR))"
}

// arrowAt is the index of the first "=>" in toks, or -1.
func arrowAt(toks []token) int {
	for i, t := range toks {
		if t.is("=>") {
			return i
		}
	}
	return -1
}

// historyStatus is a statement status as QUERY_HISTORY's EXECUTION_STATUS
// spells it: a canceled statement is FAILED_WITH_ERROR (its error code
// says it was canceled), a restarted one is RUNNING again.
func historyStatus(status string) string {
	switch status {
	case StatusAborted:
		return StatusFailedWithError
	case StatusAborting, StatusRestarted:
		return StatusRunning
	}
	return status
}

// historyTable renders rows as a DuckDB derived table with
// queryHistoryColumns, most recent first (submission order breaks ties),
// filtered by call's conditions and cut at its limit; now gives a live
// statement's elapsed time.
func historyTable(rows []historyRow, call historyCall, now time.Time) string {
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := rows[order[i]].Start, rows[order[j]].Start
		return a.After(b) || a.Equal(b) && order[i] > order[j]
	})
	names := make([]string, 0, len(queryHistoryColumns)+1)
	for _, c := range queryHistoryColumns {
		names = append(names, c.name)
	}
	var b strings.Builder
	b.WriteString("(SELECT " + strings.Join(names, ", ") + " FROM ")
	if len(rows) == 0 {
		cols := make([]string, len(queryHistoryColumns))
		for i, c := range queryHistoryColumns {
			cols[i] = "CAST(NULL AS " + c.typ + ")"
		}
		b.WriteString("(SELECT " + strings.Join(cols, ", ") + ", 0 WHERE false)")
	} else {
		b.WriteString("(VALUES ")
		for k, i := range order {
			if k > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(" + strings.Join(historyValues(rows[i], now), ", ") + ", " + strconv.Itoa(k) + ")")
		}
		b.WriteString(")")
	}
	b.WriteString(" AS __sftest_qh(" + strings.Join(names, ", ") + ", __sftest_ord)")
	if len(call.conds) > 0 {
		b.WriteString(" WHERE " + strings.Join(call.conds, " AND "))
	}
	b.WriteString(" ORDER BY __sftest_ord LIMIT " + strconv.FormatInt(call.limit, 10) + ")")
	return b.String()
}

// historyValues is r's row, one DuckDB expression per queryHistoryColumns entry.
func historyValues(r historyRow, now time.Time) []string {
	str := func(v string) string {
		if v == "" {
			return "CAST(NULL AS VARCHAR)"
		}
		return "CAST(" + quoteString(v) + " AS VARCHAR)"
	}
	num := func(v int64) string { return "CAST(" + strconv.FormatInt(v, 10) + " AS BIGINT)" }
	ms := func(d time.Duration) string { return num(max(d, 0).Milliseconds()) }
	end, ended := "CAST(NULL AS TIMESTAMPTZ)", !r.End.IsZero()
	last := now
	if ended {
		end, last = tsLiteral(r.End), r.End
	}
	start, elapsed := "CAST(NULL AS TIMESTAMPTZ)", time.Duration(0)
	if !r.Start.IsZero() {
		start, elapsed = tsLiteral(r.Start), last.Sub(r.Start)
	}
	exec := time.Duration(0)
	if !r.Running.IsZero() {
		exec = last.Sub(r.Running)
	}
	rowsProduced := "CAST(NULL AS BIGINT)"
	if ended {
		rowsProduced = num(r.RowsProduced)
	}
	return []string{
		str(r.QueryID), str(r.QueryText), str(r.Database), str(r.Schema), str(queryType(r.QueryText, r.ErrorCode)),
		num(r.SessionID), str(r.User), str(r.Role), str(r.Warehouse), "CAST(" + quoteString(r.QueryTag) + " AS VARCHAR)",
		str(historyStatus(r.Status)), str(r.ErrorCode), str(r.ErrorMessage), start, end,
		ms(elapsed), rowsProduced, ms(exec), ms(r.Queued), ms(r.Blocked),
	}
}

// tsLiteral renders t as a DuckDB TIMESTAMPTZ expression in UTC.
func tsLiteral(t time.Time) string {
	return "CAST('" + t.UTC().Format("2006-01-02 15:04:05.000000") + "+00' AS TIMESTAMPTZ)"
}
