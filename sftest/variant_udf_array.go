package sftest

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
)

// ARRAY_CONTAINS and ARRAY_APPEND over VARIANT text (variant_udf.go). Each
// also gets the DuckDB types of its arguments (typeof), to fail as
// Snowflake does on arguments it does not take.

// variantArray parses arrayText, a VARIANT that must hold an ARRAY; any
// other value fails as Snowflake's cast of it to ARRAY does.
func variantArray(arrayText string) ([]any, error) {
	v, err := parseVariant(arrayText)
	if err != nil {
		return nil, err
	}
	arr, ok := v.([]any)
	if !ok {
		shown, _ := compactJSON(v)
		return nil, udfError("100071", "22000", false, fmt.Sprintf("Failed to cast variant value %s to ARRAY", shown))
	}
	return arr, nil
}

// arrayContains is Snowflake's ARRAY_CONTAINS(value, array) of values of
// the DuckDB types valueType and arrayType: a string not cast to VARIANT,
// or an array argument that is no VARIANT or list, is 001044; NULL for a
// NULL array; for a NULL value TRUE when the array holds a null element and
// NULL otherwise (sftest keeps no undefined elements apart from JSON
// nulls); otherwise whether an element equals the value (numbers by value,
// 1 = 1.0, objects and arrays element by element).
func arrayContains(valueType, arrayType string, value, array *string) (any, error) {
	if valueType == "VARCHAR" || !isArrayType(arrayType) {
		return nil, invalidArgTypesError("ARRAY_CONTAINS", valueType, arrayType)
	}
	arr, want, ok, err := arrayAndValue(array, value)
	if !ok || err != nil {
		return nil, err
	}
	for _, e := range arr {
		if variantEqual(e, want) {
			return true, nil
		}
	}
	if value == nil {
		return nil, nil
	}
	return false, nil
}

// arrayAndValue parses the arguments of a function of an ARRAY and a
// VARIANT (nil for NULL); ok is false for a NULL array.
func arrayAndValue(array, value *string) (arr []any, v any, ok bool, err error) {
	if array == nil {
		return nil, nil, false, nil
	}
	if arr, err = variantArray(*array); err != nil {
		return nil, nil, false, err
	}
	if value != nil {
		if v, err = parseVariant(*value); err != nil {
			return nil, nil, false, err
		}
	}
	return arr, v, true, nil
}

// variantEqual compares two parsed VARIANTs as Snowflake's = does.
func variantEqual(a, b any) bool {
	switch x := a.(type) {
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return false
		}
		rx, okx := new(big.Rat).SetString(string(x))
		ry, oky := new(big.Rat).SetString(string(y))
		if !okx || !oky {
			return x == y
		}
		return rx.Cmp(ry) == 0
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !variantEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !variantEqual(v, w) {
				return false
			}
		}
		return true
	}
	return a == b
}

// arrayAppend is Snowflake's ARRAY_APPEND(array, element) of values of
// the DuckDB types arrayType and elementType (an array argument that is
// no VARIANT or list is 001044): NULL for a NULL
// array, else the array with the element added at the end (a NULL element
// as null), as compact JSON text.
func arrayAppend(arrayType, elementType string, array, element *string) (any, error) {
	if !isArrayType(arrayType) {
		return nil, invalidArgTypesError("ARRAY_APPEND", arrayType, elementType)
	}
	arr, e, ok, err := arrayAndValue(array, element)
	if !ok || err != nil {
		return nil, err
	}
	return compactJSON(append(arr, e))
}

// isArrayType reports whether a DuckDB type can be a Snowflake ARRAY
// argument: JSON (a VARIANT), ARRAY (argType's), a list, or the type of NULL.
func isArrayType(duckType string) bool {
	return duckType == "JSON" || duckType == "ARRAY" || strings.HasSuffix(duckType, "]") || duckType == `"NULL"`
}

// invalidArgTypesError is Snowflake's 001044 for fn called with arguments
// of the DuckDB types duckTypes, named as Snowflake names its types.
func invalidArgTypesError(fn string, duckTypes ...string) error {
	names := make([]string, len(duckTypes))
	for i, t := range duckTypes {
		names[i] = snowflakeArgType(t)
	}
	return udfError("001044", "42P13", true, fmt.Sprintf("Invalid argument types for function '%s': (%s)", fn, strings.Join(names, ", ")))
}

// snowflakeArgType names a DuckDB type as Snowflake's error messages name
// the type of an argument (an unbounded VARCHAR is VARCHAR(16777216)).
func snowflakeArgType(duckType string) string {
	t := strings.ToUpper(duckType)
	if m := duckDecimal.FindStringSubmatch(t); m != nil {
		return "NUMBER(" + m[1] + "," + m[2] + ")"
	}
	switch {
	case t == "JSON":
		return "VARIANT"
	case strings.HasSuffix(t, "]"):
		return "ARRAY"
	case strings.HasPrefix(t, "STRUCT"), strings.HasPrefix(t, "MAP"):
		return "OBJECT"
	case t == "VARCHAR":
		return fmt.Sprintf("VARCHAR(%d)", textLength)
	case t == "DOUBLE", t == "FLOAT":
		return "FLOAT"
	case t == "BLOB":
		return fmt.Sprintf("BINARY(%d)", binaryLength)
	case t == "TIMESTAMP WITH TIME ZONE":
		return "TIMESTAMP_LTZ(9)"
	case strings.HasPrefix(t, "TIMESTAMP"):
		return "TIMESTAMP_NTZ(9)"
	case strings.HasSuffix(t, "INT") || t == "INTEGER" || t == "HUGEINT" || t == "UHUGEINT":
		return "NUMBER(38,0)"
	}
	return t
}
