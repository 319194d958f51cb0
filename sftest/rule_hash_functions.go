package sftest

import (
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"fmt"
	"hash"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// Hash functions: MD5, SHA1 and SHA2 with Snowflake's names and digest
// sizes, and HASH_AGG. DuckDB has md5, sha1 and sha256; SHA-224/384/512
// run in Go (sha2Func).

// sha2Func is the DuckDB scalar function sftest_sha2(value, bits): the
// lower-case hex SHA-2 digest of value (a string's UTF-8 bytes, or a
// BINARY's bytes) with 224, 256, 384 or 512 bits.
const sha2Func = "sftest_sha2"

// sha2DigestSizes are the digest sizes SHA2 takes, with their hashes.
var sha2DigestSizes = map[int64]func() hash.Hash{
	224: sha256.New224, 256: sha256.New, 384: sha512.New384, 512: sha512.New,
}

// badDigestSize is the message for a SHA2 digest size Snowflake refuses
// (the wording is sftest's): a literal size fails at compilation (001003),
// a computed one when the row is hashed.
func badDigestSize(size string) string {
	return fmt.Sprintf("Invalid digest size for function SHA2: %s; expected 224, 256, 384 or 512", size)
}

type sha2Function struct{}

func (sha2Function) Config() duckdb.ScalarFuncConfig {
	anyType, _ := duckdb.NewTypeInfo(duckdb.TYPE_ANY)
	bits, _ := duckdb.NewTypeInfo(duckdb.TYPE_BIGINT)
	result, _ := duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{anyType, bits}, ResultTypeInfo: result}
}

func (sha2Function) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(vals []driver.Value) (any, error) {
		bits, _ := vals[1].(int64)
		newHash, ok := sha2DigestSizes[bits]
		if !ok {
			return nil, fmt.Errorf("%s", badDigestSize(fmt.Sprint(bits)))
		}
		var data []byte
		switch v := vals[0].(type) {
		case string:
			data = []byte(v)
		case []byte:
			data = v
		default:
			data = []byte(fmt.Sprint(v))
		}
		h := newHash()
		h.Write(data)
		return hex.EncodeToString(h.Sum(nil)), nil
	}}
}

// distinctArg splits a leading DISTINCT off an aggregate's first argument:
// the argument without it and "DISTINCT " (or "" when there was none).
func distinctArg(arg string) (string, string) {
	if first := codeOnly(tokenize(arg)); len(first) > 1 && first[0].isWord("DISTINCT") {
		return strings.TrimSpace(arg[strings.Index(strings.ToUpper(arg), "DISTINCT")+len("DISTINCT"):]), "DISTINCT "
	}
	return arg, ""
}

// registerSHA2 adds sha2Func to the database's catalog.
func registerSHA2(ctx context.Context, db *sql.DB) error {
	c, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	return duckdb.RegisterScalarUDF(c, sha2Func, sha2Function{})
}

// sha2Call is the DuckDB expression for SHA2(value [, bits]) as hex text.
func sha2Call(name string, args []string) (string, error) {
	switch len(args) {
	case 1:
		return "sha256(" + args[0] + ")", nil
	case 2:
		if isInteger(args[1]) {
			switch args[1] {
			case "256":
				return "sha256(" + args[0] + ")", nil
			case "224", "384", "512":
				return sha2Func + "(" + args[0] + ", " + args[1] + ")", nil
			}
			return "", compileError("%s", badDigestSize(args[1]))
		}
		return sha2Func + "(" + args[0] + ", CAST(" + args[1] + " AS BIGINT))", nil
	}
	return "", compileError("not enough arguments for function [%s], expected 1 or 2, got %d", name, len(args))
}

// hashRewrites maps the one-argument hash functions to DuckDB's; the _HEX
// names are the plain ones, the _BINARY ones give the digest's bytes.
var hashRewrites = map[string]string{
	"MD5": "md5($1)", "MD5_HEX": "md5($1)", "MD5_BINARY": "unhex(md5($1))",
	"SHA1": "sha1($1)", "SHA1_HEX": "sha1($1)", "SHA1_BINARY": "unhex(sha1($1))",
}

// ruleHashFunctions rewrites MD5[_HEX|_BINARY], SHA1[_HEX|_BINARY],
// SHA2[_HEX|_BINARY](x [, 224|256|384|512]) and HASH_AGG. HASH_AGG(a, ...)
// is a signed 64-bit number that does not depend on row order and counts
// NULL rows (0 with no rows), as Snowflake's; its value is the sum of
// DuckDB's hash() of the rows, not Snowflake's hash, so it matches only
// itself. It works as a window function too; HASH_AGG(*) is not emulated.
func ruleHashFunctions(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "MD5") && !containsFold(s, "SHA") && !containsFold(s, "HASH_AGG") {
		return s, nil
	}
	var err error
	for name, tmpl := range hashRewrites {
		tmpl := tmpl
		s, err = rewriteCalls(s, name, func(args []string, _ string) (string, error) {
			if len(args) != 1 {
				return "", compileError("too many arguments for function [%s] expected 1, got %d", name, len(args))
			}
			return strings.ReplaceAll(tmpl, "$1", args[0]), nil
		})
		if err != nil {
			return "", err
		}
	}
	for _, name := range []string{"SHA2", "SHA2_HEX", "SHA2_BINARY"} {
		s, err = rewriteCalls(s, name, func(args []string, _ string) (string, error) {
			e, err := sha2Call(name, args)
			if err != nil || name != "SHA2_BINARY" {
				return e, err
			}
			return "unhex(" + e + ")", nil
		})
		if err != nil {
			return "", err
		}
	}
	return rewriteWindowCalls(s, "HASH_AGG", func(c windowCall) (string, error) {
		args := c.args
		if len(args) == 0 {
			return "", compileError("not enough arguments for function [HASH_AGG], expected at least 1, got 0")
		}
		distinct := ""
		args[0], distinct = distinctArg(args[0])
		if len(args) == 1 && args[0] == "*" {
			return "", unsupported("HASH_AGG(*)")
		}
		// The sum of unsigned 64-bit hashes, modulo 2^64, read as signed.
		return "CAST(((coalesce(sum(" + distinct + "hash(" + strings.Join(args, ", ") + "))" + c.overText() +
			", 0) + 9223372036854775808) % 18446744073709551616) - 9223372036854775808 AS BIGINT)", nil
	})
}
