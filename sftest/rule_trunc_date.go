package sftest

// ruleTruncDate rewrites TRUNC(x, part), where part names a date or time
// part ('MONTH', day, ...), to DATE_TRUNC(part, x): Snowflake's TRUNC is
// both the numeric truncation TRUNC(n, scale) and this alternate syntax of
// DATE_TRUNC. A TRUNC whose second argument is no part name (a scale) is
// left as it is. It runs before implicitArgs and dateParts, which take the
// DATE_TRUNC it makes.
func ruleTruncDate(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "TRUNC") {
		return s, nil
	}
	return rewriteCalls(s, "TRUNC", func(args []string, call string) (string, error) {
		if len(args) != 2 {
			return call, nil
		}
		if _, ok := dateAddPart(args[1]); !ok {
			return call, nil
		}
		return "DATE_TRUNC(" + args[1] + ", " + args[0] + ")", nil
	})
}
