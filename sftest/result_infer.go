package sftest

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// inferNumbers gives NUMBER columns the precision Snowflake infers where
// DuckDB's type says less: a select item that is an integer literal is
// NUMBER(digits,0) (SELECT 1 is NUMBER(1,0), not DuckDB's INTEGER), and
// COUNT(...) / COUNT_IF(...) is NUMBER(18,0), and arithmetic on those
// follows Snowflake's rules (literalArithmetic). Other columns keep the type
// DuckDB reports: declared NUMBER(p,s) columns, decimal literals, casts to
// NUMBER(p,s) and SUM of decimals already carry Snowflake's precision and
// scale. A TIME or TIMESTAMP column cast to a scale takes it
// (inferTimeScale); a TIMESTAMP_TZ literal keeps its offset (literalZone).
// It needs the select list (selectItems); without it, or in a set operation
// (whose other branches may hold wider values), rts is unchanged.
// Semi-structured columns are typed first (inferSemiStructured).
func inferNumbers(rts []rowType, stmtText string) {
	inferSemiStructured(rts, stmtText)
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
		written := itemExpr(items[i])
		expr := strings.ToUpper(written)
		if rts[i].Type != "fixed" {
			inferTimeScale(&rts[i], expr)
			if rts[i].Type == "timestamp_tz" {
				rts[i].zone = literalZone(written)
			}
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
			rts[i].Precision = int64(integerLiteralLead(expr))
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

// integerLiteralLead is the precision Snowflake types an integer literal
// with: its digits past the sign and leading zeros, at least 1 (7 is
// NUMBER(1,0)).
func integerLiteralLead(lit string) int {
	return max(len(strings.TrimLeft(strings.TrimLeft(lit, "+-"), "0")), 1)
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

// tzLiteral matches a select item that makes a TIMESTAMP_TZ of one string
// literal: '...'::TIMESTAMP_TZ[(n)], [TRY_]CAST('...' AS TIMESTAMP_TZ[(n)]),
// TO_TIMESTAMP_TZ('...').
var tzLiteral = regexp.MustCompile(`(?is)^(?:(?:TRY_)?CAST\s*\(|TO_TIMESTAMP_TZ\s*\()?\s*'([^']*)'\s*(?:::\s*TIMESTAMP_TZ(?:\s*\(\s*\d\s*\))?|AS\s+TIMESTAMP_TZ(?:\s*\(\s*\d\s*\))?\s*\)|\))$`)

// writtenOffset is the UTC offset a timestamp text ends with.
var writtenOffset = regexp.MustCompile(`\d\s*(?:([+-])(\d{2}):?(\d{2})?|(Z))$`)

// literalZone is the offset a TIMESTAMP_TZ select item that is one string
// literal was written with, which Snowflake keeps with the value
// ('2024-01-01 10:00:00 +05:00'::TIMESTAMP_TZ is 10:00 at +05:00); nil for
// any other item, and for a literal without an offset (the session's
// applies). DuckDB's TIMESTAMPTZ keeps no offset, so this is the only case
// where sftest knows it.
func literalZone(expr string) *time.Location {
	m := tzLiteral.FindStringSubmatch(strings.TrimSpace(expr))
	if m == nil {
		return nil
	}
	o := writtenOffset.FindStringSubmatch(m[1])
	switch {
	case o == nil:
		return nil
	case o[4] == "Z":
		return time.UTC
	}
	h, _ := strconv.Atoi(o[2])
	mins, _ := strconv.Atoi(o[3])
	secs := h*3600 + mins*60
	if o[1] == "-" {
		secs = -secs
	}
	return time.FixedZone("", secs)
}
