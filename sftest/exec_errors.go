package sftest

import (
	"context"
	"errors"
	"regexp"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// This file answers the embedded engine's errors in Snowflake's words: one
// table of rules, each turning a family of DuckDB messages into Snowflake's
// code, SQLSTATE and message. Users' tests assert on Snowflake's texts, so no
// DuckDB wording ("Catalog Error: ...") reaches a client; what no rule
// matches gets Snowflake's generic shape and the engine's text is logged.

// failedStmt is what the rules read about the statement that failed.
type failedStmt struct {
	text             string // the statement as the client sent it
	database, schema string // the session's current names (upper-case unless quoted)
}

// engineErrorRule maps the engine messages re matches (class prefix and
// hints removed: "Table with name X does not exist!"). to builds Snowflake's
// error from the submatches, or returns nil to leave the message to the
// rules after it.
type engineErrorRule struct {
	name string
	re   *regexp.Regexp
	to   func(m []string, fs failedStmt) *sqlError
}

// engineErrorRules is tried in order; the first rule that answers wins.
var engineErrorRules = []engineErrorRule{
	{"object in a missing schema", regexp.MustCompile(`^Table with name "?(.+?)"? does not exist because schema "?(.+?)"? does not exist`), objectMissing},
	{"unknown function", regexp.MustCompile(`^(?:Scalar |Aggregate |Table |Pragma |Macro )?Function with name "?([^"!]+?)"? does not exist`), unknownFunction},
	{"object does not exist", regexp.MustCompile(`^(?:Table|View|Sequence) with name "?([^"!]+?)"? does not exist`), objectMissing},
	{"schema does not exist", regexp.MustCompile(`^Schema with name "?([^"!]+?)"? does not exist`), schemaMissing},
	{"database does not exist", regexp.MustCompile(`^Catalog (?:with name )?"?([^"!]+?)"? does not exist`), databaseMissing},
	{"object already exists", regexp.MustCompile(`^(?:Table|View|Sequence|Schema|Macro(?: Function)?) with name "?([^"!]+?)"? already exists`), alreadyExists},
	{"database already exists", regexp.MustCompile(`database with name "?([^"!]+?)"? already exists`), alreadyExists},
	{"invalid identifier", regexp.MustCompile(`^Referenced column "(.+?)" not found`), invalidColumn},
	{"invalid qualified identifier", regexp.MustCompile(`^Table "(.+?)" does not have a column (?:named|with name) "(.+?)"`), invalidColumn},
	{"invalid table qualifier", regexp.MustCompile(`^Referenced table "(.+?)" not found`), invalidQualifier},
	{"invalid update column", regexp.MustCompile(`^Referenced update column "?(.+?)"? not found`), invalidColumn},
	{"non-SQL function called", udfNotEmulatedError, udfNotEmulatedCall},
	{"CTAS column list mismatch", regexp.MustCompile(`^Set operations can only apply to expressions with the same number of result columns`), ctasColumnMismatch},
	{"ambiguous column", regexp.MustCompile(`^Ambiguous reference to column name "(.+?)"`), ambiguousColumn},
	{"syntax error", regexp.MustCompile(`^syntax error at or near "(.*)"$`), syntaxError},
	{"syntax error at the end", regexp.MustCompile(`^syntax error at end of input`), syntaxError},
	{"division by zero", regexp.MustCompile(`^Division by zero$`), divisionByZero},
	{"value not recognized", regexp.MustCompile(`^Could not convert string (?:'(.*)'|"(.*)") to (.+?)(?: when casting from source column .*)?$`), notRecognized},
	{"date not recognized", regexp.MustCompile(`^(?:invalid date field format|date field value out of range): "(.*)"`), dateNotRecognized},
	{"timestamp not recognized", regexp.MustCompile(`^(?:invalid timestamp field format|timestamp field value out of range): "(.*)"`), timestampNotRecognized},
	{"numeric value out of range", regexp.MustCompile(`with value (\S+) can't be cast because the value is out of range`), outOfRange},
	{"decimal value out of range", regexp.MustCompile(`^Casting value "(.+?)" to type DECIMAL\(\d+,\d+\) failed: value is out of range`), outOfRange},
	{"cast to a narrower NUMBER", regexp.MustCompile(`^Could not cast value (\S+) to DECIMAL\(\d+,\d+\)`), outOfRange},
	{"column neither grouped nor aggregated", regexp.MustCompile(`^column "(.+?)" must appear in the GROUP BY clause`), notGrouped},
	{"exact quotient out of range", regexp.MustCompile(exactDivFunc + `\d+: ` + regexp.QuoteMeta(quotientOutOfRange) + ` (\S+)`), arithmeticOverflow},
	{"arithmetic overflow", regexp.MustCompile(`^Overflow in (?:addition|subtraction|multiplication|negation) of \S+ \((.+?)\)`), arithmeticOverflow},
	{"string too long", regexp.MustCompile(`^CHECK constraint failed on table .+ with expression CHECK\(\(length\(.+?\) <= \d+\)\)`), stringTooLong},
	{"null in a non-nullable column", regexp.MustCompile(`^NOT NULL constraint failed`), notNullable},
	{"sftest function error", udfErrorMessage, udfErrorRule},
	{"engine function error", functionErrorText, functionError},
	{"INSERT value count", insertCountText, insertCountMismatch},
	{"malformed JSON", regexp.MustCompile(`^Malformed JSON[^:]*: (.*?)\.?\s*(?:Input:.*)?$`), malformedJSON},
}

// compileClasses are the DuckDB error classes raised before a statement runs:
// unmatched, they are Snowflake compilation errors.
var compileClasses = map[string]bool{"Parser": true, "Syntax": true, "Binder": true, "Catalog": true}

// duckClass matches the class prefix of a DuckDB message, "Binder Error: ".
var duckClass = regexp.MustCompile(`^([A-Za-z][A-Za-z ]*?) Error: `)

// engineMessage splits a DuckDB message into its class ("Binder") and its
// first line without the class: the hints after it ("Did you mean",
// "Candidate bindings", "LINE 1: ...") are DuckDB's, not Snowflake's.
func engineMessage(msg string) (class, text string) {
	if m := duckClass.FindStringSubmatch(msg); m != nil {
		class, msg = m[1], msg[len(m[0]):]
	}
	text, _, _ = strings.Cut(msg, "\n")
	return class, strings.TrimSpace(text)
}

// mapEngineError is Snowflake's error for the engine error err of fs;
// matched is false when no rule knew the message and the answer is generic.
func mapEngineError(err error, fs failedStmt) (se *sqlError, matched bool) {
	if errors.As(err, &se) {
		return se, true
	}
	if errors.Is(err, context.Canceled) {
		return errCanceled, true
	}
	msg := err.Error()
	var de *duckdb.Error
	if errors.As(err, &de) {
		if de.Type == duckdb.ErrorTypeInterrupt {
			return errCanceled, true
		}
		msg = de.Msg
	}
	if strings.Contains(msg, "INTERRUPT") || strings.Contains(msg, "Interrupted") {
		return errCanceled, true
	}
	class, text := engineMessage(msg)
	for _, r := range engineErrorRules {
		if m := r.re.FindStringSubmatch(text); m != nil {
			if se := r.to(m, fs); se != nil {
				return se, true
			}
		}
	}
	if compileClasses[class] {
		return &sqlError{Code: "001003", SQLState: "42000", Message: "SQL compilation error:\n" + text}, false
	}
	// 000603 is Snowflake's code for an execution failure it does not
	// classify further; sftest cannot tell more than that either.
	return &sqlError{Code: "000603", SQLState: "XX000", Message: "SQL execution internal error: " + text}, false
}

// duckError maps an engine error outside any user statement (USE, a
// transaction's bookkeeping, RESULT_SCAN's table): names cannot be looked up
// in a statement text.
func duckError(err error) *sqlError {
	if err == nil {
		return nil
	}
	se, _ := mapEngineError(err, failedStmt{})
	return se
}

// stmtError maps the engine error err of statement fs, treating any error
// after cancellation as the cancel. An error no rule knew is logged with the
// engine's own text.
func (s *Server) stmtError(ctx context.Context, err error, fs failedStmt) *sqlError {
	if ctx.Err() != nil {
		return errCanceled
	}
	se, matched := mapEngineError(err, fs)
	if !matched {
		s.cfg.logger.Warn("sftest: engine error without a Snowflake equivalent", "err", err.Error(), "answer", se.Message)
	} else {
		s.cfg.logger.Debug("sftest: engine error", "err", err.Error(), "answer", se.Message)
	}
	return se
}

// compilation builds a "SQL compilation error:" answer; at, when not empty,
// is Snowflake's "error line L at position P" placed after the colon.
func compilation(code, state, at, detail string) *sqlError {
	if at != "" {
		return &sqlError{Code: code, SQLState: state, Message: "SQL compilation error: " + at + "\n" + detail}
	}
	return &sqlError{Code: code, SQLState: state, Message: "SQL compilation error:\n" + detail}
}

// objectMissing answers a missing table, view or sequence. A DROP names
// its target by kind, qualified with the session's database and schema;
// any other statement names the reference as written.
func objectMissing(m []string, fs failedStmt) *sqlError {
	name := lastPart(m[1])
	if verb, kind, parts, ok := ddlTarget(fs.text); ok && verb == "DROP" && parts[len(parts)-1].is(name) {
		return compilation("002003", "02000", "", titleCase(kind)+" '"+displayParts(qualify(parts, fs, 3))+"' does not exist or not authorized.")
	}
	ref, ok := findName(fs.text, func(r nameRef) bool { return !r.call && r.lastIs(name) }, objectContext)
	display := strings.ToUpper(name)
	if ok {
		display = ref.display()
	}
	return compilation("002003", "42S02", "", "Object '"+display+"' does not exist or not authorized.")
}

// schemaMissing answers a missing schema: by kind for a DDL statement's
// target (Snowflake qualifies it with the current database), else as the
// reference that named it.
func schemaMissing(m []string, fs failedStmt) *sqlError {
	schema := lastPart(m[1])
	if verb, kind, parts, ok := ddlTarget(fs.text); ok {
		switch {
		case verb == "DROP" && kind == "SCHEMA":
			return compilation("002003", "02000", "", "Schema '"+displayParts(qualify(parts, fs, 2))+"' does not exist or not authorized.")
		case verb == "CREATE" && len(parts) >= 2 && parts[len(parts)-2].is(schema):
			return compilation("002003", "02000", "", "Schema '"+displayParts(qualify(parts[:len(parts)-1], fs, 2))+"' does not exist or not authorized.")
		}
	}
	ref, ok := findName(fs.text, func(r nameRef) bool { return !r.call && len(r.parts) > 1 && r.hasPart(schema) }, objectContext)
	if !ok {
		return nil
	}
	return compilation("002003", "42S02", "", "Object '"+ref.display()+"' does not exist or not authorized.")
}

// databaseMissing answers a name in a missing database.
func databaseMissing(m []string, fs failedStmt) *sqlError {
	db := m[1]
	if verb, _, parts, ok := ddlTarget(fs.text); ok && verb == "CREATE" && len(parts) == 3 && parts[0].is(db) {
		return compilation("002003", "02000", "", "Database '"+displayParts(parts[:1])+"' does not exist or not authorized.")
	}
	ref, ok := findName(fs.text, func(r nameRef) bool { return !r.call && len(r.parts) > 1 && r.parts[0].is(db) }, objectContext)
	display := strings.ToUpper(db)
	if ok {
		display = ref.display()
	}
	return compilation("002003", "42S02", "", "Object '"+display+"' does not exist or not authorized.")
}

// alreadyExists answers a CREATE of an existing object; Snowflake names it
// by its last part.
func alreadyExists(m []string, fs failedStmt) *sqlError {
	display := strings.ToUpper(lastPart(m[1]))
	if verb, _, parts, ok := ddlTarget(fs.text); ok && verb == "CREATE" {
		display = displayParts(parts[len(parts)-1:])
	}
	return compilation("002002", "42710", "", "Object '"+display+"' already exists.")
}

func unknownFunction(m []string, fs failedStmt) *sqlError {
	name := lastPart(m[1])
	display := strings.ToUpper(name)
	if ref, ok := findName(fs.text, func(r nameRef) bool { return r.call && r.lastIs(name) }, nil); ok {
		display = ref.display()
	}
	return compilation("002140", "42601", "", "Unknown function "+display)
}

// invalidColumn answers an unknown column: m[len(m)-1] is its name, m[1]
// its table when the engine named one. Snowflake names the reference as
// written (T.C for a qualified one) and where it is.
func invalidColumn(m []string, fs failedStmt) *sqlError {
	col := m[len(m)-1]
	table := ""
	if len(m) == 3 {
		table = m[1]
	}
	ref, ok := findName(fs.text, func(r nameRef) bool {
		if r.call || !r.lastIs(col) {
			return false
		}
		return table == "" || len(r.parts) == 1 || r.parts[len(r.parts)-2].is(table)
	}, nil)
	if !ok {
		return compilation("000904", "42000", "error line 0 at position -1", "invalid identifier '"+strings.ToUpper(col)+"'")
	}
	return compilation("000904", "42000", ref.at(fs.text), "invalid identifier '"+ref.display()+"'")
}

// invalidQualifier answers t.c where no table t is in scope: Snowflake
// calls the whole reference an invalid identifier.
func invalidQualifier(m []string, fs failedStmt) *sqlError {
	table := m[1]
	ref, ok := findName(fs.text, func(r nameRef) bool { return !r.call && len(r.parts) > 1 && r.parts[len(r.parts)-2].is(table) }, nil)
	if !ok {
		return nil
	}
	return compilation("000904", "42000", ref.at(fs.text), "invalid identifier '"+ref.display()+"'")
}

func ambiguousColumn(m []string, fs failedStmt) *sqlError {
	display := strings.ToUpper(m[1])
	if ref, ok := findName(fs.text, func(r nameRef) bool { return !r.call && len(r.parts) == 1 && r.lastIs(m[1]) }, nil); ok {
		display = ref.display()
	}
	return compilation("002028", "42601", "", "ambiguous column name '"+display+"'")
}

// syntaxError answers a parse failure at the first token of the text the
// engine names, or at the end of the statement ('<EOF>') when it names none
// the client wrote (the engine parses the rewritten text).
func syntaxError(m []string, fs failedStmt) *sqlError {
	near := ""
	if len(m) > 1 {
		near = m[1]
	}
	off, tok := tokenOffset(fs.text, near)
	if tok == "" {
		off, tok = endOffset(fs.text), "<EOF>"
	}
	line, pos := lineAndPosition(fs.text, off)
	return compilation("001003", "42000", "", "syntax error line "+itoa(int64(line))+" at position "+itoa(int64(pos))+" unexpected '"+tok+"'.")
}

func divisionByZero([]string, failedStmt) *sqlError {
	return &sqlError{Code: "100051", SQLState: "22012", Message: "Division by zero"}
}

// numericTypes are the DuckDB types Snowflake's NUMBER and FLOAT become.
var numericTypes = regexp.MustCompile(`^(?:U?(?:TINY|SMALL|BIG|HUGE)?INT(?:EGER|8|16|32|64|128)?|DECIMAL.*|NUMERIC.*|DOUBLE|FLOAT|REAL)$`)

// notRecognized answers a string the engine could not convert, by the type
// it wanted.
func notRecognized(m []string, fs failedStmt) *sqlError {
	value := m[1] + m[2] // one of the two quotings matched
	switch typ := m[3]; {
	case typ == "INT64" && castToTimestamp(fs.text, value):
		// DuckDB's nanosecond timestamp reports its parse failure as INT64's.
		return timestampNotRecognized([]string{"", value}, fs)
	case numericTypes.MatchString(typ):
		return &sqlError{Code: "100038", SQLState: "22018", Message: "Numeric value '" + value + "' is not recognized"}
	case typ == "BOOL" || typ == "BOOLEAN":
		return &sqlError{Code: "100037", SQLState: "22018", Message: "Boolean value '" + value + "' is not recognized"}
	case typ == "DATE":
		return dateNotRecognized([]string{"", value}, failedStmt{})
	case strings.HasPrefix(typ, "TIMESTAMP"):
		return timestampNotRecognized([]string{"", value}, failedStmt{})
	}
	return nil
}

// castToTimestamp reports whether text casts the string literal value to a
// timestamp type ('x'::TIMESTAMP_NTZ, CAST('x' AS TIMESTAMP...)).
func castToTimestamp(text, value string) bool {
	toks := codeOnly(tokenize(text))
	for i, t := range toks {
		if v, ok := stringValue(t); !ok || v != value {
			continue
		}
		if i+2 < len(toks) && (toks[i+1].is("::") || toks[i+1].isWord("AS")) {
			w := strings.ToUpper(toks[i+2].text)
			if strings.HasPrefix(w, "TIMESTAMP") || w == "DATETIME" {
				return true
			}
		}
	}
	return false
}

func dateNotRecognized(m []string, _ failedStmt) *sqlError {
	return &sqlError{Code: "100040", SQLState: "22007", Message: "Date '" + m[1] + "' is not recognized"}
}

func timestampNotRecognized(m []string, _ failedStmt) *sqlError {
	return &sqlError{Code: "100035", SQLState: "22007", Message: "Timestamp '" + m[1] + "' is not recognized"}
}

func outOfRange(m []string, _ failedStmt) *sqlError {
	return &sqlError{Code: "100039", SQLState: "22003", Message: "Numeric value '" + m[1] + "' is out of range"}
}

// notGrouped answers a select item that is neither aggregated nor grouped
// by as Snowflake does: 001104, naming the column qualified by its table
// (or alias) when the FROM clause reads one table.
func notGrouped(m []string, fs failedStmt) *sqlError {
	name := m[1]
	col := lastPart(name)
	parts := []namePart{{text: strings.ToUpper(col)}}
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		parts = []namePart{{text: strings.ToUpper(lastPart(name[:i]))}, parts[0]}
	} else if _, tables, ok := selectSources(fs.text); ok && len(tables) == 1 && tables[0].known {
		parts = []namePart{tables[0].qualifier, parts[0]}
	}
	at := "error line 0 at position -1"
	if ref, ok := findName(fs.text, func(r nameRef) bool { return !r.call && r.lastIs(col) }, nil); ok {
		at = ref.at(fs.text)
	}
	return compilation("001104", "42601", at, "'"+displayParts(parts)+"' in select clause is neither an aggregate nor in the group by clause.")
}

func notNullable([]string, failedStmt) *sqlError {
	return &sqlError{Code: "100072", SQLState: "22000", Message: "NULL result in a non-nullable column"}
}

func malformedJSON(m []string, _ failedStmt) *sqlError {
	return &sqlError{Code: "100069", SQLState: "22P02", Message: "Error parsing JSON: " + m[1]}
}

// lastPart is the last dot-separated part of an engine name ("s.t" -> "t").
func lastPart(name string) string {
	name = strings.Trim(name, `"`)
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return strings.Trim(name[i+1:], `"`)
	}
	return name
}
