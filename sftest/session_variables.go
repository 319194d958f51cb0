package sftest

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// Session variables (Snowflake's SQL variables): SET v = expr, SET (a, b) =
// (x, y), UNSET v, $v in statements, GETVARIABLE('V') and SHOW VARIABLES.
// A variable belongs to its session. Its value is evaluated once, by
// DuckDB, when SET runs, and kept with its type; $v is then written into
// each statement as a literal of that type. Names are upper-cased unless
// quoted. Snowflake Scripting's own variables (:v, or bare inside a block)
// are a separate namespace (script_bind.go leaves $v alone).

// sessionVar is one session variable: its value and when it was set.
type sessionVar struct {
	val              sval
	created, updated time.Time
}

// varAssign is, for a SET or UNSET statement, the variables it names
// (Snowflake's spelling); for SET, Duck's last statement yields their
// values as __v1, __v2, ... pairs of text and DuckDB type name.
type varAssign struct {
	names []string
	unset bool
}

// errNoVariable is Snowflake's answer to $name when the session has no such
// variable.
func errNoVariable(name string) *sqlError {
	return compilation("002211", "42000", "", "Session variable '$"+name+"' does not exist")
}

// variableName reads the variable name at code[i] (a word, or a quoted
// name kept as written).
func variableName(t token) (string, bool) {
	switch t.kind {
	case tkWord:
		return strings.ToUpper(t.text), true
	case tkQuoted:
		return unquoteIdent(t.text), true
	}
	return "", false
}

// classifyVariables handles SET var = expr, SET (a, b) = (x, y) or (query),
// UNSET var and UNSET (a, b).
func classifyVariables(st *stmt, toks []token, env *rewriteEnv) error {
	code := codeOnly(toks)
	st.Kind, st.Message = kindVariables, msgOK
	st.Vars = &varAssign{unset: st.Verb == "UNSET"}
	rest := code[1:]
	var names []string
	if len(rest) > 0 && rest[0].is("(") {
		c := closeParen(rest, 0)
		if c < 0 {
			return compileError("syntax error in %s: unbalanced parentheses", st.Verb)
		}
		for _, a := range splitArgs(rest, 1, c) {
			if len(a) != 1 {
				return compileError("syntax error in %s: expected a variable name, got '%s'", st.Verb, trimmed(a))
			}
			n, ok := variableName(a[0])
			if !ok {
				return compileError("syntax error in %s: expected a variable name, got '%s'", st.Verb, trimmed(a))
			}
			names = append(names, n)
		}
		rest = rest[c+1:]
	} else if len(rest) > 0 {
		n, ok := variableName(rest[0])
		if !ok {
			return compileError("syntax error in %s: expected a variable name, got '%s'", st.Verb, rest[0].text)
		}
		names, rest = []string{n}, rest[1:]
	}
	if len(names) == 0 {
		return compileError("syntax error in %s: no variable named", st.Verb)
	}
	st.Vars.names = names
	if st.Vars.unset {
		if len(rest) > 0 {
			return compileError("syntax error in UNSET: unexpected '%s'", rest[0].text)
		}
		return nil
	}
	if len(rest) < 2 || !rest[0].is("=") {
		return compileError("syntax error in SET: expected '=' and a value after the variable name")
	}
	// The value text as written: everything after the first top-level '='.
	eq := 0
	for i, t := range toks {
		if t.is("=") {
			eq = i
			break
		}
	}
	value := toks[eq+1:]
	query := "SELECT " + trimmed(value)
	if len(names) > 1 {
		vc := codeOnly(value)
		if !vc[0].is("(") || closeParen(vc, 0) != len(vc)-1 {
			return compileError("syntax error in SET: expected (value, ...) for %d variables", len(names))
		}
		open := nextCode(value, 0)
		cl := prevCode(value, len(value))
		switch inner := value[open+1 : cl]; {
		case startsQuery(codeOnly(inner), 0):
			query = trimmed(inner)
		default:
			args := splitArgs(value, open+1, cl)
			if len(args) != len(names) {
				return compileError("SET assigns %d variables but gives %d values", len(names), len(args))
			}
			vals := make([]string, len(args))
			for i, a := range args {
				vals[i] = trimmed(a)
			}
			query = "SELECT " + strings.Join(vals, ", ")
		}
	}
	q, err := applyRules(query, env)
	if err != nil {
		return err
	}
	cols := make([]string, len(names))
	sel := make([]string, 0, 2*len(names))
	for i := range names {
		c := quoteIdent("__v" + itoa(int64(i+1)))
		cols[i] = c
		sel = append(sel, "CAST("+c+" AS VARCHAR)", "typeof("+c+")")
	}
	st.Duck = []string{"SELECT " + strings.Join(sel, ", ") + " FROM (" + q + ") AS __sftest_set(" + strings.Join(cols, ", ") + ")"}
	return nil
}

// assignVariables runs a SET's query on conn and stores the values in the
// session; every value is evaluated before any is stored.
func (s *Server) assignVariables(ctx context.Context, conn *sql.Conn, sess *session, va *varAssign, q string, args []any) (*result, error) {
	rows, err := conn.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	vals := make([]sval, len(va.names))
	for i := range vals {
		vals[i] = sval{null: true, typ: "VARCHAR"}
	}
	n := 0
	for rows.Next() {
		if n++; n > 1 {
			return nil, &sqlError{Code: "090150", SQLState: "22000", Message: "Single-row subquery returns more than one row."}
		}
		texts := make([]sql.NullString, 2*len(vals))
		ptrs := make([]any, len(texts))
		for i := range texts {
			ptrs[i] = &texts[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		for i := range vals {
			vals[i] = sval{text: texts[2*i].String, null: !texts[2*i].Valid, typ: strings.ToUpper(texts[2*i+1].String)}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if sess.vars == nil {
		sess.vars = map[string]*sessionVar{}
	}
	for i, name := range va.names {
		v := sess.vars[name]
		if v == nil {
			v = &sessionVar{created: now}
			sess.vars[name] = v
		}
		v.val, v.updated = vals[i], now
	}
	return textResult("status", msgOK, stmtTypeSession), nil
}

// unsetVariables drops the named variables; naming one the session does
// not have fails as Snowflake's 002211 and drops none.
func (s *Server) unsetVariables(sess *session, names []string) *sqlError {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, n := range names {
		if sess.vars[n] == nil {
			return errNoVariable(n)
		}
	}
	for _, n := range names {
		delete(sess.vars, n)
	}
	return nil
}

// variablesOf is a copy of the session's variables, for rewriteEnv.
func (s *Server) variablesOf(sess *session) map[string]sessionVar {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]sessionVar, len(sess.vars))
	for k, v := range sess.vars {
		out[k] = *v
	}
	return out
}

// varLiteral writes a variable's value as a DuckDB literal of its type.
// Negative numbers are parenthesised so that a preceding '-' cannot make
// a comment of them.
func varLiteral(v sval) string {
	t := v.typ
	if v.null {
		if t == "" || t == `"NULL"` || t == "NULL" {
			return "NULL"
		}
		return "CAST(NULL AS " + t + ")"
	}
	switch {
	case t == "BOOLEAN", isIntegerType(t), strings.HasPrefix(t, "DECIMAL"):
		if strings.HasPrefix(v.text, "-") {
			return "(" + v.text + ")"
		}
		return v.text
	case t == "VARCHAR":
		return duckString(v.text)
	}
	return "CAST(" + duckString(v.text) + " AS " + t + ")"
}

// ruleSessionVariables writes each $name (or $"name") as the literal of the
// session variable's value, and GETVARIABLE('NAME') (case-sensitive) as its
// text, NULL when there is none. A $name the session does not have fails
// with Snowflake's 002211. It runs after selectAliases, so `SELECT $v` is
// still named $V.
func ruleSessionVariables(s string, env *rewriteEnv) (string, error) {
	if !strings.Contains(s, "$") && !containsFold(s, "GETVARIABLE") {
		return s, nil
	}
	var vars map[string]sessionVar
	if env != nil {
		vars = env.Vars
	}
	toks := tokenize(s)
	changed := false
	for i := 0; i+1 < len(toks); i++ {
		if !toks[i].is("$") {
			continue
		}
		name, ok := variableName(toks[i+1])
		if !ok {
			continue
		}
		v, found := vars[name]
		if !found {
			return "", errNoVariable(name)
		}
		toks[i].text, toks[i+1].text = varLiteral(v.val), ""
		changed = true
	}
	if changed {
		s = joinTokens(toks)
	}
	return rewriteCalls(s, "GETVARIABLE", func(args []string, _ string) (string, error) {
		if len(args) != 1 {
			return "", compileError("not enough arguments for function [GETVARIABLE], expected 1, got %d", len(args))
		}
		arg := codeOnly(tokenize(args[0]))
		name, ok := "", len(arg) == 1
		if ok {
			name, ok = stringValue(arg[0])
		}
		if !ok {
			return "", compileError("argument 1 to function GETVARIABLE needs to be constant, found '%s'", args[0])
		}
		v, found := vars[name]
		if !found || v.val.null {
			return "CAST(NULL AS VARCHAR)", nil
		}
		return duckString(v.val.text), nil
	})
}
