package sftest

import (
	"strings"
)

// ruleCountMulti rewrites Snowflake's COUNT of several expressions,
// COUNT([DISTINCT] a, b, ...), which counts the rows (or distinct
// combinations) where none of them is NULL, into DuckDB's one-argument
// COUNT of the row (a, b, ...) where none is NULL. COUNT of one expression
// is left as it is.
func ruleCountMulti(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "COUNT") || !strings.Contains(s, ",") {
		return s, nil
	}
	return rewriteCalls(s, "COUNT", func(args []string, call string) (string, error) {
		if len(args) < 2 {
			return call, nil
		}
		distinct := ""
		first := tokenize(args[0])
		if d := nextCode(first, 0); d < len(first) && first[d].isWord("DISTINCT") {
			distinct, args[0] = "DISTINCT ", trimmed(first[d+1:])
		}
		conds := make([]string, len(args))
		for i, a := range args {
			conds[i] = "(" + a + ") IS NOT NULL"
		}
		return "count(" + distinct + "CASE WHEN " + strings.Join(conds, " AND ") + " THEN row(" + strings.Join(args, ", ") + ") END)", nil
	})
}
