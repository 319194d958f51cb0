package sftest

import (
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// bindArgs turns a query-request's bindings ({"1": {"type": "TEXT", "value":
// "x"}, ...}) into positional DuckDB arguments, decoding the driver's
// encodings: DATE as epoch milliseconds, TIME as nanoseconds since midnight,
// TIMESTAMP_* as epoch nanoseconds, BINARY as hex. An array binding's value
// is a bindArray (bindings_array.go).
func bindArgs(b map[string]bindValue) ([]any, *sqlError) {
	if len(b) == 0 {
		return nil, nil
	}
	keys := make([]int, 0, len(b))
	for k := range b {
		n, err := strconv.Atoi(k)
		if err != nil || n < 1 {
			return nil, bindError("binding name %q is not a position", k)
		}
		keys = append(keys, n)
	}
	sort.Ints(keys)
	args := make([]any, len(keys))
	for i, k := range keys {
		if k != i+1 {
			return nil, bindError("bindings are not numbered 1..%d", len(keys))
		}
		v, err := bindValueOf(b[strconv.Itoa(k)])
		if err != nil {
			return nil, err
		}
		args[i] = v
	}
	return args, nil
}

func bindError(format string, a ...any) *sqlError {
	return &sqlError{Code: "001003", SQLState: "42000", Message: "SQL compilation error: " + fmt.Sprintf(format, a...)}
}

func bindValueOf(bv bindValue) (any, *sqlError) {
	if bv.Value == nil {
		return nil, nil
	}
	var s string
	switch x := bv.Value.(type) {
	case string:
		s = x
	case fmt.Stringer: // json.Number
		s = x.String()
	case bool:
		return x, nil
	case []any:
		return arrayValue(bv, x)
	default:
		s = fmt.Sprint(x)
	}
	typ := strings.ToUpper(bv.Type)
	switch typ {
	case "FIXED":
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n, nil
		}
		return s, nil
	case "REAL":
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, bindError("bad REAL binding %q", s)
		}
		return f, nil
	case "BOOLEAN":
		b, err := strconv.ParseBool(s)
		if err != nil {
			return nil, bindError("bad BOOLEAN binding %q", s)
		}
		return b, nil
	case "DATE":
		ms, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, bindError("bad DATE binding %q", s)
		}
		return time.UnixMilli(ms).UTC(), nil
	case "TIME":
		ns, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, bindError("bad TIME binding %q", s)
		}
		return time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(ns)).Format("15:04:05.999999999"), nil
	case "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ", "TIMESTAMP":
		f := strings.Fields(s)
		if len(f) == 0 {
			return nil, bindError("bad %s binding %q", typ, s)
		}
		ns, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return nil, bindError("bad %s binding %q", typ, s)
		}
		return time.Unix(0, ns).UTC(), nil
	case "BINARY":
		b, err := hex.DecodeString(s)
		if err != nil {
			return nil, bindError("bad BINARY binding %q", s)
		}
		return b, nil
	default: // TEXT, ANY, VARIANT, ...
		return s, nil
	}
}

// countPlaceholders counts ? placeholders outside literals, quoted names
// and comments, as the lexer reads them ('it\'s ?', $$?$$, // ?).
func countPlaceholders(text string) int {
	n := 0
	eachPlaceholder(text, func(int) { n++ })
	return n
}
