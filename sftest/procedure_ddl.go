package sftest

import (
	"regexp"
	"slices"
	"strings"
	"time"
)

// procedureDDL reports whether code is CREATE/DROP PROCEDURE, SHOW
// PROCEDURES or DESCRIBE PROCEDURE.
func procedureDDL(code []token) bool {
	if len(code) < 2 {
		return false
	}
	switch {
	case code[0].isWord("CREATE"):
		object, _, _, _ := createTarget(code)
		return object == "PROCEDURE"
	case code[0].isWord("DROP"), code[0].isWord("DESC"), code[0].isWord("DESCRIBE"):
		return code[1].isWord("PROCEDURE")
	case code[0].isWord("SHOW"):
		return code[1].isWord("PROCEDURES") || len(code) > 2 && code[1].isWord("USER") && code[2].isWord("PROCEDURES")
	}
	return false
}

// procedureStatement runs CREATE/DROP PROCEDURE, SHOW PROCEDURES and
// DESCRIBE PROCEDURE.
func (s *Server) procedureStatement(st *statement, sess *session, text string, code []token) (*result, *sqlError) {
	st.setStatus(StatusRunning)
	state := s.stateOf(sess)
	switch {
	case code[0].isWord("CREATE"):
		p, orReplace, ifNotExists, err := parseCreateProcedure(text, code, state.database, state.schema)
		if err != nil {
			return nil, err
		}
		if !s.procs.put(p, orReplace) && !ifNotExists {
			return nil, compilation("002002", "42710", "", "Object '"+p.name+"' already exists.")
		}
		return s.statusResult(sess, "Function "+p.name+" successfully created.", stmtTypeDDL), nil
	case code[0].isWord("DROP"):
		i := 2
		ifExists := false
		if len(code) > 4 && code[2].isWord("IF") && code[3].isWord("EXISTS") {
			ifExists, i = true, 4
		}
		db, schema, name, types, err := procRef(code, i, state.database, state.schema)
		if err != nil {
			return nil, err
		}
		if !s.procs.drop(db, schema, name, types) && !ifExists {
			return nil, compilation("002003", "02000", "", "Procedure '"+name+"("+strings.Join(types, ", ")+")' does not exist or not authorized.")
		}
		return s.statusResult(sess, name+" successfully dropped.", stmtTypeDDL), nil
	case code[0].isWord("SHOW"):
		return s.showProcedures(st, sess, code)
	}
	db, schema, name, types, err := procRef(code, 2, state.database, state.schema)
	if err != nil {
		return nil, err
	}
	for _, p := range s.procs.overloads(db, schema, name) {
		if slices.Equal(p.signatureTypes(), types) {
			return s.describeProcedure(st, sess, p)
		}
	}
	return nil, compilation("002003", "02000", "", "Procedure '"+name+"("+strings.Join(types, ", ")+")' does not exist or not authorized.")
}

// qualifyProc completes a name's database and schema from the session's.
func qualifyProc(parts []namePart, db, schema string) (string, string, string) {
	switch len(parts) {
	case 1:
		return db, schema, parts[0].text
	case 2:
		return db, parts[0].text, parts[1].text
	}
	return parts[len(parts)-3].text, parts[len(parts)-2].text, parts[len(parts)-1].text
}

// procRef reads name(type, ...) at code[i], as DROP and DESCRIBE name an overload.
func procRef(code []token, i int, curDB, curSchema string) (db, schema, name string, types []string, err *sqlError) {
	parts, next := parseName(code, i)
	if len(parts) == 0 || next >= len(code) || !code[next].is("(") {
		return "", "", "", nil, syntaxErrorAt(joinTokens(spaced(code)), 0, "<EOF>")
	}
	db, schema, name = qualifyProc(parts, curDB, curSchema)
	cl := closeParen(code, next)
	if cl < 0 {
		return "", "", "", nil, compileError("syntax error: unbalanced argument list of procedure %s", name)
	}
	for _, a := range splitArgs(code, next+1, cl) {
		types = append(types, baseType(joinTokens(spaced(a))))
	}
	return db, schema, name, types, nil
}

// procOptionWords end a RETURNS type.
var procOptionWords = map[string]bool{
	"LANGUAGE": true, "NOT": true, "NULL": true, "CALLED": true, "RETURNS": true, "STRICT": true,
	"IMMUTABLE": true, "VOLATILE": true, "COMMENT": true, "AS": true, "RUNTIME_VERSION": true,
	"HANDLER": true, "PACKAGES": true, "IMPORTS": true, "EXECUTE": true, "TARGET_PATH": true,
	"EXTERNAL_ACCESS_INTEGRATIONS": true, "SECRETS": true, "COPY": true, "ARTIFACT_REPOSITORY": true,
}

// parseCreateProcedure reads CREATE [OR REPLACE] [SECURE] PROCEDURE [IF NOT
// EXISTS] name(arg type [DEFAULT expr], ...) RETURNS type | TABLE(...)
// [LANGUAGE lang] [options] [EXECUTE AS CALLER|OWNER] AS '<body>' | $$<body>$$
// (or, for SQL, AS followed by the block itself, unquoted). A SQL
// procedure's body is checked as a block.
func parseCreateProcedure(src string, code []token, curDB, curSchema string) (*procedure, bool, bool, *sqlError) {
	_, orReplace, ifNotExists, at := createTarget(code)
	text := joinTokens(spaced(code))
	parts, next := parseName(code, at)
	if len(parts) == 0 || next >= len(code) || !code[next].is("(") {
		return nil, false, false, compileError("syntax error: CREATE PROCEDURE without a name and an argument list")
	}
	p := &procedure{language: "SQL", executeAs: "OWNER", created: time.Now()}
	p.db, p.schema, p.name = qualifyProc(parts, curDB, curSchema)
	for _, t := range code[:at] {
		p.secure = p.secure || t.isWord("SECURE")
	}
	cl := closeParen(code, next)
	if cl < 0 {
		return nil, false, false, compileError("syntax error: unbalanced argument list of procedure %s", p.name)
	}
	for _, a := range splitArgs(code, next+1, cl) {
		if len(a) < 2 || a[0].kind != tkWord && a[0].kind != tkQuoted {
			return nil, false, false, compileError("syntax error: invalid argument %s of procedure %s", trimmed(a), p.name)
		}
		arg := procArg{name: identName(a[0])}
		typ := a[1:]
		for k, t := range typ {
			if t.isWord("DEFAULT") {
				arg.def = joinTokens(spaced(typ[k+1:]))
				typ = typ[:k]
				break
			}
		}
		arg.typ = joinTokens(spaced(typ))
		p.args = append(p.args, arg)
	}
	body := -1
	for i := cl + 1; i < len(code); i++ {
		t := code[i]
		switch {
		case t.isWord("RETURNS") && i+1 < len(code) && code[i+1].isWord("TABLE"):
			p.returnsTable = true
			end := i + 2
			if end < len(code) && code[end].is("(") {
				end = closeParen(code, end)
				if end < 0 {
					return nil, false, false, compileError("syntax error: unbalanced RETURNS TABLE of procedure %s", p.name)
				}
			}
			p.returns = joinTokens(spaced(code[i+1 : end+1]))
			i = end
		case t.isWord("RETURNS"):
			j := i + 1
			for j < len(code) && !(code[j].kind == tkWord && procOptionWords[strings.ToUpper(code[j].text)]) {
				j++
			}
			p.returns = joinTokens(spaced(code[i+1 : j]))
			i = j - 1
		case t.isWord("LANGUAGE") && i+1 < len(code):
			p.language = strings.ToUpper(code[i+1].text)
			i++
		case t.isWord("EXECUTE") && i+2 < len(code) && code[i+1].isWord("AS"):
			p.executeAs = strings.ToUpper(code[i+2].text)
			if p.executeAs == "RESTRICTED" && i+3 < len(code) {
				p.executeAs, i = "RESTRICTED CALLER", i+1
			}
			i += 2
		case t.isWord("COMMENT") && i+2 < len(code) && code[i+1].is("="):
			p.comment, _ = stringValue(code[i+2])
			i += 2
		case t.isWord("AS") && i+1 < len(code) && code[i+1].kind == tkString:
			body = i + 1
			i++
		case t.isWord("AS") && i+1 < len(code) && (code[i+1].isWord("BEGIN") || code[i+1].isWord("DECLARE")):
			p.body = unquotedBody(src, i+1)
			i = len(code)
		}
	}
	if p.returns == "" {
		return nil, false, false, syntaxErrorAt(text, len(text), "<EOF>")
	}
	switch {
	case body >= 0:
		b, ok := stringValue(code[body])
		if !ok {
			return nil, false, false, compileError("syntax error: unterminated body of procedure %s", p.name)
		}
		p.body = b
	case p.body == "":
		return nil, false, false, compileError("syntax error: CREATE PROCEDURE %s without a body (AS '...' or AS $$...$$)", p.name)
	}
	if p.language == "SQL" {
		if _, err := parseScript(p.body); err != nil {
			return nil, false, false, err
		}
	}
	return p, orReplace, ifNotExists, nil
}

// procRowsResult answers rows of text (and number) values with the given
// columns through the engine, as SHOW and DESCRIBE do.
func (s *Server) procRowsResult(st *statement, sess *session, cols []string, rows [][]sval) (*result, *sqlError) {
	h := &connHolder{}
	defer h.release(s, true)
	x := &scriptRun{s: s, sess: sess, owner: st, ctx: st.ctx, h: h}
	return x.valuesResult(cols, rows, nil)
}

// showProcedures answers SHOW [USER] PROCEDURES [LIKE 'pattern'] with the
// procedures of the session's database.
func (s *Server) showProcedures(st *statement, sess *session, code []token) (*result, *sqlError) {
	like := ""
	for i, t := range code {
		if t.isWord("LIKE") && i+1 < len(code) {
			like, _ = stringValue(code[i+1])
		}
	}
	state := s.stateOf(sess)
	cols := []string{"created_on", "name", "schema_name", "is_builtin", "is_aggregate", "is_ansi",
		"min_num_arguments", "max_num_arguments", "arguments", "description", "catalog_name",
		"is_table_function", "valid_for_clustering", "is_secure", "secrets", "external_access_integrations"}
	var rows [][]sval
	for _, p := range s.procs.all() {
		if p.db != state.database || like != "" && !likeMatch(like, p.name) {
			continue
		}
		desc := p.comment
		if desc == "" {
			desc = "user-defined procedure"
		}
		rows = append(rows, []sval{
			{text: p.created.UTC().Format("2006-01-02 15:04:05.000000+00"), typ: "TIMESTAMP WITH TIME ZONE"}, sStr(p.name), sStr(p.schema),
			sStr("N"), sStr("N"), sStr("N"), sInt(int64(p.minArgs())), sInt(int64(len(p.args))),
			sStr(p.signature() + " RETURN " + strings.ToUpper(p.returns)), sStr(desc), sStr(p.db),
			sStr("N"), sStr("N"), sStr(yn(p.secure)), sNull, sNull,
		})
	}
	slices.SortStableFunc(rows, func(a, b []sval) int { return strings.Compare(a[1].text, b[1].text) })
	return s.procRowsResult(st, sess, cols, rows)
}

func yn(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}

// likeMatch is SQL LIKE (% any run of characters, _ any one, a backslash
// escapes the next), case-insensitive as SHOW ... LIKE is, and as the
// other SHOW commands match theirs (rule_show.go: ILIKE ... ESCAPE '\').
func likeMatch(pattern, s string) bool {
	var re strings.Builder
	re.WriteString(`(?is)\A`)
	for r := []rune(pattern); len(r) > 0; r = r[1:] {
		switch {
		case r[0] == '%':
			re.WriteString(".*")
		case r[0] == '_':
			re.WriteString(".")
		case r[0] == '\\' && len(r) > 1:
			r = r[1:]
			re.WriteString(regexp.QuoteMeta(string(r[0])))
		default:
			re.WriteString(regexp.QuoteMeta(string(r[0])))
		}
	}
	re.WriteString(`\z`)
	return regexp.MustCompile(re.String()).MatchString(s)
}

// describeProcedure answers DESCRIBE PROCEDURE with property/value rows.
func (s *Server) describeProcedure(st *statement, sess *session, p *procedure) (*result, *sqlError) {
	var sig []string
	for _, a := range p.args {
		sig = append(sig, a.name+" "+strings.ToUpper(a.typ))
	}
	props := [][2]string{
		{"signature", "(" + strings.Join(sig, ", ") + ")"},
		{"returns", strings.ToUpper(p.returns)},
		{"language", p.language},
		{"null handling", "CALLED ON NULL INPUT"},
		{"volatility", "VOLATILE"},
		{"body", p.body},
		{"execute as", p.executeAs},
	}
	rows := make([][]sval, len(props))
	for i, kv := range props {
		rows[i] = []sval{sStr(kv[0]), sStr(kv[1])}
	}
	return s.procRowsResult(st, sess, []string{"property", "value"}, rows)
}

// unquotedBody is the source text from the k-th code token of src to its
// end: a block written after AS without quotes.
func unquotedBody(src string, k int) string {
	off := 0
	for _, t := range tokenize(src) {
		if t.isCode() {
			if k == 0 {
				return strings.TrimRight(strings.TrimSpace(src[off:]), ";")
			}
			k--
		}
		off += len(t.text)
	}
	return ""
}
