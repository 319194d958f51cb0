package sftest

import (
	"strings"
)

// ruleDual runs Snowflake's FROM DUAL, a one-row table DuckDB lacks, as a
// one-row derived table. Only an unqualified, unquoted DUAL right after
// FROM or JOIN is rewritten; an alias after it is kept.
func ruleDual(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "DUAL") {
		return s, nil
	}
	toks := tokenize(s)
	changed := false
	for i, t := range toks {
		if !t.isWord("DUAL") {
			continue
		}
		p := prevCode(toks, i)
		if p < 0 || !toks[p].isWord("FROM") && !toks[p].isWord("JOIN") {
			continue
		}
		next, _ := codeAt(toks, i+1)
		if next.is(".") || next.is("(") {
			continue
		}
		hasAlias := next.isWord("AS") || next.kind == tkQuoted ||
			next.kind == tkWord && !selectListEnd[strings.ToUpper(next.text)] && !notTableAlias[strings.ToUpper(next.text)]
		toks[i].text = "(SELECT 1)"
		if !hasAlias {
			toks[i].text += " AS DUAL"
		}
		changed = true
	}
	if !changed {
		return s, nil
	}
	return joinTokens(toks), nil
}

// ruleDecode rewrites Snowflake's DECODE(expr, search1, result1, ...,
// [default]) to a CASE that compares with IS NOT DISTINCT FROM, because
// DECODE matches NULL with NULL. Other argument counts are DuckDB's own
// decode(blob) and are left alone.
func ruleDecode(s string, _ *rewriteEnv) (string, error) {
	return rewriteCalls(s, "DECODE", func(args []string, call string) (string, error) {
		if len(args) < 3 {
			return call, nil
		}
		var b strings.Builder
		b.WriteString("CASE")
		rest := args[1:]
		for ; len(rest) >= 2; rest = rest[2:] {
			b.WriteString(" WHEN (" + args[0] + ") IS NOT DISTINCT FROM (" + rest[0] + ") THEN " + rest[1])
		}
		if len(rest) == 1 {
			b.WriteString(" ELSE " + rest[0])
		}
		b.WriteString(" END")
		return b.String(), nil
	})
}

// dateParts maps Snowflake's date and time part names and abbreviations to
// DuckDB's. Weeks are absent: Snowflake's depend on WEEK_START and
// WEEK_OF_YEAR_POLICY, so such calls are left for DuckDB to reject.
var dateParts = map[string]string{
	"YEAR": "year", "Y": "year", "YY": "year", "YYY": "year", "YYYY": "year", "YR": "year", "YEARS": "year", "YRS": "year",
	"QUARTER": "quarter", "Q": "quarter", "QTR": "quarter", "QTRS": "quarter", "QUARTERS": "quarter",
	"MONTH": "month", "MM": "month", "MON": "month", "MONS": "month", "MONTHS": "month",
	"DAY": "day", "D": "day", "DD": "day", "DAYS": "day", "DAYOFMONTH": "day",
	"HOUR": "hour", "H": "hour", "HH": "hour", "HR": "hour", "HOURS": "hour", "HRS": "hour",
	"MINUTE": "minute", "M": "minute", "MI": "minute", "MIN": "minute", "MINUTES": "minute", "MINS": "minute",
	"SECOND": "second", "S": "second", "SEC": "second", "SECONDS": "second", "SECS": "second",
}

// bucketIntervals is the time_bucket width that truncates to a part.
var bucketIntervals = map[string]string{
	"year": "INTERVAL 1 YEAR", "quarter": "INTERVAL 3 MONTH", "month": "INTERVAL 1 MONTH",
	"day": "INTERVAL 1 DAY", "hour": "INTERVAL 1 HOUR", "minute": "INTERVAL 1 MINUTE", "second": "INTERVAL 1 SECOND",
}

// datePart reads a part argument written unquoted (month), as a string
// ('month') or as a quoted identifier; ok is false for anything else.
func datePart(arg string) (string, bool) {
	code := codeOnly(tokenize(arg))
	if len(code) != 1 {
		return "", false
	}
	var w string
	switch t := code[0]; t.kind {
	case tkWord:
		w = t.text
	case tkQuoted:
		w = unquoteIdent(t.text)
	case tkString:
		v, ok := stringValue(t)
		if !ok {
			return "", false
		}
		w = v
	default:
		return "", false
	}
	p, ok := dateParts[strings.ToUpper(strings.TrimSpace(w))]
	return p, ok
}

// staticDate reports whether the expression is a DATE whatever the data:
// a DATE literal, CURRENT_DATE[()], x::DATE or CAST(x AS DATE) where x is
// one operand (a name, literal, call or parenthesised expression).
func staticDate(arg string) bool {
	code := codeOnly(tokenize(arg))
	n := len(code)
	whole := func(open int) bool { return closeParen(code, open) == n-1 }
	switch {
	case n == 0:
		return false
	case n == 2 && code[0].isWord("DATE") && code[1].kind == tkString:
		return true
	case code[0].isWord("CURRENT_DATE"):
		return n == 1 || n == 3 && code[1].is("(") && code[2].is(")")
	case (code[0].isWord("CAST") || code[0].isWord("TRY_CAST")) && n > 4 && code[1].is("("):
		return whole(1) && code[n-2].isWord("DATE") && code[n-3].isWord("AS")
	case n >= 3 && code[n-2].is("::") && code[n-1].isWord("DATE"):
		operand := code[:n-2]
		switch {
		case len(operand) == 1:
			return true
		case operand[0].is("("):
			return closeParen(code, 0) == n-3
		case len(operand) >= 3 && operand[1].is("("):
			return closeParen(code, 1) == n-3
		}
	}
	return false
}

// ruleDateParts rewrites Snowflake's date arithmetic, whose part comes first
// and may be abbreviated or quoted:
//   - DATEDIFF/TIMESTAMPDIFF/TIMEDIFF(part, a, b) to date_diff('part', a, b), which
//     counts part boundaries crossed as Snowflake does;
//   - DATE_TRUNC(part, x) to time_bucket, which (unlike DuckDB's date_trunc)
//     keeps a DATE a DATE; a week starts on the session's WEEK_START day;
//   - DATEADD/TIMESTAMPADD/TIMEADD(part, n, x) to x plus INTERVAL (n) part through
//     the macros that keep x's type (dateAddText, arith_dates.go).
//
// A call with an unknown part (or DATEDIFF of weeks) is left unchanged.
func ruleDateParts(s string, env *rewriteEnv) (string, error) {
	var err error
	for _, name := range dateDiffNames {
		s, err = rewriteCalls(s, name, func(args []string, call string) (string, error) {
			p, ok := "", len(args) == 3
			if ok {
				p, ok = datePart(args[0])
			}
			if !ok {
				return call, nil
			}
			return "date_diff('" + p + "', " + args[1] + ", " + args[2] + ")", nil
		})
		if err != nil {
			return "", err
		}
	}
	s, err = rewriteCalls(s, "DATE_TRUNC", func(args []string, call string) (string, error) {
		p, ok := "", len(args) == 2
		if ok {
			p, ok = dateAddPart(args[0])
		}
		if !ok {
			return call, nil
		}
		if p == "week" {
			return weekTruncText(args[1], envParams(env)), nil
		}
		return "time_bucket(" + bucketIntervals[p] + ", " + args[1] + ")", nil
	})
	if err != nil {
		return "", err
	}
	for _, name := range []string{"DATEADD", "TIMESTAMPADD", "TIMEADD"} {
		s, err = rewriteCalls(s, name, func(args []string, call string) (string, error) {
			p, ok := "", len(args) == 3
			if ok {
				p, ok = dateAddPart(args[0])
			}
			if !ok {
				return call, nil
			}
			return dateAddText(p, args[1], args[2]), nil
		})
		if err != nil {
			return "", err
		}
	}
	return s, nil
}
