package sftest

import (
	"fmt"
	"strconv"
	"time"
)

// anyLiteral writes a client bind value as a Snowflake literal.
func anyLiteral(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return snowflakeString(x)
	case bool:
		return strconv.FormatBool(x)
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return fmt.Sprint(x)
	case float32, float64:
		return "CAST(" + snowflakeString(fmt.Sprint(x)) + " AS FLOAT)"
	case time.Time:
		return "CAST(" + snowflakeString(x.Format("2006-01-02 15:04:05.999999999")) + " AS TIMESTAMP_NTZ)"
	case []byte:
		return snowflakeString(string(x))
	}
	return snowflakeString(fmt.Sprint(v))
}
