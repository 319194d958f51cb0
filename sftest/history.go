package sftest

import "strings"

// names is the session's current names, for a statement's history; s.mu is held.
func (sess *session) names() submitNames {
	return submitNames{database: sess.database, schema: sess.schema, role: sess.role, warehouse: sess.warehouse}
}

// noteChildNames records, for a child statement (of a multi-statement
// request or a block), the session's current names as it starts: an
// earlier child's USE changes them.
func (s *Server) noteChildNames(st *statement, sess *session) {
	if !st.isChild {
		return
	}
	s.mu.Lock()
	names := sess.names()
	s.mu.Unlock()
	st.mu.Lock()
	st.names = names
	st.mu.Unlock()
}

// historyRows is the history as the QUERY_HISTORY table functions show it.
func (s *Server) historyRows() []historyRow {
	s.mu.Lock()
	h := append([]*statement(nil), s.history...)
	s.mu.Unlock()
	out := make([]historyRow, len(h))
	user := strings.ToUpper(User)
	for i, st := range h {
		q := st.snap(false)
		out[i] = historyRow{
			QueryID: q.ID, QueryText: q.SQL, Status: q.Status, SessionID: q.SessionID,
			Start: q.Submitted, End: q.End, QueryTag: q.QueryTag,
			Database: q.Database, Schema: q.Schema, User: user, Role: q.Role, Warehouse: q.Warehouse,
			ErrorCode: q.ErrorCode, ErrorMessage: q.Error, RowsProduced: q.RowsProduced,
			Running: q.Start, Queued: q.Queued, Blocked: q.Blocked,
		}
	}
	return out
}

// queryType is QUERY_HISTORY's QUERY_TYPE for a statement's text: Snowflake's
// names for the statements sftest runs, MULTI_STATEMENT for a request of
// several, UNKNOWN for what failed before it was understood (a compilation
// error) or what sftest does not name.
func queryType(text, errorCode string) string {
	if errorCode == "001003" {
		return "UNKNOWN"
	}
	if len(splitStatements(text)) > 1 {
		return "MULTI_STATEMENT"
	}
	var w []string
	for _, t := range codeOnly(tokenize(text)) {
		if len(w) == 6 {
			break
		}
		w = append(w, strings.ToUpper(t.text))
	}
	word := func(i int) string {
		if i < len(w) {
			return w[i]
		}
		return ""
	}
	switch word(0) {
	case "SELECT", "WITH", "VALUES", "(":
		return "SELECT"
	case "INSERT", "UPDATE", "DELETE", "MERGE", "USE", "SHOW", "COMMIT", "ROLLBACK", "CALL", "DESCRIBE", "GRANT", "REVOKE":
		return word(0)
	case "DESC":
		return "DESCRIBE"
	case "BEGIN", "START":
		return "BEGIN_TRANSACTION"
	case "TRUNCATE":
		return "TRUNCATE_TABLE"
	case "PUT", "GET", "LIST", "LS", "REMOVE", "RM", "COPY":
		return fileQueryType(word(0)) // stage_statements.go
	case "ALTER":
		if word(1) == "SESSION" {
			return "ALTER_SESSION"
		}
		if obj := objectWord(w[1:]); obj != "" {
			return "ALTER_" + obj
		}
	case "DROP":
		return "DROP"
	case "CREATE":
		obj := objectWord(w[1:])
		if obj == "TABLE" && containsFold(text, " AS ") && containsFold(text, "SELECT") {
			return "CREATE_TABLE_AS_SELECT"
		}
		if obj == "TABLE" || obj == "VIEW" || obj == "FUNCTION" || obj == "PROCEDURE" {
			return "CREATE_" + obj
		}
		return "CREATE"
	}
	return "UNKNOWN"
}

// objectWord skips CREATE's/ALTER's modifiers and returns the object kind word.
func objectWord(w []string) string {
	for _, x := range w {
		switch x {
		case "OR", "REPLACE", "TEMP", "TEMPORARY", "TRANSIENT", "LOCAL", "GLOBAL", "VOLATILE", "SECURE", "IF", "NOT", "EXISTS":
			continue
		}
		return x
	}
	return ""
}
