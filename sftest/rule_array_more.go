package sftest

import (
	"strings"
)

// variantCall is how ruleArrayMore rewrites one Snowflake function: into
// the function udf of its arguments' VARIANT text, after defaults for the
// optional ones (SQL expressions) are added, with the result cast to the
// DuckDB type cast ("" keeps the function's).
type variantCall struct {
	udf      string
	min      int
	defaults []string
	cast     string
}

// arrayMoreCalls are the functions ruleArrayMore rewrites this way.
var arrayMoreCalls = map[string]variantCall{
	"ARRAY_INSERT":         {udf: udfArrayInsert, min: 3, cast: "JSON"},
	"ARRAY_COMPACT":        {udf: udfArrayCompact, min: 1, cast: "JSON"},
	"ARRAY_GENERATE_RANGE": {udf: udfArrayGenerate, min: 2, defaults: []string{"1"}, cast: "JSON"},
	"ARRAYS_OVERLAP":       {udf: udfArraysOverlap, min: 2},
	"ARRAY_INTERSECTION":   {udf: udfArrayIntersection, min: 2, cast: "JSON"},
	"ARRAY_SLICE":          {udf: udfArraySlice, min: 3, cast: "JSON"},
	"ARRAY_CAT":            {udf: udfArrayCat, min: 2, cast: "JSON"},
	"OBJECT_INSERT":        {udf: udfObjectInsert, min: 3, defaults: []string{"false"}, cast: "JSON"},
}

// kindCalls are the AS_<kind> and IS_<kind> functions: the TYPEOF kind
// each asks for, and for AS_ the DuckDB type of its result.
var kindCalls = map[string]struct{ kind, cast string }{
	"AS_INTEGER": {"INTEGER", "DECIMAL(38,0)"}, "AS_VARCHAR": {"VARCHAR", "VARCHAR"},
	"AS_BOOLEAN": {"BOOLEAN", "BOOLEAN"}, "AS_DOUBLE": {"DOUBLE", "DOUBLE"},
	"AS_ARRAY": {"ARRAY", "JSON"}, "AS_OBJECT": {"OBJECT", "JSON"},
	"IS_ARRAY": {"ARRAY", ""}, "IS_OBJECT": {"OBJECT", ""}, "IS_BOOLEAN": {"BOOLEAN", ""},
	"IS_INTEGER": {"INTEGER", ""}, "IS_VARCHAR": {"VARCHAR", ""}, "IS_DOUBLE": {"DOUBLE", ""},
}

// ruleArrayMore rewrites more of Snowflake's ARRAY and OBJECT functions to
// sftest's functions (variant_udf_more.go), which DuckDB lacks or has with
// list or string semantics (ARRAY_SLICE, ARRAY_CAT, ARRAY_POSITION): the
// calls in arrayMoreCalls and kindCalls, ARRAY_POSITION (checked as
// ARRAY_CONTAINS is), OBJECT_DELETE with any number of keys and
// OBJECT_PICK with keys or an ARRAY of them. Arguments are taken as the
// VARIANTs Snowflake makes of them.
func ruleArrayMore(s string, _ *rewriteEnv) (string, error) {
	if !callsArrayMore(s) {
		return s, nil
	}
	var err error
	for name, c := range arrayMoreCalls {
		if s, err = rewriteCalls(s, name, c.rewrite(name)); err != nil {
			return "", err
		}
	}
	for name, k := range kindCalls {
		udf, cast := udfAsKind, k.cast
		if strings.HasPrefix(name, "IS_") {
			udf = udfIsKind
		}
		if s, err = rewriteCalls(s, name, func(args []string, _ string) (string, error) {
			if err := wantArgs(name, args, 1); err != nil {
				return "", err
			}
			return castTo(udf+"('"+k.kind+"', "+variantText(args[0])+")", cast), nil
		}); err != nil {
			return "", err
		}
	}
	if s, err = rewriteCalls(s, "ARRAY_POSITION", arrayPositionCall); err != nil {
		return "", err
	}
	if s, err = rewriteCalls(s, "OBJECT_DELETE", objectDeleteCall); err != nil {
		return "", err
	}
	return rewriteCalls(s, "OBJECT_PICK", objectPickCall)
}

// callsArrayMore reports whether s names a function ruleArrayMore rewrites.
func callsArrayMore(s string) bool {
	if !containsFold(s, "ARRAY") && !containsFold(s, "OBJECT_") && !containsFold(s, "AS_") && !containsFold(s, "IS_") {
		return false
	}
	for _, name := range []string{"ARRAY_POSITION", "OBJECT_DELETE", "OBJECT_PICK"} {
		if containsFold(s, name) {
			return true
		}
	}
	for name := range arrayMoreCalls {
		if containsFold(s, name) {
			return true
		}
	}
	for name := range kindCalls {
		if containsFold(s, name) {
			return true
		}
	}
	return false
}

// rewrite is the rewriteCalls function for the call of name.
func (c variantCall) rewrite(name string) func(args []string, call string) (string, error) {
	return func(args []string, _ string) (string, error) {
		if n := len(args); n >= c.min && n < c.min+len(c.defaults) {
			args = append(args, c.defaults[n-c.min:]...)
		}
		if err := wantArgs(name, args, c.min+len(c.defaults)); err != nil {
			return "", err
		}
		texts := make([]string, len(args))
		for i, a := range args {
			texts[i] = variantText(a)
		}
		return castTo(c.udf+"("+strings.Join(texts, ", ")+")", c.cast), nil
	}
}

// castTo is CAST(expr AS duckType), or expr for an empty type.
func castTo(expr, duckType string) string {
	if duckType == "" {
		return expr
	}
	return "CAST(" + expr + " AS " + duckType + ")"
}

// arrayPositionCall rewrites ARRAY_POSITION(value, array), checked as
// ARRAY_CONTAINS is (valueInArrayCall).
func arrayPositionCall(args []string, _ string) (string, error) {
	return valueInArrayCall("ARRAY_POSITION", udfArrayPosition, args)
}

// valueInArrayCall rewrites fn(value, array) into udf(value type, array
// type, value, array). A string literal not cast to VARIANT and an array
// argument that is a literal or an OBJECT are 001044 when compiled (for
// other expressions the function checks the types when a row is computed).
func valueInArrayCall(fn, udf string, args []string) (string, error) {
	if err := wantArgs(fn, args, 2); err != nil {
		return "", err
	}
	value, valueLit := literalType(args[0])
	array, arrayLit := literalType(args[1])
	if valueLit && strings.HasPrefix(value, "VARCHAR") || arrayLit || array == "OBJECT" {
		return "", invalidArgTypes(fn, value, array)
	}
	return udf + "(" + argType(args[0]) + ", " + argType(args[1]) + ", " + variantText(args[0]) + ", " + variantText(args[1]) + ")", nil
}

// objectDeleteCall rewrites OBJECT_DELETE(object, key, ...) into one call
// per key.
func objectDeleteCall(args []string, call string) (string, error) {
	if len(args) < 2 {
		return "", wantArgs("OBJECT_DELETE", args, 2)
	}
	out := args[0]
	for _, k := range args[1:] {
		out = "CAST(" + udfObjectDelete + "(" + variantText(out) + ", " + variantText(k) + ") AS JSON)"
	}
	return out, nil
}

// objectPickCall rewrites OBJECT_PICK(object, key, ...) and
// OBJECT_PICK(object, array of keys): the keys go as one ARRAY.
func objectPickCall(args []string, call string) (string, error) {
	if len(args) < 2 {
		return "", wantArgs("OBJECT_PICK", args, 2)
	}
	keys := args[1]
	if len(args) > 2 {
		keys = "json_array(" + strings.Join(args[1:], ", ") + ")"
	}
	return "CAST(" + udfObjectPick + "(" + variantText(args[0]) + ", " + variantText(keys) + ") AS JSON)", nil
}
