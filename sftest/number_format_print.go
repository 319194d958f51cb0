package sftest

import (
	"database/sql/driver"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// numValue is a number TO_CHAR prints: exact (abs in units of 10^-scale)
// or a float.
type numValue struct {
	neg   bool
	abs   *big.Int // exact: the absolute value's digits
	scale int
	float bool
	f     float64 // float: the absolute value
}

// numValueOf reads a value the engine hands a function: an exact number
// (DECIMAL or an integer type), a float, or text holding a number.
func numValueOf(v any) (numValue, error) {
	if u, scale, ok := unscaledOf(v); ok {
		return numValue{neg: u.Sign() < 0, abs: new(big.Int).Abs(u), scale: scale}, nil
	}
	switch x := v.(type) {
	case float64:
		return numValue{neg: math.Signbit(x) && x != 0, float: true, f: math.Abs(x)}, nil
	case float32:
		return numValueOf(float64(x))
	case string:
		return parseNumValue(x)
	}
	return numValue{}, fnError("100038", "22018", fmt.Sprintf("Numeric value '%v' is not recognized", v))
}

// parseNumValue reads decimal text ([+-]digits[.digits]) exactly.
func parseNumValue(s string) (numValue, error) {
	t := strings.TrimSpace(s)
	v := numValue{}
	if t != "" && (t[0] == '-' || t[0] == '+') {
		v.neg, t = t[0] == '-', t[1:]
	}
	whole, frac, _ := strings.Cut(t, ".")
	digits := whole + frac
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return numValue{}, fnError("100038", "22018", "Numeric value '"+s+"' is not recognized")
	}
	v.abs, _ = new(big.Int).SetString(digits, 10)
	v.scale = len(frac)
	v.neg = v.neg && v.abs.Sign() != 0
	return v, nil
}

// roundedDigits is the absolute value rounded half away from zero to to
// fraction digits, as digit text with at least to+1 digits.
func (v numValue) roundedDigits(to int) string {
	if v.float {
		return strings.Replace(strconv.FormatFloat(v.f, 'f', to, 64), ".", "", 1)
	}
	q := new(big.Int).Set(v.abs)
	if to >= v.scale {
		q.Mul(q, bigPow10(to-v.scale))
	} else {
		d := bigPow10(v.scale - to)
		var r big.Int
		q.QuoRem(q, d, &r)
		if r.Lsh(&r, 1).Cmp(d) >= 0 {
			q.Add(q, big.NewInt(1))
		}
	}
	s := q.String()
	if len(s) < to+1 {
		s = strings.Repeat("0", to+1-len(s)) + s
	}
	return s
}

// special reports whether v is an infinity or NaN, which fixed-position
// formats print as overflow.
func (v numValue) special() bool { return v.float && (math.IsInf(v.f, 0) || math.IsNaN(v.f)) }

// fixed prints v with a fixed-position decimal model.
func (nf *numberFormat) fixed(v numValue) string {
	fracN := len(nf.fracElems)
	digits := strings.Repeat("0", fracN+1)
	if !v.special() {
		digits = v.roundedDigits(fracN)
	}
	intDigits := strings.TrimLeft(digits[:len(digits)-fracN], "0")
	fracDigits := digits[len(digits)-fracN:]
	overflow := v.special() || len(intDigits) > nf.digitCount()
	body := nf.integerPositions(intDigits, overflow, false)
	if nf.point {
		frac := []byte(fracDigits)
		for k := range frac {
			if overflow {
				frac[k] = '#'
			}
		}
		// A float's trailing zeros in 9 positions print as blanks.
		for k := len(frac) - 1; v.float && !overflow && k >= 0 && nf.fracElems[k] == '9' && frac[k] == '0'; k-- {
			frac[k] = ' '
		}
		body += "." + string(frac)
	}
	neg := v.neg && strings.Trim(digits, "0") != ""
	return nf.place(body, neg, true)
}

// fixedHex prints v, rounded to an integer, in hexadecimal: a negative
// number as its two's complement in the positions' width, unless an S or MI
// prints its sign with the absolute value.
func (nf *numberFormat) fixedHex(v numValue) string {
	n := nf.digitCount()
	overflow := v.special()
	u := new(big.Int)
	if !overflow {
		u.SetString(v.roundedDigits(0), 10)
	}
	neg := v.neg && u.Sign() != 0
	if neg && nf.sign == 0 {
		full := new(big.Int).Lsh(big.NewInt(1), uint(4*n))
		if new(big.Int).Lsh(u, 1).Cmp(full) > 0 {
			overflow = true
		}
		u.Sub(full, u)
		neg = false
	}
	hex := ""
	if u.Sign() != 0 {
		hex = strings.ToUpper(u.Text(16))
	}
	overflow = overflow || len(hex) > n
	return nf.place(nf.integerPositions(hex, overflow, strings.IndexByte(string(nf.intElems), 'x') >= 0), neg, false)
}

// textMinimal prints v with TM9 (positional, an exact number with all its
// scale's digits), TME (scientific, no trailing zeros) or TM (the shorter).
func (nf *numberFormat) textMinimal(v numValue) string {
	var digits string
	switch nf.tm {
	case "TM9":
		digits = v.positional()
	case "TME":
		digits = v.scientific(nf.tmLower)
	default:
		digits = v.positional()
		if e := v.scientific(nf.tmLower); len(e) < len(digits) {
			digits = e
		}
	}
	if nf.dollar {
		digits = "$" + digits
	}
	sign := ""
	switch {
	case v.neg:
		sign = "-"
	case nf.sign == 'S':
		sign = "+"
	case nf.sign == 'M':
		sign = " "
	}
	if nf.sign != 0 && !nf.signLead {
		return digits + sign
	}
	return sign + digits
}

// positional is v's absolute value in positional notation.
func (v numValue) positional() string {
	if v.float {
		return strconv.FormatFloat(v.f, 'f', -1, 64)
	}
	s := v.roundedDigits(v.scale)
	if v.scale == 0 {
		return s
	}
	return s[:len(s)-v.scale] + "." + s[len(s)-v.scale:]
}

// scientific is v's absolute value as d[.ddd]E<exp>, no trailing zeros.
func (v numValue) scientific(lower bool) string {
	e := "E"
	if lower {
		e = "e"
	}
	var mant string
	var exp int
	if v.float {
		s := strconv.FormatFloat(v.f, 'E', -1, 64)
		m, x, _ := strings.Cut(s, "E")
		mant = m
		exp, _ = strconv.Atoi(x)
	} else {
		all := v.abs.String()
		if v.abs.Sign() == 0 {
			return "0" + e + "0"
		}
		d := strings.TrimRight(all, "0")
		exp = len(all) - 1 - v.scale
		mant = d[:1]
		if len(d) > 1 {
			mant += "." + d[1:]
		}
	}
	return mant + e + strconv.Itoa(exp)
}

// numberFormatFunc is the engine function behind TO_CHAR with a number
// format: numberFormatFunc(value, format) -> VARCHAR.
const numberFormatFunc = "sftest_number_format"

// numberFormatUDF is numberFormatFunc(ANY, VARCHAR) -> VARCHAR.
type numberFormatUDF struct{}

func (numberFormatUDF) Config() duckdb.ScalarFuncConfig {
	return duckdb.ScalarFuncConfig{
		InputTypeInfos: []duckdb.TypeInfo{typeInfo(duckdb.TYPE_ANY), typeInfo(duckdb.TYPE_VARCHAR)},
		ResultTypeInfo: typeInfo(duckdb.TYPE_VARCHAR),
	}
}

func (numberFormatUDF) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(vals []driver.Value) (any, error) {
		f, _ := vals[1].(string)
		nf, err := parseNumberFormat(f)
		if err != nil {
			return nil, fmt.Errorf("%s: format %q: %w", numberFormatFunc, f, err)
		}
		v, err := numValueOf(vals[0])
		if err != nil {
			return nil, err
		}
		return nf.format(v), nil
	}}
}
