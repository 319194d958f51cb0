package sftest

import "strings"

// CREATE and DROP, classified.

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
	if err := rewriteInto(st, toks, env); err != nil {
		return err
	}
	st.Exact = exactArithmetic(toks, env) // CREATE TABLE|VIEW ... AS SELECT
	st.Declare = declareStatements(toks)
	st.DeclareFrom = createdFromQuery(toks, object, parts, next)
	return nil
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
