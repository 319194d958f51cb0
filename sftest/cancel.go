package sftest

import "fmt"

// cancelQuery runs SYSTEM$CANCEL_QUERY: it aborts the named statement (any
// session of the user) and answers Snowflake's row. Cancelling a statement
// that already ended answers the same row and changes nothing.
func (s *Server) cancelQuery(p *stmt) (*result, *sqlError) {
	target := s.lookupStatement(p.CancelID)
	if target == nil {
		return nil, notFound(p.CancelID)
	}
	target.abort()
	col := "SYSTEM$CANCEL_QUERY('" + p.CancelID + "')"
	if len(p.Columns) > 0 {
		col = p.Columns[0]
	}
	return textResult(col, "query ["+p.CancelID+"] terminated.", stmtTypeSelect), nil
}

// notFound is the error for an unknown or malformed query ID.
func notFound(id string) *sqlError {
	return &sqlError{Code: "000709", SQLState: "02000", Message: fmt.Sprintf("Statement %s not found", id)}
}
