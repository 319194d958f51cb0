package sftest

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"
)

// This file holds fault injection's public surface and the rule table that
// decides, request by request, which fault a request gets; faults_inject.go
// carries the faults out.

// Endpoint names a REST endpoint faults can be injected into. Its value is
// the name ParseFault and cmd/sftest's -fault flag use.
type Endpoint string

// The endpoints faults can be injected into.
const (
	EndpointLogin      Endpoint = "login"      // POST /session/v1/login-request
	EndpointQuery      Endpoint = "query"      // POST /queries/v1/query-request
	EndpointResult     Endpoint = "result"     // GET /queries/{id}/result
	EndpointMonitoring Endpoint = "monitoring" // GET /monitoring/queries/{id}
	EndpointAbort      Endpoint = "abort"      // POST /queries/v1/abort-request
	EndpointRenew      Endpoint = "renew"      // POST /session/token-request
	EndpointLogout     Endpoint = "logout"     // POST /session?delete=true
)

// FaultKind is what an injected fault does to a request. Its value is the
// name ParseFault and cmd/sftest's -fault flag use.
type FaultKind string

// The kinds of fault.
const (
	// FaultHTTP503, FaultHTTP429 and FaultHTTP500 answer with that HTTP
	// status before doing anything; the driver retries all three.
	FaultHTTP503 FaultKind = "503"
	FaultHTTP429 FaultKind = "429"
	FaultHTTP500 FaultKind = "500"
	// FaultReset resets the TCP connection before doing anything.
	FaultReset FaultKind = "reset"
	// FaultAnswerLost lets the request take effect (the statement is
	// accepted and runs, the cancel or login or logout is done), then resets
	// the connection instead of sending the answer. A query-request re-sent
	// with the same requestId in the same session finds the statement it
	// started; nothing runs twice.
	FaultAnswerLost FaultKind = "answer-lost"
	// FaultDelay holds the request for Fault.Delay, then serves it normally,
	// even if the client gave up meanwhile (a request held up in transit
	// still arrives: a query-request still starts its statement).
	FaultDelay FaultKind = "delay"
	// FaultTokenExpired expires the request's session token, as an idle
	// timeout does, and answers 390112; the driver renews the token with
	// the master token and sends the request again. Not on login or renew.
	FaultTokenExpired FaultKind = "token-expired"
	// FaultSessionDropped ends the request's session for good, as a logout
	// does (its running statements are aborted after the logout grace, see
	// WithLogoutGrace; Sessions does not count it as closed), and answers
	// 390111: every later request of the session fails with 390111 too.
	// Not on login.
	FaultSessionDropped FaultKind = "session-dropped"
)

// Fault is one fault injection rule: requests to Endpoint get a fault of
// Kind, either each with probability Fraction or the Next ones. Exactly one
// of Fraction and Next is set.
type Fault struct {
	Endpoint Endpoint
	Kind     FaultKind
	// Fraction, in (0, 1], is the probability that a request gets the
	// fault, drawn from the server's seeded generator: the same seed and the
	// same order of requests give the same faults.
	Fraction float64
	// Next is how many of the next requests get the fault; the rule is
	// spent after that.
	Next int
	// Delay is how long FaultDelay holds a request; set only with FaultDelay.
	Delay time.Duration
}

// validate reports why f cannot be injected, or nil.
func (f Fault) validate() error {
	if _, ok := endpointIndex[f.Endpoint]; !ok {
		return fmt.Errorf("unknown endpoint %q (want one of %v)", f.Endpoint, faultEndpoints)
	}
	if _, ok := kindIndex[f.Kind]; !ok {
		return fmt.Errorf("unknown fault kind %q (want one of %v)", f.Kind, faultKinds)
	}
	switch {
	case f.Fraction != 0 && f.Next != 0:
		return errors.New("set either a fraction or next, not both")
	case f.Next < 0:
		return fmt.Errorf("next %d is negative", f.Next)
	case f.Next == 0 && !(f.Fraction > 0 && f.Fraction <= 1):
		return fmt.Errorf("fraction %v is not in (0, 1] and next is not set", f.Fraction)
	case f.Kind == FaultDelay && f.Delay <= 0:
		return errors.New("a delay fault needs a positive delay")
	case f.Kind != FaultDelay && f.Delay != 0:
		return fmt.Errorf("delay is set on a %s fault", f.Kind)
	case f.Kind == FaultTokenExpired && (f.Endpoint == EndpointLogin || f.Endpoint == EndpointRenew):
		return fmt.Errorf("%s has no session token to expire", f.Endpoint)
	case f.Kind == FaultSessionDropped && f.Endpoint == EndpointLogin:
		return errors.New("login has no session to drop")
	}
	return nil
}

// faultEndpoints and faultKinds list every endpoint and kind in a fixed order.
var (
	faultEndpoints = []Endpoint{EndpointLogin, EndpointQuery, EndpointResult, EndpointMonitoring,
		EndpointAbort, EndpointRenew, EndpointLogout}
	faultKinds = []FaultKind{FaultHTTP503, FaultHTTP429, FaultHTTP500, FaultReset,
		FaultAnswerLost, FaultDelay, FaultTokenExpired, FaultSessionDropped}
	endpointIndex = indexOf(faultEndpoints)
	kindIndex     = indexOf(faultKinds)
)

func indexOf[T comparable](xs []T) map[T]int {
	m := make(map[T]int, len(xs))
	for i, x := range xs {
		m[x] = i
	}
	return m
}

// defaultFaultSeed seeds the fault generator when WithFaults is not used.
const defaultFaultSeed = 1

// WithFaults seeds the fault generator with seed and injects faults from the
// start (see Fault; InjectFaults adds more at run time). A later WithFaults
// sets the seed again and adds its faults after the earlier ones. NewServer
// fails if a fault is invalid. Default: no faults, seed 1.
func WithFaults(seed int64, faults ...Fault) Option {
	return func(c *config) {
		c.faultSeed = seed
		c.faults = append(c.faults, faults...)
	}
}

// InjectFaults adds fault rules after those already in place. For each
// request the rules of its endpoint are tried in the order they were added
// and the first that fires decides the fault; a request gets at most one.
// It injects nothing and returns an error if any fault is invalid.
func (s *Server) InjectFaults(faults ...Fault) error {
	return s.faults.add(faults)
}

// ClearFaults removes every fault rule; requests from now on get no fault.
// The counts (Faults) and the generator's state stay.
func (s *Server) ClearFaults() { s.faults.clear() }

// Faults reports how many faults were injected so far, per endpoint and kind.
func (s *Server) Faults() FaultCounts { return s.faults.snapshot() }

// FaultCounts is how many faults were injected, per endpoint.
type FaultCounts struct {
	Login, Query, Result, Monitoring, Abort, Renew, Logout FaultKindCounts
}

// FaultKindCounts is how many faults of each kind one endpoint got.
type FaultKindCounts struct {
	HTTP503, HTTP429, HTTP500, Reset, AnswerLost, Delay, TokenExpired, SessionDropped int64
}

// Of is the count for endpoint e and kind k; 0 for unknown names.
func (c FaultCounts) Of(e Endpoint, k FaultKind) int64 {
	if p := c.endpoint(e); p != nil {
		if n := p.kind(k); n != nil {
			return *n
		}
	}
	return 0
}

// Total is the number of faults injected at all.
func (c FaultCounts) Total() int64 {
	var n int64
	for _, e := range faultEndpoints {
		for _, k := range faultKinds {
			n += c.Of(e, k)
		}
	}
	return n
}

func (c *FaultCounts) endpoint(e Endpoint) *FaultKindCounts {
	switch e {
	case EndpointLogin:
		return &c.Login
	case EndpointQuery:
		return &c.Query
	case EndpointResult:
		return &c.Result
	case EndpointMonitoring:
		return &c.Monitoring
	case EndpointAbort:
		return &c.Abort
	case EndpointRenew:
		return &c.Renew
	case EndpointLogout:
		return &c.Logout
	}
	return nil
}

func (k *FaultKindCounts) kind(f FaultKind) *int64 {
	switch f {
	case FaultHTTP503:
		return &k.HTTP503
	case FaultHTTP429:
		return &k.HTTP429
	case FaultHTTP500:
		return &k.HTTP500
	case FaultReset:
		return &k.Reset
	case FaultAnswerLost:
		return &k.AnswerLost
	case FaultDelay:
		return &k.Delay
	case FaultTokenExpired:
		return &k.TokenExpired
	case FaultSessionDropped:
		return &k.SessionDropped
	}
	return nil
}

// faultRules is a server's fault rules, its seeded generator and its counts.
type faultRules struct {
	mu     sync.Mutex
	rng    *rand.Rand
	rules  []*faultRule // in the order added
	counts FaultCounts
}

// faultRule is a Fault and, for a Next rule, how many requests it still fails.
type faultRule struct {
	Fault
	left int
}

func newFaultRules(seed int64, faults []Fault) (*faultRules, error) {
	fr := &faultRules{rng: rand.New(rand.NewPCG(uint64(seed), 0))}
	if err := fr.add(faults); err != nil {
		return nil, err
	}
	return fr, nil
}

func (fr *faultRules) add(faults []Fault) error {
	for i, f := range faults {
		if err := f.validate(); err != nil {
			return fmt.Errorf("sftest: fault %d (%s %s): %w", i, f.Endpoint, f.Kind, err)
		}
	}
	fr.mu.Lock()
	defer fr.mu.Unlock()
	for _, f := range faults {
		fr.rules = append(fr.rules, &faultRule{Fault: f, left: f.Next})
	}
	return nil
}

func (fr *faultRules) clear() {
	fr.mu.Lock()
	defer fr.mu.Unlock()
	fr.rules = nil
}

// pick decides the fault of one request to endpoint e and counts it. The
// rules of e are tried in order: a Next rule fires while it has requests
// left, a Fraction rule draws one number from the generator. Draws happen
// under the lock, so the order requests reach pick is the order of draws.
func (fr *faultRules) pick(e Endpoint) (Fault, bool) {
	if e == "" {
		return Fault{}, false
	}
	fr.mu.Lock()
	defer fr.mu.Unlock()
	for _, r := range fr.rules {
		if r.Endpoint != e {
			continue
		}
		fire := false
		if r.Next > 0 {
			if fire = r.left > 0; fire {
				r.left--
			}
		} else {
			fire = fr.rng.Float64() < r.Fraction
		}
		if fire {
			*fr.counts.endpoint(e).kind(r.Kind)++
			return r.Fault, true
		}
	}
	return Fault{}, false
}

func (fr *faultRules) snapshot() FaultCounts {
	fr.mu.Lock()
	defer fr.mu.Unlock()
	return fr.counts
}
