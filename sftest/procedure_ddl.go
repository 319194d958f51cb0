package sftest

func procedureDDL(code []token) bool { return false }

func (s *Server) procedureStatement(st *statement, sess *session, code []token) (*result, *sqlError) {
	return nil, nil
}

func (s *Server) callProcedure(st *statement, sess *session, text string, binds []any, prevID string, h *connHolder) (*result, *sqlError) {
	return nil, unsupported("CALL")
}
