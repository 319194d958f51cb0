package sftest

import (
	"net/http"
	"strings"
	"time"
)

// session is one login: its tokens and its state (current database and
// schema, ALTER SESSION parameters). All fields are guarded by Server.mu.
type session struct {
	id          int64
	token       string
	masterToken string
	lastUsed    time.Time
	expired     bool // the current token idled out; renew with the master token
	loggedOut   bool // logged out or dropped (endSession): its tokens answer 390111
	database    string
	schema      string
	warehouse   string
	role        string
	params      map[string]string // upper-case name -> value
	clientApp   string            // the login's CLIENT_APP_ID ("Go" for gosnowflake)
	clientVer   string            // the login's CLIENT_APP_VERSION
	lastQueryID string
	requests    map[string]*statement  // requestId -> statement, for retries and abort-request
	stmts       []*statement           // statements submitted in this session
	txn         *connHolder            // pinned DuckDB connection inside BEGIN ... COMMIT
	contextTS   int64                  // the session's query context timestamp (entry ID 0)
	vars        map[string]*sessionVar // SET variables by name (session_variables.go)
}

// tokenRef is what a session token refers to; superseded tokens were replaced
// by a renewal and answer 390112 so the driver picks up the new one.
type tokenRef struct {
	sess       *session
	superseded bool
}

// Session and protocol errors. The 39xxxx codes match Snowflake's where the
// driver reacts to them (390100 bad login, 390112 session expired); the rest
// are sftest's own, documented in the package README.
var (
	errBadLogin       = &sqlError{Code: "390100", SQLState: "08004", Message: "Incorrect username or password was specified."}
	errNoToken        = &sqlError{Code: "390101", SQLState: "08004", Message: "Authorization header missing or malformed: expected Snowflake Token=\"...\"."}
	errNoSession      = &sqlError{Code: "390111", SQLState: "08003", Message: "Session no longer exists. New login required to access the service."}
	errSessionExpired = &sqlError{Code: "390112", SQLState: "08001", Message: "Your session has expired. Please login again."}
	errMasterInvalid  = &sqlError{Code: "390114", SQLState: "08001", Message: "Authentication token has expired. The user must authenticate again."}
)

// tokenFromHeader extracts the token of `Authorization: Snowflake Token="..."`.
func tokenFromHeader(r *http.Request) (string, bool) {
	h := strings.TrimSpace(r.Header.Get("Authorization"))
	const prefix = "Snowflake Token="
	if !strings.HasPrefix(h, prefix) {
		return "", false
	}
	tok := strings.Trim(strings.TrimPrefix(h, prefix), `"`)
	return tok, tok != ""
}

// authenticate resolves the request's session token. It marks the session
// used (idle expiry counts from the last use) and answers 390112 for a token
// that idled out or was replaced by a renewal.
func (s *Server) authenticate(r *http.Request) (*session, *sqlError) {
	tok, ok := tokenFromHeader(r)
	if !ok {
		return nil, errNoToken
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ref := s.tokens[tok]
	if ref == nil || ref.sess.loggedOut {
		return nil, errNoSession
	}
	if ref.superseded {
		return nil, errSessionExpired
	}
	sess := ref.sess
	now := time.Now()
	if sess.expired || now.Sub(sess.lastUsed) > s.cfg.sessionIdleTimeout {
		sess.expired = true
		return nil, errSessionExpired
	}
	sess.lastUsed = now
	return sess, nil
}

// login opens a session for valid credentials.
func (s *Server) login(req *loginRequest, q map[string][]string) (*session, *sqlError) {
	if !strings.EqualFold(req.Data.LoginName, User) || req.Data.Password != s.cfg.password {
		return nil, errBadLogin
	}
	first := func(k, def string) string {
		if v := q[k]; len(v) > 0 && v[0] != "" {
			return normalizeName(v[0])
		}
		return def
	}
	sess := &session{
		token:       newToken("token"),
		masterToken: newToken("master"),
		lastUsed:    time.Now(),
		database:    first("databaseName", Database),
		schema:      first("schemaName", Schema),
		warehouse:   first("warehouse", Warehouse),
		role:        first("roleName", Role),
		params:      map[string]string{"TIMEZONE": "UTC"},
		clientApp:   req.Data.ClientAppID,
		clientVer:   req.Data.ClientAppVersion,
		requests:    map[string]*statement{},
	}
	for k, v := range req.Data.SessionParameters {
		if s, ok := v.(string); ok {
			sess.params[strings.ToUpper(k)] = s
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, errServerClosing
	}
	s.nextSession++
	sess.id = 1_000_000 + s.nextSession
	s.sessions[sess.id] = sess
	s.tokens[sess.token] = &tokenRef{sess: sess}
	s.masters[sess.masterToken] = sess
	s.opened++
	return sess, nil
}

// normalizeName upper-cases an unquoted identifier and unquotes a quoted one.
func normalizeName(n string) string {
	n = strings.TrimSpace(n)
	if len(n) >= 2 && strings.HasPrefix(n, `"`) && strings.HasSuffix(n, `"`) {
		return strings.ReplaceAll(n[1:len(n)-1], `""`, `"`)
	}
	return strings.ToUpper(n)
}

// renew replaces the session token of the session owning masterToken.
func (s *Server) renew(masterToken string) (*session, *sqlError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := s.masters[masterToken]
	if sess == nil {
		return nil, errMasterInvalid
	}
	if sess.loggedOut {
		return nil, errNoSession
	}
	if ref := s.tokens[sess.token]; ref != nil {
		ref.superseded = true
	}
	sess.token = newToken("token")
	sess.expired = false
	sess.lastUsed = time.Now()
	s.tokens[sess.token] = &tokenRef{sess: sess}
	return sess, nil
}

// logout closes the session named by the request's token (an expired token
// still logs out) and schedules the abort of its live statements after the
// logout grace.
func (s *Server) logout(r *http.Request) *sqlError {
	tok, ok := tokenFromHeader(r)
	if !ok {
		return errNoToken
	}
	s.mu.Lock()
	ref := s.tokens[tok]
	s.mu.Unlock()
	if ref == nil || !s.endSession(ref.sess, true) {
		return errNoSession
	}
	return nil
}

// expireSessionOf marks the session of the request's token as idled out:
// the token answers 390112 until the master token renews it.
func (s *Server) expireSessionOf(r *http.Request) {
	tok, ok := tokenFromHeader(r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if ref := s.tokens[tok]; ref != nil {
		ref.sess.expired = true
	}
}

// dropSessionOf ends, as the server's own decision, the session of the
// request's token (its master token when master is set): from then on its
// tokens answer 390111. Unlike a logout it does not count in Sessions.
func (s *Server) dropSessionOf(r *http.Request, master bool) {
	tok, ok := tokenFromHeader(r)
	if !ok {
		return
	}
	s.mu.Lock()
	var sess *session
	if master {
		sess = s.masters[tok]
	} else if ref := s.tokens[tok]; ref != nil {
		sess = ref.sess
	}
	s.mu.Unlock()
	if sess != nil {
		s.endSession(sess, false)
	}
}

// endSession ends sess, counting it as logged out when logout is set: it
// rolls back its transaction and schedules the abort of its live statements
// after the logout grace. It reports false, and does nothing, if sess had
// already ended.
func (s *Server) endSession(sess *session, logout bool) bool {
	s.mu.Lock()
	if sess.loggedOut {
		s.mu.Unlock()
		return false
	}
	sess.loggedOut = true
	if logout {
		s.loggedOut++
	}
	txn := sess.txn
	sess.txn = nil
	s.mu.Unlock()
	s.stages.dropSession(sess.id) // its temporary stages
	if txn != nil {
		// Rolling back waits for a statement still using the connection; do
		// not hold the answer for it. Once the server is closing no
		// goroutine may start, and Close no longer finds this transaction in
		// the session: release it here or its connection and locks leak.
		release := func() { txn.release(s, true) }
		if !s.goTracked(release) {
			release()
		}
	}
	abort := func() {
		for _, st := range s.sessionLive(sess) {
			st.abort()
		}
	}
	if s.cfg.logoutGrace <= 0 {
		abort()
	} else {
		s.afterFunc(s.cfg.logoutGrace, abort)
	}
	return true
}

// sessionLive lists a session's statements not yet ended.
func (s *Server) sessionLive(sess *session) []*statement {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*statement
	for _, st := range sess.stmts {
		st.mu.Lock()
		if !terminal(st.status) {
			out = append(out, st)
		}
		st.mu.Unlock()
	}
	return out
}

// sessionState is a consistent copy of what statements read from a session.
type sessionState struct {
	database, schema, warehouse, role string
	params                            map[string]string
}

func (s *Server) stateOf(sess *session) sessionState {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := make(map[string]string, len(sess.params))
	for k, v := range sess.params {
		p[k] = v
	}
	return sessionState{sess.database, sess.schema, sess.warehouse, sess.role, p}
}

// parameters is the list of session parameters sent with login and query
// answers; the driver stores them (TIMEZONE drives TIMESTAMP_LTZ values).
// Telemetry stays off so the driver does not post it.
func (st sessionState) parameters() []nameValue {
	out := []nameValue{
		{Name: "CLIENT_TELEMETRY_ENABLED", Value: false},
		{Name: "TIMEZONE", Value: st.params["TIMEZONE"]},
		{Name: "CLIENT_STAGE_ARRAY_BINDING_THRESHOLD", Value: arrayBindStageThreshold},
	}
	for _, k := range []string{"QUERY_TAG", "CLIENT_SESSION_KEEP_ALIVE", "CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY"} {
		if v, ok := st.params[k]; ok {
			out = append(out, nameValue{Name: k, Value: v})
		}
	}
	return out
}

var errServerClosing = &sqlError{Code: "390503", SQLState: "08006", Message: "sftest server is closing."}
