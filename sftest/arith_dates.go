package sftest

import (
	"fmt"
	"strconv"
	"strings"
)

// Date arithmetic typed as Snowflake types it.
//
// Snowflake's DATEADD (TIMESTAMPADD, TIMEADD) keeps its operand's type:
// a DATE plus days or larger parts is a DATE, a DATE plus hours or smaller
// parts a TIMESTAMP_NTZ, a TIME a TIME, a timestamp the same timestamp
// (nanoseconds kept); so does `x + INTERVAL '...'`. DuckDB's DATE +
// INTERVAL is always a TIMESTAMP, and its TIMESTAMP_NS + INTERVAL a
// microsecond TIMESTAMP. The operand's type is known only once DuckDB binds
// the statement (a column), so sftest lets DuckDB choose: the engine creates
// two macros overloaded by the operand's type (DuckDB picks the overload
// when it binds, wherever the call is: select list, WHERE, ORDER BY, a
// view), and the rewrite rules call them:
//
//	memory.main.sftest_date_plus(x, iv)  an interval of date parts
//	memory.main.sftest_time_plus(x, iv)  an interval with time parts
//
// A bind placeholder as the operand has no type when DuckDB picks the
// overload, so such a call keeps DuckDB's own + (dateAddFallback).

// datePlusFunc and timePlusFunc are the macros' names.
const (
	datePlusFunc = "memory.main.sftest_date_plus"
	timePlusFunc = "memory.main.sftest_time_plus"
)

// timestampOverloads are the overloads both macros share: a timestamp keeps
// its type. TIMESTAMP_NS is added to in microseconds (DuckDB's intervals),
// with its nanoseconds below the microsecond carried over, floored so that
// the day and month arithmetic sees the same wall-clock day.
var timestampOverloads = []string{
	"(x TIMESTAMP, iv) AS x + iv",
	"(x TIMESTAMP_NS, iv) AS make_timestamp_ns(epoch_ns(make_timestamp((epoch_ns(x) - ((epoch_ns(x) % 1000) + 1000) % 1000) // 1000) + iv) + ((epoch_ns(x) % 1000) + 1000) % 1000)",
	"(x TIMESTAMP_MS, iv) AS CAST(x + iv AS TIMESTAMP_MS)",
	"(x TIMESTAMP_S, iv) AS CAST(x + iv AS TIMESTAMP_S)",
	"(x TIMESTAMPTZ, iv) AS x + iv",
	// A string operand is read as a TIMESTAMP_NTZ, as Snowflake reads it.
	"(x VARCHAR, iv) AS CAST(x AS TIMESTAMP) + iv",
}

// createDateMacros are the statements the engine runs at start to create
// the macros, and those of rule_text_forms.go. sftest_date_plus has no TIME
// overload: Snowflake refuses to add a date part to a TIME.
var createDateMacros = append([]string{
	"CREATE MACRO " + datePlusFunc + "(x DATE, iv) AS CAST(x + iv AS DATE), " + strings.Join(timestampOverloads, ", "),
	"CREATE MACRO " + timePlusFunc + "(x DATE, iv) AS CAST(x AS TIMESTAMP) + iv, (x TIME, iv) AS x + iv, " + strings.Join(timestampOverloads, ", "),
}, createTextFormMacros...)

// datePartNames are the parts of a date (days or larger) dateAddText and
// interval constants know.
var datePartNames = map[string]bool{"year": true, "quarter": true, "month": true, "week": true, "day": true}

// weekParts are Snowflake's names for the week part. dateParts leaves them
// out (DATEDIFF's weeks depend on WEEK_START); DATEADD and DATE_TRUNC take
// them here.
var weekParts = map[string]bool{"WEEK": true, "W": true, "WK": true, "WEEKOFYEAR": true, "WOY": true, "WY": true, "WEEKS": true}

// dateAddPart reads DATEADD's part argument: a dateParts name or a week.
func dateAddPart(arg string) (string, bool) {
	if p, ok := datePart(arg); ok {
		return p, true
	}
	code := codeOnly(tokenize(arg))
	if len(code) != 1 {
		return "", false
	}
	w := code[0].text
	switch code[0].kind {
	case tkString:
		v, ok := stringValue(code[0])
		if !ok {
			return "", false
		}
		w = v
	case tkQuoted:
		w = unquoteIdent(w)
	case tkWord:
	default:
		return "", false
	}
	if weekParts[strings.ToUpper(strings.TrimSpace(w))] {
		return "week", true
	}
	return "", false
}

// dateAddText is DATEADD(part, n, x) in DuckDB: x plus n parts through the
// macro that keeps x's type, or dateAddFallback when x holds a bind
// placeholder.
func dateAddText(part, n, x string) string {
	iv := "INTERVAL (" + n + ") " + strings.ToUpper(part)
	if holdsPlaceholder(x) {
		return dateAddFallback(part, iv, x)
	}
	if datePartNames[part] {
		return typedPlus(datePlusFunc, "("+x+")", iv)
	}
	return typedPlus(timePlusFunc, "("+x+")", iv)
}

// typedPlus is the call of the plus macro fn on x and iv. DuckDB picks a
// macro's overload before it knows the type of an aggregate or window value
// (`max(d)`, `lag(d) OVER (...)`, even `max(d)::DATE`) and then fails with
// "multiple overloads that match"; a lambda's parameter has its type when
// the lambda binds, so such an operand is handed to the macro through one:
// list_transform([x], lambda v: fn(v, iv))[1].
func typedPlus(fn, x, iv string) string {
	if !holdsAggregateValue(x) {
		return fn + "(" + x + ", " + iv + ")"
	}
	return "list_transform([" + x + "], lambda sftest_v: " + fn + "(sftest_v, " + iv + "))[1]"
}

// holdsAggregateValue reports whether the text calls an aggregate or a
// window function (OVER).
func holdsAggregateValue(s string) bool {
	if !strings.Contains(s, "(") {
		return false
	}
	code := codeOnly(tokenize(s))
	for _, t := range code {
		if t.isWord("OVER") {
			return true
		}
	}
	return holdsAggregate(code)
}

// dateAddFallback is x + iv with DuckDB's own + for an x with a bind
// placeholder: x is read as a TIMESTAMP_NTZ, and the sum cast back to DATE
// for a date part when x is visibly a DATE (staticDate: ?::DATE).
func dateAddFallback(part, iv, x string) string {
	if staticDate(x) {
		e := "(" + x + ") + " + iv
		if datePartNames[part] {
			return "CAST(" + e + " AS DATE)"
		}
		return "(" + e + ")"
	}
	return "(CAST(" + x + " AS TIMESTAMP) + " + iv + ")"
}

// holdsPlaceholder reports whether the text holds a bind placeholder (?,
// $1 or :1).
func holdsPlaceholder(s string) bool {
	return strings.ContainsAny(s, "?$:") && placeholderIn(codeOnly(tokenize(s)))
}

// placeholderIn reports whether the code tokens hold a bind placeholder.
func placeholderIn(code []token) bool {
	for i, t := range code {
		if t.kind == tkParam || t.is("?") || t.is(":") && i+1 < len(code) && code[i+1].kind == tkNumber {
			return true
		}
	}
	return false
}

// weekTruncText is DATE_TRUNC(week, x): the start of x's week, weeks
// starting on the session's WEEK_START day (0 and 1 Monday ... 7 Sunday).
// time_bucket keeps a DATE a DATE; its weeks start on Mondays (its origin
// is Monday 2000-01-03), shifted here by the offset.
func weekTruncText(x string, params map[string]string) string {
	start, err := strconv.Atoi(strings.TrimSpace(params["WEEK_START"]))
	if err != nil || start < 1 || start > 7 {
		start = 1
	}
	return fmt.Sprintf("time_bucket(INTERVAL 7 DAY, %s, INTERVAL %d DAY)", x, start-1)
}

// envParams is the session's parameters env carries (nil without env).
func envParams(env *rewriteEnv) map[string]string {
	if env == nil {
		return nil
	}
	return env.Params
}
