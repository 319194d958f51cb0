package sftest

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// stmtKind says how the server executes a statement.
type stmtKind int

const (
	kindQuery   stmtKind = iota // SELECT/WITH/VALUES: returns rows
	kindDML                     // INSERT/UPDATE/DELETE/MERGE: returns rows affected
	kindDDL                     // CREATE/DROP/ALTER/TRUNCATE/COMMENT: returns a status message row
	kindUse                     // USE [DATABASE|SCHEMA|WAREHOUSE|ROLE] name, USE db[.schema]
	kindSession                 // ALTER SESSION SET/UNSET ... (accepted, stored)
	kindWait                    // SELECT SYSTEM$WAIT(n[, 'unit']) or CALL SYSTEM$WAIT(n[, 'unit'])
	kindCancel                  // SELECT SYSTEM$CANCEL_QUERY('<id>')
	kindTxn                     // BEGIN [TRANSACTION|WORK], START TRANSACTION, COMMIT, ROLLBACK
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
}

// rewriteEnv is what rules may read about the server; the server fills it
// per statement.
type rewriteEnv struct {
	Database, Schema string              // the session's current database and schema (upper-case)
	LastQueryID      string              // the session's previous statement's query ID ("" if none)
	History          func() []historyRow // for the QUERY_HISTORY table functions; may be nil
	SessionID        int64               // the session, for QUERY_HISTORY_BY_SESSION() and CURRENT_SESSION()
	Params           map[string]string   // the session's parameters (upper-case names), for SHOW PARAMETERS
	// ResultTable returns a DuckDB table name that holds that query's result,
	// for RESULT_SCAN; its error is an *sqlError. It may be nil.
	ResultTable func(queryID string) (string, error)
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
	toks := tokenize(text)
	// A statement passed on its own may still end in semicolons.
	for i := prevCode(toks, len(toks)); i >= 0 && toks[i].is(";"); i = prevCode(toks, i) {
		toks = toks[:i]
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
	case "TRUNCATE", "COMMENT":
		st.Kind, st.Message = kindDDL, msgOK
		err = rewriteInto(st, toks, env)
	case "USE":
		err = classifyUse(st, code)
	case "CALL":
		err = classifyCall(st, toks)
	case "BEGIN", "START", "COMMIT", "ROLLBACK":
		err = classifyTxn(st, code)
	case "SHOW", "DESCRIBE", "DESC":
		err = classifyShow(st, toks, env)
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
	return rewriteInto(st, toks, env)
}

// classifySystemCall recognises SELECT SYSTEM$WAIT(...) [[AS] alias] and
// SELECT SYSTEM$CANCEL_QUERY('id') [[AS] alias]: the server runs these itself.
// Either function anywhere else is an error (the rule table reports it).
func classifySystemCall(st *stmt, toks []token) (bool, error) {
	sel, i := codeAt(toks, 0)
	if !sel.isWord("SELECT") {
		return false, nil
	}
	fn, fi := codeAt(toks, i+1)
	var name string
	switch {
	case fn.isWord("SYSTEM$WAIT"):
		name = "SYSTEM$WAIT"
	case fn.isWord("SYSTEM$CANCEL_QUERY"):
		name = "SYSTEM$CANCEL_QUERY"
	default:
		return false, nil
	}
	open, close, ok := callAt(toks, fi, name)
	if !ok {
		return false, nil
	}
	// What follows the call may only be an alias.
	rest := codeOnly(toks[close+1:])
	if len(rest) > 0 && rest[0].isWord("AS") {
		rest = rest[1:]
	}
	column := strings.ToUpper(trimmed(toks[fi : close+1]))
	switch {
	case len(rest) == 0:
	case len(rest) == 1 && rest[0].kind == tkWord:
		column = strings.ToUpper(rest[0].text)
	case len(rest) == 1 && rest[0].kind == tkQuoted:
		column = unquoteIdent(rest[0].text)
	default:
		return false, nil
	}
	args := splitArgs(toks, open+1, close)
	var err error
	if name == "SYSTEM$WAIT" {
		err = setWait(st, args)
	} else {
		err = setCancel(st, args)
	}
	st.Columns = []string{column}
	return true, err
}

// waitUnits are SYSTEM$WAIT's time units.
var waitUnits = map[string]time.Duration{
	"DAYS": 24 * time.Hour, "HOURS": time.Hour, "MINUTES": time.Minute, "SECONDS": time.Second,
	"MILLISECONDS": time.Millisecond, "MICROSECONDS": time.Microsecond, "NANOSECONDS": time.Nanosecond,
}

// setWait fills a kindWait statement from SYSTEM$WAIT's arguments.
func setWait(st *stmt, args [][]token) error {
	if len(args) < 1 || len(args) > 2 {
		return compileError("SYSTEM$WAIT takes an amount and an optional time unit")
	}
	amount := codeOnly(args[0])
	if len(amount) != 1 || amount[0].kind != tkNumber {
		return compileError("invalid value [%s] for parameter 'amount' of SYSTEM$WAIT: a number literal is required", trimmed(args[0]))
	}
	n, err := strconv.ParseFloat(amount[0].text, 64)
	if err != nil {
		return compileError("invalid value [%s] for parameter 'amount' of SYSTEM$WAIT", amount[0].text)
	}
	unit := "SECONDS"
	if len(args) == 2 {
		u := codeOnly(args[1])
		v, ok := "", false
		if len(u) == 1 {
			v, ok = stringValue(u[0])
		}
		if !ok {
			return compileError("invalid value [%s] for parameter 'time_unit' of SYSTEM$WAIT", trimmed(args[1]))
		}
		unit = strings.ToUpper(strings.TrimSpace(v))
	}
	per, ok := waitUnits[unit]
	if !ok {
		return compileError("invalid value [%s] for parameter 'time_unit' of SYSTEM$WAIT", unit)
	}
	d := n * float64(per)
	if d > math.MaxInt64 {
		return compileError("invalid value [%s] for parameter 'amount' of SYSTEM$WAIT: too long", amount[0].text)
	}
	st.Kind = kindWait
	st.WaitFor = time.Duration(d)
	st.WaitText = "waited " + amount[0].text + " " + strings.ToLower(unit)
	return nil
}

// setCancel fills a kindCancel statement from SYSTEM$CANCEL_QUERY's argument.
func setCancel(st *stmt, args [][]token) error {
	if len(args) == 1 {
		if a := codeOnly(args[0]); len(a) == 1 {
			if v, ok := stringValue(a[0]); ok {
				st.Kind = kindCancel
				st.CancelID = strings.TrimSpace(v)
				return nil
			}
		}
	}
	return compileError("SYSTEM$CANCEL_QUERY takes one query ID string literal")
}

func classifyCall(st *stmt, toks []token) error {
	_, i := codeAt(toks, 0)
	fn, fi := codeAt(toks, i+1)
	if !fn.isWord("SYSTEM$WAIT") {
		return unsupported("CALL " + strings.ToUpper(fn.text))
	}
	open, close, ok := callAt(toks, fi, "SYSTEM$WAIT")
	if !ok || len(codeOnly(toks[close+1:])) > 0 {
		return compileError("syntax error in CALL SYSTEM$WAIT")
	}
	st.Columns = []string{"SYSTEM$WAIT"}
	return setWait(st, splitArgs(toks, open+1, close))
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
			return unsupported("INSERT " + strings.ToUpper(code[1].text))
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
	case code[1].isWord("TABLE"), code[1].isWord("VIEW"):
		st.Kind, st.Message = kindDDL, msgOK
		return rewriteInto(st, toks, env)
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

// createTarget returns the object type (upper-case) of a CREATE statement,
// whether it had OR REPLACE and IF NOT EXISTS, and the index in code of the
// object's name.
func createTarget(code []token) (object string, orReplace, ifNotExists bool, nameAt int) {
	i := 1
	if i+1 < len(code) && code[i].isWord("OR") && code[i+1].isWord("REPLACE") {
		orReplace, i = true, i+2
	}
	for i < len(code) && code[i].kind == tkWord && objectModifiers[strings.ToUpper(code[i].text)] {
		i++
	}
	if i < len(code) && code[i].kind == tkWord {
		object = strings.ToUpper(code[i].text)
		i++
	}
	if i+2 < len(code) && code[i].isWord("IF") && code[i+1].isWord("NOT") && code[i+2].isWord("EXISTS") {
		ifNotExists, i = true, i+3
	}
	return object, orReplace, ifNotExists, i
}

func classifyCreate(st *stmt, toks []token, env *rewriteEnv) error {
	code := codeOnly(toks)
	object, orReplace, ifNotExists, at := createTarget(code)
	parts, next := parseName(code, at)
	switch object {
	case "DATABASE", "SCHEMA", "TABLE", "VIEW", "SEQUENCE", "FUNCTION":
	default:
		return unsupported("CREATE " + object)
	}
	if len(parts) == 0 {
		return compileError("syntax error: CREATE %s without a name", object)
	}
	for _, t := range code[next:] {
		if t.isWord("CLONE") {
			return unsupported("CLONE")
		}
	}
	st.Kind = kindDDL
	last := parts[len(parts)-1].text
	st.Message = titleCase(object) + " " + last + " successfully created."
	switch object {
	case "DATABASE":
		duck, err := createDatabase(parts, orReplace, ifNotExists, code[next:])
		st.Duck, st.UseKind, st.UseName = duck, "DATABASE", plainName(parts)
		return err
	case "SCHEMA":
		duck, err := createSchema(parts, orReplace, ifNotExists, code[next:])
		st.Duck, st.UseKind, st.UseName = duck, "SCHEMA", plainName(parts)
		return err
	case "FUNCTION":
		return createFunction(st, code, orReplace, ifNotExists, parts, next, env)
	}
	return rewriteInto(st, toks, env)
}

func classifyDrop(st *stmt, toks []token, env *rewriteEnv) error {
	code := codeOnly(toks)
	if len(code) < 3 || code[1].kind != tkWord {
		return compileError("syntax error in DROP statement")
	}
	object := strings.ToUpper(code[1].text)
	i, ifExists := 2, false
	if i+1 < len(code) && code[i].isWord("IF") && code[i+1].isWord("EXISTS") {
		ifExists, i = true, i+2
	}
	parts, next := parseName(code, i)
	if len(parts) == 0 {
		return compileError("syntax error: DROP %s without a name", object)
	}
	st.Kind = kindDDL
	st.Message = parts[len(parts)-1].text + " successfully dropped."
	switch object {
	case "DATABASE":
		duck, err := dropDatabase(parts, ifExists, code[next:])
		st.Duck = duck
		return err
	case "SCHEMA":
		duck, err := dropSchema(parts, ifExists, code[next:])
		st.Duck = duck
		return err
	case "TABLE", "VIEW", "SEQUENCE":
		return rewriteInto(st, toks, env)
	case "FUNCTION":
		st.Duck = dropFunction(parts, ifExists)
		return nil
	}
	return unsupported("DROP " + object)
}

// titleCase turns TABLE into Table.
func titleCase(w string) string {
	if w == "" {
		return w
	}
	return w[:1] + strings.ToLower(w[1:])
}

// stringValue decodes a Snowflake string literal token ('...' with ” and
// backslash escapes, or $$...$$). ok is false for other tokens and for an
// unterminated literal.
func stringValue(t token) (string, bool) {
	s := t.text
	if t.kind != tkString {
		return "", false
	}
	if strings.HasPrefix(s, "$$") {
		if len(s) < 4 || !strings.HasSuffix(s, "$$") {
			return "", false
		}
		return s[2 : len(s)-2], true
	}
	if len(s) < 2 || s[len(s)-1] != '\'' {
		return "", false
	}
	body := s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '\'' && i+1 < len(body) && body[i+1] == '\'':
			b.WriteByte('\'')
			i++
		case c == '\\' && i+1 < len(body):
			i++
			i += decodeEscape(body[i:], &b) - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

// decodeEscape decodes the Snowflake escape sequence whose text (after the
// backslash) starts s, writes its value to b and returns how many bytes of s
// it used (at least 1).
func decodeEscape(s string, b *strings.Builder) int {
	switch s[0] {
	case 'n':
		b.WriteByte('\n')
	case 't':
		b.WriteByte('\t')
	case 'r':
		b.WriteByte('\r')
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case '0', '1', '2', '3', '4', '5', '6', '7':
		n := 1
		for n < 3 && n < len(s) && s[n] >= '0' && s[n] <= '7' {
			n++
		}
		v, _ := strconv.ParseUint(s[:n], 8, 8)
		b.WriteRune(rune(v))
		return n
	case 'x':
		if len(s) >= 3 {
			if v, err := strconv.ParseUint(s[1:3], 16, 8); err == nil {
				b.WriteRune(rune(v))
				return 3
			}
		}
		b.WriteByte('x')
	case 'u':
		if len(s) >= 5 {
			if v, err := strconv.ParseUint(s[1:5], 16, 32); err == nil {
				b.WriteRune(rune(v))
				return 5
			}
		}
		b.WriteByte('u')
	default:
		// \' \" \\ and unknown escapes stand for the character itself.
		b.WriteByte(s[0])
	}
	return 1
}

// columnName turns a DuckDB result column name into what Snowflake shows:
// unquoted identifiers upper-cased (`select 1 as x` gives X), but a name the
// statement text wrote in double quotes keeps its case (`"x"` stays x).
// Expressions get the name Snowflake gives them because ruleSelectAliases
// aliases them with their upper-cased text; this only maps what slips
// through (DuckDB's count_star() is Snowflake's COUNT(*)).
func columnName(duckName, stmtText string) string {
	for _, t := range tokenize(stmtText) {
		if t.kind == tkQuoted && unquoteIdent(t.text) == duckName {
			return duckName
		}
	}
	if duckName == "count_star()" {
		return "COUNT(*)"
	}
	return strings.ToUpper(duckName)
}
