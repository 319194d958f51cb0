package sftest

import (
	"database/sql/driver"
	"fmt"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// TO_NUMBER/TO_DECIMAL/TO_NUMERIC (and TRY_) with a numeric format model
// read the string with the model: its $, group separators (',' or G),
// decimal point and sign (a leading - or +, a trailing - for MI or S) may
// appear where the model has them, and no more integer or fraction digits
// than it has positions. What does not fit is 100038 Numeric value '...'
// is not recognized (NULL for TRY_). Hexadecimal and text-minimal models
// read as Snowflake's defaults would: not emulated, they fail.

// parseNumberFunc is the engine function behind them: (VARCHAR s, VARCHAR
// format, BOOLEAN try) -> VARCHAR, the number's plain decimal text, which
// the rewrite casts to the call's NUMBER(p, s).
const parseNumberFunc = "sftest_parse_number"

// parseWithFormat returns the plain decimal text of s read with format f,
// ok false when s does not fit.
func parseWithFormat(s, f string) (string, bool, error) {
	nf, err := parseNumberFormat(f)
	if err != nil {
		return "", false, fnError("001003", "42000", "SQL compilation error: unsupported by sftest: number format '"+f+"'")
	}
	if nf.hex || nf.tm != "" {
		return "", false, fnError("001003", "42000", "SQL compilation error: unsupported by sftest: reading with the number format '"+f+"'")
	}
	t := strings.TrimSpace(s)
	neg := false
	switch {
	case strings.HasPrefix(t, "-"), strings.HasPrefix(t, "+"):
		neg, t = t[0] == '-', strings.TrimSpace(t[1:])
	case nf.sign != 0 && (strings.HasSuffix(t, "-") || strings.HasSuffix(t, "+")):
		neg, t = t[len(t)-1] == '-', strings.TrimSpace(t[:len(t)-1])
	}
	if nf.dollar {
		t = strings.TrimPrefix(t, "$")
	}
	intPart, frac, hasPoint := strings.Cut(t, ".")
	if hasPoint && !nf.point {
		return "", false, nil
	}
	groups := strings.IndexByte(string(nf.intElems), ',') >= 0
	if groups {
		intPart = strings.ReplaceAll(intPart, ",", "")
	}
	if intPart == "" && frac == "" || !allDigits(intPart) || !allDigits(frac) ||
		len(strings.TrimLeft(intPart, "0")) > nf.digitCount() || len(frac) > len(nf.fracElems) {
		return "", false, nil
	}
	out := strings.TrimLeft(intPart, "0")
	if out == "" {
		out = "0"
	}
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out, true, nil
}

// allDigits reports whether s is only ASCII digits ("" is).
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseNumberCall rewrites a conversion call with a format (args[1] a
// string literal): NUMBER(38, 0) unless precision and scale follow.
func parseNumberCall(fn string, try bool, args []string) (string, error) {
	p, sc := "38", "0"
	switch len(args) {
	case 2:
	case 4:
		p, sc = strings.TrimSpace(args[2]), strings.TrimSpace(args[3])
	default:
		return "", compileError("%s with a format takes the precision and scale both or neither, got %d arguments", fn, len(args))
	}
	if !isInteger(p) || !isInteger(sc) {
		return "", compileError("%s's precision and scale must be integer constants", fn)
	}
	castFn := "CAST"
	if try {
		castFn = "TRY_CAST"
	}
	return castFn + "(" + parseNumberFunc + "(CAST(" + args[0] + " AS VARCHAR), " + args[1] + ", " +
		fmt.Sprint(try) + ") AS DECIMAL(" + p + "," + sc + "))", nil
}

// parseNumberUDF is parseNumberFunc.
type parseNumberUDF struct{}

func (parseNumberUDF) Config() duckdb.ScalarFuncConfig {
	str := typeInfo(duckdb.TYPE_VARCHAR)
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{str, str, typeInfo(duckdb.TYPE_BOOLEAN)}, ResultTypeInfo: str}
}

func (parseNumberUDF) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(vals []driver.Value) (any, error) {
		s, ok1 := vals[0].(string)
		f, ok2 := vals[1].(string)
		try, ok3 := vals[2].(bool)
		if !ok1 || !ok2 || !ok3 {
			return nil, fmt.Errorf("%s: unexpected argument types %T, %T, %T", parseNumberFunc, vals[0], vals[1], vals[2])
		}
		out, ok, err := parseWithFormat(s, f)
		switch {
		case err != nil:
			return nil, err
		case ok:
			return out, nil
		case try:
			return nil, nil
		}
		return nil, fnError("100038", "22018", "Numeric value '"+s+"' is not recognized")
	}}
}
