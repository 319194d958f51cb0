package sftest

import (
	"context"
	"strings"
)

// Table operations DuckDB does not have or spells otherwise: ALTER TABLE a
// SWAP WITH b, TRUNCATE [TABLE] [IF EXISTS] t, and the ALTER TABLE forms
// that change nothing sftest emulates (clustering, table properties), which
// Snowflake answers "Statement executed successfully.".

// classifyAlterTable classifies ALTER TABLE: SWAP and the no-op forms here,
// column changes in ddl_alter_column.go, the rest run by DuckDB (ADD COLUMN ... AUTOINCREMENT first creates the
// column's sequence; a dropped identity column's sequence is swept).
func classifyAlterTable(st *stmt, toks, code []token, env *rewriteEnv) error {
	if ok, err := classifyTableOps(st, code); ok {
		return err
	}
	if ok, err := classifyAlterColumns(st, code); ok {
		return err
	}
	st.Kind, st.Message = kindDDL, msgOK
	st.Declare = declareStatements(toks)
	toks, seqs, err := withIdentities(toks, env)
	if err != nil {
		return err
	}
	if err := rewriteInto(st, toks, env); err != nil {
		return err
	}
	st.Duck = append(seqs, st.Duck...)
	st.Program = sweepIdentity
	return nil
}

// classifyTableOps classifies ALTER TABLE ... SWAP WITH and the accepted
// no-op ALTER TABLE forms; ok is false for other ALTER TABLE statements.
func classifyTableOps(st *stmt, code []token) (ok bool, err error) {
	table, ifExists, i := alterTableTarget(code)
	if len(table) == 0 || i >= len(code) {
		return false, nil
	}
	rest := code[i:]
	st.Kind, st.Message = kindDDL, msgOK
	switch {
	case rest[0].isWord("SWAP"):
		return true, swapTables(st, table, ifExists, rest)
	case rest[0].isWord("CLUSTER"):
		if len(rest) < 4 || !rest[1].isWord("BY") || !rest[2].is("(") || !rest[len(rest)-1].is(")") {
			return true, compileError("syntax error in ALTER TABLE ... CLUSTER BY (...)")
		}
	case rest[0].isWord("DROP") && len(rest) == 3 && rest[1].isWord("CLUSTERING") && rest[2].isWord("KEY"),
		(rest[0].isWord("SUSPEND") || rest[0].isWord("RESUME")) && len(rest) == 2 && rest[1].isWord("RECLUSTER"):
	case rest[0].isWord("SET"):
		if err := checkTableProperties(rest[1:], true); err != nil {
			return true, err
		}
	case rest[0].isWord("UNSET"):
		if err := checkTableProperties(rest[1:], false); err != nil {
			return true, err
		}
	default:
		return false, nil
	}
	if !ifExists {
		// Snowflake fails on a table that is not there; DuckDB says so here.
		st.Duck = []string{"SELECT 1 FROM " + duckName(table) + " LIMIT 0"}
	}
	return true, nil
}

// alterTableTarget reads the table of ALTER TABLE [IF EXISTS] name (code
// tokens): its name parts, whether IF EXISTS was given, and the index after
// the name.
func alterTableTarget(code []token) (table []namePart, ifExists bool, next int) {
	i := 2
	if i+1 < len(code) && code[i].isWord("IF") && code[i+1].isWord("EXISTS") {
		ifExists, i = true, i+2
	}
	table, next = parseName(code, i)
	return table, ifExists, next
}

// checkTableProperties accepts ALTER TABLE's SET name = value ... (set) or
// UNSET name, ... of the table properties in tableOptions, and SET TAG t =
// 'v', ... / UNSET TAG t, ...; other properties fail as not emulated.
func checkTableProperties(rest []token, set bool) error {
	verb := "UNSET"
	if set {
		verb = "SET"
	}
	tag := len(rest) > 0 && rest[0].isWord("TAG")
	if tag {
		rest = rest[1:]
	}
	if len(rest) == 0 {
		return compileError("syntax error in ALTER TABLE ... %s: no property", verb)
	}
	for i := 0; i < len(rest); {
		t := rest[i]
		switch {
		case t.is(","):
			i++
			continue
		case t.kind != tkWord && t.kind != tkQuoted:
			return compileError("syntax error in ALTER TABLE ... %s near '%s'", verb, t.text)
		case !tag && !tableOptions[strings.ToUpper(t.text)]:
			return unsupported("ALTER TABLE ... " + verb + " " + strings.ToUpper(t.text))
		}
		_, i = parseName(rest, i) // a tag's name may be qualified
		if !set {
			continue
		}
		if i >= len(rest) || !rest[i].is("=") {
			return compileError("syntax error in ALTER TABLE ... SET: %s needs = value", strings.ToUpper(t.text))
		}
		i++
		if i < len(rest) && (rest[i].is("-") || rest[i].is("+")) {
			i++
		}
		if i >= len(rest) || rest[i].kind == tkPunct {
			return compileError("syntax error in ALTER TABLE ... SET: %s needs a value", strings.ToUpper(t.text))
		}
		i++
	}
	return nil
}

// swapTables classifies ALTER TABLE [IF EXISTS] a SWAP WITH b: the two
// tables exchange names (so contents, columns and declared types) in one
// transaction, as Snowflake's swap is atomic.
func swapTables(st *stmt, a []namePart, ifExists bool, rest []token) error {
	if len(rest) < 3 || !rest[1].isWord("WITH") {
		return compileError("syntax error in ALTER TABLE ... SWAP WITH")
	}
	b, n := parseName(rest, 2)
	if len(b) == 0 || n != len(rest) {
		return compileError("syntax error in ALTER TABLE ... SWAP WITH")
	}
	st.Program = func(ctx context.Context, r *programRun) error {
		_, ka, okA, err := r.tableSQL(ctx, r.key(a))
		if err != nil {
			return err
		}
		if !okA && ifExists {
			return nil
		}
		_, kb, okB, err := r.tableSQL(ctx, r.key(b))
		if err != nil {
			return err
		}
		for _, m := range []struct {
			ok    bool
			parts []namePart
		}{{okA, a}, {okB, b}} {
			if !m.ok {
				return compilation("002003", "02000", "", "Object '"+displayParts(m.parts)+"' does not exist or not authorized.")
			}
		}
		if !strings.EqualFold(ka.db, kb.db) || !strings.EqualFold(ka.schema, kb.schema) {
			return unsupported("SWAP WITH a table of another schema")
		}
		if strings.EqualFold(ka.table, kb.table) {
			return nil // a table swapped with itself stays as it is
		}
		tmp := tableKey{db: ka.db, schema: ka.schema, table: ka.table + "$SFTEST_SWAP"}
		return r.exec(ctx,
			"ALTER TABLE "+duckKeyName(ka)+" RENAME TO "+quoteIdent(tmp.table),
			"ALTER TABLE "+duckKeyName(kb)+" RENAME TO "+quoteIdent(ka.table),
			"ALTER TABLE "+duckKeyName(tmp)+" RENAME TO "+quoteIdent(kb.table))
	}
	return nil
}

// classifyTruncate classifies TRUNCATE [TABLE] [IF EXISTS] t. Snowflake
// keeps an identity column's sequence where it was, and so does sftest.
func classifyTruncate(st *stmt, toks []token) error {
	code := codeOnly(toks)
	st.Kind, st.Message = kindDDL, msgOK
	i := 1
	if i < len(code) && code[i].isWord("TABLE") {
		i++
	}
	ifExists := false
	if i+1 < len(code) && code[i].isWord("IF") && code[i+1].isWord("EXISTS") {
		ifExists, i = true, i+2
	}
	table, n := parseName(code, i)
	if len(table) == 0 || len(table) > 3 || n != len(code) {
		return compileError("syntax error in TRUNCATE TABLE")
	}
	if !ifExists {
		st.Duck = []string{"TRUNCATE TABLE " + duckName(table)}
		return nil
	}
	st.Program = func(ctx context.Context, r *programRun) error {
		_, k, ok, err := r.tableSQL(ctx, r.key(table))
		if err != nil || !ok {
			return err
		}
		return r.exec(ctx, "TRUNCATE TABLE "+duckKeyName(k))
	}
	return nil
}
