package sftest

// ruleDateDiffWeeks rewrites DATEDIFF/TIMESTAMPDIFF(week, a, b) (and the
// week part's other names): the number of week starts crossed from a to b,
// weeks starting on the session's WEEK_START day (Monday by default), so
// Sunday to the next Monday is 1 and Saturday to Sunday 0. ruleDateParts,
// which this runs before, leaves weeks alone.
func ruleDateDiffWeeks(s string, env *rewriteEnv) (string, error) {
	for _, name := range dateDiffNames {
		var err error
		s, err = rewriteCalls(s, name, func(args []string, call string) (string, error) {
			if len(args) != 3 || !isWeekPart(args[0]) {
				return call, nil
			}
			params := envParams(env)
			return "CAST(date_diff('day', " + weekTruncText(args[1], params) + ", " +
				weekTruncText(args[2], params) + ") / 7 AS BIGINT)", nil
		})
		if err != nil {
			return "", err
		}
	}
	return s, nil
}

// isWeekPart reports whether the part argument names the week.
func isWeekPart(arg string) bool {
	p, ok := dateAddPart(arg)
	return ok && p == "week"
}
