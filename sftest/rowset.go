package sftest

import (
	"database/sql"
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

// Statement type IDs the driver reads (select, the DML range, multi-statement).
const (
	stmtTypeSelect  int64 = 0x1000
	stmtTypeInsert  int64 = 0x3100
	stmtTypeUpdate  int64 = 0x3200
	stmtTypeDelete  int64 = 0x3300
	stmtTypeMerge   int64 = 0x3400
	stmtTypeSession int64 = 0x4000
	stmtTypeTxn     int64 = 0x5000
	stmtTypeDDL     int64 = 0x6000
	stmtTypeMulti   int64 = 0xA000
)

// result is a finished statement's answer in Snowflake's JSON result format.
type result struct {
	rowType      []rowType
	rows         [][]*string
	stmtType     int64
	resultIDs    string // multi-statement parent only
	resultTypes  string
	finalDB      string
	finalSchema  string
	producedRows int64
	scanBytes    int64
}

// column maps one DuckDB result column to Snowflake's rowtype and value encoding.
type column struct {
	rt  rowType
	enc func(v any) (string, error)
}

const (
	textLength   = 16777216
	binaryLength = 8388608
)

// snowflakeColumn picks the Snowflake type for a DuckDB type name. tzAware
// TIMESTAMPTZ columns become TIMESTAMP_LTZ unless asTZ asks for TIMESTAMP_TZ.
func snowflakeColumn(name, duckType string, asTZ bool, loc *time.Location) column {
	rt := rowType{Name: name, Nullable: true}
	t := strings.ToUpper(duckType)
	switch {
	case t == "BOOLEAN":
		rt.Type = "boolean"
		return column{rt, encBool}
	case t == "TINYINT", t == "SMALLINT", t == "INTEGER", t == "BIGINT", t == "UTINYINT",
		t == "USMALLINT", t == "UINTEGER", t == "UBIGINT", t == "HUGEINT", t == "UHUGEINT", t == "BIGNUM":
		rt.Type, rt.Precision = "fixed", 38
		return column{rt, encFixed(0)}
	case strings.HasPrefix(t, "DECIMAL("):
		var p, s int64
		if _, err := fmt.Sscanf(t, "DECIMAL(%d,%d)", &p, &s); err != nil {
			p, s = 38, 0
		}
		rt.Type, rt.Precision, rt.Scale = "fixed", p, s
		return column{rt, encFixed(int(s))}
	case t == "FLOAT", t == "DOUBLE":
		rt.Type = "real"
		return column{rt, encReal}
	case t == "BLOB":
		rt.Type, rt.Length, rt.ByteLength = "binary", binaryLength, binaryLength
		return column{rt, encBinary}
	case t == "DATE":
		rt.Type = "date"
		return column{rt, encDate}
	case t == "TIME", t == "TIMETZ", t == "TIME_NS":
		rt.Type, rt.Scale = "time", 9
		return column{rt, encTime}
	case t == "TIMESTAMP", t == "TIMESTAMP_S", t == "TIMESTAMP_MS", t == "TIMESTAMP_NS":
		rt.Type, rt.Scale = "timestamp_ntz", 9
		return column{rt, encTimestamp}
	case t == "TIMESTAMPTZ":
		rt.Scale = 9
		if asTZ {
			rt.Type = "timestamp_tz"
			return column{rt, encTimestampTZ(loc)}
		}
		rt.Type = "timestamp_ltz"
		return column{rt, encTimestamp}
	case t == "JSON":
		rt.Type, rt.Length, rt.ByteLength = "variant", textLength, textLength
		return column{rt, encJSON}
	case strings.HasSuffix(t, "]"), strings.HasPrefix(t, "LIST"):
		rt.Type, rt.Length, rt.ByteLength = "array", textLength, textLength
		return column{rt, encJSON}
	case strings.HasPrefix(t, "STRUCT"), strings.HasPrefix(t, "MAP"):
		rt.Type, rt.Length, rt.ByteLength = "object", textLength, textLength
		return column{rt, encJSON}
	default: // VARCHAR, ENUM, UUID, INTERVAL, BIT, SQLNULL, ...
		rt.Type, rt.Length, rt.ByteLength = "text", textLength, textLength
		return column{rt, encText}
	}
}

func encBool(v any) (string, error) {
	switch x := v.(type) {
	case bool:
		if x {
			return "1", nil
		}
		return "0", nil
	}
	return "", fmt.Errorf("boolean column holds %T", v)
}

func encFixed(scale int) func(any) (string, error) {
	return func(v any) (string, error) {
		switch x := v.(type) {
		case int8, int16, int32, int64, int, uint8, uint16, uint32, uint64, uint:
			s := fmt.Sprint(x)
			if scale > 0 {
				s += "." + strings.Repeat("0", scale)
			}
			return s, nil
		case *big.Int:
			return x.String(), nil
		case duckdb.Decimal:
			return formatDecimal(x.Value, int(x.Scale)), nil
		case float64:
			return strconv.FormatFloat(x, 'f', scale, 64), nil
		case string:
			return x, nil
		}
		return "", fmt.Errorf("number column holds %T", v)
	}
}

// formatDecimal writes an unscaled integer with scale digits after the point.
func formatDecimal(unscaled *big.Int, scale int) string {
	if unscaled == nil {
		return "0"
	}
	neg := unscaled.Sign() < 0
	digits := new(big.Int).Abs(unscaled).String()
	if scale > 0 {
		if len(digits) <= scale {
			digits = strings.Repeat("0", scale-len(digits)+1) + digits
		}
		digits = digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
	}
	if neg {
		return "-" + digits
	}
	return digits
}

func encReal(v any) (string, error) {
	var f float64
	switch x := v.(type) {
	case float64:
		f = x
	case float32:
		f = float64(x)
	default:
		return "", fmt.Errorf("float column holds %T", v)
	}
	switch {
	case math.IsNaN(f):
		return "NaN", nil
	case math.IsInf(f, 1):
		return "inf", nil
	case math.IsInf(f, -1):
		return "-inf", nil
	}
	return strconv.FormatFloat(f, 'g', -1, 64), nil
}

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

func encBinary(v any) (string, error) {
	switch x := v.(type) {
	case []byte:
		return strings.ToUpper(hex.EncodeToString(x)), nil
	case string:
		return strings.ToUpper(hex.EncodeToString([]byte(x))), nil
	}
	return "", fmt.Errorf("binary column holds %T", v)
}

func encDate(v any) (string, error) {
	t, ok := v.(time.Time)
	if !ok {
		return "", fmt.Errorf("date column holds %T", v)
	}
	y, m, d := t.Date()
	days := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
	return strconv.FormatInt(days, 10), nil
}

func encTime(v any) (string, error) {
	t, ok := v.(time.Time)
	if !ok {
		return "", fmt.Errorf("time column holds %T", v)
	}
	sec := t.Hour()*3600 + t.Minute()*60 + t.Second()
	return fmt.Sprintf("%d.%09d", sec, t.Nanosecond()), nil
}

// encTimestamp writes seconds.nanoseconds since the epoch; for TIMESTAMP
// (no time zone) DuckDB hands over the wall clock as UTC, which is what
// TIMESTAMP_NTZ's encoding wants.
func encTimestamp(v any) (string, error) {
	t, ok := v.(time.Time)
	if !ok {
		return "", fmt.Errorf("timestamp column holds %T", v)
	}
	return fmt.Sprintf("%d.%09d", t.Unix(), t.Nanosecond()), nil
}

func encTimestampTZ(loc *time.Location) func(any) (string, error) {
	return func(v any) (string, error) {
		t, ok := v.(time.Time)
		if !ok {
			return "", fmt.Errorf("timestamp column holds %T", v)
		}
		if loc != nil {
			t = t.In(loc)
		}
		_, off := t.Zone()
		return fmt.Sprintf("%d.%09d %d", t.Unix(), t.Nanosecond(), off/60+1440), nil
	}
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

// readRows drains rows into a SELECT-style result. stmtText is the statement
// the user sent (for column naming); asTZ reports, per column index, whether a
// TIMESTAMPTZ column should be reported as TIMESTAMP_TZ.
func readRows(rows *sql.Rows, stmtText string, loc *time.Location, asTZ func(i int) bool) (*result, error) {
	cts, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	cols := make([]column, len(cts))
	res := &result{stmtType: stmtTypeSelect, rowType: make([]rowType, len(cts))}
	for i, ct := range cts {
		cols[i] = snowflakeColumn(columnName(ct.Name(), stmtText), ct.DatabaseTypeName(), asTZ != nil && asTZ(i), loc)
		res.rowType[i] = cols[i].rt
	}
	vals := make([]any, len(cts))
	ptrs := make([]any, len(cts))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]*string, len(cols))
		for i, v := range vals {
			if v == nil {
				continue
			}
			s, err := cols[i].enc(v)
			if err != nil {
				return nil, fmt.Errorf("column %s: %w", cols[i].rt.Name, err)
			}
			row[i] = &s
			res.scanBytes += int64(len(s))
		}
		res.rows = append(res.rows, row)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	res.producedRows = int64(len(res.rows))
	return res, nil
}

// textResult is a one-column, one-row text answer (DDL status, SYSTEM$WAIT, ...).
func textResult(col, value string, stmtType int64) *result {
	rt := rowType{Name: col, Type: "text", Length: textLength, ByteLength: textLength, Nullable: true}
	v := value
	return &result{
		rowType:      []rowType{rt},
		rows:         [][]*string{{&v}},
		stmtType:     stmtType,
		producedRows: 1,
	}
}

// dmlResult is the answer of INSERT/UPDATE/DELETE/MERGE: one row of counts
// whose sum the driver reports as RowsAffected.
func dmlResult(verb string, n int64) *result {
	var names []string
	var typ int64
	switch strings.ToUpper(verb) {
	case "UPDATE":
		names, typ = []string{"number of rows updated", "number of multi-joined rows updated"}, stmtTypeUpdate
	case "DELETE":
		names, typ = []string{"number of rows deleted"}, stmtTypeDelete
	case "MERGE":
		names, typ = []string{"number of rows inserted", "number of rows updated", "number of rows deleted"}, stmtTypeMerge
	default:
		names, typ = []string{"number of rows inserted"}, stmtTypeInsert
	}
	res := &result{stmtType: typ, producedRows: n}
	row := make([]*string, len(names))
	for i, name := range names {
		res.rowType = append(res.rowType, rowType{Name: name, Type: "fixed", Precision: 19})
		v := "0"
		if i == 0 {
			v = strconv.FormatInt(n, 10)
		}
		row[i] = &v
	}
	res.rows = [][]*string{row}
	return res
}
