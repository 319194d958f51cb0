package sftest

import (
	"fmt"
	"strconv"
	"strings"
)

// intervalUnits maps the units of Snowflake's interval constants (the date
// and time parts, their abbreviations and plurals) to months, days and
// microseconds per unit; nanoseconds count in thousandths of a microsecond.
var intervalUnits = func() map[string][3]int64 {
	per := map[string][3]int64{
		"year": {12, 0, 0}, "quarter": {3, 0, 0}, "month": {1, 0, 0}, "week": {0, 7, 0}, "day": {0, 1, 0},
		"hour": {0, 0, 3_600_000_000}, "minute": {0, 0, 60_000_000}, "second": {0, 0, 1_000_000},
	}
	out := map[string][3]int64{}
	for name, part := range dateParts {
		out[name] = per[part]
	}
	for name := range weekParts {
		out[name] = per["week"]
	}
	for _, name := range []string{"MILLISECOND", "MILLISECONDS", "MS", "MSEC", "MSECS", "MSECOND", "MSECONDS", "MILLISEC", "MILLISECS", "MILLISECON"} {
		out[name] = [3]int64{0, 0, 1000}
	}
	for _, name := range []string{"MICROSECOND", "MICROSECONDS", "US", "USEC", "USECS", "USECOND", "USECONDS", "MICROSEC", "MICROSECS"} {
		out[name] = [3]int64{0, 0, 1}
	}
	for _, name := range []string{"NANOSECOND", "NANOSECONDS", "NS", "NSEC", "NSECS", "NSECOND", "NSECONDS", "NANOSEC", "NANOSECS"} {
		out[name] = [3]int64{0, 0, -1} // -1: thousandths
	}
	return out
}()

// snowflakeInterval reads the text of a Snowflake interval constant ('1
// year, 2 months', '3 days 4 h'): integers each followed by a unit,
// separated by commas or spaces. It returns the DuckDB interval text and
// whether it holds only date parts (then a DATE plus it stays a DATE); ok
// is false for text it cannot read (DuckDB then reads it as written).
func snowflakeInterval(text string) (duck string, dateOnly, ok bool) {
	fields := strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
	if len(fields) == 0 {
		return "", false, false
	}
	var months, days, micros, nanos int64
	for len(fields) > 0 {
		f := fields[0]
		fields = fields[1:]
		digits := len(f) - len(strings.TrimLeft(f, "+-0123456789"))
		n, err := strconv.ParseInt(f[:digits], 10, 64)
		if err != nil {
			return "", false, false
		}
		unit := f[digits:]
		if unit == "" {
			if len(fields) == 0 {
				return "", false, false // Snowflake's default unit is not emulated
			}
			unit, fields = fields[0], fields[1:]
		}
		per, known := intervalUnits[strings.ToUpper(unit)]
		if !known {
			return "", false, false
		}
		months += n * per[0]
		days += n * per[1]
		if per[2] < 0 {
			nanos += n
		} else {
			micros += n * per[2]
		}
	}
	micros += nanos / 1000
	return fmt.Sprintf("%d months %d days %d microseconds", months, days, micros), micros == 0, true
}

// ruleDateIntervals rewrites Snowflake's interval constants: INTERVAL
// '<text>' becomes DuckDB's interval of that text, and x + INTERVAL '...'
// (or -) becomes x plus it through the macro that keeps x's type
// (arith_dates.go): a DATE plus date parts stays a DATE. x is the additive
// operand before the + (additiveStart). Text it cannot read, an interval
// followed by a unit word (DuckDB's INTERVAL '1' DAY) and an operand with a
// bind placeholder are left to DuckDB.
func ruleDateIntervals(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "INTERVAL") {
		return s, nil
	}
	for range 256 {
		toks := tokenize(s)
		next, changed := rewriteFirstInterval(toks)
		if !changed {
			return s, nil
		}
		s = next
	}
	return s, nil
}

// rewriteFirstInterval rewrites the first interval constant of toks it
// can read; changed is false when there is none.
func rewriteFirstInterval(toks []token) (string, bool) {
	for i, t := range toks {
		if !t.isWord("INTERVAL") {
			continue
		}
		lit, j := codeAt(toks, i+1)
		if lit.kind != tkString {
			continue
		}
		if unit, _ := codeAt(toks, j+1); unit.kind == tkWord {
			if _, isUnit := intervalUnits[strings.ToUpper(unit.text)]; isUnit {
				continue
			}
		}
		text, ok := stringValue(lit)
		if !ok {
			continue
		}
		duck, dateOnly, ok := snowflakeInterval(text)
		if !ok {
			continue
		}
		iv := "CAST('" + duck + "' AS INTERVAL)"
		op := prevCode(toks, i)
		start, binary := -1, false
		if op >= 0 && (toks[op].is("+") || toks[op].is("-")) {
			if before := prevCode(toks, op); before >= 0 && !isOperatorToken(toks[before]) {
				start, binary = additiveStart(toks, before)
			}
		}
		if !binary || placeholderIn(codeOnly(toks[start:op])) {
			return joinTokens(toks[:i]) + iv + joinTokens(toks[j+1:]), true
		}
		if toks[op].is("-") {
			iv = "-" + iv
		}
		fn := timePlusFunc
		if dateOnly {
			fn = datePlusFunc
		}
		return joinTokens(toks[:start]) + typedPlus(fn, trimmed(toks[start:op]), iv) + joinTokens(toks[j+1:]), true
	}
	return "", false
}

// additiveStart returns where the left operand of a + or - whose last code
// token is toks[j] starts: the terms joined by + - * / % before it, each a
// primary (primaryStart) with its unary signs; a typed literal (DATE
// '...') counts as one primary. ok is false when it cannot be delimited.
func additiveStart(toks []token, j int) (int, bool) {
	for {
		if j < 0 {
			return 0, false
		}
		p, ok := primaryStart(toks, j, 0)
		if !ok {
			return 0, false
		}
		if k := prevCode(toks, p); k >= 0 && toks[p].kind == tkString && toks[k].kind == tkWord && typedLiteralWords[strings.ToUpper(toks[k].text)] {
			p = k
		}
		for {
			k := prevCode(toks, p)
			if k < 0 || !(toks[k].is("-") || toks[k].is("+")) {
				break
			}
			if before := prevCode(toks, k); before >= 0 && !isOperatorToken(toks[before]) {
				break
			}
			p = k
		}
		k := prevCode(toks, p)
		if k >= 0 && (toks[k].is("+") || toks[k].is("-") || toks[k].is("*") || toks[k].is("/") || toks[k].is("%")) {
			j = prevCode(toks, k)
			continue
		}
		return p, true
	}
}

// typedLiteralWords are the type names that make a string a typed literal.
var typedLiteralWords = map[string]bool{"DATE": true, "TIME": true, "TIMESTAMP": true, "TIMESTAMP_NTZ": true,
	"TIMESTAMP_LTZ": true, "TIMESTAMP_TZ": true, "DATETIME": true, "INTERVAL": true}
