package sftest

import (
	"regexp"
	"strings"
)

// inferNumbers gives NUMBER columns the precision Snowflake infers where
// DuckDB's type says less: a select item that is an integer literal is
// NUMBER(digits,0) (SELECT 1 is NUMBER(1,0), not DuckDB's INTEGER), and
// COUNT(...) / COUNT_IF(...) is NUMBER(18,0), and arithmetic on those
// follows Snowflake's rules (literalArithmetic). Other columns keep the type
// DuckDB reports: declared NUMBER(p,s) columns, decimal literals, casts to
// NUMBER(p,s) and SUM of decimals already carry Snowflake's precision and
// scale. A TIME or TIMESTAMP column cast to a scale takes it
// (inferTimeScale). It needs the select list (selectItems); without it, or
// in a set operation (whose other branches may hold wider values), rts is
// unchanged.
func inferNumbers(rts []rowType, stmtText string) {
	for _, op := range []string{"UNION", "INTERSECT", "EXCEPT", "MINUS"} {
		if containsFold(stmtText, op) {
			return
		}
	}
	items := selectItems(stmtText)
	for i := range rts {
		if i >= len(items) {
			continue
		}
		expr := strings.ToUpper(itemExpr(items[i]))
		if rts[i].Type != "fixed" {
			inferTimeScale(&rts[i], expr)
			continue
		}
		if t, ok := literalArithmetic(expr); ok {
			rts[i].Precision, rts[i].Scale = int64(min(38, max(t.lead+t.scale, 1))), int64(t.scale)
			continue
		}
		if rts[i].Scale != 0 {
			continue
		}
		switch {
		case isIntegerLiteral(expr):
			rts[i].Precision = int64(max(len(strings.TrimLeft(strings.TrimLeft(expr, "+-"), "0")), 1))
		case (strings.HasPrefix(expr, "COUNT(") || strings.HasPrefix(expr, "COUNT_IF(")) && strings.HasSuffix(expr, ")"):
			rts[i].Precision = 18
		}
	}
}

// itemExpr is a select item without its alias (AS name, or a bare name).
func itemExpr(item string) string {
	f := strings.Fields(item)
	switch {
	case len(f) >= 3 && strings.EqualFold(f[len(f)-2], "AS"):
		f = f[:len(f)-2]
	case len(f) == 2 && !strings.ContainsAny(f[1], "()+-*/|'"):
		f = f[:1]
	}
	return strings.Join(f, " ")
}

// isIntegerLiteral reports whether s is an optionally signed run of digits.
func isIntegerLiteral(s string) bool {
	return isInteger(strings.TrimLeft(s, "+-")) && len(strings.TrimLeft(s, "+-")) >= len(s)-1
}

// castScale matches a select item that ends in a cast to a time type with
// a scale: x::TIME(3), CAST(x AS TIMESTAMP_LTZ(0)), TRY_CAST(...).
var castScale = regexp.MustCompile(`(?:::|\bAS)\s*(TIME|TIMESTAMP_LTZ|TIMESTAMP_TZ|TIMESTAMP_NTZ|TIMESTAMP|DATETIME)\s*\(\s*(\d)\s*\)\s*(\))?$`)

// castFamily is the result column type a castScale type gives.
var castFamily = map[string]string{
	"TIME": "time", "TIMESTAMP_LTZ": "timestamp_ltz", "TIMESTAMP_TZ": "timestamp_tz",
	"TIMESTAMP_NTZ": "timestamp_ntz", "TIMESTAMP": "timestamp_ntz", "DATETIME": "timestamp_ntz",
}

// inferTimeScale gives a TIME or TIMESTAMP column that a select item casts
// to an explicit scale (x::TIME(3)) that scale, as Snowflake reports it;
// the result builders then drop the digits past it. DuckDB's types carry no
// such scale (its TIME and TIMESTAMPTZ are microseconds), so without the
// cast the column reports Snowflake's default, 9.
func inferTimeScale(rt *rowType, expr string) {
	m := castScale.FindStringSubmatch(expr)
	if m == nil || castFamily[m[1]] != rt.Type {
		return
	}
	if m[3] != "" && !strings.HasPrefix(expr, "CAST(") && !strings.HasPrefix(expr, "TRY_CAST(") {
		return // a parenthesis closing something other than the CAST
	}
	if m[3] == "" && strings.HasPrefix(m[0], "AS") {
		return // AS without CAST( ... ): an alias, not a cast
	}
	rt.Scale = int64(m[2][0] - '0')
}
