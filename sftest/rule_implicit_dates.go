package sftest

import (
	"strings"
)

// Implicit casts of strings to timestamps.
//
// Snowflake coerces a string argument of its date and time functions
// (DATEDIFF, DATE_TRUNC, YEAR, DAYNAME, LAST_DAY, EXTRACT, ...) to a
// TIMESTAMP_NTZ, so DATEDIFF(day, '2024-01-01', '2024-03-01') is 60 and
// YEAR(varchar_column) reads the column's text as a timestamp; DuckDB finds
// no such function for a VARCHAR. The argument goes through a macro
// overloaded by the argument's type (DuckDB picks the overload when it
// binds, as for sftest_date_plus): a VARCHAR is cast to TIMESTAMP (so a
// string that is none fails as the cast does, 100035), anything else
// passes unchanged. An argument holding a bind placeholder has no type when
// DuckDB picks the overload, so it is left as written, as are arguments
// whose type shows in the text (a number, DATE '...', x::DATE).

// implicitTimestampFunc is the macro that reads a VARCHAR as a TIMESTAMP.
const implicitTimestampFunc = "memory.main.sftest_ts"

// createTimestampMacro creates implicitTimestampFunc. A VARIANT (DuckDB's
// JSON) takes the VARCHAR overload as its JSON text, so a JSON string
// ("2024-01-01", quoted) is read as the string it holds, as Snowflake reads
// a VARIANT argument.
const createTimestampMacro = "CREATE MACRO " + implicitTimestampFunc + "(x VARCHAR) AS " +
	"CAST(CASE WHEN starts_with(x, '\"') THEN json_extract_string(x, '$') ELSE x END AS TIMESTAMP), (x) AS x"

// addMonthsTemplate is ADD_MONTHS($1, $2) in DuckDB. ADD_MONTHS keeps its
// operand's type (through sftest_date_plus, whose VARCHAR overload reads a
// string as a TIMESTAMP_NTZ) and, unlike DATEADD, keeps the end of the
// month: from the last day of a month the result is the last day of the
// result's month (ADD_MONTHS('2023-02-28'::DATE, 1) is 2023-03-31). The
// number of months is rounded to an integer.
const addMonthsTemplate = datePlusFunc + "(" + addMonthsPlain + ", to_days(CASE WHEN last_day(" +
	implicitTimestampFunc + "($1)) = CAST(" + implicitTimestampFunc + "($1) AS DATE) THEN date_diff('day', CAST(" +
	addMonthsPlain + " AS DATE), last_day(" + addMonthsPlain + ")) ELSE 0 END))"

// addMonthsPlain is $1 plus $2 months as DATEADD adds them.
const addMonthsPlain = datePlusFunc + "(($1), to_months(CAST($2 AS INTEGER)))"

// dateDiffNames are DATEDIFF and its aliases.
var dateDiffNames = []string{"DATEDIFF", "TIMESTAMPDIFF", "TIMEDIFF"}

// implicitDateArgs are the date and time functions whose arguments
// Snowflake coerces from a string, by name, with the 1-based positions of
// those arguments. DATEADD and its aliases are absent: sftest_date_plus
// reads a string itself. EXTRACT(part FROM x) is coerced by extractArg.
var implicitDateArgs = func() map[string][]int {
	m := map[string][]int{
		"DATEDIFF": {2, 3}, "TIMESTAMPDIFF": {2, 3}, "TIMEDIFF": {2, 3},
		"DATE_TRUNC": {2}, "DATE_PART": {2},
		"LAST_DAY": {1}, "ADD_MONTHS": {1}, "NEXT_DAY": {1}, "PREVIOUS_DAY": {1},
	}
	for _, f := range []string{"YEAR", "QUARTER", "MONTH", "DAY", "DAYOFMONTH", "DAYOFWEEK", "DAYOFWEEKISO",
		"DAYOFYEAR", "WEEK", "WEEKOFYEAR", "WEEKISO", "YEAROFWEEK", "YEAROFWEEKISO",
		"HOUR", "MINUTE", "SECOND", "DAYNAME", "MONTHNAME"} {
		m[f] = []int{1}
	}
	return m
}()

// extractArg coerces the operand of EXTRACT's "part FROM x".
func extractArg(arg string) string {
	toks := tokenize(arg)
	from := topLevelWord(toks, "FROM")
	if from < 0 {
		return arg
	}
	return joinTokens(toks[:from+1]) + " " + timestampArg(trimmed(toks[from+1:]))
}

// timestampArg is arg read as Snowflake reads a date/time argument: an
// argument with a bind placeholder, a number, a typed literal or a cast as
// written, anything else (a string literal too) through
// implicitTimestampFunc.
func timestampArg(arg string) string {
	code := codeOnly(tokenize(arg))
	switch {
	case len(code) == 0 || placeholderIn(code):
		return arg
	case len(code) == 1 && code[0].kind == tkNumber, len(code) == 2 && typedLiteralWords[strings.ToUpper(code[0].text)],
		endsInCast(code):
		return arg // a number, a typed literal (DATE '...') or x::type keeps its type
	}
	return implicitTimestampFunc + "(" + arg + ")"
}

// endsInCast reports whether the code tokens end in a cast, x::type or
// x::type(n[, m]), outside parentheses: the whole expression has the type.
func endsInCast(code []token) bool {
	n := len(code)
	if n > 0 && code[n-1].is(")") {
		depth := 0
		for n--; n > 0; n-- {
			if code[n].is(")") {
				depth++
			} else if code[n].is("(") {
				if depth--; depth == 0 {
					break
				}
			}
		}
	}
	if n < 3 || code[n-1].kind != tkWord || !code[n-2].is("::") {
		return false
	}
	depth := 0
	for _, t := range code[:n-2] {
		if t.is("(") {
			depth++
		} else if t.is(")") {
			depth--
		}
	}
	return depth == 0
}
