package sftest

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// Lengths Snowflake reports for unbounded TEXT and BINARY columns.
const (
	textLength   = 16777216
	binaryLength = 8388608
)

// snowflakeColumn is the Snowflake rowtype of a result column of DuckDB type
// duckType. DuckDB has one zone-aware timestamp type: such columns are
// TIMESTAMP_LTZ unless asTZ asks for TIMESTAMP_TZ.
func snowflakeColumn(name, duckType string, asTZ bool) rowType {
	rt := rowType{Name: name, Nullable: true}
	t := strings.ToUpper(duckType)
	switch {
	case t == "BOOLEAN":
		rt.Type = "boolean"
	case t == "TINYINT", t == "SMALLINT", t == "INTEGER", t == "BIGINT", t == "UTINYINT",
		t == "USMALLINT", t == "UINTEGER", t == "UBIGINT", t == "HUGEINT", t == "UHUGEINT", t == "BIGNUM":
		rt.Type, rt.Precision = "fixed", 38
	case strings.HasPrefix(t, "DECIMAL("):
		var p, s int64
		if _, err := fmt.Sscanf(t, "DECIMAL(%d,%d)", &p, &s); err != nil {
			p, s = 38, 0
		}
		rt.Type, rt.Precision, rt.Scale = "fixed", p, s
	case t == "FLOAT", t == "DOUBLE":
		rt.Type = "real"
	case t == "BLOB":
		rt.Type, rt.Length, rt.ByteLength = "binary", binaryLength, binaryLength
	case t == "DATE":
		rt.Type = "date"
	case t == "TIME", t == "TIMETZ", t == "TIME_NS":
		rt.Type, rt.Scale = "time", 9
	case t == "TIMESTAMP_S":
		rt.Type = "timestamp_ntz"
	case t == "TIMESTAMP_MS":
		rt.Type, rt.Scale = "timestamp_ntz", 3
	case t == "TIMESTAMP", t == "TIMESTAMP_NS":
		// Expressions give DuckDB's microsecond TIMESTAMP where Snowflake's
		// give TIMESTAMP_NTZ(9); the values are the same.
		rt.Type, rt.Scale = "timestamp_ntz", 9
	case t == "TIMESTAMPTZ", t == "TIMESTAMP WITH TIME ZONE":
		rt.Type, rt.Scale = "timestamp_ltz", 9
		if asTZ {
			rt.Type = "timestamp_tz"
		}
	case t == "JSON":
		rt.Type, rt.Length, rt.ByteLength = "variant", textLength, textLength
	case strings.HasSuffix(t, "]"), strings.HasPrefix(t, "LIST"):
		rt.Type, rt.Length, rt.ByteLength = "array", textLength, textLength
	case strings.HasPrefix(t, "STRUCT"), strings.HasPrefix(t, "MAP"):
		rt.Type, rt.Length, rt.ByteLength = "object", textLength, textLength
	default: // VARCHAR, ENUM, UUID, INTERVAL, BIT, SQLNULL, ...
		rt.Type, rt.Length, rt.ByteLength = "text", textLength, textLength
	}
	return rt
}

// formatDecimal writes an unscaled integer with scale digits after the point.
func formatDecimal(unscaled *big.Int, scale int) string {
	if unscaled == nil {
		return "0"
	}
	return string(appendScaled(nil, unscaled.String(), scale))
}

// appendScaled appends the integer digits (with an optional leading minus)
// with scale digits moved after a decimal point.
func appendScaled(dst []byte, digits string, scale int) []byte {
	if scale <= 0 {
		return append(dst, digits...)
	}
	if strings.HasPrefix(digits, "-") {
		dst = append(dst, '-')
		digits = digits[1:]
	}
	if len(digits) <= scale {
		digits = strings.Repeat("0", scale-len(digits)+1) + digits
	}
	dst = append(dst, digits[:len(digits)-scale]...)
	dst = append(dst, '.')
	return append(dst, digits[len(digits)-scale:]...)
}

// appendReal writes a FLOAT the way Snowflake's JSON results do.
func appendReal(dst []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, "NaN"...)
	case math.IsInf(f, 1):
		return append(dst, "inf"...)
	case math.IsInf(f, -1):
		return append(dst, "-inf"...)
	}
	return strconv.AppendFloat(dst, f, 'g', -1, 64)
}

// encText writes a DuckDB value shown as TEXT.
func encText(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case []byte:
		if len(x) == 16 { // UUID
			return fmt.Sprintf("%x-%x-%x-%x-%x", x[0:4], x[4:6], x[6:8], x[8:10], x[10:16]), nil
		}
		return string(x), nil
	case duckdb.UUID:
		return fmt.Sprintf("%x-%x-%x-%x-%x", x[0:4], x[4:6], x[6:8], x[8:10], x[10:16]), nil
	case duckdb.Interval:
		return fmt.Sprintf("%d months %d days %d microseconds", x.Months, x.Days, x.Micros), nil
	case time.Time:
		return x.Format(time.RFC3339Nano), nil
	}
	return fmt.Sprint(v), nil
}

// encJSON writes semi-structured values the way Snowflake prints VARIANT,
// OBJECT and ARRAY: indented JSON text.
func encJSON(v any) (string, error) {
	if s, ok := v.(string); ok {
		// A JSON column whose value arrives as text is already JSON.
		var tmp any
		if json.Unmarshal([]byte(s), &tmp) == nil {
			v = tmp
		}
	}
	b, err := json.MarshalIndent(jsonable(v), "", "  ")
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// jsonable rewrites DuckDB values that encoding/json would print oddly.
func jsonable(v any) any {
	switch x := v.(type) {
	case duckdb.Decimal:
		return json.Number(formatDecimal(x.Value, int(x.Scale)))
	case *big.Int:
		return json.Number(x.String())
	case []byte:
		return strings.ToUpper(hex.EncodeToString(x))
	case time.Time:
		return x.Format("2006-01-02 15:04:05.000")
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonable(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonable(e)
		}
		return out
	case duckdb.Map:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[fmt.Sprint(k)] = jsonable(e)
		}
		return out
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Sprint(x)
		}
	}
	return v
}

// ntzType is the DuckDB type of a TIMESTAMP_NTZ with the given scale
// argument (none: Snowflake's default 9): the DuckDB timestamp of the
// smallest unit that keeps the scale's digits. DuckDB's nanosecond
// timestamps span the years 1677-2262 only.
func ntzType(args []string) string {
	scale := 9
	if len(args) == 1 {
		if n, err := strconv.Atoi(args[0]); err == nil {
			scale = n
		}
	}
	switch {
	case scale <= 0:
		return "TIMESTAMP_S"
	case scale <= 3:
		return "TIMESTAMP_MS"
	case scale <= 6:
		return "TIMESTAMP"
	}
	return "TIMESTAMP_NS"
}
