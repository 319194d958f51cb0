package sftest

import (
	"net/http"
	"time"
)

// handleMonitoring answers GET /monitoring/queries/{id} with one entry for
// the statement, as Snowflake does, with two of Snowflake's less simple
// answers available as options: an empty list for a statement accepted less
// than WithMonitoringDelay ago, and RESTARTED instead of RUNNING under
// WithRestartedStatus.
func (s *Server) handleMonitoring(w http.ResponseWriter, r *http.Request, id string) {
	if _, aerr := s.authenticate(r); aerr != nil {
		s.fail(w, r, aerr, "")
		return
	}
	st := s.lookupStatement(id)
	if st == nil {
		s.fail(w, r, notFound(id), id)
		return
	}
	if d := s.cfg.monitoringDelay; d > 0 && time.Since(st.submitted) < d {
		// Success with no entry: the driver reports ErrQueryStatus ("no status
		// returned. Please retry"), as it does for a statement just submitted.
		s.reply(w, r, http.StatusOK, okEnvelope(monitoringData{Queries: []monitoringQuery{}}))
		return
	}
	s.reply(w, r, http.StatusOK, okEnvelope(monitoringData{Queries: []monitoringQuery{s.monitoringEntry(st)}}))
}

// monitoringEntry is st as the monitoring endpoint reports it. EndTime stays
// 0 until the statement ended; a RESTARTED statement has not.
func (s *Server) monitoringEntry(st *statement) monitoringQuery {
	q := st.snapshot()
	status := q.Status
	if status == StatusRunning && s.cfg.restartedStatus {
		status = StatusRestarted
	}
	mq := monitoringQuery{
		ID:           q.ID,
		Status:       status,
		State:        status,
		SQLText:      q.SQL,
		StartTime:    q.Submitted.UnixMilli(),
		ErrorCode:    q.ErrorCode,
		ErrorMessage: q.Error,
		SessionID:    q.SessionID,
		QueryTag:     q.QueryTag,
		Warehouse:    Warehouse,
	}
	if !q.End.IsZero() {
		mq.EndTime = q.End.UnixMilli()
		mq.TotalDuration = q.End.Sub(q.Submitted).Milliseconds()
	}
	if res, _, ok := st.outcome(); ok && res != nil {
		mq.Stats = monitoringStats{ScanBytes: res.scanBytes, ProducedRows: res.producedRows}
		mq.Database, mq.Schema = res.finalDB, res.finalSchema
	}
	return mq
}
