package sftest

import (
	"fmt"
	"math"
	"math/big"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/duckdb/duckdb-go/v2"
)

// A colBuilder gathers one result column's values, as DuckDB hands them
// over, in the physical encoding Snowflake sends for the column's logical
// type (the Arrow encoding; the JSON text is derived from it, so both
// formats carry the same values). add returns the value's approximate
// encoded size, for the chunk threshold; build returns the values added
// since the last build as one Arrow array and starts afresh.
type colBuilder interface {
	add(v any) (int, error)
	build() arrow.Array
}

// mem allocates every result array: Go memory, released by the collector.
var mem = memory.DefaultAllocator

// newColBuilder returns the builder for a column of Snowflake type rt; loc is
// the session's TIMEZONE (TIMESTAMP_TZ values take its offset, or rt.zone).
func newColBuilder(rt rowType, loc *time.Location) colBuilder {
	switch rt.Type {
	case "fixed":
		return &fixedBuilder{scale: int(rt.Scale), precision: int32(rt.Precision)}
	case "real":
		return &simpleBuilder[*array.Float64Builder]{array.NewFloat64Builder(mem), putReal}
	case "boolean":
		return &simpleBuilder[*array.BooleanBuilder]{array.NewBooleanBuilder(mem), putBool}
	case "date":
		return &simpleBuilder[*array.Date32Builder]{array.NewDate32Builder(mem), putDate}
	case "time":
		return &timeBuilder{scale: int(rt.Scale)}
	case "timestamp_ntz", "timestamp_ltz", "timestamp_tz":
		if rt.zone != nil {
			loc = rt.zone
		}
		return &tsBuilder{kind: rt.Type, scale: int(rt.Scale), loc: loc}
	case "binary":
		return &simpleBuilder[*array.BinaryBuilder]{array.NewBinaryBuilder(mem, arrow.BinaryTypes.Binary), putBinary}
	case "variant", "object", "array":
		return &simpleBuilder[*array.StringBuilder]{array.NewStringBuilder(mem), putText(encJSON)}
	default:
		return &simpleBuilder[*array.StringBuilder]{array.NewStringBuilder(mem), putText(encText)}
	}
}

// pow10 holds 10^0 .. 10^18, the scales an int64 can carry.
var pow10 = func() [19]int64 {
	var p [19]int64
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// maxNumber38 is the largest unscaled NUMBER(38): 38 nines.
var maxNumber38 = new(big.Int).Sub(bigPow10(38), big.NewInt(1))

// errNumberRange is Snowflake's answer to a value that does not fit NUMBER(38).
func errNumberRange(v any) *sqlError {
	return &sqlError{Code: "100046", SQLState: "22003", Message: fmt.Sprintf("Number out of representable range: type FIXEDSB16 {nullable=true}, value %v", v)}
}

// fixedBuilder holds NUMBER values as integers in units of 10^-scale: in
// int64 while every value fits, in 128-bit decimals after the first that
// does not. build picks the narrowest integer type the values fit, as
// Snowflake does.
type fixedBuilder struct {
	scale     int
	precision int32
	ints      []int64
	wide      []decimal128.Num // non-nil once a value overflows int64; then it holds every row
	valid     []bool
	nulls     int
}

func (b *fixedBuilder) add(v any) (int, error) {
	if v == nil {
		b.valid = append(b.valid, false)
		b.nulls++
		if b.wide != nil {
			b.wide = append(b.wide, decimal128.Num{})
		} else {
			b.ints = append(b.ints, 0)
		}
		return 4, nil
	}
	i, bi, err := unscaled(v, b.scale)
	if err != nil {
		return 0, err
	}
	b.valid = append(b.valid, true)
	if bi != nil && b.wide == nil {
		b.wide = make([]decimal128.Num, len(b.ints), cap(b.ints))
		for k, x := range b.ints {
			b.wide[k] = decimal128.FromI64(x)
		}
		b.ints = nil
	}
	if b.wide != nil {
		n := decimal128.FromI64(i)
		if bi != nil {
			if new(big.Int).Abs(bi).Cmp(maxNumber38) > 0 {
				return 0, errNumberRange(v)
			}
			n = decimal128.FromBigInt(bi)
		}
		b.wide = append(b.wide, n)
		return 16, nil
	}
	b.ints = append(b.ints, i)
	return 8, nil
}

func (b *fixedBuilder) build() arrow.Array {
	defer func() { b.ints, b.wide, b.valid, b.nulls = nil, nil, nil, 0 }()
	valid := b.valid
	if b.nulls == 0 {
		valid = nil
	}
	if b.wide != nil {
		p := b.precision
		if p <= 0 || p > 38 {
			p = 38
		}
		bl := array.NewDecimal128Builder(mem, &arrow.Decimal128Type{Precision: p, Scale: int32(b.scale)})
		defer bl.Release()
		bl.AppendValues(b.wide, valid)
		return bl.NewArray()
	}
	lo, hi := int64(0), int64(0)
	for k, x := range b.ints {
		if valid == nil || valid[k] {
			lo, hi = min(lo, x), max(hi, x)
		}
	}
	switch {
	case lo >= math.MinInt8 && hi <= math.MaxInt8:
		return narrowInts(array.NewInt8Builder(mem), b.ints, valid, func(x int64) int8 { return int8(x) })
	case lo >= math.MinInt16 && hi <= math.MaxInt16:
		return narrowInts(array.NewInt16Builder(mem), b.ints, valid, func(x int64) int16 { return int16(x) })
	case lo >= math.MinInt32 && hi <= math.MaxInt32:
		return narrowInts(array.NewInt32Builder(mem), b.ints, valid, func(x int64) int32 { return int32(x) })
	}
	bl := array.NewInt64Builder(mem)
	defer bl.Release()
	bl.AppendValues(b.ints, valid)
	return bl.NewArray()
}

// narrowInts appends ints converted to T to bl and returns the array.
func narrowInts[T int8 | int16 | int32, B interface {
	AppendValues([]T, []bool)
	NewArray() arrow.Array
	Release()
}](bl B, ints []int64, valid []bool, conv func(int64) T) arrow.Array {
	defer bl.Release()
	out := make([]T, len(ints))
	for k, x := range ints {
		out[k] = conv(x)
	}
	bl.AppendValues(out, valid)
	return bl.NewArray()
}

// unscaled returns v in units of 10^-scale: as an int64 when it fits,
// otherwise as a big integer (the int64 is then 0). Fractions beyond the
// scale are rounded half away from zero, as Snowflake rounds.
func unscaled(v any, scale int) (int64, *big.Int, error) {
	var b *big.Int
	switch x := v.(type) {
	case int64:
		return scaleInt(x, scale)
	case int32:
		return scaleInt(int64(x), scale)
	case int16:
		return scaleInt(int64(x), scale)
	case int8:
		return scaleInt(int64(x), scale)
	case int:
		return scaleInt(int64(x), scale)
	case uint8:
		return scaleInt(int64(x), scale)
	case uint16:
		return scaleInt(int64(x), scale)
	case uint32:
		return scaleInt(int64(x), scale)
	case uint64:
		if x <= math.MaxInt64 {
			return scaleInt(int64(x), scale)
		}
		b = new(big.Int).SetUint64(x)
		b.Mul(b, bigPow10(scale))
	case *big.Int:
		b = new(big.Int).Mul(x, bigPow10(scale))
	case duckdb.Decimal:
		b = rescale(x.Value, int(x.Scale), scale)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, nil, errNumberRange(x)
		}
		f := math.Round(x * math.Pow10(scale))
		if math.Abs(f) < 9e18 {
			return int64(f), nil, nil
		}
		b, _ = new(big.Float).SetFloat64(f).Int(nil)
	case float32:
		return unscaled(float64(x), scale)
	case string:
		r, ok := new(big.Rat).SetString(x)
		if !ok {
			return 0, nil, &sqlError{Code: "100038", SQLState: "22018", Message: fmt.Sprintf("Numeric value '%s' is not recognized", x)}
		}
		r.Mul(r, new(big.Rat).SetInt(bigPow10(scale)))
		b = roundRat(r)
	default:
		return 0, nil, fmt.Errorf("number column holds %T", v)
	}
	if b.IsInt64() {
		return b.Int64(), nil, nil
	}
	return 0, b, nil
}

func scaleInt(x int64, scale int) (int64, *big.Int, error) {
	if scale == 0 {
		return x, nil, nil
	}
	if scale < len(pow10) {
		p := pow10[scale]
		if x <= math.MaxInt64/p && x >= math.MinInt64/p {
			return x * p, nil, nil
		}
	}
	return 0, new(big.Int).Mul(big.NewInt(x), bigPow10(scale)), nil
}

func bigPow10(n int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// rescale moves an unscaled integer from scale from to scale to, rounding
// half away from zero when digits go.
func rescale(u *big.Int, from, to int) *big.Int {
	switch {
	case from == to:
		return new(big.Int).Set(u)
	case from < to:
		return new(big.Int).Mul(u, bigPow10(to-from))
	}
	return roundRat(new(big.Rat).SetFrac(u, bigPow10(from-to)))
}

// roundRat rounds r to an integer, half away from zero.
func roundRat(r *big.Rat) *big.Int {
	num, den := new(big.Int).Set(r.Num()), r.Denom()
	neg := num.Sign() < 0
	num.Abs(num)
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	if m.Lsh(m, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return q
}

// simpleBuilder is a column whose values go straight into an Arrow builder
// through put, which converts one non-NULL DuckDB value.
type simpleBuilder[B interface {
	AppendNull()
	NewArray() arrow.Array
}] struct {
	b   B
	put func(b B, v any) (int, error)
}

func (r *simpleBuilder[B]) add(v any) (int, error) {
	if v == nil {
		r.b.AppendNull()
		return 4, nil
	}
	return r.put(r.b, v)
}

func (r *simpleBuilder[B]) build() arrow.Array { return r.b.NewArray() }

// putReal appends a FLOAT: float64, as Snowflake sends REAL.
func putReal(b *array.Float64Builder, v any) (int, error) {
	var f float64
	switch x := v.(type) {
	case float64:
		f = x
	case float32:
		f = float64(x)
	case duckdb.Decimal:
		f = x.Float64()
	default:
		i, bi, err := unscaled(v, 0)
		if err != nil {
			return 0, fmt.Errorf("float column holds %T", v)
		}
		f = float64(i)
		if bi != nil {
			f, _ = new(big.Float).SetInt(bi).Float64()
		}
	}
	b.Append(f)
	return 8, nil
}

func putBool(b *array.BooleanBuilder, v any) (int, error) {
	x, ok := v.(bool)
	if !ok {
		return 0, fmt.Errorf("boolean column holds %T", v)
	}
	b.Append(x)
	return 2, nil
}

// putText returns the put of a TEXT or semi-structured column; enc writes a
// DuckDB value as Snowflake prints it.
func putText(enc func(any) (string, error)) func(*array.StringBuilder, any) (int, error) {
	return func(b *array.StringBuilder, v any) (int, error) {
		s, err := enc(v)
		if err != nil {
			return 0, err
		}
		b.Append(s)
		return len(s) + 2, nil
	}
}

func putBinary(b *array.BinaryBuilder, v any) (int, error) {
	switch x := v.(type) {
	case []byte:
		b.Append(x)
		return 2*len(x) + 2, nil
	case string:
		b.AppendString(x)
		return 2*len(x) + 2, nil
	}
	return 0, fmt.Errorf("binary column holds %T", v)
}

// putDate appends a DATE as days since the epoch (date32).
func putDate(b *array.Date32Builder, v any) (int, error) {
	t, ok := v.(time.Time)
	if !ok {
		return 0, fmt.Errorf("date column holds %T", v)
	}
	y, m, d := t.Date()
	b.Append(arrow.Date32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400))
	return 6, nil
}

// arithmeticOverflow answers the engine's integer or decimal overflow
// (m[1] is the operation) as Snowflake answers a result past NUMBER(38).
func arithmeticOverflow(m []string, _ failedStmt) *sqlError { return errNumberRange(m[1]) }
