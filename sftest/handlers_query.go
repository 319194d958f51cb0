package sftest

import (
	"net/http"
	"time"
)

const (
	codeRunningSync  = "333333" // query-request: still running, poll getResultUrl
	codeRunningAsync = "333334" // async submit accepted / result request: still running
	msgInProgress    = "Asynchronous execution in progress. Use provided query id to perform query monitoring and management."
)

func resultURL(id string) string { return "/queries/" + id + "/result" }

// handleQuery answers POST /queries/v1/query-request. An async request
// (asyncExec) is answered at once with 333334; a sync one is held until the
// statement ends or the result hold passes (then 333333 and the driver polls
// getResultUrl). A request retried with the same requestId in the same
// session gets the statement of the first one; it never runs twice.
func (s *Server) handleQuery(w http.ResponseWriter, r *http.Request) {
	sess, aerr := s.authenticate(r)
	if aerr != nil {
		s.fail(w, r, aerr, "")
		return
	}
	var req queryRequest
	if !s.decode(w, r, &req) {
		return
	}
	st := s.submit(sess, &req, r.URL.Query().Get("requestId"))
	if req.AsyncExec {
		s.reply(w, r, http.StatusOK, pending(st, codeRunningAsync))
		return
	}
	if !s.hold(r, st) {
		if r.Context().Err() == nil {
			s.reply(w, r, http.StatusOK, pending(st, codeRunningSync))
		}
		return
	}
	s.replyOutcome(w, r, sess, st)
}

// pending is the "still running" answer for st; like every answer about a
// statement it carries the session's query context.
func pending(st *statement, code string) envelope {
	return envelope{
		Data:    pendingData{QueryID: st.id, GetResultURL: resultURL(st.id), QueryContext: st.wireContext()},
		Code:    code,
		Message: msgInProgress,
		Success: true,
	}
}

// hold waits up to the result hold for st to end; it reports whether it did.
func (s *Server) hold(r *http.Request, st *statement) bool {
	select {
	case <-st.done:
		return true
	default:
	}
	if s.cfg.resultHold <= 0 {
		return false
	}
	t := time.NewTimer(s.cfg.resultHold)
	defer t.Stop()
	select {
	case <-st.done:
		return true
	case <-t.C:
	case <-r.Context().Done():
	case <-s.ctx.Done():
	}
	return false
}

// replyOutcome answers a finished statement: its result, or its error; both
// carry the query context.
func (s *Server) replyOutcome(w http.ResponseWriter, r *http.Request, sess *session, st *statement) {
	res, err, _ := st.outcome()
	if err != nil {
		s.reply(w, r, http.StatusOK, outcomeErrEnvelope(err, st.id, st.wireContext()))
		return
	}
	state := s.stateOf(sess)
	d := queryData{
		Parameters:         state.parameters(),
		RowType:            res.rowType,
		QueryID:            st.id,
		FinalDatabaseName:  res.finalDB,
		FinalSchemaName:    res.finalSchema,
		FinalWarehouseName: state.warehouse,
		FinalRoleName:      state.role,
		StatementTypeID:    res.stmtType,
		Version:            1,
		ResultIDs:          res.resultIDs,
		ResultTypes:        res.resultTypes,
		SendResultTime:     time.Now().UnixMilli(),
		QueryContext:       st.wireContext(),
	}
	s.setChunks(&d, res.in(st.format), st.id)
	d.fileTransfer = res.transfer
	s.reply(w, r, http.StatusOK, okEnvelope(d))
}

// handleResult answers GET /queries/{id}/result from any session: held while
// the statement runs, then 333334; the full result once it ended.
func (s *Server) handleResult(w http.ResponseWriter, r *http.Request, id string) {
	sess, aerr := s.authenticate(r)
	if aerr != nil {
		s.fail(w, r, aerr, "")
		return
	}
	st := s.lookupStatement(id)
	if st == nil {
		s.fail(w, r, notFound(id), id)
		return
	}
	if !s.hold(r, st) {
		if r.Context().Err() == nil {
			s.reply(w, r, http.StatusOK, pending(st, codeRunningAsync))
		}
		return
	}
	s.replyOutcome(w, r, sess, st)
}

// handleAbort answers POST /queries/v1/abort-request: it aborts the statement
// this session submitted with the body's requestId. A statement that is not
// running (unknown or ended) answers 000605, which the driver treats as done.
func (s *Server) handleAbort(w http.ResponseWriter, r *http.Request) {
	sess, aerr := s.authenticate(r)
	if aerr != nil {
		s.fail(w, r, aerr, "")
		return
	}
	var req abortRequest
	if !s.decode(w, r, &req) {
		return
	}
	s.mu.Lock()
	st := sess.requests[req.RequestID]
	s.mu.Unlock()
	if st == nil || !st.abort() {
		s.fail(w, r, &sqlError{Code: "000605", SQLState: "01000", Message: "Identified SQL statement is not currently executing."}, "")
		return
	}
	s.reply(w, r, http.StatusOK, okEnvelope(nil))
}
