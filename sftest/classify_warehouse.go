package sftest

// Warehouses: sftest is one warehouse (its slots and locks). CREATE, ALTER
// and DROP WAREHOUSE are accepted with Snowflake's answers and change
// nothing about how statements run; CREATE WAREHOUSE makes the new
// warehouse the session's current one, as in Snowflake. sftest keeps no
// list of warehouses: USE WAREHOUSE accepts any name (created or not) and
// every name runs on the same slots.

// createWarehouse classifies CREATE [OR REPLACE] WAREHOUSE [IF NOT EXISTS] w
// [[WITH] name = value ...] [[WITH] TAG (...)]; rest follows the name.
func createWarehouse(st *stmt, parts []namePart, orReplace, ifNotExists bool, rest []token) error {
	if len(parts) != 1 {
		return compileError("invalid warehouse name %s", plainName(parts))
	}
	if orReplace && ifNotExists {
		return compileError("OR REPLACE and IF NOT EXISTS are incompatible")
	}
	if err := checkWarehouseProperties("CREATE WAREHOUSE", rest); err != nil {
		return err
	}
	st.UseKind, st.UseName = "WAREHOUSE", plainName(parts)
	return nil
}

// checkWarehouseProperties accepts `[WITH] name = value` settings and
// `[WITH] TAG (...)`.
func checkWarehouseProperties(what string, rest []token) error {
	for i := 0; i < len(rest); {
		switch t := rest[i]; {
		case t.isWord("WITH") || t.is(","):
			i++
		case t.isWord("TAG") && i+1 < len(rest) && rest[i+1].is("("):
			c := closeParen(rest, i+1)
			if c < 0 {
				return compileError("syntax error in %s: unclosed TAG (", what)
			}
			i = c + 1
		case t.kind == tkWord && i+2 < len(rest) && rest[i+1].is("="):
			i += 2
			if rest[i].is("-") || rest[i].is("+") {
				i++
			}
			if i >= len(rest) || rest[i].kind == tkPunct {
				return compileError("syntax error in %s: %s needs a value", what, t.text)
			}
			i++
		default:
			return compileError("syntax error in %s near '%s'", what, t.text)
		}
	}
	return nil
}

// alterWarehouse classifies ALTER WAREHOUSE [IF EXISTS] w SUSPEND | RESUME
// [IF SUSPENDED] | ABORT ALL QUERIES | RENAME TO n | SET ... | UNSET ....
func alterWarehouse(st *stmt, code []token) error {
	st.Kind, st.Message = kindDDL, msgOK
	i := 2
	if i+1 < len(code) && code[i].isWord("IF") && code[i+1].isWord("EXISTS") {
		i += 2
	}
	name, i := parseName(code, i)
	if len(name) != 1 || i >= len(code) {
		return compileError("syntax error in ALTER WAREHOUSE")
	}
	rest := code[i+1:]
	switch a := code[i]; {
	case a.isWord("SUSPEND") && len(rest) == 0,
		a.isWord("RESUME") && (len(rest) == 0 || len(rest) == 2 && rest[0].isWord("IF") && rest[1].isWord("SUSPENDED")),
		a.isWord("ABORT") && len(rest) == 2 && rest[0].isWord("ALL") && rest[1].isWord("QUERIES"):
		return nil
	case a.isWord("RENAME") && len(rest) == 2 && rest[0].isWord("TO") && (rest[1].kind == tkWord || rest[1].kind == tkQuoted):
		return nil
	case a.isWord("SET"):
		if len(rest) == 0 {
			return compileError("syntax error in ALTER WAREHOUSE ... SET: no property")
		}
		return checkWarehouseProperties("ALTER WAREHOUSE ... SET", rest)
	case a.isWord("UNSET"):
		for _, t := range rest {
			if t.kind != tkWord && !t.is(",") {
				return compileError("syntax error in ALTER WAREHOUSE ... UNSET near '%s'", t.text)
			}
		}
		if len(rest) == 0 {
			return compileError("syntax error in ALTER WAREHOUSE ... UNSET: no property")
		}
		return nil
	}
	return compileError("syntax error in ALTER WAREHOUSE near '%s'", code[i].text)
}
