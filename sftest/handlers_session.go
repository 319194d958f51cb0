package sftest

import (
	"net/http"
)

// handleLogin answers POST /session/v1/login-request.
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	var req loginRequest
	if !s.decode(w, r, &req) {
		return
	}
	s.pause(r.Context(), s.cfg.loginLatency)
	sess, err := s.login(&req, r.URL.Query())
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	st := s.stateOf(sess)
	s.mu.Lock()
	tok, master := sess.token, sess.masterToken
	s.mu.Unlock()
	s.reply(w, r, http.StatusOK, okEnvelope(loginData{
		Token:                   tok,
		ValidityInSeconds:       int64(s.cfg.sessionIdleTimeout.Seconds()),
		MasterToken:             master,
		MasterValidityInSeconds: 14400,
		DisplayUserName:         User,
		ServerVersion:           "sftest",
		HealthCheckInterval:     45,
		SessionID:               sess.id,
		Parameters:              st.parameters(),
		SessionInfo: sessionInfo{
			DatabaseName: st.database, SchemaName: st.schema,
			WarehouseName: st.warehouse, RoleName: st.role,
		},
	}))
}

// handleRenew answers POST /session/token-request (the master token renews
// the session token).
func (s *Server) handleRenew(w http.ResponseWriter, r *http.Request) {
	var req renewRequest
	if !s.decode(w, r, &req) {
		return
	}
	master, ok := tokenFromHeader(r)
	if !ok {
		s.fail(w, r, errNoToken, "")
		return
	}
	sess, err := s.renew(master)
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.mu.Lock()
	data := renewData{
		SessionToken:        sess.token,
		ValidityInSecondsST: int64(s.cfg.sessionIdleTimeout.Seconds()),
		MasterToken:         sess.masterToken,
		ValidityInSecondsMT: 14400,
		SessionID:           sess.id,
	}
	s.mu.Unlock()
	s.reply(w, r, http.StatusOK, okEnvelope(data))
}

// handleHeartbeat answers POST /session/heartbeat: it keeps the session token alive.
func (s *Server) handleHeartbeat(w http.ResponseWriter, r *http.Request) {
	if _, err := s.authenticate(r); err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.reply(w, r, http.StatusOK, okEnvelope(nil))
}

// handleLogout answers POST /session?delete=true.
func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	if err := s.logout(r); err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.reply(w, r, http.StatusOK, okEnvelope(nil))
}

// handleTelemetry accepts and ignores POST /telemetry/send.
func (s *Server) handleTelemetry(w http.ResponseWriter, r *http.Request) {
	var body any
	if !s.decode(w, r, &body) {
		return
	}
	s.reply(w, r, http.StatusOK, okEnvelope(nil))
}
