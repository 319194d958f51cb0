package sftest

import (
	"math/big"
	"strconv"
	"strings"
)

// ruleEpochTimestamps rewrites the TO_TIMESTAMP and TO_TIMESTAMP_NTZ (and
// TRY_) calls that read epoch numbers, before ruleConversions:
//   - TO_TIMESTAMP(n, scale), scale 0 to 9: n in units of 10^-scale
//     seconds (3: milliseconds);
//   - TO_TIMESTAMP('1700000000000'), a string literal of an integer:
//     seconds, milliseconds, microseconds or nanoseconds by its magnitude,
//     as Snowflake reads it (below 31536000000 seconds, below
//     31536000000000 milliseconds, and so on).
//
// Other forms are left to ruleConversions; a string of digits that is not
// a literal is not read as an epoch.
func ruleEpochTimestamps(s string, _ *rewriteEnv) (string, error) {
	for _, fn := range []string{"TO_TIMESTAMP", "TO_TIMESTAMP_NTZ", "TRY_TO_TIMESTAMP", "TRY_TO_TIMESTAMP_NTZ"} {
		var err error
		s, err = rewriteCalls(s, fn, func(args []string, call string) (string, error) {
			switch len(args) {
			case 1:
				lit, ok := literalString(args[0])
				lit = strings.TrimSpace(lit)
				if !ok || !isInteger(lit) {
					return call, nil
				}
				n, ok := new(big.Int).SetString(lit, 10)
				if !ok {
					return call, nil
				}
				return epochText(n.String(), epochScale(n)), nil
			case 2:
				scale, err := strconv.Atoi(strings.TrimSpace(args[1]))
				if err != nil || isStringArg(args[1]) {
					return call, nil
				}
				if scale < 0 || scale > 9 {
					return "", compileError("Invalid scale %d for function %s: must be from 0 to 9", scale, fn)
				}
				return epochText(args[0], scale), nil
			}
			return call, nil
		})
		if err != nil {
			return "", err
		}
	}
	return s, nil
}

// epochScale is the scale Snowflake reads an integer string's epoch in.
func epochScale(n *big.Int) int {
	abs := new(big.Int).Abs(n)
	limit := big.NewInt(31536000000)
	for scale := 0; scale < 9; scale += 3 {
		if abs.Cmp(limit) < 0 {
			return scale
		}
		limit.Mul(limit, big.NewInt(1000))
	}
	return 9
}

// epochText is the TIMESTAMP n units of 10^-scale seconds after the epoch.
func epochText(n string, scale int) string {
	micros := "CAST(" + n + " AS HUGEINT) * " + powerOfTen(6-scale)
	if scale > 6 {
		micros = "CAST(floor(CAST(" + n + " AS HUGEINT) / " + powerOfTen(scale-6) + ") AS HUGEINT)"
	}
	return "make_timestamp(CAST(" + micros + " AS BIGINT))"
}
