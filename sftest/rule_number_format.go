package sftest

import (
	"errors"
)

// ruleNumberFormat rewrites TO_CHAR and TO_VARCHAR of a number with a
// numeric format model (a string literal such as '9,999.99', '0000',
// 'S9.99', '$9,999', 'FM999', 'TM9', 'XXXX'; number_format.go lists what is
// emulated) into numberFormatFunc, which prints as Snowflake does: fixed
// width with a sign slot, blanks for leading zeros, '#' on overflow. A
// format with a date or time element is left for ruleConversions; one that
// is neither fails as not emulated, naming what sftest lacks. It runs
// before ruleConversions.
func ruleNumberFormat(s string, _ *rewriteEnv) (string, error) {
	for _, fn := range []string{"TO_CHAR", "TO_VARCHAR"} {
		var err error
		s, err = rewriteCalls(s, fn, func(args []string, call string) (string, error) {
			if len(args) != 2 {
				return call, nil
			}
			code := codeOnly(tokenize(args[1]))
			if len(code) != 1 {
				return call, nil // ruleConversions fails on it
			}
			f, ok := stringValue(code[0])
			if !ok {
				return call, nil
			}
			if _, err := parseNumberFormat(f); err != nil {
				if _, isDate := strftimeFormat(f); isDate {
					return call, nil
				}
				if errors.Is(err, errNoNumber) {
					return "", unsupported(fn + " with the format " + quoteString(f) + " (neither a date, time nor number format sftest emulates)")
				}
				return "", unsupported(fn + " with the number format " + quoteString(f) + ": " + err.Error())
			}
			return numberFormatFunc + "(" + args[0] + ", " + quoteString(f) + ")", nil
		})
		if err != nil {
			return "", err
		}
	}
	return s, nil
}
