package sftest

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// Snowflake functions whose rules are easier to state in Go than in SQL
// (SOUNDEX, INSERT, MONTHS_BETWEEN, TO_CHAR and TO_NUMBER with a number
// format, the REGEXP_* functions, INITCAP, UUID_STRING; engineFunctions
// lists them) run as DuckDB scalar functions named sftest_<name>,
// registered in the engine's catalog where every connection sees them. Their rules (rule_*.go) rewrite
// the Snowflake call into a call of the function; a NULL argument gives NULL
// without calling it.

// engineFunctions are the scalar functions registerEngineFunctions adds.
var engineFunctions = map[string]duckdb.ScalarFunc{
	soundexFunc:                  soundexUDF{},
	soundexP123Func:              soundexUDF{p123: true},
	insertFunc:                   insertUDF{},
	monthsBetweenFunc:            monthsBetweenUDF{},
	numberFormatFunc:             numberFormatUDF{},
	regexpFuncs[regexpSubstr]:    regexpUDF{regexpSubstr},
	regexpFuncs[regexpInstr]:     regexpUDF{regexpInstr},
	regexpFuncs[regexpSubstrAll]: regexpUDF{regexpSubstrAll},
	regexpFuncs[regexpCount]:     regexpUDF{regexpCount},
	initcapFunc:                  initcapUDF{},
	uuidStringFunc:               uuidStringUDF{},
	parseNumberFunc:              parseNumberUDF{},
	zoneMarksFunc:                zoneMarksUDF{},
}

// registerEngineFunctions adds engineFunctions to the database's catalog.
func registerEngineFunctions(ctx context.Context, db *sql.DB) error {
	c, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	for name, f := range engineFunctions {
		if err := duckdb.RegisterScalarUDF(c, name, f); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// typeInfo is DuckDB's type info for a type without parameters; the types
// used here always have one.
func typeInfo(t duckdb.Type) duckdb.TypeInfo {
	info, err := duckdb.NewTypeInfo(t)
	if err != nil {
		panic(fmt.Sprintf("sftest: type info of %v: %v", t, err))
	}
	return info
}

// fnError is the error an engine function raises to answer the statement
// with Snowflake's error: the engine hands only its text back, which
// functionErrorRule (exec_errors.go) turns into code, SQLSTATE and message.
func fnError(code, state, message string) error {
	return fmt.Errorf("sftest-error %s %s: %s", code, state, message)
}

// functionErrorText matches fnError's text inside the engine's message.
var functionErrorText = regexp.MustCompile(`sftest-error (\d{6}) (\w{5}): (.*)$`)

// functionError is the Snowflake error an engine function raised.
func functionError(m []string, _ failedStmt) *sqlError {
	return &sqlError{Code: m[1], SQLState: m[2], Message: m[3]}
}

// engineCalls rewrites each Snowflake function that runs as an engine
// function: fn gets the call's arguments (already rewritten) and the call's
// text and returns the DuckDB expression.
var engineCalls = map[string]func(args []string, call string) (string, error){
	"SOUNDEX":        oneStringCall(soundexFunc),
	"SOUNDEX_P123":   oneStringCall(soundexP123Func),
	"MONTHS_BETWEEN": monthsBetweenCall,
	"INITCAP":        initcapCall,
	"UUID_STRING":    uuidStringCall,
}

// ruleEngineFunctions rewrites the calls of engineCalls' functions.
func ruleEngineFunctions(s string, _ *rewriteEnv) (string, error) {
	for name, fn := range engineCalls {
		var err error
		if s, err = rewriteCalls(s, name, fn); err != nil {
			return "", err
		}
	}
	return rewriteInsertCalls(s)
}

// argCount is Snowflake's compilation error for a call of the wrong number
// of arguments.
func argCount(call string, got, want int) error {
	if got < want {
		return compileError("not enough arguments for function [%s], expected %d, got %d", call, want, got)
	}
	return compileError("too many arguments for function [%s], expected %d, got %d", call, want, got)
}

// oneStringCall rewrites a one-argument call into the engine function fn of
// the argument as text.
func oneStringCall(fn string) func(args []string, call string) (string, error) {
	return func(args []string, call string) (string, error) {
		if len(args) != 1 {
			return "", argCount(call, len(args), 1)
		}
		return fn + "(CAST(" + args[0] + " AS VARCHAR))", nil
	}
}

// mergeInsertMark stands in for the INSERT keyword of a MERGE while the
// INSERT calls are rewritten.
const mergeInsertMark = "sftest_merge_insert_keyword"

// rewriteInsertCalls rewrites the INSERT(base, pos, len, ins) calls of s,
// not the INSERT that starts a statement or a MERGE's WHEN NOT MATCHED THEN
// INSERT (columns) VALUES (...), which look the same to rewriteCalls and are
// hidden from it.
func rewriteInsertCalls(s string) (string, error) {
	if !containsFold(s, "INSERT") {
		return s, nil
	}
	toks := tokenize(s)
	var hidden []string
	calls := false
	for i, t := range toks {
		if p := prevCode(toks, i); t.isWord("INSERT") && (p < 0 || toks[p].isWord("THEN")) {
			hidden = append(hidden, t.text)
			toks[i].text = mergeInsertMark
		} else if _, _, ok := callAt(toks, i, "INSERT"); ok {
			calls = true
		}
	}
	if !calls {
		return s, nil // every INSERT statement comes here: tokenize it once
	}
	s, err := rewriteCalls(joinTokens(toks), "INSERT", insertCall)
	for _, h := range hidden {
		s = strings.Replace(s, mergeInsertMark, h, 1)
	}
	return s, err
}
