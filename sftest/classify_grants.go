package sftest

import "strings"

// Access control: sftest has one user who may do everything, so GRANT and
// REVOKE change nothing. They are accepted as Snowflake accepts them, with
// its answer "Statement executed successfully.": privileges on an object,
// on ALL or FUTURE objects of a schema or database, OWNERSHIP, and roles
// granted to users or roles. A grant on a TABLE or VIEW that does not exist
// fails (002003) as in Snowflake; roles and users are not checked (sftest
// has none to check against).

// classifyGrant classifies GRANT ... TO ... and REVOKE ... FROM ....
func classifyGrant(st *stmt, code []token) error {
	st.Kind, st.Message = kindDDL, msgOK
	to := "TO"
	if st.Verb == "REVOKE" {
		to = "FROM"
	}
	at := -1
	depth := 0
	for i, t := range code {
		switch {
		case t.is("("):
			depth++
		case t.is(")"):
			depth--
		case depth == 0 && i > 1 && t.isWord(to) && at < 0:
			at = i
		}
	}
	if at < 0 || at+1 >= len(code) {
		return compileError("syntax error: %s without %s <grantee>", st.Verb, to)
	}
	grantee := code[at+1:]
	if grantee[0].isWord("ROLE") || grantee[0].isWord("USER") || grantee[0].isWord("SHARE") ||
		grantee[0].isWord("APPLICATION") || grantee[0].isWord("DATABASE") && len(grantee) > 1 && grantee[1].isWord("ROLE") {
		grantee = grantee[1:]
		if len(grantee) > 0 && grantee[0].isWord("ROLE") {
			grantee = grantee[1:]
		}
	}
	if names, _ := parseName(grantee, 0); len(names) == 0 {
		return compileError("syntax error: %s ... %s needs a grantee", st.Verb, to)
	}
	// ON TABLE t / ON VIEW v: the object must exist.
	for i := 1; i+2 < at; i++ {
		if code[i].isWord("ON") && (code[i+1].isWord("TABLE") || code[i+1].isWord("VIEW")) {
			obj, n := parseName(code, i+2)
			if len(obj) > 0 && n == at {
				st.Duck = []string{"SELECT 1 FROM " + duckName(obj) + " LIMIT 0"}
			}
		}
	}
	if code[1].is(",") || strings.EqualFold(code[1].text, to) {
		return compileError("syntax error: %s without a privilege or role", st.Verb)
	}
	return nil
}
