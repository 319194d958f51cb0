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
	case "DATABASE", "SCHEMA", "TABLE", "VIEW", "SEQUENCE", "FUNCTION", "WAREHOUSE":
	default:
		return unsupported("CREATE " + object)
	}
	if len(parts) == 0 {
		return compileError("syntax error: CREATE %s without a name", object)
	}
	for _, t := range code[next:] {
		if t.isWord("CLONE") && object != "TABLE" {
			return unsupported("CLONE of a " + object)
		}
	}
	st.Kind = kindDDL
	last := parts[len(parts)-1].text
	st.Message = titleCase(object) + " " + last + " successfully created."
	if ifNotExists {
		st.Exists = newExistenceCheck(object, parts, true)
	}
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
	case "SEQUENCE":
		return createSequence(st, parts, orReplace, ifNotExists, code[next:])
	case "WAREHOUSE":
		return createWarehouse(st, parts, orReplace, ifNotExists, code[next:])
	case "TABLE":
		if ok, err := createTableFrom(st, code, parts, next, orReplace, ifNotExists); ok {
			return err // CLONE, LIKE (classify_clone.go)
		}
	}
	toks, seqs, err := withIdentities(toks, env) // AUTOINCREMENT (classify_identity.go)
	if err != nil {
		return err
	}
	if err := rewriteInto(st, toks, env); err != nil {
		return err
	}
	st.Duck = append(seqs, st.Duck...)
	if object == "TABLE" && (orReplace || len(seqs) > 0) {
		st.Program = sweepIdentity
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
	if ifExists {
		st.Exists = newExistenceCheck(object, parts, false)
	}
	switch object {
	case "DATABASE":
		duck, err := dropDatabase(parts, ifExists, code[next:])
		st.Duck = duck
		return err
	case "SCHEMA":
		duck, err := dropSchema(parts, ifExists, code[next:])
		st.Duck = duck
		return err
	case "TABLE":
		st.Program = sweepIdentity // the table's identity sequences go with it
		return rewriteInto(st, toks, env)
	case "VIEW":
		return rewriteInto(st, toks, env)
	case "SEQUENCE":
		return dropSequence(st, parts, ifExists, code[next:])
	case "WAREHOUSE":
		if len(parts) != 1 || next != len(code) {
			return compileError("syntax error in DROP WAREHOUSE")
		}
		return nil
	case "FUNCTION":
		st.Duck = dropFunction(parts, ifExists)
		return nil
	}
	return unsupported("DROP " + object)
}
