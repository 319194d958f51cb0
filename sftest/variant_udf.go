package sftest

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// DuckDB scalar functions behind Snowflake's semi-structured functions that
// DuckDB has no counterpart for. Each takes its VARIANT arguments as JSON
// text (the rules pass CAST(to_json(x) AS VARCHAR), so a SQL value arrives
// as the VARIANT Snowflake would make of it) and works on the parsed
// values, keeping numbers as written.
const (
	udfTypeof        = "sftest_typeof"         // (DuckDB type name, JSON) -> Snowflake TYPEOF
	udfToJSON        = "sftest_to_json"        // (JSON) -> compact JSON text, keys sorted
	udfArrayContains = "sftest_array_contains" // (value JSON, array JSON) -> BOOLEAN
	udfArrayAppend   = "sftest_array_append"   // (array JSON, element JSON) -> JSON text
)

// variantCastPrefix starts the error a function raises for a VARIANT that
// is not of the kind it needs; variantCastError maps it to Snowflake's.
const variantCastPrefix = "sftest variant cast: "

// variantFunc is one of those functions: its argument count, result type,
// whether it sees NULL arguments (otherwise NULL in is NULL out) and its
// body over the arguments (nil for NULL).
type variantFunc struct {
	args   int
	result duckdb.Type
	nulls  bool
	fn     func(args []*string) (any, error)
}

func (f variantFunc) Config() duckdb.ScalarFuncConfig {
	in := make([]duckdb.TypeInfo, f.args)
	for i := range in {
		in[i], _ = duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	}
	out, _ := duckdb.NewTypeInfo(f.result)
	return duckdb.ScalarFuncConfig{InputTypeInfos: in, ResultTypeInfo: out, SpecialNullHandling: f.nulls}
}

func (f variantFunc) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(vals []driver.Value) (any, error) {
		args := make([]*string, len(vals))
		for i, v := range vals {
			if s, ok := v.(string); ok {
				args[i] = &s
			}
		}
		return f.fn(args)
	}}
}

// variantFuncs are the functions registerVariantFuncs installs.
var variantFuncs = map[string]variantFunc{
	udfTypeof: {args: 2, result: duckdb.TYPE_VARCHAR, fn: func(a []*string) (any, error) {
		return snowflakeTypeof(*a[0], *a[1])
	}},
	udfToJSON: {args: 1, result: duckdb.TYPE_VARCHAR, fn: func(a []*string) (any, error) {
		v, err := parseVariant(*a[0])
		if err != nil {
			return nil, err
		}
		return compactJSON(v)
	}},
	udfArrayContains: {args: 2, result: duckdb.TYPE_BOOLEAN, nulls: true, fn: func(a []*string) (any, error) {
		return arrayContains(a[0], a[1])
	}},
	udfArrayAppend: {args: 2, result: duckdb.TYPE_VARCHAR, nulls: true, fn: func(a []*string) (any, error) {
		return arrayAppend(a[0], a[1])
	}},
}

// registerVariantFuncs installs variantFuncs in db.
func registerVariantFuncs(ctx context.Context, db *sql.DB) error {
	c, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	for name, f := range variantFuncs {
		if err := duckdb.RegisterScalarUDF(c, name, f); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// parseVariant parses JSON text, numbers kept as json.Number.
func parseVariant(text string) (any, error) {
	d := json.NewDecoder(strings.NewReader(text))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, fmt.Errorf("sftest: a VARIANT that is not JSON: %w", err)
	}
	return v, nil
}

// compactJSON writes v as Snowflake prints a VARIANT in text (TO_JSON,
// error messages): compact, object keys sorted, numbers as written.
func compactJSON(v any) (string, error) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// duckTypeofNames are Snowflake's TYPEOF names of DuckDB types that are not
// JSON, by the type name's start, the first that matches (DECIMAL is
// decided by its scale).
var duckTypeofNames = []struct{ prefix, name string }{
	{"VARCHAR", "VARCHAR"}, {"BOOLEAN", "BOOLEAN"}, {"DOUBLE", "DOUBLE"}, {"FLOAT", "DOUBLE"},
	{"TINYINT", "INTEGER"}, {"SMALLINT", "INTEGER"}, {"INTEGER", "INTEGER"}, {"BIGINT", "INTEGER"},
	{"HUGEINT", "INTEGER"}, {"UTINYINT", "INTEGER"}, {"USMALLINT", "INTEGER"}, {"UINTEGER", "INTEGER"},
	{"UBIGINT", "INTEGER"}, {"UHUGEINT", "INTEGER"}, {"DATE", "DATE"},
	{"TIMESTAMP WITH TIME ZONE", "TIMESTAMP_LTZ"}, {"TIMESTAMP", "TIMESTAMP_NTZ"}, {"TIME", "TIME"}, {"BLOB", "BINARY"},
	{"STRUCT", "OBJECT"}, {"MAP", "OBJECT"},
}

// decimalScale reads the scale of DuckDB's DECIMAL(p,s).
var decimalScale = regexp.MustCompile(`^DECIMAL\(\d+,(\d+)\)$`)

// snowflakeTypeof is Snowflake's TYPEOF of a value that DuckDB types
// duckType and that is jsonText as a VARIANT: for a VARIANT (JSON) the kind
// of its value (NULL_VALUE, BOOLEAN, INTEGER, DECIMAL, DOUBLE, VARCHAR,
// ARRAY, OBJECT), for any other value the VARIANT it is cast to.
func snowflakeTypeof(duckType, jsonText string) (string, error) {
	t := strings.ToUpper(duckType)
	if t != "JSON" {
		if m := decimalScale.FindStringSubmatch(t); m != nil {
			if m[1] == "0" {
				return "INTEGER", nil
			}
			return "DECIMAL", nil
		}
		if strings.HasSuffix(t, "]") {
			return "ARRAY", nil
		}
		for _, n := range duckTypeofNames {
			if strings.HasPrefix(t, n.prefix) {
				return n.name, nil
			}
		}
		return "VARCHAR", nil
	}
	v, err := parseVariant(jsonText)
	if err != nil {
		return "", err
	}
	switch x := v.(type) {
	case nil:
		return "NULL_VALUE", nil
	case bool:
		return "BOOLEAN", nil
	case string:
		return "VARCHAR", nil
	case []any:
		return "ARRAY", nil
	case map[string]any:
		return "OBJECT", nil
	case json.Number:
		switch {
		case strings.ContainsAny(string(x), "eE"):
			return "DOUBLE", nil
		case strings.Contains(string(x), "."):
			return "DECIMAL", nil
		}
		return "INTEGER", nil
	}
	return "", fmt.Errorf("sftest: TYPEOF of %T", v)
}

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
		return nil, fmt.Errorf("%sFailed to cast variant value %s to ARRAY", variantCastPrefix, shown)
	}
	return arr, nil
}

// arrayContains is Snowflake's ARRAY_CONTAINS(value, array): NULL for a
// NULL array; for a NULL value TRUE when the array holds a null element and
// NULL otherwise (sftest keeps no undefined elements apart from JSON
// nulls); otherwise whether an element equals the value (numbers by value,
// 1 = 1.0, objects and arrays element by element).
func arrayContains(value, array *string) (any, error) {
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

// arrayAppend is Snowflake's ARRAY_APPEND(array, element): NULL for a NULL
// array, else the array with the element added at the end (a NULL element
// as null), as compact JSON text.
func arrayAppend(array, element *string) (any, error) {
	arr, e, ok, err := arrayAndValue(array, element)
	if !ok || err != nil {
		return nil, err
	}
	return compactJSON(append(arr, e))
}

// variantCastError answers a variantCastPrefix error with Snowflake's
// 100071 (an engineErrorRule).
func variantCastError(m []string, _ failedStmt) *sqlError {
	return &sqlError{Code: "100071", SQLState: "22000", Message: m[1]}
}

// variantCastFailure matches the message variantCastError answers.
var variantCastFailure = regexp.MustCompile(regexp.QuoteMeta(variantCastPrefix) + `(.*)$`)
