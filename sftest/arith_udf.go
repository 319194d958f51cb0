package sftest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math"
	"math/big"

	"github.com/duckdb/duckdb-go/v2"
)

// exactDivFunc prefixes the DuckDB scalar functions exact divisions and AVG
// run through: sftest_div_<s>(numerator, denominator, zero_ok BOOLEAN) is
// the DECIMAL(38,s) quotient of two exact numbers (any DECIMAL or integer
// type), rounded half away from zero to s digits, as Snowflake rounds a
// NUMBER division; with zero_ok a zero divisor gives 0 (DIV0). The caller
// casts it to the DECIMAL(p,s) Snowflake infers and, for a division, checks
// the divisor for zero first (memory.main.sftest_divisor), so the error is
// Snowflake's. DuckDB divides DECIMALs in DOUBLE; this keeps every digit.
const exactDivFunc = "sftest_div_"

// maxScale is the largest NUMBER scale (and so the number of functions).
const maxScale = 37

// exactDivision is the function of one result scale.
type exactDivision struct{ scale int }

func (f exactDivision) Config() duckdb.ScalarFuncConfig {
	anyType, _ := duckdb.NewTypeInfo(duckdb.TYPE_ANY)
	zeroOK, _ := duckdb.NewTypeInfo(duckdb.TYPE_BOOLEAN)
	result, _ := duckdb.NewDecimalInfo(38, uint8(f.scale))
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{anyType, anyType, zeroOK}, ResultTypeInfo: result}
}

func (f exactDivision) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(vals []driver.Value) (any, error) {
		zeroOK, _ := vals[2].(bool)
		return divideExact(vals[0], vals[1], f.scale, zeroOK)
	}}
}

// divideExact divides the exact numbers n by d and returns the quotient in
// units of 10^-scale (an int64, or a *big.Int past int64), rounded half
// away from zero; a zero d is an error unless zeroOK, which makes it 0.
func divideExact(n, d any, scale int, zeroOK bool) (any, error) {
	nu, ns, ok1 := unscaledOf(n)
	du, ds, ok2 := unscaledOf(d)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("%s%d: not exact numbers: %T / %T", exactDivFunc, scale, n, d)
	}
	// n/d = (nu / 10^ns) / (du / 10^ds); in units of 10^-scale that is
	// nu * 10^(scale - ns + ds) / du, where scale >= ns.
	e := scale - ns + ds
	if du.Sign() == 0 {
		if zeroOK {
			return int64(0), nil
		}
		return nil, fmt.Errorf("%s%d: division by zero", exactDivFunc, scale)
	}
	if e >= 0 && e < len(pow10) && nu.IsInt64() && du.IsInt64() {
		a, b := nu.Int64(), du.Int64()
		if a <= math.MaxInt64/pow10[e] && a >= -math.MaxInt64/pow10[e] && b != math.MinInt64 {
			return roundQuo(a*pow10[e], b), nil
		}
	}
	num := new(big.Int).Set(nu)
	den := new(big.Int).Set(du)
	if e >= 0 {
		num.Mul(num, bigPow10(e))
	} else {
		den.Mul(den, bigPow10(-e))
	}
	q := roundRat(new(big.Rat).SetFrac(num, den))
	if q.IsInt64() {
		return q.Int64(), nil
	}
	if new(big.Int).Abs(q).Cmp(maxNumber38) > 0 {
		// Past NUMBER(38): Snowflake's 100046 (exec_errors.go maps it).
		return nil, fmt.Errorf("%s%d: %s %s", exactDivFunc, scale, quotientOutOfRange, unscaledText(q, scale))
	}
	return q, nil
}

// quotientOutOfRange is what divideExact's error says of a quotient past
// NUMBER(38); exec_errors.go answers it with Snowflake's 100046.
const quotientOutOfRange = "quotient out of NUMBER(38) range:"

// unscaledText is u units of 10^-scale as decimal text.
func unscaledText(u *big.Int, scale int) string {
	if scale == 0 {
		return u.String()
	}
	return new(big.Rat).SetFrac(u, bigPow10(scale)).FloatString(scale)
}

// roundQuo is a / b rounded half away from zero (b is neither 0 nor
// math.MinInt64).
func roundQuo(a, b int64) int64 {
	q, r := a/b, a%b // truncated toward zero; r has a's sign
	if r == 0 {
		return q
	}
	ar, ab := r, b
	if ar < 0 {
		ar = -ar
	}
	if ab < 0 {
		ab = -ab
	}
	if ar < ab-ar {
		return q
	}
	if (a < 0) != (b < 0) {
		return q - 1
	}
	return q + 1
}

// unscaledOf reads an exact number DuckDB hands a function (a DECIMAL or
// any integer type) as an integer in units of 10^-scale.
func unscaledOf(v any) (*big.Int, int, bool) {
	switch x := v.(type) {
	case duckdb.Decimal:
		if x.Value == nil {
			return new(big.Int), int(x.Scale), true
		}
		return x.Value, int(x.Scale), true
	case *big.Int:
		return x, 0, true
	case int64:
		return big.NewInt(x), 0, true
	case int32:
		return big.NewInt(int64(x)), 0, true
	case int16:
		return big.NewInt(int64(x)), 0, true
	case int8:
		return big.NewInt(int64(x)), 0, true
	case uint64:
		return new(big.Int).SetUint64(x), 0, true
	case uint32:
		return big.NewInt(int64(x)), 0, true
	case uint16:
		return big.NewInt(int64(x)), 0, true
	case uint8:
		return big.NewInt(int64(x)), 0, true
	}
	return nil, 0, false
}

// registerExactDivision adds the exactDivFunc functions, one per scale, to
// the database's catalog, where every connection sees them.
func registerExactDivision(ctx context.Context, db *sql.DB) error {
	c, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	for s := 0; s <= maxScale; s++ {
		if err := duckdb.RegisterScalarUDF(c, fmt.Sprintf("%s%d", exactDivFunc, s), exactDivision{scale: s}); err != nil {
			return err
		}
	}
	return nil
}
