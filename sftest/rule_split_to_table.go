package sftest

import "strings"

// ruleSplitToTable rewrites Snowflake's TABLE(SPLIT_TO_TABLE(string,
// delimiter)) into a lateral subquery with its columns: SEQ (1: sftest
// numbers no input rows), INDEX (the part's 1-based position) and VALUE
// (the part). As in Snowflake, the delimiter is a plain string (an empty
// one leaves the string whole), an empty string gives one empty part and a
// NULL string or delimiter gives no rows.
func ruleSplitToTable(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "SPLIT_TO_TABLE") {
		return s, nil
	}
	toks := tokenize(s)
	var b strings.Builder
	emitted := 0
	for i := 0; i < len(toks); i++ {
		from, to, open, close, _, ok := tableCall(toks, i, "SPLIT_TO_TABLE")
		if !ok || from < emitted {
			continue
		}
		if p := prevCode(toks, from); p >= 0 && toks[p].isWord("LATERAL") {
			from = p
		}
		args := splitArgs(toks, open+1, close)
		texts := make([]string, len(args))
		for k, a := range args {
			texts[k] = trimmed(a)
		}
		if err := wantArgs("SPLIT_TO_TABLE", texts, 2); err != nil {
			return "", err
		}
		str, delim := "CAST(("+texts[0]+") AS VARCHAR)", "CAST(("+texts[1]+") AS VARCHAR)"
		parts := "CASE WHEN " + delim + " = '' THEN [" + str + "] ELSE string_split(" + str + ", " + delim + ") END"
		b.WriteString(joinTokens(toks[emitted:from]))
		b.WriteString("LATERAL (SELECT CAST(1 AS BIGINT) AS SEQ, CAST(generate_subscripts(__parts, 1) AS BIGINT) AS INDEX, " +
			"unnest(__parts) AS VALUE FROM (SELECT " + parts + " AS __parts) AS __split)")
		emitted, i = to+1, to
	}
	if emitted == 0 {
		return s, nil
	}
	b.WriteString(joinTokens(toks[emitted:]))
	return b.String(), nil
}
