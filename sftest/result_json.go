package sftest

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// cellWriter returns the function that appends row i of column a (of
// Snowflake type rt, in the encoding colBuilder produced) as the text
// Snowflake's JSON result format carries for it; null reports a NULL.
func cellWriter(rt rowType, a arrow.Array) (write func(dst []byte, i int) []byte, null func(i int) bool) {
	null = a.IsNull
	scale := int(rt.Scale)
	switch rt.Type {
	case "fixed":
		if d, ok := a.(*array.Decimal128); ok {
			return func(dst []byte, i int) []byte {
				return appendScaled(dst, d.Value(i).BigInt().String(), scale)
			}, null
		}
		get := intGetter(a)
		return func(dst []byte, i int) []byte {
			if scale == 0 {
				return strconv.AppendInt(dst, get(i), 10)
			}
			return appendScaled(dst, strconv.FormatInt(get(i), 10), scale)
		}, null
	case "real":
		f := a.(*array.Float64)
		return func(dst []byte, i int) []byte { return appendReal(dst, f.Value(i)) }, null
	case "boolean":
		b := a.(*array.Boolean)
		return func(dst []byte, i int) []byte {
			if b.Value(i) {
				return append(dst, '1')
			}
			return append(dst, '0')
		}, null
	case "binary":
		b := a.(*array.Binary)
		return func(dst []byte, i int) []byte { return appendUpperHex(dst, b.Value(i)) }, null
	case "date":
		d := a.(*array.Date32)
		return func(dst []byte, i int) []byte { return strconv.AppendInt(dst, int64(d.Value(i)), 10) }, null
	case "time":
		get := intGetter(a)
		return func(dst []byte, i int) []byte {
			sec, frac := floorDiv(get(i), scale)
			return appendSecFrac(dst, sec, frac, scale)
		}, null
	case "timestamp_ntz", "timestamp_ltz", "timestamp_tz":
		get := tsGetter(a, scale)
		tz := rt.Type == "timestamp_tz"
		return func(dst []byte, i int) []byte {
			sec, frac, off := get(i)
			dst = appendSecFrac(dst, sec, frac, scale)
			if tz {
				dst = append(dst, ' ')
				dst = strconv.AppendInt(dst, int64(off), 10)
			}
			return dst
		}, null
	}
	s := a.(*array.String)
	return func(dst []byte, i int) []byte { return append(dst, s.Value(i)...) }, null
}

// intGetter reads an integer array of any width as int64.
func intGetter(a arrow.Array) func(int) int64 {
	switch x := a.(type) {
	case *array.Int8:
		return func(i int) int64 { return int64(x.Value(i)) }
	case *array.Int16:
		return func(i int) int64 { return int64(x.Value(i)) }
	case *array.Int32:
		return func(i int) int64 { return int64(x.Value(i)) }
	case *array.Int64:
		return x.Value
	}
	panic(fmt.Sprintf("sftest: integer column encoded as %s", a.DataType()))
}

// tsGetter reads a timestamp column in any of tsBuilder's encodings as
// seconds (floor), fraction in units of 10^-scale, and timezone (offset
// minutes + 1440).
func tsGetter(a arrow.Array, scale int) func(int) (int64, int64, int32) {
	if s, ok := a.(*array.Struct); ok {
		epoch := s.Field(0).(*array.Int64)
		if s.NumField() == 2 && s.DataType().(*arrow.StructType).Field(1).Name == "timezone" {
			tz := s.Field(1).(*array.Int32)
			return func(i int) (int64, int64, int32) {
				sec, frac := floorDiv(epoch.Value(i), scale)
				return sec, frac, tz.Value(i)
			}
		}
		frac := s.Field(1).(*array.Int32)
		var tz *array.Int32
		if s.NumField() == 3 {
			tz = s.Field(2).(*array.Int32)
		}
		return func(i int) (int64, int64, int32) {
			off := int32(1440)
			if tz != nil {
				off = tz.Value(i)
			}
			return epoch.Value(i), int64(frac.Value(i)) / pow10[9-scale], off
		}
	}
	v := a.(*array.Int64)
	return func(i int) (int64, int64, int32) {
		sec, frac := floorDiv(v.Value(i), scale)
		return sec, frac, 1440
	}
}

// floorDiv splits a count of 10^-scale units into whole seconds (floor) and
// the non-negative rest.
func floorDiv(v int64, scale int) (int64, int64) {
	p := pow10[scale]
	sec, frac := v/p, v%p
	if frac < 0 {
		sec, frac = sec-1, frac+p
	}
	return sec, frac
}

// appendSecFrac writes seconds and a fraction of scale digits as
// "sec.fraction", the JSON form of TIME and TIMESTAMP values.
func appendSecFrac(dst []byte, sec, frac int64, scale int) []byte {
	dst = strconv.AppendInt(dst, sec, 10)
	if scale == 0 {
		return dst
	}
	dst = append(dst, '.')
	var buf [20]byte
	digits := strconv.AppendInt(buf[:0], frac, 10)
	for k := len(digits); k < scale; k++ {
		dst = append(dst, '0')
	}
	return append(dst, digits...)
}

func appendUpperHex(dst []byte, b []byte) []byte {
	const digits = "0123456789ABCDEF"
	for _, c := range b {
		dst = append(dst, digits[c>>4], digits[c&15])
	}
	return dst
}

// encodeJSONChunk writes n rows of cols as Snowflake's JSON chunk body: the
// rows, each an array of strings or nulls, comma-separated, without the
// enclosing brackets (the first rowset adds them).
func encodeJSONChunk(rts []rowType, cols []arrow.Array, n int) []byte {
	writers := make([]func([]byte, int) []byte, len(cols))
	nulls := make([]func(int) bool, len(cols))
	for c := range cols {
		writers[c], nulls[c] = cellWriter(rts[c], cols[c])
	}
	var out, cell []byte
	for i := range n {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, '[')
		for c := range cols {
			if c > 0 {
				out = append(out, ',')
			}
			if nulls[c](i) {
				out = append(out, "null"...)
				continue
			}
			cell = writers[c](cell[:0], i)
			out = appendJSONString(out, cell)
		}
		out = append(out, ']')
	}
	return out
}

// appendJSONString appends s as a JSON string literal; invalid UTF-8 becomes
// U+FFFD, as encoding/json writes it.
func appendJSONString(dst, s []byte) []byte {
	const hexDigits = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// decodeJSONChunk reads a JSON chunk body back into rows.
func decodeJSONChunk(data []byte) ([][]*string, error) {
	var rows [][]*string
	buf := make([]byte, 0, len(data)+2)
	buf = append(append(append(buf, '['), data...), ']')
	if err := json.Unmarshal(buf, &rows); err != nil {
		return nil, err
	}
	return rows, nil
}
