package sftest

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// ruleArrayFunctions rewrites Snowflake's ARRAY_CONTAINS(value, array) and
// ARRAY_APPEND(array, element) to sftest's functions (variant_udf.go):
// DuckDB has functions of those names with other argument orders and list
// semantics, so neither call may reach it as written. Arguments are taken
// as the VARIANTs Snowflake makes of them. As in Snowflake, a string
// searched for must be cast to VARIANT, and the array argument must be a
// VARIANT or an array: both fail with 001044, for literals when the
// statement is compiled, for other expressions (whose types sftest learns
// from DuckDB) when a row is computed; a VARIANT that holds no array fails
// with 100071.
func ruleArrayFunctions(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "ARRAY_CONTAINS") && !containsFold(s, "ARRAY_APPEND") {
		return s, nil
	}
	s, err := rewriteCalls(s, "ARRAY_CONTAINS", func(args []string, _ string) (string, error) {
		return valueInArrayCall("ARRAY_CONTAINS", udfArrayContains, args)
	})
	if err != nil {
		return "", err
	}
	return rewriteCalls(s, "ARRAY_APPEND", func(args []string, _ string) (string, error) {
		if err := wantArgs("ARRAY_APPEND", args, 2); err != nil {
			return "", err
		}
		array, arrayLit := literalType(args[0])
		if arrayLit || array == "OBJECT" {
			elem, _ := literalType(args[1])
			return "", invalidArgTypes("ARRAY_APPEND", array, elem)
		}
		return "CAST(" + udfArrayAppend + "(" + argType(args[0]) + ", " + argType(args[1]) + ", " + variantText(args[0]) + ", " + variantText(args[1]) + ") AS JSON)", nil
	})
}

// argType is the DuckDB expression for the type of argument x that the
// array functions check and name: 'ARRAY' or 'OBJECT' when the expression
// makes one (DuckDB knows only JSON), else DuckDB's typeof(x).
func argType(x string) string {
	switch semiKind(codeOnly(tokenize(x)), nil) {
	case semiArray:
		return "'ARRAY'"
	case semiObject:
		return "'OBJECT'"
	}
	return "typeof(" + x + ")"
}

// literalType is the Snowflake type of an argument for an error message:
// a string or number literal's own (VARCHAR(3), NUMBER(1,0), FLOAT) with
// true; otherwise ARRAY, OBJECT or VARIANT as the expression makes one,
// with false.
func literalType(arg string) (string, bool) {
	c := codeOnly(tokenize(arg))
	if len(c) == 1 {
		switch t := c[0]; t.kind {
		case tkString:
			v, _ := stringValue(t)
			return fmt.Sprintf("VARCHAR(%d)", utf8.RuneCountInString(v)), true
		case tkNumber:
			intPart, frac, hasPoint := strings.Cut(t.text, ".")
			switch {
			case strings.ContainsAny(t.text, "eE"):
				return "FLOAT", true
			case !hasPoint:
				return fmt.Sprintf("NUMBER(%d,0)", integerLiteralLead(t.text)), true
			}
			lead := len(strings.TrimLeft(intPart, "0"))
			return fmt.Sprintf("NUMBER(%d,%d)", max(lead+len(frac), 1), len(frac)), true
		}
	}
	switch semiKind(c, nil) {
	case semiArray:
		return "ARRAY", false
	case semiObject:
		return "OBJECT", false
	}
	return "VARIANT", false
}
