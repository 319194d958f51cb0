package sftest

import (
	"regexp"
	"strings"
)

// udfNotEmulated starts the engine error a call of a non-SQL function
// raises; exec_errors.go turns it into Snowflake's compilation error.
const udfNotEmulated = "sftest-not-emulated: "

// udfNotEmulatedError matches the engine's text of that error.
var udfNotEmulatedError = regexp.MustCompile(`^` + udfNotEmulated + `(.+)$`)

// udfOptionWords end a UDF's RETURNS type.
var udfOptionWords = map[string]bool{
	"LANGUAGE": true, "NOT": true, "NULL": true, "CALLED": true, "RETURNS": true, "STRICT": true,
	"IMMUTABLE": true, "VOLATILE": true, "COMMENT": true, "AS": true, "RUNTIME_VERSION": true,
	"HANDLER": true, "PACKAGES": true, "IMPORTS": true, "MEMOIZABLE": true, "TARGET_PATH": true,
	"EXTERNAL_ACCESS_INTEGRATIONS": true, "SECRETS": true,
}

// createFunction maps CREATE [OR REPLACE] FUNCTION [IF NOT EXISTS]
// name(arg type, ...) RETURNS type [options] AS '<body>' (or $$body$$) to a
// DuckDB macro. A SQL function's body, a Snowflake expression (or a query
// in parentheses), goes through the rule table and its result is cast to the
// RETURNS type; the argument types are not checked or applied. A function
// in another language (JAVASCRIPT, PYTHON, JAVA, SCALA) is created as a
// macro that fails when called, as Snowflake's 001003 naming the function
// (see udfNotEmulatedError). Overloading by argument types and RETURNS
// TABLE functions are not emulated.
func createFunction(st *stmt, code []token, orReplace, ifNotExists bool, parts []namePart, next int, env *rewriteEnv) error {
	if orReplace && ifNotExists {
		return compileError("OR REPLACE and IF NOT EXISTS are incompatible")
	}
	if next >= len(code) || !code[next].is("(") {
		return compileError("syntax error: CREATE FUNCTION %s without an argument list", plainName(parts))
	}
	close := closeParen(code, next)
	if close < 0 {
		return compileError("syntax error: unbalanced argument list of function %s", plainName(parts))
	}
	var params, types []string
	for _, a := range splitArgs(code, next+1, close) {
		if len(a) < 2 || a[0].kind != tkWord && a[0].kind != tkQuoted {
			return compileError("syntax error: invalid argument %s of function %s", trimmed(a), plainName(parts))
		}
		params = append(params, a[0].text)
		types = append(types, baseType(joinTokens(spaced(a[1:]))))
	}
	lang, retFrom, retTo, body := "SQL", -1, -1, -1
	for i := close + 1; i < len(code); i++ {
		t := code[i]
		switch {
		case t.isWord("RETURNS") && retFrom < 0:
			retFrom = i + 1
			for retTo = retFrom; retTo < len(code) && !(code[retTo].kind == tkWord && udfOptionWords[strings.ToUpper(code[retTo].text)]); retTo++ {
			}
			i = retTo - 1
		case t.isWord("LANGUAGE") && i+1 < len(code) && code[i+1].kind == tkWord:
			lang = strings.ToUpper(code[i+1].text)
			i++
		case t.isWord("AS") && i+1 < len(code) && code[i+1].kind == tkString:
			body = i + 1
		}
	}
	if retFrom < 0 || retTo <= retFrom {
		return compileError("syntax error: CREATE FUNCTION %s without RETURNS", plainName(parts))
	}
	if code[retFrom].isWord("TABLE") {
		return unsupported("table function (RETURNS TABLE) " + plainName(parts))
	}
	if body < 0 {
		return compileError("syntax error: CREATE FUNCTION %s without a body (AS '...')", plainName(parts))
	}
	text, ok := stringValue(code[body])
	if !ok {
		return compileError("syntax error: unterminated body of function %s", plainName(parts))
	}
	retType := strings.TrimSpace(joinTokens(spaced(code[retFrom:retTo])))
	if lang != "SQL" {
		msg := udfNotEmulated + lang + " function " + plainName(parts) + " (only SQL functions run)"
		text = "error(" + quoteString(msg) + ")"
	}
	head := "CREATE MACRO "
	if orReplace {
		head = "CREATE OR REPLACE MACRO "
	}
	if ifNotExists {
		head += "IF NOT EXISTS "
	}
	macro := head + duckName(parts) + "(" + strings.Join(params, ", ") + ") AS CAST((" + text + ") AS " + retType + ")"
	s, err := applyRules(macro, env)
	if err != nil {
		return err
	}
	st.Duck = []string{s, udfSignatureComment(parts, lang, types, retType)}
	return nil
}

// spaced separates code tokens with single spaces.
func spaced(code []token) []token {
	out := make([]token, 0, 2*len(code))
	for i, t := range code {
		if i > 0 && !t.is("(") && !t.is(")") && !t.is(",") && !code[i-1].is("(") {
			out = append(out, token{kind: tkSpace, text: " "})
		}
		out = append(out, t)
	}
	return out
}

// dropFunction maps DROP FUNCTION [IF EXISTS] name(arg types) to DROP MACRO.
func dropFunction(parts []namePart, ifExists bool) []string {
	drop := "DROP MACRO "
	if ifExists {
		drop += "IF EXISTS "
	}
	return []string{drop + duckName(parts)}
}

// udfNotEmulatedCall answers a call of a non-SQL function.
func udfNotEmulatedCall(m []string, _ failedStmt) *sqlError { return unsupported(m[1]) }
