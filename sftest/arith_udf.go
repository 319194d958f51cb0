package sftest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math/big"

	"github.com/duckdb/duckdb-go/v2"
)

// exactDivFunc is the DuckDB scalar function exact divisions and AVG run
// through: sftest_div(numerator VARCHAR, denominator VARCHAR, scale
// INTEGER) VARCHAR is the quotient of the two exact decimal texts rounded
// half away from zero to scale digits, as Snowflake rounds a NUMBER
// division. The caller casts it to the DECIMAL(p,s) Snowflake infers and
// checks the divisor for zero first (memory.main.sftest_divisor), so the
// error is Snowflake's. DuckDB divides DECIMALs in DOUBLE; this keeps every
// digit.
const exactDivFunc = "sftest_div"

type exactDivision struct{}

func (exactDivision) Config() duckdb.ScalarFuncConfig {
	text, _ := duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	scale, _ := duckdb.NewTypeInfo(duckdb.TYPE_INTEGER)
	zeroOK, _ := duckdb.NewTypeInfo(duckdb.TYPE_BOOLEAN)
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{text, text, scale, zeroOK}, ResultTypeInfo: text}
}

func (exactDivision) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(vals []driver.Value) (any, error) {
		n, _ := vals[0].(string)
		d, _ := vals[1].(string)
		scale, _ := vals[2].(int32)
		zeroOK, _ := vals[3].(bool)
		return divideExact(n, d, int(scale), zeroOK)
	}}
}

// divideExact divides the decimal texts n by d and rounds the quotient half
// away from zero to scale digits; a zero d is an error unless zeroOK, which
// makes the quotient 0.
func divideExact(n, d string, scale int, zeroOK bool) (string, error) {
	num, ok1 := new(big.Rat).SetString(n)
	den, ok2 := new(big.Rat).SetString(d)
	if !ok1 || !ok2 {
		return "", fmt.Errorf("sftest_div: not numbers: %q / %q", n, d)
	}
	if den.Sign() == 0 {
		if zeroOK {
			return formatDecimal(new(big.Int), scale), nil
		}
		return "", fmt.Errorf("sftest_div: division by zero")
	}
	q := new(big.Rat).Quo(num, den)
	q.Mul(q, new(big.Rat).SetInt(bigPow10(scale)))
	return formatDecimal(roundRat(q), scale), nil
}

// registerExactDivision adds exactDivFunc to the database's catalog, where
// every connection sees it.
func registerExactDivision(ctx context.Context, db *sql.DB) error {
	c, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	return duckdb.RegisterScalarUDF(c, exactDivFunc, exactDivision{})
}
