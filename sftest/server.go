package sftest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Server is a running local Snowflake. Its methods are safe for concurrent use.
type Server struct {
	cfg    config
	ln     net.Listener
	srv    *http.Server
	eng    *engine
	ids    *idGen
	counts counters
	conns  connGauge
	faults *faultRules
	wh     *warehouse
	locks  *tableLocks

	// ctx is the parent of every statement and held request; Close cancels it.
	ctx  context.Context
	stop context.CancelFunc

	serveDone chan struct{}
	closeOnce sync.Once
	closeErr  error

	mu           sync.Mutex
	closed       bool
	wg           sync.WaitGroup // statement goroutines and timer callbacks
	timers       map[*time.Timer]struct{}
	nextSession  int64
	sessions     map[int64]*session
	tokens       map[string]*tokenRef // session tokens, current and superseded
	masters      map[string]*session
	stmts        map[string]*statement // by query ID
	history      []*statement          // submission order
	opened       int64
	loggedOut    int64
	resultTables map[string]string // query ID -> DuckDB table (RESULT_SCAN)
	resultMu     sync.Mutex        // serializes materializing RESULT_SCAN tables
	procs        procCatalog       // stored procedures (CREATE PROCEDURE)
	stages       *stageStore       // internal stages, file formats, load metadata
}

// NewServer starts a server on 127.0.0.1 (a random port unless WithAddr).
// The caller must Close it.
func NewServer(opts ...Option) (*Server, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	host, _, err := net.SplitHostPort(cfg.addr)
	if err != nil {
		return nil, fmt.Errorf("sftest: address %q: %w", cfg.addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, fmt.Errorf("sftest: address %q is not a loopback address", cfg.addr)
	}
	faults, err := newFaultRules(cfg.faultSeed, cfg.faults)
	if err != nil {
		return nil, err
	}
	ctx, stop := context.WithCancel(context.Background())
	eng, err := newEngine(ctx, cfg.maxConcurrency)
	if err != nil {
		stop()
		return nil, err
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		stop()
		_ = eng.close()
		return nil, fmt.Errorf("sftest: listen: %w", err)
	}
	s := &Server{
		cfg:          cfg,
		ln:           ln,
		eng:          eng,
		ids:          newIDGen(),
		faults:       faults,
		wh:           newWarehouse(cfg.maxConcurrency),
		locks:        newTableLocks(),
		ctx:          ctx,
		stop:         stop,
		serveDone:    make(chan struct{}),
		timers:       map[*time.Timer]struct{}{},
		sessions:     map[int64]*session{},
		tokens:       map[string]*tokenRef{},
		masters:      map[string]*session{},
		stmts:        map[string]*statement{},
		resultTables: map[string]string{},
		stages:       newStageStore(),
	}
	if err := registerHistoryFunction(ctx, eng.db, s.historyRows); err != nil {
		stop()
		_ = ln.Close()
		_ = eng.close()
		return nil, fmt.Errorf("sftest: prepare duckdb: %w", err)
	}
	s.srv = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 30 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ConnState:         s.conns.track,
		ErrorLog:          nil,
	}
	go func() {
		defer close(s.serveDone)
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.cfg.logger.Error("sftest: serve", "err", err)
		}
	}()
	s.cfg.logger.Info("sftest: listening", "url", s.URL())
	return s, nil
}

// URL is the server's base URL, http://127.0.0.1:port.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() }

// DSN is a gosnowflake DSN for this server: user User, password Password,
// database Database, schema Schema, warehouse Warehouse, plain HTTP.
func (s *Server) DSN() string {
	host, port, _ := net.SplitHostPort(s.ln.Addr().String())
	q := url.Values{}
	q.Set("account", Account)
	q.Set("protocol", "http")
	q.Set("warehouse", Warehouse)
	q.Set("role", Role)
	q.Set("validateDefaultParameters", "false")
	q.Set("loginTimeout", "30")
	q.Set("disableOCSPChecks", "true")
	return fmt.Sprintf("%s:%s@%s:%s/%s/%s?%s", User, url.QueryEscape(s.cfg.password), host, port, Database, Schema, q.Encode())
}

// Close stops the listener, aborts every live statement, waits for the work
// it started and closes DuckDB. It is idempotent; later calls return the
// first call's result.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		for t := range s.timers {
			t.Stop()
		}
		s.timers = nil
		live := s.liveLocked()
		s.mu.Unlock()

		// Cancel every statement's context before ending any of them: ending a
		// running statement frees its warehouse slot, and a QUEUED one that
		// took the slot with a live context would run (and succeed) after Close.
		s.stop() // wakes held requests and interrupts DuckDB
		for _, st := range live {
			st.finish(nil, errServerClosed)
		}
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := s.srv.Shutdown(sctx)
		cancel()
		if err != nil {
			_ = s.srv.Close()
		}
		<-s.serveDone
		s.wg.Wait()
		s.mu.Lock()
		var txns []*connHolder
		for _, sess := range s.sessions {
			if sess.txn != nil {
				txns = append(txns, sess.txn)
				sess.txn = nil
			}
		}
		s.mu.Unlock()
		for _, h := range txns {
			h.release(s, true)
		}
		s.closeErr = s.eng.close()
		s.stages.close()
	})
	return s.closeErr
}

var errServerClosed = &sqlError{Code: "000604", SQLState: "57014", Message: "SQL execution canceled: server closed"}

// liveLocked lists statements not yet ended. s.mu must be held.
func (s *Server) liveLocked() []*statement {
	var out []*statement
	for _, st := range s.history {
		st.mu.Lock()
		live := !terminal(st.status)
		st.mu.Unlock()
		if live {
			out = append(out, st)
		}
	}
	return out
}

// Queries returns the query history in submission order (multi-statement
// children follow their parent).
func (s *Server) Queries() []Query {
	s.mu.Lock()
	h := append([]*statement(nil), s.history...)
	s.mu.Unlock()
	out := make([]Query, len(h))
	for i, st := range h {
		out[i] = st.snapshot()
	}
	return out
}

// Counts returns the request counters.
func (s *Server) Counts() Counts { return s.counts.snapshot() }

// Sessions reports how many sessions were opened (logins) and closed (logouts) so far.
func (s *Server) Sessions() (opened, closed int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.opened, s.loggedOut
}

// goTracked runs f in a goroutine Close waits for; it reports false (and
// does not run f) once the server is closing.
func (s *Server) goTracked(f func()) bool {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return false
	}
	s.wg.Add(1)
	s.mu.Unlock()
	go func() {
		defer s.wg.Done()
		f()
	}()
	return true
}

// afterFunc runs f after d unless the server closes first.
func (s *Server) afterFunc(d time.Duration, f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	var t *time.Timer
	t = time.AfterFunc(d, func() {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			return
		}
		delete(s.timers, t)
		s.wg.Add(1)
		s.mu.Unlock()
		defer s.wg.Done()
		f()
	})
	s.timers[t] = struct{}{}
}

// pause sleeps d unless ctx ends or the server closes first.
func (s *Server) pause(ctx context.Context, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	case <-s.ctx.Done():
	}
}

// lookupStatement finds a statement by query ID (case-insensitive, as
// Snowflake's IDs are hex).
func (s *Server) lookupStatement(id string) *statement {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stmts[strings.ToLower(strings.TrimSpace(id))]
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
