package sftest

import (
	"database/sql/driver"
	"fmt"
	"strings"
	"unicode"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/google/uuid"
)

// The engine functions behind INITCAP (both forms) and UUID_STRING's
// name-based form.
const (
	initcapFunc    = "sftest_initcap"
	uuidStringFunc = "sftest_uuid_string"
)

// initcapDelimiters are INITCAP's default delimiters besides whitespace,
// as Snowflake documents them.
const initcapDelimiters = "!?@\"^#$&~_,.:;+-*%/|\\[](){}<>"

// initcap is Snowflake's INITCAP: each letter after a delimiter (or at the
// start) upper-cased, every other letter lower-cased. delims nil means the
// default set: whitespace and initcapDelimiters; otherwise exactly its
// characters ("" capitalises only the first letter).
func initcap(s string, delims *string) string {
	var b strings.Builder
	start := true
	for _, r := range s {
		if start {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		if delims == nil {
			start = unicode.IsSpace(r) || strings.ContainsRune(initcapDelimiters, r)
		} else {
			start = strings.ContainsRune(*delims, r)
		}
	}
	return b.String()
}

// initcapCall rewrites INITCAP(s [, delimiters]).
func initcapCall(args []string, call string) (string, error) {
	switch len(args) {
	case 1:
		return initcapFunc + "(CAST(" + args[0] + " AS VARCHAR), NULL::VARCHAR, false)", nil
	case 2:
		return "(CASE WHEN (" + args[1] + ") IS NULL THEN NULL ELSE " +
			initcapFunc + "(CAST(" + args[0] + " AS VARCHAR), CAST(" + args[1] + " AS VARCHAR), true) END)", nil
	}
	return "", argCount(call, len(args), 2)
}

// initcapUDF is initcapFunc(VARCHAR s, VARCHAR delimiters, BOOLEAN given):
// without given, the default delimiters. It handles NULLs itself, so a
// NULL s gives NULL and a NULL delimiters stands for the default.
type initcapUDF struct{}

func (initcapUDF) Config() duckdb.ScalarFuncConfig {
	str := typeInfo(duckdb.TYPE_VARCHAR)
	return duckdb.ScalarFuncConfig{
		InputTypeInfos:      []duckdb.TypeInfo{str, str, typeInfo(duckdb.TYPE_BOOLEAN)},
		ResultTypeInfo:      str,
		SpecialNullHandling: true,
	}
}

func (initcapUDF) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(vals []driver.Value) (any, error) {
		if vals[0] == nil {
			return nil, nil
		}
		s, ok := vals[0].(string)
		if !ok {
			return nil, fmt.Errorf("%s: not a string: %T", initcapFunc, vals[0])
		}
		d, given := vals[1].(string)
		if !given {
			return initcap(s, nil), nil
		}
		return initcap(s, &d), nil
	}}
}

// uuidStringCall rewrites UUID_STRING(namespace, name), the version 5 UUID
// of name in namespace; UUID_STRING() keeps its template.
func uuidStringCall(args []string, call string) (string, error) {
	switch len(args) {
	case 0:
		return call, nil
	case 2:
		return uuidStringFunc + "(CAST(" + args[0] + " AS VARCHAR), CAST(" + args[1] + " AS VARCHAR))", nil
	}
	return "", argCount(call, len(args), 2)
}

// uuidStringUDF is uuidStringFunc(VARCHAR namespace, VARCHAR name).
type uuidStringUDF struct{}

func (uuidStringUDF) Config() duckdb.ScalarFuncConfig {
	str := typeInfo(duckdb.TYPE_VARCHAR)
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{str, str}, ResultTypeInfo: str}
}

func (uuidStringUDF) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(vals []driver.Value) (any, error) {
		ns, ok1 := vals[0].(string)
		name, ok2 := vals[1].(string)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("%s: unexpected argument types %T, %T", uuidStringFunc, vals[0], vals[1])
		}
		space, err := uuid.Parse(ns)
		if err != nil {
			return nil, fnError("001003", "42000", "SQL compilation error: unsupported by sftest: UUID_STRING with the namespace '"+
				ns+"', which is not a UUID")
		}
		return uuid.NewSHA1(space, []byte(name)).String(), nil
	}}
}
