package sftest

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// More of Snowflake's ARRAY and OBJECT functions over VARIANT text
// (variant_udf.go), which ruleArrayMore (rule_array_more.go) calls. Each
// takes its arguments as JSON text; one that returns an ARRAY or OBJECT
// returns its compact JSON text.
const (
	udfArrayInsert       = "sftest_array_insert"       // (array, pos, element) -> JSON text
	udfArrayCompact      = "sftest_array_compact"      // (array) -> JSON text
	udfArrayGenerate     = "sftest_array_generate"     // (start, stop, step) -> JSON text
	udfArraysOverlap     = "sftest_arrays_overlap"     // (array, array) -> BOOLEAN
	udfArrayIntersection = "sftest_array_intersection" // (array, array) -> JSON text
	udfArraySlice        = "sftest_array_slice"        // (array, from, to) -> JSON text
	udfArrayCat          = "sftest_array_cat"          // (array, array) -> JSON text
	udfArrayPosition     = "sftest_array_position"     // (value type, array type, value, array) -> BIGINT
	udfObjectInsert      = "sftest_object_insert"      // (object, key, value, update flag) -> JSON text
	udfObjectDelete      = "sftest_object_delete"      // (object, key) -> JSON text
	udfObjectPick        = "sftest_object_pick"        // (object, key or array of keys) -> JSON text
	udfAsKind            = "sftest_as_kind"            // (kind, variant) -> VARCHAR, NULL unless the value is of the kind
	udfIsKind            = "sftest_is_kind"            // (kind, variant) -> BOOLEAN
)

// maxArrayText is the most JSON text an ARRAY may take: Snowflake's
// largest value, 16 MiB.
const maxArrayText = 16 << 20

// moreVariantFuncs are the functions registerVariantFuncs installs beside
// variantFuncs.
var moreVariantFuncs = map[string]variantFunc{
	udfArrayInsert:       {args: 3, result: duckdb.TYPE_VARCHAR, nulls: true, fn: arrayInsert},
	udfArrayCompact:      {args: 1, result: duckdb.TYPE_VARCHAR, fn: arrayCompact},
	udfArrayGenerate:     {args: 3, result: duckdb.TYPE_VARCHAR, fn: arrayGenerateRange},
	udfArraysOverlap:     {args: 2, result: duckdb.TYPE_BOOLEAN, fn: arraysOverlap},
	udfArrayIntersection: {args: 2, result: duckdb.TYPE_VARCHAR, fn: arrayIntersection},
	udfArraySlice:        {args: 3, result: duckdb.TYPE_VARCHAR, fn: arraySlice},
	udfArrayCat:          {args: 2, result: duckdb.TYPE_VARCHAR, fn: arrayCat},
	udfArrayPosition:     {args: 4, result: duckdb.TYPE_BIGINT, nulls: true, fn: arrayPosition},
	udfObjectInsert:      {args: 4, result: duckdb.TYPE_VARCHAR, nulls: true, fn: objectInsert},
	udfObjectDelete:      {args: 2, result: duckdb.TYPE_VARCHAR, fn: objectDelete},
	udfObjectPick:        {args: 2, result: duckdb.TYPE_VARCHAR, fn: objectPick},
	udfAsKind:            {args: 2, result: duckdb.TYPE_VARCHAR, fn: asKind},
	udfIsKind:            {args: 2, result: duckdb.TYPE_BOOLEAN, fn: isKind},
}

// variantInt reads a VARIANT that holds a number (or a string of one) as
// an integer, rounded half away from zero as Snowflake's cast to INTEGER,
// held to ±2^62 (a position that far is past any array's end; sftest's
// ARRAY_GENERATE_RANGE answers no larger numbers).
func variantInt(text string) (int64, error) {
	v, err := parseVariant(text)
	if err != nil {
		return 0, err
	}
	var digits string
	switch x := v.(type) {
	case json.Number:
		digits = string(x)
	case string:
		digits = strings.TrimSpace(x)
	}
	r, ok := new(big.Rat).SetString(digits)
	if !ok {
		shown, _ := compactJSON(v)
		return 0, udfError("100038", "22018", false, fmt.Sprintf("Numeric value '%s' is not recognized", strings.Trim(shown, `"`)))
	}
	f, _ := r.Float64()
	f = min(max(f, -1<<62), 1<<62) // far past any array's end
	if f < 0 {
		return -int64(-f + 0.5), nil
	}
	return int64(f + 0.5), nil
}

// arrayResult is arr as the JSON text of an ARRAY, or Snowflake's error
// when it is larger than a value may be.
func arrayResult(arr []any) (any, error) {
	text, err := compactJSON(arr)
	if err != nil {
		return nil, err
	}
	if len(text) > maxArrayText {
		return nil, lobError(len(text))
	}
	return text, nil
}

// lobError is Snowflake's error for a value of size bytes, more than a
// value may hold.
func lobError(size int) error {
	return udfError("100082", "22000", false, fmt.Sprintf("Max LOB size (%d) exceeded, actual size of parsed column is %d", maxArrayText, size))
}

// arrayInsert is ARRAY_INSERT(array, pos, element): NULL for a NULL array
// or position; the element (a NULL one as null) at the 0-based position,
// counted from the end when negative (-1 is before the last element), the
// array padded with nulls when the position is past its end (sftest keeps
// no undefined elements apart from nulls). A negative position before the
// start inserts at the start.
func arrayInsert(a []*string) (any, error) {
	if a[0] == nil || a[1] == nil {
		return nil, nil
	}
	arr, e, _, err := arrayAndValue(a[0], a[2])
	if err != nil {
		return nil, err
	}
	pos, err := variantInt(*a[1])
	if err != nil {
		return nil, err
	}
	if pos < 0 {
		pos = max(int64(len(arr))+pos, 0)
	}
	if pos > maxArrayText {
		return nil, lobError(int(pos) * len("null,"))
	}
	for int64(len(arr)) < pos {
		arr = append(arr, nil)
	}
	out := append(append(append([]any{}, arr[:pos]...), e), arr[pos:]...)
	return arrayResult(out)
}

// arrayCompact is ARRAY_COMPACT(array): the array without its null elements.
func arrayCompact(a []*string) (any, error) {
	arr, err := variantArray(*a[0])
	if err != nil {
		return nil, err
	}
	out := []any{}
	for _, e := range arr {
		if e != nil {
			out = append(out, e)
		}
	}
	return arrayResult(out)
}

// arrayGenerateRange is ARRAY_GENERATE_RANGE(start, stop, step): the
// integers from start up to (not including) stop by step, empty when step
// points away from stop; a step of 0 is an error.
func arrayGenerateRange(a []*string) (any, error) {
	var n [3]int64
	for i := range n {
		var err error
		if n[i], err = variantInt(*a[i]); err != nil {
			return nil, err
		}
	}
	start, stop, step := n[0], n[1], n[2]
	if step == 0 {
		// Snowflake's documentation forbids a 0 step without naming the
		// error; this code is sftest's.
		return nil, udfError("100096", "22023", false, "Invalid step value 0 for function ARRAY_GENERATE_RANGE; the step must not be 0")
	}
	out := []any{}
	size := 2
	for v := start; step > 0 && v < stop || step < 0 && v > stop; v += step {
		out = append(out, json.Number(fmt.Sprint(v)))
		if size += len(fmt.Sprint(v)) + 1; size > maxArrayText {
			return nil, lobError(size)
		}
		if next := v + step; step > 0 && next < v || step < 0 && next > v {
			break // past the int64 range (variantInt holds arguments to ±2^62)
		}
	}
	return arrayResult(out)
}

// twoArrays parses the two ARRAY arguments of a set function.
func twoArrays(a []*string) ([]any, []any, error) {
	x, err := variantArray(*a[0])
	if err != nil {
		return nil, nil, err
	}
	y, err := variantArray(*a[1])
	return x, y, err
}

// arraysOverlap is ARRAYS_OVERLAP(a, b): whether an element of a equals
// one of b (null equals null).
func arraysOverlap(a []*string) (any, error) {
	x, y, err := twoArrays(a)
	if err != nil {
		return nil, err
	}
	for _, e := range x {
		for _, f := range y {
			if variantEqual(e, f) {
				return true, nil
			}
		}
	}
	return false, nil
}

// arrayIntersection is ARRAY_INTERSECTION(a, b): the elements of a, in a's
// order, that match an element of b, each element of b matching once (a
// multiset intersection).
func arrayIntersection(a []*string) (any, error) {
	x, y, err := twoArrays(a)
	if err != nil {
		return nil, err
	}
	used := make([]bool, len(y))
	out := []any{}
	for _, e := range x {
		for j, f := range y {
			if !used[j] && variantEqual(e, f) {
				used[j] = true
				out = append(out, e)
				break
			}
		}
	}
	return arrayResult(out)
}

// arrayCat is ARRAY_CAT(a, b): a's elements then b's.
func arrayCat(a []*string) (any, error) {
	x, y, err := twoArrays(a)
	if err != nil {
		return nil, err
	}
	return arrayResult(append(x, y...))
}

// arraySlice is ARRAY_SLICE(array, from, to): the elements from from up to
// (not including) to, both 0-based and counted from the end when
// negative, clamped to the array.
func arraySlice(a []*string) (any, error) {
	arr, err := variantArray(*a[0])
	if err != nil {
		return nil, err
	}
	from, err := variantInt(*a[1])
	if err != nil {
		return nil, err
	}
	to, err := variantInt(*a[2])
	if err != nil {
		return nil, err
	}
	n := int64(len(arr))
	clamp := func(i int64) int64 {
		if i < 0 {
			i += n
		}
		return min(max(i, 0), n)
	}
	from, to = clamp(from), clamp(to)
	if from >= to {
		return arrayResult([]any{})
	}
	return arrayResult(arr[from:to])
}

// arrayPosition is ARRAY_POSITION(value, array) of values of the DuckDB
// types valueType and arrayType (checked as ARRAY_CONTAINS checks them):
// the 0-based index of the first element equal to the value, NULL when
// none is or the array is NULL; a NULL value finds a null element.
func arrayPosition(a []*string) (any, error) {
	if *a[0] == "VARCHAR" || !isArrayType(*a[1]) {
		return nil, invalidArgTypesError("ARRAY_POSITION", *a[0], *a[1])
	}
	arr, want, ok, err := arrayAndValue(a[3], a[2])
	if !ok || err != nil {
		return nil, err
	}
	for i, e := range arr {
		if variantEqual(e, want) {
			return int64(i), nil
		}
	}
	return nil, nil
}
