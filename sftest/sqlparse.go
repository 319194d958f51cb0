package sftest

import (
	"fmt"
	"strings"
	"time"
)

// stmtKind says how the server executes a statement.
type stmtKind int

const (
	kindQuery     stmtKind = iota // SELECT/WITH/VALUES: returns rows
	kindDML                       // INSERT/UPDATE/DELETE/MERGE: returns rows affected
	kindDDL                       // CREATE/DROP/ALTER/TRUNCATE/COMMENT: returns a status message row
	kindUse                       // USE [DATABASE|SCHEMA|WAREHOUSE|ROLE] name, USE db[.schema]
	kindSession                   // ALTER SESSION SET/UNSET ... (accepted, stored)
	kindWait                      // SELECT SYSTEM$WAIT(n[, 'unit']) or CALL SYSTEM$WAIT(n[, 'unit'])
	kindCancel                    // SELECT SYSTEM$CANCEL_QUERY('<id>')
	kindTxn                       // BEGIN [TRANSACTION|WORK], START TRANSACTION, COMMIT, ROLLBACK
	kindVariables                 // SET / UNSET of session variables (session_variables.go)
)

// stmt is one classified, rewritten statement.
type stmt struct {
	Kind stmtKind
	Text string // the original statement text
	// Duck holds the DuckDB statements to run in order on one connection; the
	// last one's result is the statement's result. It is empty for the kinds
	// the server handles itself (Use, Session, Wait, Cancel, Txn). CREATE OR
	// REPLACE DATABASE and DROP DATABASE switch the connection's current
	// catalog away from the database they detach (DuckDB refuses to detach
	// the current one), so the server must re-apply the session's USE before
	// the next statement on that connection.
	Duck []string
	Verb string // upper-case leading verb: SELECT, INSERT, CREATE, USE, ALTER, CALL, BEGIN, ...
	// LockTable is, for UPDATE/DELETE/MERGE, the target table as written,
	// upper-cased unless quoted, without quotes (e.g. "DEMO_DB.PUBLIC.T" or
	// "T"); the server qualifies it.
	LockTable string
	// UseKind and UseName are, for kindUse, what to make current: DATABASE,
	// SCHEMA, WAREHOUSE, ROLE or SECONDARY ROLES (plain `USE x` is DATABASE;
	// `USE x.y` is SCHEMA with UseName "X.Y"). For kindDDL CREATE DATABASE
	// and CREATE SCHEMA they name the new object, which Snowflake makes the
	// session's current database (schema PUBLIC) or schema once the
	// statement succeeds. UseName is upper-cased unless quoted.
	UseKind, UseName string
	WaitFor          time.Duration // for kindWait: how long to wait
	WaitText         string        // for kindWait: Snowflake's answer, e.g. "waited 2 seconds"
	CancelID         string        // for kindCancel: the query ID to cancel
	// SessionParams is, for kindSession, the upper-cased parameter name ->
	// value (string literals unquoted); UNSET gives "".
	SessionParams map[string]string
	// Columns is, for kindWait and kindCancel, the result column name
	// Snowflake shows, e.g. "SYSTEM$WAIT(2)".
	Columns []string
	// Message is, for kindDDL, kindUse, kindSession and kindTxn, the status
	// text Snowflake returns, e.g. "Table T successfully created.".
	Message string
	// MinRun is, for a statement over GENERATOR(TIMELIMIT => s) without a
	// smaller ROWCOUNT, how long Snowflake would run it; the server should
	// not finish the statement earlier.
	MinRun time.Duration
	// Exact is, for a query (or CREATE TABLE|VIEW ... AS SELECT) whose
	// select list divides or averages NUMBERs, the retyping that makes that
	// arithmetic exact (arith_exact.go); nil otherwise.
	Exact exactRetype
	// Declare is, for CREATE TABLE and ALTER TABLE, the DuckDB statements
	// that record the declared column types DuckDB's types cannot hold
	// (catalog_declared.go), run after Duck on the same connection.
	Declare []string
	// DeclareFrom is, for CREATE TABLE|VIEW ... AS SELECT without a column
	// list, what the new object's columns take their declared types from.
	DeclareFrom *declaredQuery
	// Program is, for DDL whose DuckDB work depends on the catalog as it is
	// when the statement runs (CLONE, LIKE, SWAP, sequences), that work
	// (ddl_program.go), run after Duck in one transaction; nil otherwise.
	Program ddlProgram
	// Exists is, for CREATE ... IF NOT EXISTS and DROP ... IF EXISTS, what
	// answers when the statement finds nothing to do (ddl_exists_message.go).
	Exists *existenceCheck
	// Insert is, for INSERT OVERWRITE and multi-table inserts, the plan
	// that runs them (dml_insert_multi.go); Duck then holds its last step.
	Insert *insertPlan
	// Vars is, for kindVariables, the variables SET or UNSET names; a
	// SET's Duck yields their values.
	Vars *varAssign
}

// rewriteEnv is what rules may read about the server; the server fills it
// per statement.
type rewriteEnv struct {
	Database, Schema string                // the session's current database and schema (upper-case)
	LastQueryID      string                // the session's previous statement's query ID ("" if none)
	History          bool                  // the QUERY_HISTORY table functions read historyFunction; false: they have no rows
	SessionID        int64                 // the session, for QUERY_HISTORY_BY_SESSION() and CURRENT_SESSION()
	Params           map[string]string     // the session's parameters (upper-case names), for SHOW PARAMETERS
	Vars             map[string]sessionVar // the session's variables, for $v, IDENTIFIER($v), SHOW VARIABLES
	// Warehouse, Role and Client are the session's current warehouse and
	// role and its login's client ("Go 2.1.0"), for the context functions
	// (rule_context_functions.go) and SHOW WAREHOUSES/ROLES.
	Warehouse, Role, Client string
	// ResultTable returns a DuckDB table name that holds that query's result,
	// for RESULT_SCAN; its error is an *sqlError. It may be nil.
	ResultTable func(queryID string) (string, error)
	// Statement is the statement's text as sent (trimmed), for
	// CURRENT_STATEMENT(); parseStatement sets it.
	Statement string
}

// historyRow is one statement as QUERY_HISTORY() shows it.
type historyRow struct {
	QueryID, QueryText, Status string // Status: Snowflake's upper-case name, e.g. RUNNING
	SessionID                  int64
	Start, End                 time.Time // End is zero while running
	QueryTag                   string
	// The rest are QUERY_HISTORY's other columns; see queryHistoryColumns.
	Database, Schema, User, Role, Warehouse string
	ErrorCode, ErrorMessage                 string
	RowsProduced                            int64
	Running                                 time.Time     // when it began RUNNING; zero if it never ran
	Queued, Blocked                         time.Duration // waits for a slot and for a lock
}

// sqlError is a Snowflake-style error: Code is Snowflake's 6-digit code
// ("001003" compilation, "002003" object does not exist, "000604" canceled)
// and SQLState its 5-character state.
type sqlError struct{ Code, SQLState, Message string }

func (e *sqlError) Error() string { return e.Code + " (" + e.SQLState + "): " + e.Message }

// compileError is Snowflake's 001003 with the given message.
func compileError(format string, args ...any) *sqlError {
	return &sqlError{Code: "001003", SQLState: "42000", Message: "SQL compilation error: " + fmt.Sprintf(format, args...)}
}

// unsupported is the 001003 error for a construct sftest does not emulate.
func unsupported(construct string) *sqlError {
	return compileError("unsupported by sftest: %s", construct)
}

const msgOK = "Statement executed successfully."

// parseStatement classifies one statement (one element of splitStatements)
// and applies the rewrite rules. It never panics; what it cannot run is an
// *sqlError with code 001003 naming the construct. env may be nil.
func parseStatement(text string, env *rewriteEnv) (*stmt, error) {
	text = strings.TrimSpace(text)
	env = env.withStatement(text) // for CURRENT_STATEMENT()
	toks := tokenize(text)
	// A statement passed on its own may still end in semicolons.
	for i := prevCode(toks, len(toks)); i >= 0 && toks[i].is(";"); i = prevCode(toks, i) {
		toks = toks[:i]
	}
	if containsFold(text, "IDENTIFIER") || containsFold(text, "TABLE") {
		rt, changed, err := resolveIdentifiers(toks, env)
		if err != nil {
			return nil, err
		}
		if changed {
			text = strings.TrimSpace(joinTokens(rt))
			toks = tokenize(text)
		}
	}
	code := codeOnly(toks)
	if len(code) == 0 {
		return nil, &sqlError{Code: "000900", SQLState: "42000", Message: "Empty SQL statement."}
	}
	for _, t := range code {
		if t.is(";") {
			return nil, compileError("multiple statements in one statement text")
		}
	}
	st := &stmt{Text: text}
	for _, t := range code {
		if t.kind == tkWord {
			st.Verb = strings.ToUpper(t.text)
			break
		}
		if !t.is("(") {
			break
		}
	}
	var err error
	switch st.Verb {
	case "SELECT", "WITH", "VALUES":
		err = classifySelect(st, toks, env)
	case "INSERT", "UPDATE", "DELETE", "MERGE":
		err = classifyDML(st, toks, env)
	case "CREATE":
		err = classifyCreate(st, toks, env)
	case "DROP":
		err = classifyDrop(st, toks, env)
	case "ALTER":
		err = classifyAlter(st, toks, env)
	case "TRUNCATE":
		err = classifyTruncate(st, toks)
	case "COMMENT":
		if ok, cerr := classifyCommentOn(st, code); ok {
			err = cerr
			break
		}
		st.Kind, st.Message = kindDDL, msgOK
		err = rewriteInto(st, toks, env)
	case "GRANT", "REVOKE":
		err = classifyGrant(st, code)
	case "USE":
		err = classifyUse(st, code)
	case "CALL":
		err = classifyCall(st, toks)
	case "BEGIN", "START", "COMMIT", "ROLLBACK":
		err = classifyTxn(st, code)
	case "SHOW", "DESCRIBE", "DESC":
		if ok, verr := classifyShowVariables(st, toks, env); ok {
			err = verr
		} else {
			err = classifyShow(st, toks, env)
		}
	case "SET", "UNSET":
		err = classifyVariables(st, toks, env)
	case "":
		err = compileError("syntax error: statement does not start with a keyword")
	default:
		err = unsupported(st.Verb)
	}
	if err != nil {
		return nil, err
	}
	return st, nil
}

// rewriteInto applies the rule table to the statement and makes the result
// its single DuckDB statement.
func rewriteInto(st *stmt, toks []token, env *rewriteEnv) error {
	s, err := applyRules(joinTokens(toks), env)
	if err != nil {
		return err
	}
	st.Duck = []string{s}
	st.MinRun = generatorMinRun(toks)
	return nil
}

func classifySelect(st *stmt, toks []token, env *rewriteEnv) error {
	if ok, err := classifySystemCall(st, toks); ok || err != nil {
		return err
	}
	st.Kind = kindQuery
	if err := rewriteInto(st, toks, env); err != nil {
		return err
	}
	st.Exact = exactArithmetic(toks, env)
	return nil
}

func classifyDML(st *stmt, toks []token, env *rewriteEnv) error {
	st.Kind = kindDML
	code := codeOnly(toks)
	var at int // index in code of the target name
	switch st.Verb {
	case "UPDATE":
		at = 1
	case "DELETE":
		at = 2 // DELETE FROM t
	case "MERGE":
		at = 2 // MERGE INTO t
	case "INSERT":
		if len(code) > 1 && (code[1].isWord("OVERWRITE") || code[1].isWord("ALL") || code[1].isWord("FIRST")) {
			return classifyInsertPlan(st, toks, env)
		}
	}
	if at > 0 {
		parts, _ := parseName(code, at)
		if len(parts) == 0 {
			return compileError("syntax error: %s without a target table", st.Verb)
		}
		st.LockTable = plainName(parts)
	}
	return rewriteInto(st, toks, env)
}
