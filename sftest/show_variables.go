package sftest

import (
	"sort"
	"strings"
	"time"
)

// snowflakeVarType is the type SHOW VARIABLES shows for a variable of
// DuckDB type t.
func snowflakeVarType(t string) string {
	switch {
	case isIntegerType(t), strings.HasPrefix(t, "DECIMAL"):
		return "fixed"
	case t == "DOUBLE", t == "FLOAT", t == "REAL":
		return "real"
	case t == "VARCHAR":
		return "text"
	case t == "BOOLEAN":
		return "boolean"
	case t == "DATE":
		return "date"
	case strings.HasPrefix(t, "TIME WITH"), t == "TIME":
		return "time"
	case t == "TIMESTAMP WITH TIME ZONE":
		return "timestamp_ltz"
	case strings.HasPrefix(t, "TIMESTAMP"):
		return "timestamp_ntz"
	case t == "BLOB":
		return "binary"
	case t == "JSON":
		return "variant"
	}
	return "text"
}

// classifyShowVariables answers SHOW VARIABLES [LIKE 'p'] with Snowflake's
// columns (session_id, created_on, updated_on, name, value, type, comment),
// ordered by name. It reports false for any other SHOW or DESCRIBE.
func classifyShowVariables(st *stmt, toks []token, env *rewriteEnv) (bool, error) {
	code := codeOnly(toks)
	if st.Verb != "SHOW" || len(code) < 2 || !code[1].isWord("VARIABLES") {
		return false, nil
	}
	call, err := parseShow(code)
	if err != nil {
		return true, err
	}
	if call.inKind != "" || call.starts != "" || call.limitSet || call.terse {
		return true, unsupported("SHOW VARIABLES with a clause other than LIKE")
	}
	var vars map[string]sessionVar
	var sid int64
	if env != nil {
		vars, sid = env.Vars, env.SessionID
	}
	names := make([]string, 0, len(vars))
	for n := range vars {
		names = append(names, n)
	}
	sort.Strings(names)
	ts := func(t time.Time) string {
		return "CAST(" + quoteString(t.UTC().Format("2006-01-02 15:04:05.000000+00")) + " AS TIMESTAMPTZ)"
	}
	rows := []string{"(CAST(NULL AS BIGINT), CAST(NULL AS TIMESTAMPTZ), CAST(NULL AS TIMESTAMPTZ), CAST(NULL AS VARCHAR), " +
		"CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR))"}
	for _, n := range names {
		v := vars[n]
		value := "NULL"
		if !v.val.null {
			value = quoteString(v.val.text)
		}
		rows = append(rows, "("+strings.Join([]string{itoa(sid), ts(v.created), ts(v.updated), quoteString(n), value,
			quoteString(snowflakeVarType(v.val.typ)), "''"}, ", ")+")")
	}
	q := `SELECT * FROM (VALUES ` + strings.Join(rows, ", ") +
		`) AS __sftest_vars("session_id", "created_on", "updated_on", "name", "value", "type", "comment")` +
		` WHERE "name" IS NOT NULL AND ` + call.filters(`"name"`) + ` ORDER BY "name"`
	st.Kind, st.Duck, st.Text = kindQuery, []string{q}, q
	return true, nil
}
