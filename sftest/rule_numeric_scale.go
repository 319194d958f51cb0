package sftest

import (
	"strconv"
	"strings"
)

// ruleNumericScale rewrites CEIL(x, scale) and FLOOR(x, scale), which
// DuckDB lacks, and ROUND(x, scale, mode) with Snowflake's rounding modes
// 'HALF_AWAY_FROM_ZERO' (ROUND's default) and 'HALF_TO_EVEN'. The scale
// (and the mode) must be literals, as the result's type depends on them: a
// NUMBER with that many decimals (0 for a negative scale). The arithmetic
// is exact on NUMBERs: x is scaled by a power of ten written as a literal.
// A FLOAT x gives a NUMBER too, where Snowflake gives a FLOAT.
func ruleNumericScale(s string, _ *rewriteEnv) (string, error) {
	for _, fn := range []string{"CEIL", "FLOOR"} {
		var err error
		s, err = rewriteCalls(s, fn, func(args []string, call string) (string, error) {
			if len(args) != 2 {
				return call, nil
			}
			scale, err := literalScale(fn, args[1])
			if err != nil {
				return "", err
			}
			up, down := powerOfTen(scale), powerOfTen(-scale)
			return "CAST(CAST(" + strings.ToLower(fn) + "((" + args[0] + ") * " + up + ") AS DECIMAL(38,0)) * " + down +
				" AS DECIMAL(38," + strconv.Itoa(max(scale, 0)) + "))", nil
		})
		if err != nil {
			return "", err
		}
	}
	return rewriteCalls(s, "ROUND", func(args []string, call string) (string, error) {
		if len(args) != 3 {
			return call, nil
		}
		scale, err := literalScale("ROUND", args[1])
		if err != nil {
			return "", err
		}
		mode, ok := literalString(args[2])
		switch strings.ToUpper(mode) {
		case "HALF_AWAY_FROM_ZERO":
			return "round(" + args[0] + ", " + args[1] + ")", nil
		case "HALF_TO_EVEN":
		default:
			if ok {
				return "", compileError("invalid value ['%s'] for parameter 'ROUNDING_MODE'", mode)
			}
			return "", unsupported("ROUND with a rounding mode that is not a literal")
		}
		y := "((" + args[0] + ") * " + powerOfTen(scale) + ")"
		f := "floor" + y
		return "CAST((CASE WHEN " + y + " - " + f + " > 0.5 THEN " + f + " + 1 WHEN " + y + " - " + f + " < 0.5 THEN " + f +
			" WHEN " + f + " % 2 = 0 THEN " + f + " ELSE " + f + " + 1 END) * " + powerOfTen(-scale) +
			" AS DECIMAL(38," + strconv.Itoa(max(scale, 0)) + "))", nil
	})
}

// literalScale is the integer literal scale of fn's call.
func literalScale(fn, arg string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(arg))
	if err != nil || n < -37 || n > 37 {
		return 0, unsupported(fn + " with a scale that is not an integer literal from -37 to 37")
	}
	return n, nil
}

// powerOfTen is 10^n as an exact literal: 100, 1, 0.01.
func powerOfTen(n int) string {
	if n >= 0 {
		return "1" + strings.Repeat("0", n)
	}
	return "0." + strings.Repeat("0", -n-1) + "1"
}
