package sftest

import (
	"strings"
)

// rulePercentile rewrites Snowflake's ordered-set aggregates
//
//	PERCENTILE_CONT(p) WITHIN GROUP (ORDER BY x [ASC | DESC])
//	PERCENTILE_DISC(p) WITHIN GROUP (ORDER BY x [ASC | DESC])
//
// (also as window functions, with OVER after them) into DuckDB's
// quantile_cont(x, p) and quantile_disc(x, p). PERCENTILE_CONT interpolates
// with three more digits of scale, as Snowflake's NUMBER(p+3, s+3) result
// does (DuckDB would interpolate within x's own scale, so the median of 1, 2,
// 3, 4 as NUMBER(38,0) would be 2, not 2.5). DuckDB truncates the
// interpolated part at that scale, so where the fraction between the two
// values has no exact binary form (p = 0.3 of four values: 0.9) the last
// digit can be one low (2.39999 for Snowflake's 2.40000); medians and
// quartiles are exact. Descending order is the
// ascending quantile 1 - p for PERCENTILE_CONT and the negated ascending
// quantile of -x for PERCENTILE_DISC. MEDIAN(x) is PERCENTILE_CONT(0.5)'s
// quantile, with the same three more digits. It runs before withinGroup,
// which would move the ORDER BY inside the call.
func rulePercentile(s string, _ *rewriteEnv) (string, error) {
	s, err := rewriteCalls(s, "MEDIAN", func(args []string, call string) (string, error) {
		if len(args) != 1 || topLevelWord(tokenize(args[0]), "DISTINCT") >= 0 {
			return call, nil
		}
		return "quantile_cont((" + args[0] + ") * 1.000, 0.5)", nil
	})
	if err != nil || !containsFold(s, "PERCENTILE_") {
		return s, err
	}
	toks := tokenize(s)
	var b strings.Builder
	changed := false
	for i := 0; i < len(toks); i++ {
		repl, end, ok := percentileCall(toks, i)
		if !ok {
			b.WriteString(toks[i].text)
			continue
		}
		inner, err := rulePercentile(repl, nil) // PERCENTILE_ in x or p
		if err != nil {
			return "", err
		}
		b.WriteString(inner)
		changed = true
		i = end
	}
	if !changed {
		return s, nil
	}
	return b.String(), nil
}

// percentileCall reads the PERCENTILE_CONT or PERCENTILE_DISC call with its
// WITHIN GROUP at toks[i] and returns DuckDB's call and the index of the
// WITHIN GROUP's ")"; ok is false for anything else (left for DuckDB to
// reject).
func percentileCall(toks []token, i int) (string, int, bool) {
	cont := toks[i].isWord("PERCENTILE_CONT")
	if !cont && !toks[i].isWord("PERCENTILE_DISC") {
		return "", 0, false
	}
	open, close, ok := callAt(toks, i, toks[i].text)
	if !ok {
		return "", 0, false
	}
	args := splitArgs(toks, open+1, close)
	w, wi := codeAt(toks, close+1)
	g, gi := codeAt(toks, wi+1)
	o, oi := codeAt(toks, gi+1)
	ord, ordi := codeAt(toks, oi+1)
	by, byi := codeAt(toks, ordi+1)
	if len(args) != 1 || !w.isWord("WITHIN") || !g.isWord("GROUP") || !o.is("(") || !ord.isWord("ORDER") || !by.isWord("BY") {
		return "", 0, false
	}
	oclose := closeParen(toks, oi)
	if oclose < 0 {
		return "", 0, false
	}
	key := toks[byi+1 : oclose]
	desc := false
	if last := prevCode(key, len(key)); last >= 0 && (key[last].isWord("DESC") || key[last].isWord("ASC")) {
		desc = key[last].isWord("DESC")
		key = key[:last]
	}
	x, p := trimmed(key), trimmed(args[0])
	switch {
	case cont && desc:
		return "quantile_cont((" + x + ") * 1.000, 1 - (" + p + "))", oclose, true
	case cont:
		return "quantile_cont((" + x + ") * 1.000, " + p + ")", oclose, true
	case desc:
		return "-quantile_disc(-(" + x + "), " + p + ")", oclose, true
	}
	return "quantile_disc(" + x + ", " + p + ")", oclose, true
}
