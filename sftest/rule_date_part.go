package sftest

import (
	"strings"
)

// extraParts are Snowflake's DATE_PART/EXTRACT parts beyond dateParts'
// year..second, by every name Snowflake accepts, as DuckDB expressions over
// the value ($1). Weeks follow Snowflake's defaults (WEEK_START = 0,
// WEEK_OF_YEAR_POLICY = 0): DAYOFWEEK counts from Sunday = 0 and WEEK and
// YEAROFWEEK are ISO's. The EPOCH_* parts are whole units since
// 1970-01-01 00:00:00 UTC (the instant of an LTZ/TZ value, the wall clock
// of an NTZ one); NANOSECOND is the fraction of the second.
var extraParts = func() map[string]string {
	m := map[string]string{}
	add := func(expr string, names ...string) {
		for _, n := range names {
			m[n] = expr
		}
	}
	add("date_part('dow', $1)", "DAYOFWEEK", "WEEKDAY", "DOW", "DW")
	add("date_part('isodow', $1)", "DAYOFWEEKISO", "DAYOFWEEK_ISO", "WEEKDAY_ISO", "DOW_ISO", "DW_ISO")
	add("date_part('doy', $1)", "DAYOFYEAR", "YEARDAY", "DOY", "DY")
	add("date_part('week', $1)", "WEEK", "W", "WK", "WEEKOFYEAR", "WOY", "WY",
		"WEEKISO", "WEEK_ISO", "WEEKOFYEARISO", "WEEKOFYEAR_ISO")
	add("date_part('isoyear', $1)", "YEAROFWEEK", "YEAROFWEEKISO")
	add("((epoch_ns($1) % 1000000000 + 1000000000) % 1000000000)",
		"NANOSECOND", "NANOSECONDS", "NANOSEC", "NANOSECS", "NSECOND", "NSECONDS", "NSEC", "NSECS", "NS")
	add("floor(epoch($1))", "EPOCH_SECOND", "EPOCH_SECONDS", "EPOCH")
	add("epoch_ms($1)", "EPOCH_MILLISECOND", "EPOCH_MILLISECONDS")
	add("epoch_us($1)", "EPOCH_MICROSECOND", "EPOCH_MICROSECONDS")
	add("epoch_ns($1)", "EPOCH_NANOSECOND", "EPOCH_NANOSECONDS")
	add("date_part('timezone_hour', $1)", "TIMEZONE_HOUR", "TZH")
	add("date_part('timezone_minute', $1)", "TIMEZONE_MINUTE", "TZM")
	return m
}()

// partName reads a part argument written unquoted (month), as a string
// ('month') or as a quoted identifier, upper-cased; ok is false for
// anything else.
func partName(toks []token) (string, bool) {
	code := codeOnly(toks)
	if len(code) != 1 {
		return "", false
	}
	switch t := code[0]; t.kind {
	case tkWord:
		return strings.ToUpper(t.text), true
	case tkQuoted:
		return strings.ToUpper(unquoteIdent(t.text)), true
	case tkString:
		v, ok := stringValue(t)
		return strings.ToUpper(strings.TrimSpace(v)), ok
	}
	return "", false
}

// topLevelWord is the index of the first word w in toks outside
// parentheses, or -1.
func topLevelWord(toks []token, w string) int {
	depth := 0
	for i, t := range toks {
		if t.is("(") {
			depth++
		} else if t.is(")") {
			depth--
		} else if depth == 0 && t.isWord(w) {
			return i
		}
	}
	return -1
}

// partExpr is the DuckDB expression for Snowflake's part of x, a NUMBER;
// ok is false for a part Snowflake does not have (left for DuckDB to
// reject).
func partExpr(part, x string) (string, bool) {
	if p, ok := dateParts[part]; ok {
		return "CAST(date_part('" + p + "', " + x + ") AS BIGINT)", true
	}
	if e, ok := extraParts[part]; ok {
		return "CAST(" + strings.ReplaceAll(e, "$1", x) + " AS BIGINT)", true
	}
	return "", false
}

// ruleDatePart rewrites DATE_PART(part, x) and EXTRACT(part FROM x) with
// Snowflake's part names (dateParts and extraParts; a week's part follows
// Snowflake's default week parameters), and the two-argument
// CONVERT_TIMEZONE(target_tz, x): the same instant (a TIMESTAMP_NTZ is
// read in the session's time zone). Snowflake types that TIMESTAMP_TZ in
// the target zone; sftest's is TIMESTAMP_LTZ, so the driver's time.Time is
// the same instant in the session's zone. An unknown zone fails.
func ruleDatePart(s string, _ *rewriteEnv) (string, error) {
	s, err := rewriteCalls(s, "DATE_PART", func(args []string, call string) (string, error) {
		if len(args) != 2 {
			return "", compileError("wrong number of arguments for function [DATE_PART], expected 2, got %d", len(args))
		}
		part, ok := partName(tokenize(args[0]))
		if !ok {
			return call, nil
		}
		if e, ok := partExpr(part, args[1]); ok {
			return e, nil
		}
		return "", compileError("Invalid date part '%s' for function DATE_PART", part)
	})
	if err != nil {
		return "", err
	}
	s, err = rewriteCalls(s, "EXTRACT", func(args []string, call string) (string, error) {
		if len(args) != 1 {
			return call, nil
		}
		toks := tokenize(args[0])
		from := topLevelWord(toks, "FROM")
		if from < 0 {
			return call, nil
		}
		part, ok := partName(toks[:from])
		if !ok {
			return call, nil
		}
		if e, ok := partExpr(part, trimmed(toks[from+1:])); ok {
			return e, nil
		}
		return "", compileError("Invalid date part '%s' for function EXTRACT", part)
	})
	if err != nil {
		return "", err
	}
	return rewriteCalls(s, "CONVERT_TIMEZONE", func(args []string, call string) (string, error) {
		switch len(args) {
		case 2:
			x := "CAST(" + args[1] + " AS TIMESTAMPTZ)"
			// timezone() checks the zone's name; the value is the instant.
			return "(CASE WHEN timezone(" + args[0] + ", " + x + ") IS NULL THEN NULL ELSE " + x + " END)", nil
		case 3:
			return call, nil // moreFunctionRewrites
		}
		return "", compileError("wrong number of arguments for function [CONVERT_TIMEZONE], expected 2 or 3, got %d", len(args))
	})
}
