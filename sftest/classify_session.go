package sftest

import "strings"

// USE, transactions, ALTER and session statements, classified.

// classifyUse handles USE [DATABASE|SCHEMA|WAREHOUSE|ROLE|SECONDARY ROLES] name.
func classifyUse(st *stmt, code []token) error {
	st.Kind, st.Message = kindUse, msgOK
	i := 1
	if len(code) > 1 && code[1].kind == tkWord {
		switch w := strings.ToUpper(code[1].text); w {
		case "DATABASE", "SCHEMA", "WAREHOUSE", "ROLE":
			st.UseKind, i = w, 2
		case "SECONDARY":
			if len(code) > 2 && code[2].isWord("ROLES") {
				st.UseKind, i = "SECONDARY ROLES", 3
			}
		}
	}
	parts, next := parseName(code, i)
	if len(parts) == 0 || next != len(code) {
		return compileError("syntax error in USE statement")
	}
	if st.UseKind == "" {
		st.UseKind = "DATABASE"
		if len(parts) == 2 {
			st.UseKind = "SCHEMA"
		}
	}
	max := 1
	if st.UseKind == "SCHEMA" {
		max = 2
	}
	if len(parts) > max {
		return compileError("syntax error in USE statement: too many name parts")
	}
	st.UseName = plainName(parts)
	return nil
}

// classifyTxn handles BEGIN/START TRANSACTION/COMMIT/ROLLBACK; a BEGIN that
// opens a Snowflake Scripting block is not a transaction.
func classifyTxn(st *stmt, code []token) error {
	st.Kind, st.Message = kindTxn, msgOK
	rest := code[1:]
	switch st.Verb {
	case "START":
		if len(rest) == 0 || !rest[0].isWord("TRANSACTION") {
			return unsupported("START " + strings.ToUpper(joinTokens(rest)))
		}
		rest = rest[1:]
	case "BEGIN":
		if len(rest) > 0 && (rest[0].isWord("TRANSACTION") || rest[0].isWord("WORK")) {
			rest = rest[1:]
		}
	default:
		if len(rest) > 0 && rest[0].isWord("WORK") {
			rest = rest[1:]
		}
		if len(rest) > 0 {
			return unsupported(st.Verb + " " + strings.ToUpper(rest[0].text))
		}
	}
	// BEGIN/START TRANSACTION may name the transaction.
	if len(rest) == 2 && rest[0].isWord("NAME") && (rest[1].kind == tkWord || rest[1].kind == tkQuoted) {
		rest = nil
	}
	if len(rest) > 0 {
		return unsupported("Snowflake Scripting block (BEGIN ... END)")
	}
	return nil
}

// classifyAlter handles ALTER SESSION (stored by the server) and ALTER
// TABLE/VIEW (run by DuckDB).
func classifyAlter(st *stmt, toks []token, env *rewriteEnv) error {
	code := codeOnly(toks)
	if len(code) < 2 {
		return compileError("syntax error in ALTER statement")
	}
	switch {
	case code[1].isWord("SESSION"):
		return classifySession(st, code)
	case code[1].isWord("TABLE"):
		return classifyAlterTable(st, toks, code, env) // classify_table_ops.go
	case code[1].isWord("VIEW"):
		st.Kind, st.Message = kindDDL, msgOK
		st.Declare = declareStatements(toks)
		return rewriteInto(st, toks, env)
	case code[1].isWord("WAREHOUSE"):
		return alterWarehouse(st, code)
	}
	return unsupported("ALTER " + strings.ToUpper(code[1].text))
}

// classifySession handles ALTER SESSION SET a = v [,] b = w and UNSET a, b.
func classifySession(st *stmt, code []token) error {
	st.Kind, st.Message = kindSession, msgOK
	st.SessionParams = map[string]string{}
	if len(code) < 3 {
		return compileError("syntax error in ALTER SESSION")
	}
	rest := code[3:]
	switch {
	case code[2].isWord("SET"):
		for len(rest) > 0 {
			if rest[0].is(",") {
				rest = rest[1:]
				continue
			}
			if len(rest) < 3 || rest[0].kind != tkWord || !rest[1].is("=") {
				return compileError("syntax error in ALTER SESSION SET")
			}
			name := strings.ToUpper(rest[0].text)
			rest = rest[2:]
			// A value is one literal or word, possibly signed.
			valTok := rest[0]
			val := valTok.text
			rest = rest[1:]
			if (val == "-" || val == "+") && len(rest) > 0 && rest[0].kind == tkNumber {
				val += rest[0].text
				rest = rest[1:]
			} else if v, ok := stringValue(valTok); ok {
				val = v
			}
			st.SessionParams[name] = val
		}
	case code[2].isWord("UNSET"):
		for _, t := range rest {
			switch {
			case t.is(","):
			case t.kind == tkWord:
				st.SessionParams[strings.ToUpper(t.text)] = ""
			default:
				return compileError("syntax error in ALTER SESSION UNSET")
			}
		}
	default:
		return compileError("syntax error in ALTER SESSION")
	}
	if len(st.SessionParams) == 0 {
		return compileError("syntax error in ALTER SESSION: no parameter")
	}
	return nil
}

// objectModifiers may stand between CREATE [OR REPLACE] and the object type.
var objectModifiers = map[string]bool{
	"TRANSIENT": true, "TEMPORARY": true, "TEMP": true, "VOLATILE": true,
	"LOCAL": true, "GLOBAL": true, "SECURE": true, "RECURSIVE": true,
}
