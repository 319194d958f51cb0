package sftest

import (
	"strings"
)

// inferNumbers gives NUMBER columns the precision Snowflake infers where
// DuckDB's type says less: a select item that is an integer literal is
// NUMBER(digits,0) (SELECT 1 is NUMBER(1,0), not DuckDB's INTEGER), and
// COUNT(...) / COUNT_IF(...) is NUMBER(18,0), and arithmetic on those
// follows Snowflake's rules (literalArithmetic). Other columns keep the type
// DuckDB reports: declared NUMBER(p,s) columns, decimal literals, casts to
// NUMBER(p,s) and SUM of decimals already carry Snowflake's precision and
// scale. It needs the select list (selectItems); without it, or in a set
// operation (whose other branches may hold wider values), rts is unchanged.
func inferNumbers(rts []rowType, stmtText string) {
	for _, op := range []string{"UNION", "INTERSECT", "EXCEPT", "MINUS"} {
		if containsFold(stmtText, op) {
			return
		}
	}
	items := selectItems(stmtText)
	for i := range rts {
		if i >= len(items) || rts[i].Type != "fixed" {
			continue
		}
		expr := strings.ToUpper(itemExpr(items[i]))
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
