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
// sftest asks it: before running a statement with a select list that
// divides or averages, it binds a probe per select list (the CTEs it sees,
// its FROM ... HAVING, LIMIT 0) whose columns are the operands, computes
// each quotient's NUMBER(P,S), and rewrites a / b into
//
//	CAST(sftest_div_S(a, b, false) AS DECIMAL(P,S))
//
// and AVG(x) into the same over SUM(x) and COUNT(x), innermost first (a
// rewritten quotient is an operand of the next). A division with a FLOAT (or
// non-numeric) operand stays DuckDB's, as Snowflake's FLOAT division is.

// exactRetype returns the DuckDB text of the statement with its select
// lists' divisions and AVGs made exact; probe returns the DuckDB type names
// of a DuckDB query's columns. ok is false when the statement is to run as
// rewritten before (a probe failed).
type exactRetype func(probe probeFunc) (duck string, ok bool)

// probeFunc binds a DuckDB query (running none of it) and returns its
// column types; binds lists which of the statement's binds, by position,
// its placeholders stand for (nil: all of them, in order).
type probeFunc func(duckSQL string, binds []int) ([]string, error)

// exactArithmetic returns the retyping of a statement's select lists (of
// a query, its CTEs and subqueries, CREATE TABLE|VIEW ... AS SELECT), given
// as the tokens parseStatement read, or nil when none divides or averages.
func exactArithmetic(toks []token, env *rewriteEnv) exactRetype {
	if !mayRetype(toks) || !hasArithSites(toks) {
		return nil
	}
	text := joinTokens(toks)
	return func(probe probeFunc) (string, bool) {
		// Name the columns after the text as written before changing it.
		s, err := ruleSelectAliases(text, env)
		if err != nil {
			return "", false
		}
		s = namedSubqueryItems(s)
		for range 64 {
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

// namedSubqueryItems names the unaliased items with a site in the select
// lists of CTEs and subqueries by their text, as Snowflake names them
// ("N / 2"): the rewritten expression would otherwise name the column.
func namedSubqueryItems(s string) string {
	toks := tokenize(s)
	main := mainSelect(toks)
	var lists [][2]int
	for _, sc := range selectScopes(toks) {
		if sc.sel != main {
			lists = append(lists, [2]int{sc.from, sc.to})
		}
	}
	return withAliases(s, toks, lists, func(item []token) bool {
		for i, t := range item {
			if t.is("/") || isArithCall(item, i) || isBinaryArith(item, i) {
				return true
			}
		}
		return false
	})
}

// mayRetype is the cheap first test: whether toks hold a "/", a binary
// + - * or an AVG, DIV0 or DIV0NULL call anywhere.
func mayRetype(toks []token) bool {
	for i, t := range toks {
		if t.is("/") || isBinaryArith(toks, i) || isArithCall(toks, i) {
			return true
		}
	}
	return false
}

// hasArithSites reports whether any select list of toks has a site to type.
func hasArithSites(toks []token) bool {
	for _, sc := range selectScopes(toks) {
		if len(scopeSites(toks, sc)) > 0 {
			return true
		}
	}
	return false
}

// retypeOnce types the sites of the innermost select list that has any
// (those holding no other untyped one) with one probe and rewrites them;
// when the probe fails (a correlated subquery, a CTE it cannot see) they
// keep DuckDB's DOUBLE arithmetic. changed is false when no list has one.
func retypeOnce(s string, env *rewriteEnv, probe probeFunc) (string, bool, error) {
	toks := tokenize(s)
	for _, sc := range selectScopes(toks) {
		sites := scopeSites(toks, sc)
		if len(sites) == 0 {
			continue
		}
		cols := make([][]string, len(sites))
		var all []string
		var ranges [][2]int
		for k, site := range sites {
			cols[k] = site.probeColumnsOf(toks)
			all = append(all, cols[k]...)
			ranges = append(ranges, site.probeRanges()...)
		}
		types, err := probeSites(toks, sc, all, ranges, env, probe)
		if err != nil {
			types = make([]string, len(all)) // untyped: DOUBLE
		}
		var b strings.Builder
		at := 0
		for k, site := range sites {
			if site.from < at {
				return "", false, fmt.Errorf("overlapping arithmetic at token %d", site.from)
			}
			b.WriteString(joinTokens(toks[at:site.from]))
			own := types[:len(cols[k])]
			types = types[len(cols[k]):]
			if site.op != "" {
				b.WriteString(site.rewriteOp(toks, own))
			} else {
				b.WriteString(site.rewrite(own[0], own[1]))
			}
			at = site.to
		}
		b.WriteString(joinTokens(toks[at:]))
		return b.String(), true, nil
	}
	return s, false, nil
}

// probeColumnsOf are the expressions a probe selects for the site: two
// operands for a division or AVG (probeColumns), two operands and the
// expression for a + - * (none when it is literal-only).
func (a arithSite) probeColumnsOf(toks []token) []string {
	switch {
	case a.lit:
		return nil
	case a.op != "":
		return a.opProbeColumns(toks)
	}
	e := a.probeColumns()
	return e[:]
}

// probeSites returns the DuckDB types of the expressions exprs (written
// from the token ranges, whose ? placeholders the probe binds) from a probe
// of the scope: the CTEs it can see, SELECT the expressions, and the
// scope's FROM ... HAVING. No expressions need no probe.
func probeSites(toks []token, sc selectScope, exprs []string, ranges [][2]int, env *rewriteEnv, probe probeFunc) ([]string, error) {
	if len(exprs) == 0 {
		return nil, nil
	}
	cols := make([]string, len(exprs))
	for k, e := range exprs {
		cols[k] = fmt.Sprintf("(%s) AS \"sftest_p%d\"", e, k)
	}
	prefix, spans := visibleCTEs(toks, sc.from)
	spans = append(spans, ranges...)
	spans = append(spans, [2]int{sc.to, sc.tailEnd})
	duck, err := applyRules(prefix+"SELECT "+strings.Join(cols, ", ")+" "+joinTokens(toks[sc.to:sc.tailEnd]), env)
	if err != nil {
		return nil, err
	}
	types, err := probe(duck, probeBinds(toks, spans))
	if err != nil {
		return nil, err
	}
	if len(types) != len(cols) {
		return nil, fmt.Errorf("probe gave %d columns for %d", len(types), len(cols))
	}
	return types, nil
}

// visibleCTEs is the WITH clause a probe of the select list starting at
// toks[at] needs: the whole clause for the main query, the definitions
// before its own for a CTE body; spans are the token ranges it is made of.
func visibleCTEs(toks []token, at int) (string, [][2]int) {
	sel := mainSelect(toks)
	w := firstTopLevel(toks, sel, func(t token) bool { return t.isWord("WITH") })
	if w < 0 {
		return "", nil
	}
	if at < w || at > sel {
		return joinTokens(toks[w:sel]), [][2]int{{w, sel}}
	}
	head := w + 1
	if t, j := codeAt(toks, head); t.isWord("RECURSIVE") {
		head = j + 1
	}
	var defs []string
	var spans [][2]int
	for _, sp := range argSpans(toks, head, sel) {
		if at >= sp[0] && at < sp[1] {
			break
		}
		defs, spans = append(defs, joinTokens(toks[sp[0]:sp[1]])), append(spans, sp)
	}
	if len(defs) == 0 {
		return "", nil
	}
	return joinTokens(toks[w:head]) + strings.Join(defs, ",") + " ", spans
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
	zero := fmt.Sprintf("CAST(0 AS DECIMAL(%d,%d))", p, s)
	switch {
	case a.zero == "DIV0": // 0 for a zero divisor, whatever the numerator
		return "CASE WHEN " + a.denText + " = 0 THEN " + zero + " ELSE " + exactDivText(a.numText, a.denText, p, s, true) + " END"
	case a.zero == "DIV0NULL":
		return "CASE WHEN " + a.denText + " = 0 OR " + a.denText + " IS NULL THEN " + zero + " ELSE " +
			exactDivText(a.numText, a.denText, p, s, true) + " END"
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
	if lt, ok := literalArithmetic(text); ok {
		return lt.lead, lt.scale, true // arithmetic on literals: Snowflake types it from the text
	}
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
		width = integerLiteralLead(lit)
	case strings.HasPrefix(u, "COUNT(") || strings.HasPrefix(u, "COUNT_IF("):
		width = 18
	}
	return width, 0, true
}

// probeTypes returns the probe exactRetype needs: it binds a DuckDB query on
// conn with the statement's binds it names, runs none of it (LIMIT 0), and
// returns its column types.
func probeTypes(ctx context.Context, conn *sql.Conn, binds []any) probeFunc {
	return func(duck string, which []int) ([]string, error) {
		args := binds
		if which != nil {
			args = make([]any, 0, len(which))
			for _, k := range which {
				if k < len(binds) {
					args = append(args, binds[k])
				}
			}
		}
		rows, err := conn.QueryContext(ctx, "SELECT * FROM ("+duck+"\n) AS sftest_probe LIMIT 0", args...)
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
