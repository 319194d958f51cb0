package sftest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Exact NUMBER division and AVG, typed as Snowflake types them.
//
// DuckDB divides numbers (and averages them) in DOUBLE; Snowflake divides
// NUMBERs exactly, into a NUMBER whose scale and precision follow from the
// operands' ("Scale and precision in arithmetic operations"): for L1.S1 /
// L2.S2 (leading digits . scale) the quotient has L = L1 + S2 leading digits
// and scale S = max(S1, min(S1 + 6, 12)), precision L + S capped at 38,
// rounded half away from zero. So SELECT 7/2 is NUMBER(7,6) 3.500000.
//
// DuckDB's type of an operand is known only once the statement is bound, so
// sftest asks it: before running a SELECT whose select list divides or
// averages, it runs a probe (the same FROM ... GROUP BY, LIMIT 0) whose
// columns are the operands, computes each quotient's NUMBER(P,S), and
// rewrites a / b into
//
//	CAST(sftest_div_S(a, b, false) AS DECIMAL(P,S))
//
// and AVG(x) into the same over SUM(x) and COUNT(x), innermost first (a
// rewritten quotient is an operand of the next). A division with a FLOAT (or
// non-numeric) operand stays DuckDB's, as Snowflake's FLOAT division is.

// exactRetype returns the DuckDB text of the statement with its select
// list's divisions and AVGs made exact; probe returns the DuckDB type names
// of a DuckDB query's columns. ok is false when the statement is to run as
// rewritten before (a probe failed).
type exactRetype func(probe func(duckSQL string) ([]string, error)) (duck string, ok bool)

// exactArithmetic returns the retyping of a statement's main select list
// (of a query, WITH ... SELECT, CREATE TABLE|VIEW ... AS SELECT), or nil
// when that list neither divides nor averages (or holds a bind
// placeholder, which a probe could not bind).
func exactArithmetic(text string, env *rewriteEnv) exactRetype {
	if !strings.Contains(text, "/") && !containsFold(text, "AVG") && !containsFold(text, "DIV0") {
		return nil
	}
	toks := tokenize(text)
	from, to, ok := selectListSpan(toks)
	if !ok {
		return nil
	}
	for _, t := range toks[from:to] {
		if t.kind == tkParam || t.is("?") || t.is(":") {
			return nil
		}
	}
	if sites, _ := arithSites(toks, from, to); len(sites) == 0 && withMarkedDivisions(text) == text {
		return nil
	}
	return func(probe func(string) ([]string, error)) (string, bool) {
		// Name the columns after the text as written before changing it.
		s, err := ruleSelectAliases(text, env)
		if err != nil {
			return "", false
		}
		s = withMarkedDivisions(s)
		for range 16 {
			next, changed, err := retypeOnce(s, env, probe)
			if err != nil {
				return "", false
			}
			if !changed {
				break
			}
			s = next
		}
		duck, err := applyRules(s, env)
		if err != nil {
			return "", false
		}
		return duck, true
	}
}

// withMarkedDivisions is s with the DIV0 and DIV0NULL calls of its select
// list written as the divisions they stand for (markDivisions).
func withMarkedDivisions(s string) string {
	toks := tokenize(s)
	from, to, ok := selectListSpan(toks)
	if !ok {
		return s
	}
	return joinTokens(toks[:from]) + markDivisions(joinTokens(toks[from:to])) + joinTokens(toks[to:])
}

// retypeOnce types the divisions and AVGs of s's select list that hold no
// other untyped one with one probe and rewrites them; changed is false when
// there were none.
func retypeOnce(s string, env *rewriteEnv, probe func(string) ([]string, error)) (string, bool, error) {
	toks := tokenize(s)
	from, to, _ := selectListSpan(toks)
	sites, _ := arithSites(toks, from, to)
	if len(sites) == 0 {
		return s, false, nil
	}
	cols := make([]string, 0, 2*len(sites))
	for k, site := range sites {
		e := site.probeColumns()
		cols = append(cols, fmt.Sprintf("(%s) AS \"sftest_p%d\"", e[0], 2*k), fmt.Sprintf("(%s) AS \"sftest_p%d\"", e[1], 2*k+1))
	}
	duck, err := applyRules(withClause(toks)+"SELECT "+strings.Join(cols, ", ")+" "+probeTail(toks, to), env)
	if err != nil {
		return "", false, err
	}
	types, err := probe(duck)
	if err != nil {
		return "", false, err
	}
	if len(types) != len(cols) {
		return "", false, fmt.Errorf("probe gave %d columns for %d", len(types), len(cols))
	}
	var b strings.Builder
	at := 0
	for k, site := range sites {
		if site.from < at {
			return "", false, fmt.Errorf("overlapping arithmetic at token %d", site.from)
		}
		b.WriteString(joinTokens(toks[at:site.from]))
		b.WriteString(site.rewrite(types[2*k], types[2*k+1]))
		at = site.to
	}
	b.WriteString(joinTokens(toks[at:]))
	return b.String(), true, nil
}

// probeTail is what follows the select list, up to a top-level ORDER BY,
// LIMIT, QUALIFY, OFFSET or FETCH, which the probe does not need (and whose
// references a probe of aggregates could not resolve).
func probeTail(toks []token, from int) string {
	depth := 0
	for i := from; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.is("("):
			depth++
		case t.is(")"):
			depth--
		case depth == 0 && (t.is(";") || t.isWord("ORDER") || t.isWord("LIMIT") || t.isWord("QUALIFY") ||
			t.isWord("OFFSET") || t.isWord("FETCH")):
			return joinTokens(toks[from:i])
		}
	}
	return joinTokens(toks[from:])
}

// rewrite is the site's exact form given the DuckDB types of its probe
// expressions, or the site marked as float when they are not exact numbers.
func (a arithSite) rewrite(t0, t1 string) string {
	if a.avg {
		// SUM(x) is NUMBER(38, s): the quotient's precision is capped at 38.
		_, scale, ok := exactNumber(t0, "")
		if !ok {
			return "AVG" + floatMark + "(" + joinTokens(a.args) + ")" + joinTokens(a.suffix)
		}
		e := a.probeExprs()
		return exactDivText(e[0], e[1], 38, divisionScale(scale), false)
	}
	l1, s1, ok1 := exactNumber(t0, a.numText)
	_, s2, ok2 := exactNumber(t1, a.denText)
	if !ok1 || !ok2 {
		div := a.numText + " " + floatMark + "/ " + a.denText
		switch a.zero {
		case "DIV0":
			return "CASE WHEN " + a.denText + " = 0 THEN 0 ELSE " + div + " END"
		case "DIV0NULL":
			return "CASE WHEN " + a.denText + " = 0 OR " + a.denText + " IS NULL THEN 0 ELSE " + div + " END"
		}
		return div
	}
	s := divisionScale(s1)
	p := min(38, max(l1+s2+s, 1))
	switch {
	case a.zero == "DIV0":
		return exactDivText(a.numText, a.denText, p, s, true)
	case a.zero == "DIV0NULL":
		return exactDivText(a.numText, "COALESCE("+a.denText+", 0)", p, s, true)
	case needsZeroCheck(a.den):
		return exactDivText(a.numText, divisorCheck+"("+a.denText+")", p, s, false)
	}
	return exactDivText(a.numText, a.denText, p, s, false)
}

// exactDivText is the DuckDB expression of num / den as NUMBER(p,s); with
// zeroOK a zero den gives 0.
func exactDivText(num, den string, p, s int, zeroOK bool) string {
	return fmt.Sprintf("CAST(%s%d((%s), (%s), %t) AS DECIMAL(%d,%d))", exactDivFunc, min(s, maxScale), num, den, zeroOK, p, s)
}

// divisionScale is the scale of a quotient whose numerator has scale s1.
func divisionScale(s1 int) int { return max(s1, min(s1+6, 12)) }

// exactNumber reads a DuckDB type as a Snowflake NUMBER's leading digits and
// scale; ok is false for FLOAT and non-numbers. An integer literal has as
// many leading digits as it has digits (Snowflake types 7 as NUMBER(1,0)),
// COUNT is NUMBER(18,0), and the integer types sftest maps NUMBER(38,0) and
// INT columns to (BIGINT, HUGEINT) have 38.
func exactNumber(duckType, text string) (lead, scale int, ok bool) {
	t := strings.ToUpper(duckType)
	if strings.HasPrefix(t, "DECIMAL(") {
		var p, s int
		if _, err := fmt.Sscanf(t, "DECIMAL(%d,%d)", &p, &s); err != nil {
			return 0, 0, false
		}
		return p - s, s, true
	}
	var width int
	switch t {
	case "TINYINT", "UTINYINT":
		width = 3
	case "SMALLINT", "USMALLINT":
		width = 5
	case "INTEGER", "UINTEGER":
		width = 10
	case "BIGINT", "UBIGINT", "HUGEINT", "UHUGEINT":
		width = 38
	default:
		return 0, 0, false
	}
	lit := strings.Trim(text, "() \t\r\n")
	switch u := strings.ToUpper(lit); {
	case isIntegerLiteral(lit):
		width = max(len(strings.TrimLeft(strings.TrimLeft(lit, "+-"), "0")), 1)
	case strings.HasPrefix(u, "COUNT(") || strings.HasPrefix(u, "COUNT_IF("):
		width = 18
	}
	return width, 0, true
}

// probeTypes returns the probe exactRetype needs: it binds a DuckDB query on
// conn with binds, runs none of it (LIMIT 0), and returns its column types.
func probeTypes(ctx context.Context, conn *sql.Conn, binds []any) func(string) ([]string, error) {
	return func(duck string) ([]string, error) {
		rows, err := conn.QueryContext(ctx, "SELECT * FROM ("+duck+"\n) AS sftest_probe LIMIT 0", binds...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		cts, err := rows.ColumnTypes()
		if err != nil {
			return nil, err
		}
		types := make([]string, len(cts))
		for i, ct := range cts {
			types[i] = ct.DatabaseTypeName()
		}
		return types, rows.Err()
	}
}
