package sftest

import (
	"database/sql/driver"
	"fmt"
	"strconv"

	"github.com/duckdb/duckdb-go/v2"
)

// insertFunc is the engine function behind INSERT(base, pos, len, ins).
const insertFunc = "sftest_insert"

// insertCall rewrites INSERT(base, pos, len, ins) into insertFunc with the
// arguments cast to the function's types.
func insertCall(args []string, call string) (string, error) {
	if len(args) != 4 {
		return "", argCount(call, len(args), 4)
	}
	return insertFunc + "(CAST(" + args[0] + " AS VARCHAR), CAST(" + args[1] + " AS BIGINT), CAST(" +
		args[2] + " AS BIGINT), CAST(" + args[3] + " AS VARCHAR))", nil
}

// insertString is Snowflake's INSERT: base with the n characters from the
// 1-based position pos replaced by ins. pos one past the end appends; n
// past the end replaces to the end. Snowflake documents pos from 1 and n
// from 0; sftest fails on smaller values rather than guess their answer.
func insertString(base string, pos, n int64, ins string) (string, error) {
	if pos < 1 || n < 0 {
		return "", fnError("001003", "42000", "SQL compilation error: unsupported by sftest: INSERT with position "+
			strconv.FormatInt(pos, 10)+" and length "+strconv.FormatInt(n, 10)+
			" (Snowflake's valid values are a position from 1 and a length from 0)")
	}
	r := []rune(base)
	start := min(pos-1, int64(len(r)))
	end := min(start+n, int64(len(r)))
	return string(r[:start]) + ins + string(r[end:]), nil
}

// insertUDF is insertFunc(VARCHAR, BIGINT, BIGINT, VARCHAR) -> VARCHAR.
type insertUDF struct{}

func (insertUDF) Config() duckdb.ScalarFuncConfig {
	str, num := typeInfo(duckdb.TYPE_VARCHAR), typeInfo(duckdb.TYPE_BIGINT)
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{str, num, num, str}, ResultTypeInfo: str}
}

func (insertUDF) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(vals []driver.Value) (any, error) {
		base, ok1 := vals[0].(string)
		pos, ok2 := vals[1].(int64)
		n, ok3 := vals[2].(int64)
		ins, ok4 := vals[3].(string)
		if !ok1 || !ok2 || !ok3 || !ok4 {
			return nil, fmt.Errorf("%s: unexpected argument types %T, %T, %T, %T", insertFunc, vals[0], vals[1], vals[2], vals[3])
		}
		return insertString(base, pos, n, ins)
	}}
}
