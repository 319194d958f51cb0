package sftest

import (
	"fmt"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// timeBuilder holds TIME values as units of 10^-scale seconds since
// midnight: int32 up to scale 4, int64 above, as Snowflake sends them.
type timeBuilder struct {
	scale int
	vals  []int64
	valid []bool
}

func (r *timeBuilder) add(v any) (int, error) {
	if v == nil {
		r.vals, r.valid = append(r.vals, 0), append(r.valid, false)
		return 4, nil
	}
	t, ok := v.(time.Time)
	if !ok {
		return 0, fmt.Errorf("time column holds %T", v)
	}
	ns := int64(t.Hour()*3600+t.Minute()*60+t.Second())*1e9 + int64(t.Nanosecond())
	r.vals, r.valid = append(r.vals, ns/pow10[9-r.scale]), append(r.valid, true)
	return 16, nil
}

func (r *timeBuilder) build() arrow.Array {
	defer func() { r.vals, r.valid = nil, nil }()
	if r.scale <= 4 {
		return narrowInts(array.NewInt32Builder(mem), r.vals, r.valid, func(x int64) int32 { return int32(x) })
	}
	bl := array.NewInt64Builder(mem)
	defer bl.Release()
	bl.AppendValues(r.vals, r.valid)
	return bl.NewArray()
}

// tsBuilder holds TIMESTAMP_NTZ/LTZ/TZ values the way Snowflake sends them:
// NTZ and LTZ as one int64 in units of 10^-scale seconds up to scale 7 and
// as struct{epoch int64, fraction int32 (nanoseconds)} above; TZ as
// struct{epoch int64 (scaled), timezone int32} up to scale 3 and
// struct{epoch, fraction, timezone} above, timezone being the UTC offset in
// minutes plus 1440. NTZ values are DuckDB's wall clock read as UTC.
type tsBuilder struct {
	kind  string
	scale int
	loc   *time.Location // TIMESTAMP_TZ takes the offset of this zone
	epoch []int64        // seconds since the epoch (floor)
	frac  []int32        // nanoseconds, truncated to scale
	tz    []int32
	valid []bool
}

func (r *tsBuilder) add(v any) (int, error) {
	if v == nil {
		r.epoch, r.frac, r.tz, r.valid = append(r.epoch, 0), append(r.frac, 0), append(r.tz, 1440), append(r.valid, false)
		return 4, nil
	}
	t, ok := v.(time.Time)
	if !ok {
		return 0, fmt.Errorf("timestamp column holds %T", v)
	}
	off := 0
	if r.kind == "timestamp_tz" {
		if r.loc != nil {
			t = t.In(r.loc)
		}
		_, off = t.Zone()
	}
	ns := int64(t.Nanosecond())
	ns -= ns % pow10[9-r.scale]
	r.epoch, r.frac = append(r.epoch, t.Unix()), append(r.frac, int32(ns))
	r.tz, r.valid = append(r.tz, int32(off/60+1440)), append(r.valid, true)
	return 24, nil
}

// scaled is row i as one integer of 10^-scale seconds.
func (r *tsBuilder) scaled(i int) int64 {
	return r.epoch[i]*pow10[r.scale] + int64(r.frac[i])/pow10[9-r.scale]
}

func (r *tsBuilder) build() arrow.Array {
	defer func() { r.epoch, r.frac, r.tz, r.valid = nil, nil, nil, nil }()
	tz := r.kind == "timestamp_tz"
	if !tz && r.scale <= 7 {
		vals := make([]int64, len(r.epoch))
		for i := range vals {
			vals[i] = r.scaled(i)
		}
		bl := array.NewInt64Builder(mem)
		defer bl.Release()
		bl.AppendValues(vals, r.valid)
		return bl.NewArray()
	}
	st := tsStruct(tz, r.scale)
	bl := array.NewStructBuilder(mem, st)
	defer bl.Release()
	bl.AppendValues(r.valid)
	epoch := bl.FieldBuilder(0).(*array.Int64Builder)
	if tz && r.scale <= 3 {
		vals := make([]int64, len(r.epoch))
		for i := range vals {
			vals[i] = r.scaled(i)
		}
		epoch.AppendValues(vals, nil)
		bl.FieldBuilder(1).(*array.Int32Builder).AppendValues(r.tz, nil)
		return bl.NewArray()
	}
	epoch.AppendValues(r.epoch, nil)
	bl.FieldBuilder(1).(*array.Int32Builder).AppendValues(r.frac, nil)
	if tz {
		bl.FieldBuilder(2).(*array.Int32Builder).AppendValues(r.tz, nil)
	}
	return bl.NewArray()
}

// tsStruct is the struct type of a timestamp column sent as a struct.
func tsStruct(tz bool, scale int) *arrow.StructType {
	epoch := arrow.Field{Name: "epoch", Type: arrow.PrimitiveTypes.Int64}
	fraction := arrow.Field{Name: "fraction", Type: arrow.PrimitiveTypes.Int32}
	timezone := arrow.Field{Name: "timezone", Type: arrow.PrimitiveTypes.Int32}
	switch {
	case !tz:
		return arrow.StructOf(epoch, fraction)
	case scale <= 3:
		return arrow.StructOf(epoch, timezone)
	}
	return arrow.StructOf(epoch, fraction, timezone)
}
