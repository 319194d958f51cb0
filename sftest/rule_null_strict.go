package sftest

import "strings"

// nullStrictFunctions are the Snowflake functions that are NULL when any
// argument is NULL where DuckDB's namesakes skip NULL arguments:
// CONCAT_WS(',', 'a', NULL) and GREATEST(1, NULL, 3) are NULL in Snowflake,
// 'a' and 3 in DuckDB. GREATEST_IGNORE_NULLS and LEAST_IGNORE_NULLS are
// DuckDB's behaviour.
var nullStrictFunctions = map[string]string{
	"CONCAT_WS": "concat_ws",
	"GREATEST":  "greatest",
	"LEAST":     "least",
}

// ruleNullStrict rewrites the calls of nullStrictFunctions into a CASE that
// is NULL when an argument is, and the _IGNORE_NULLS forms into DuckDB's.
func ruleNullStrict(s string, _ *rewriteEnv) (string, error) {
	for name, duck := range nullStrictFunctions {
		// The plain name first: its output would match it again.
		var err error
		s, err = rewriteCalls(s, name, func(args []string, call string) (string, error) {
			if len(args) == 0 {
				return call, nil
			}
			nulls := make([]string, len(args))
			for i, a := range args {
				nulls[i] = "(" + a + ") IS NULL"
			}
			return "(CASE WHEN " + strings.Join(nulls, " OR ") + " THEN NULL ELSE " +
				duck + "(" + strings.Join(args, ", ") + ") END)", nil
		})
		if err != nil {
			return "", err
		}
		s, err = rewriteCalls(s, name+"_IGNORE_NULLS", func(args []string, _ string) (string, error) {
			return duck + "(" + strings.Join(args, ", ") + ")", nil
		})
		if err != nil {
			return "", err
		}
	}
	return s, nil
}
