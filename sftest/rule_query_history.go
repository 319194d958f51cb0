package sftest

import (
	"strconv"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// historyColumn is one column of the QUERY_HISTORY table functions: its
// name, its DuckDB type in SQL and as historyFunction declares it.
type historyColumn struct {
	name, typ string
	duck      duckdb.Type
}

// queryHistoryColumns are the columns of sftest's QUERY_HISTORY table
// functions, in Snowflake's order, with their DuckDB types. Snowflake has
// more (bytes scanned, credits, ...); sftest gives those it knows.
// historyValues fills them in this order.
var queryHistoryColumns = []historyColumn{
	{"QUERY_ID", "VARCHAR", duckdb.TYPE_VARCHAR}, {"QUERY_TEXT", "VARCHAR", duckdb.TYPE_VARCHAR},
	{"DATABASE_NAME", "VARCHAR", duckdb.TYPE_VARCHAR}, {"SCHEMA_NAME", "VARCHAR", duckdb.TYPE_VARCHAR},
	{"QUERY_TYPE", "VARCHAR", duckdb.TYPE_VARCHAR}, {"SESSION_ID", "BIGINT", duckdb.TYPE_BIGINT},
	{"USER_NAME", "VARCHAR", duckdb.TYPE_VARCHAR}, {"ROLE_NAME", "VARCHAR", duckdb.TYPE_VARCHAR},
	{"WAREHOUSE_NAME", "VARCHAR", duckdb.TYPE_VARCHAR}, {"QUERY_TAG", "VARCHAR", duckdb.TYPE_VARCHAR},
	{"EXECUTION_STATUS", "VARCHAR", duckdb.TYPE_VARCHAR}, {"ERROR_CODE", "VARCHAR", duckdb.TYPE_VARCHAR},
	{"ERROR_MESSAGE", "VARCHAR", duckdb.TYPE_VARCHAR}, {"START_TIME", "TIMESTAMPTZ", duckdb.TYPE_TIMESTAMP_TZ},
	{"END_TIME", "TIMESTAMPTZ", duckdb.TYPE_TIMESTAMP_TZ}, {"TOTAL_ELAPSED_TIME", "BIGINT", duckdb.TYPE_BIGINT},
	{"ROWS_PRODUCED", "BIGINT", duckdb.TYPE_BIGINT}, {"EXECUTION_TIME", "BIGINT", duckdb.TYPE_BIGINT},
	{"QUEUED_OVERLOAD_TIME", "BIGINT", duckdb.TYPE_BIGINT}, {"TRANSACTION_BLOCKED_TIME", "BIGINT", duckdb.TYPE_BIGINT},
}

// queryTypeColumn is QUERY_TYPE's index in queryHistoryColumns.
const queryTypeColumn = 4

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
// derived table over historyFunction (the server's history, when
// env.History is set; otherwise no rows), most recent first, with
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
		b.WriteString(joinTokens(toks[emitted:from]))
		b.WriteString(historyTable(env != nil && env.History, call))
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

// historyTable renders the history (historyFunction's rows; none when
// hasHistory is false) as a DuckDB derived table with queryHistoryColumns,
// most recent first, filtered by call's conditions and cut at its limit.
func historyTable(hasHistory bool, call historyCall) string {
	names := make([]string, 0, len(queryHistoryColumns))
	for _, c := range queryHistoryColumns {
		names = append(names, c.name)
	}
	var b strings.Builder
	b.WriteString("(SELECT " + strings.Join(names, ", ") + " FROM ")
	if hasHistory {
		b.WriteString(historyFunction + "()")
	} else {
		cols := make([]string, 0, len(historyFunctionColumns))
		for _, c := range historyFunctionColumns {
			cols = append(cols, "CAST(NULL AS "+c.typ+") AS "+c.name)
		}
		b.WriteString("(SELECT " + strings.Join(cols, ", ") + " WHERE false)")
	}
	b.WriteString(" AS __sftest_qh")
	if len(call.conds) > 0 {
		b.WriteString(" WHERE " + strings.Join(call.conds, " AND "))
	}
	b.WriteString(" ORDER BY " + historyOrdinal.name + " LIMIT " + strconv.FormatInt(call.limit, 10) + ")")
	return b.String()
}
