package sftest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// anyLiteral writes a client bind value as a Snowflake literal.
func anyLiteral(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return snowflakeString(x)
	case bool:
		return strconv.FormatBool(x)
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return fmt.Sprint(x)
	case float32, float64:
		return "CAST(" + snowflakeString(fmt.Sprint(x)) + " AS FLOAT)"
	case time.Time:
		return "CAST(" + snowflakeString(x.Format("2006-01-02 15:04:05.999999999")) + " AS TIMESTAMP_NTZ)"
	case []byte:
		return snowflakeString(string(x))
	}
	return snowflakeString(fmt.Sprint(v))
}

// callProcedure runs CALL name(arg, ...) or CALL name(param => arg, ...):
// it picks the overload by argument count and types, binds the arguments
// (client binds fill ? placeholders) and runs the body as a block owned by
// the CALL's statement. The result is one column named after the procedure,
// of its RETURNS type, or the table the body returns.
func (s *Server) callProcedure(st *statement, sess *session, text string, binds []any, prevID string, h *connHolder) (*result, *sqlError) {
	return s.callWith(st, sess, text, binds, prevID, h, nil)
}

// callWith is callProcedure; anon, when not nil, is the procedure WITH ...
// AS PROCEDURE defined for this CALL only, found before the catalog's.
func (s *Server) callWith(st *statement, sess *session, text string, binds []any, prevID string, h *connHolder, anon *procedure) (*result, *sqlError) {
	vals := make([]string, len(binds))
	for i, b := range binds {
		vals[i] = anyLiteral(b)
	}
	text = fillPlaceholders(text, vals)
	code := trimSemis(codeOnly(tokenize(text)))
	parts, next := parseName(code, 1)
	if len(parts) == 0 || next >= len(code) || !code[next].is("(") {
		return nil, syntaxErrorAt(text, len(text), "<EOF>")
	}
	cl := closeParen(code, next)
	if cl < 0 || cl != len(code)-1 {
		return nil, syntaxErrorAt(text, len(text), "<EOF>")
	}
	state := s.stateOf(sess)
	db, schema, name := qualifyProc(parts, state.database, state.schema)
	cands := s.procs.overloads(db, schema, name)
	if anon != nil && len(parts) == 1 && anon.name == name {
		cands = []*procedure{anon}
	}
	if len(cands) == 0 {
		return nil, compilation("002140", "42601", "", "Unknown function "+name)
	}
	type callArg struct{ name, expr string }
	var args []callArg
	for _, a := range splitArgs(code, next+1, cl) {
		if len(a) > 2 && (a[0].kind == tkWord || a[0].kind == tkQuoted) && a[1].is("=>") {
			args = append(args, callArg{identName(a[0]), joinTokens(spaced(a[2:]))})
			continue
		}
		args = append(args, callArg{"", joinTokens(spaced(a))})
	}

	st.setStatus(StatusRunning)
	eh := &connHolder{}
	defer eh.release(s, true)
	ex := &scriptRun{s: s, sess: sess, owner: st, ctx: st.ctx, h: eh, prevID: prevID}
	given := make([]sval, len(args))
	var givenTypes []string
	for i, a := range args {
		v, err := ex.evalSQL(a.expr, "")
		if err != nil {
			return nil, err
		}
		given[i] = v
		givenTypes = append(givenTypes, baseType(v.typ))
	}
	p := pickOverload(cands, len(args), givenTypes, func(i int) string { return args[i].name })
	if p == nil {
		return nil, compilation("002141", "42601", "", "Invalid argument types for function '"+name+"': ("+strings.Join(givenTypes, ", ")+")")
	}
	if p.language != "SQL" {
		return nil, unsupported(p.language + " procedure " + p.name + " (only SQL procedures run)")
	}
	bound := map[string]*svar{}
	for k, param := range p.args {
		expr, have := "", false
		for i, a := range args {
			if a.name == param.name || a.name == "" && i == k {
				expr, have = given[i].literal(), true
			}
		}
		if !have {
			expr = param.def
		}
		v, err := ex.evalSQL(expr, param.typ)
		if err != nil {
			return nil, err
		}
		bound[param.name] = &svar{kind: declVar, typ: param.typ, val: v}
	}
	call := blockCall{column: p.name, args: bound}
	if !p.returnsTable {
		call.returns = p.returns
	} else {
		call.columns = tableColumns(p.returns)
	}
	return s.runBlock(st, sess, p.body, prevID, h, call)
}

// pickOverload chooses the procedure a call with n arguments of the given
// types (and names; "" for positional) means: the count must fit (DEFAULT
// arguments may be left out), named arguments must exist, and among several
// the one whose types match best wins.
func pickOverload(cands []*procedure, n int, types []string, nameOf func(int) string) *procedure {
	var best *procedure
	bestScore := -1
	named := anyNamed(n, nameOf)
	for _, p := range cands {
		if n < p.minArgs() && !named || n > len(p.args) {
			continue
		}
		score, ok := 0, true
		for i := 0; i < n; i++ {
			k := i
			if nm := nameOf(i); nm != "" {
				k = slices.IndexFunc(p.args, func(a procArg) bool { return a.name == nm })
				if k < 0 {
					ok = false
					break
				}
			}
			switch want := baseType(p.args[k].typ); {
			case want == types[i]:
				score += 2
			case types[i] == "VARCHAR" && want != "VARCHAR" && len(cands) > 1:
				score--
			default:
				score++
			}
		}
		if ok && score > bestScore {
			best, bestScore = p, score
		}
	}
	return best
}

func anyNamed(n int, nameOf func(int) string) bool {
	for i := 0; i < n; i++ {
		if nameOf(i) != "" {
			return true
		}
	}
	return false
}

// tableColumns are the column names of RETURNS TABLE (name type, ...),
// upper-case unless quoted; nil for TABLE () or TABLE.
func tableColumns(returns string) []string {
	toks := tokenize(returns)
	open := nextCode(toks, nextCode(toks, 0)+1)
	if open >= len(toks) || !toks[open].is("(") {
		return nil
	}
	cl := closeParen(toks, open)
	if cl < 0 {
		return nil
	}
	var names []string
	for _, a := range splitArgs(toks, open+1, cl) {
		code := codeOnly(a)
		if len(code) == 0 {
			return nil
		}
		names = append(names, identName(code[0]))
	}
	return names
}

// withCall runs WITH name AS PROCEDURE (args) RETURNS ... AS $$body$$
// CALL name(...): an anonymous procedure, defined for the one CALL.
func (s *Server) withCall(st *statement, sess *session, text string, code []token, binds []any, prevID string, h *connHolder) (*result, *sqlError) {
	call := -1
	for i := len(code) - 1; i > 3; i-- {
		if code[i].isWord("CALL") && code[i-1].kind == tkString {
			call = i
			break
		}
	}
	if len(code) < 5 || call < 0 || !code[2].isWord("AS") || !code[3].isWord("PROCEDURE") {
		return nil, syntaxErrorAt(text, len(text), "<EOF>")
	}
	def := append([]token{{kind: tkWord, text: "CREATE"}, {kind: tkWord, text: "PROCEDURE"}, code[1]}, code[4:call]...)
	state := s.stateOf(sess)
	p, _, _, err := parseCreateProcedure(text, def, state.database, state.schema)
	if err != nil {
		return nil, err
	}
	return s.callWith(st, sess, joinTokens(spaced(code[call:])), binds, prevID, h, p)
}

// withProcedure reports whether code is WITH name AS PROCEDURE ... CALL.
func withProcedure(code []token) bool {
	return len(code) > 3 && code[0].isWord("WITH") && code[2].isWord("AS") && code[3].isWord("PROCEDURE")
}
