package sftest

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// DuckDB scalar functions behind Snowflake's semi-structured functions that
// DuckDB has no counterpart for. Each takes its VARIANT arguments as JSON
// text (the rules pass variantText(x): a JSON value's own text, any other
// value as the VARIANT Snowflake would make of it) and works on the parsed
// values, keeping numbers as written.
const (
	udfTypeof        = "sftest_typeof"         // (DuckDB type name, JSON) -> Snowflake TYPEOF
	udfToJSON        = "sftest_to_json"        // (JSON) -> compact JSON text, keys sorted
	udfArrayContains = "sftest_array_contains" // (value type, array type, value JSON, array JSON) -> BOOLEAN
	udfArrayAppend   = "sftest_array_append"   // (array type, element type, array JSON, element JSON) -> JSON text
)

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
	udfArrayContains: {args: 4, result: duckdb.TYPE_BOOLEAN, nulls: true, fn: func(a []*string) (any, error) {
		return arrayContains(*a[0], *a[1], a[2], a[3])
	}},
	udfArrayAppend: {args: 4, result: duckdb.TYPE_VARCHAR, nulls: true, fn: func(a []*string) (any, error) {
		return arrayAppend(*a[0], *a[1], a[2], a[3])
	}},
}

// registerVariantFuncs installs variantFuncs in db.
func registerVariantFuncs(ctx context.Context, db *sql.DB) error {
	c, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	for _, funcs := range []map[string]variantFunc{variantFuncs, moreVariantFuncs} {
		for name, f := range funcs {
			if err := duckdb.RegisterScalarUDF(c, name, f); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
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

// duckDecimal reads DuckDB's DECIMAL(p,s).
var duckDecimal = regexp.MustCompile(`^DECIMAL\((\d+),(\d+)\)$`)

// snowflakeTypeof is Snowflake's TYPEOF of a value that DuckDB types
// duckType and that is jsonText as a VARIANT: for a VARIANT (JSON) the kind
// of its value (NULL_VALUE, BOOLEAN, INTEGER, DECIMAL, DOUBLE, VARCHAR,
// ARRAY, OBJECT), for any other value the VARIANT it is cast to.
func snowflakeTypeof(duckType, jsonText string) (string, error) {
	t := strings.ToUpper(duckType)
	if t != "JSON" {
		if m := duckDecimal.FindStringSubmatch(t); m != nil {
			if m[2] == "0" {
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

// udfErrorPrefix starts the message of an error one of these functions
// raises in Snowflake's terms: "sftest error <code> <SQLSTATE> <compile|exec>:
// <message>"; udfErrorRule answers it with that error.
const udfErrorPrefix = "sftest error "

// udfError is the error a function raises for Snowflake's error code with
// SQLSTATE state; a compilation error's message gets Snowflake's
// "SQL compilation error:" heading when it is answered.
func udfError(code, state string, compile bool, msg string) error {
	kind := "exec"
	if compile {
		kind = "compile"
	}
	return fmt.Errorf("%s%s %s %s: %s", udfErrorPrefix, code, state, kind, msg)
}

// udfErrorMessage matches the message udfError makes.
var udfErrorMessage = regexp.MustCompile(regexp.QuoteMeta(udfErrorPrefix) + `(\d{6}) (\w{5}) (compile|exec): (.*)$`)

// udfErrorRule answers a udfError (an engineErrorRule's to).
func udfErrorRule(m []string, _ failedStmt) *sqlError {
	if m[3] == "compile" {
		return compilation(m[1], m[2], "", m[4])
	}
	return &sqlError{Code: m[1], SQLState: m[2], Message: m[4]}
}
