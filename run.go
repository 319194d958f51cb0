package sfasync

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"
)

// A run is the set of statements a client submits under one run ID
// ([WithRunID]). Every statement carries a QUERY_TAG naming its run and
// its name within the run, as JSON:
//
//	{"sfasync":{"run":"nightly-2026-12-01","stmt":"load_na"},"tag":"etl"}
//
// where "tag" is the client's [WithQueryTag], if any, and "stmt" is the
// [Statement.Name], or a name the client makes up for a statement that has
// none. Those tags are how the client finds its statements in Snowflake's
// query history without any local state: after a submission whose outcome
// was lost with its session, and when a run is started again.
type run struct {
	id      string
	chosen  bool    // the user named the run, so statements of it may exist already
	userTag string  // WithQueryTag
	journal Journal // nil: none
	be      backend

	loading chan struct{} // held while loading, so that waiters honour their ctx

	mu      sync.Mutex
	loaded  bool                     // known holds what the journal and history say
	known   map[string]string        // statement name → query ID, for this run
	pending map[string]chan struct{} // names being submitted now; closed when done
}

// maxQueryTag is the longest QUERY_TAG Snowflake accepts, in characters.
const maxQueryTag = 2000

func newRun(o *options, be backend) *run {
	r := &run{id: o.runID, chosen: o.runID != "", userTag: o.queryTag, journal: o.journal, be: be,
		loading: make(chan struct{}, 1), known: map[string]string{}, pending: map[string]chan struct{}{}}
	if r.id == "" {
		r.id = newName()
	}
	return r
}

// newName returns a random name, unique for all practical purposes.
func newName() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand)
	return hex.EncodeToString(b[:])
}

// tag returns the QUERY_TAG of the run's statement called name.
func (r *run) tag(name string) (string, error) {
	if !utf8.ValidString(name) || strings.ContainsFunc(name, isControl) {
		return "", fmt.Errorf("sfasync: statement name %q: only printable UTF-8 text can name a statement", name)
	}
	t := r.prefix() + quote(name) + "}"
	if r.userTag != "" {
		t += `,"tag":` + quote(r.userTag)
	}
	t += "}"
	if n := utf8.RuneCountInString(t); n > maxQueryTag {
		return "", fmt.Errorf("sfasync: statement name %q: its query tag would be %d characters, and Snowflake allows %d; use a shorter name, run ID or WithQueryTag", name, n, maxQueryTag)
	}
	return t, nil
}

// prefix is what every tag of the run starts with.
func (r *run) prefix() string {
	return `{"sfasync":{"run":` + quote(r.id) + `,"stmt":`
}

func isControl(c rune) bool { return c < 0x20 || c == 0x7f }

// quote is s as a JSON string.
func quote(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

// tagName reads the statement name out of one of the run's tags; ok is
// false for a tag of another run or not sfasync's.
func (r *run) tagName(tag string) (name string, ok bool) {
	if !strings.HasPrefix(tag, r.prefix()) {
		return "", false
	}
	var t struct {
		SFAsync struct {
			Run  string `json:"run"`
			Stmt string `json:"stmt"`
		} `json:"sfasync"`
	}
	if err := json.Unmarshal([]byte(tag), &t); err != nil || t.SFAsync.Run != r.id {
		return "", false
	}
	return t.SFAsync.Stmt, true
}

// claim decides what to do with the run's statement called name: if the
// run already submitted it (this client, or an earlier one with the same
// run ID, by the journal or the query history), it returns its query ID;
// otherwise it returns a done func that the caller must call with the
// query ID it got by submitting (or "" if the submission failed).
// Two claims of one name at once: the second waits for the first.
func (r *run) claim(ctx context.Context, name string) (queryID string, done func(id string), err error) {
	if err := r.load(ctx); err != nil {
		return "", nil, err
	}
	for {
		r.mu.Lock()
		if id, ok := r.known[name]; ok {
			r.mu.Unlock()
			return id, nil, nil
		}
		busy, ok := r.pending[name]
		if !ok {
			busy = make(chan struct{})
			r.pending[name] = busy
			r.mu.Unlock()
			return "", func(id string) {
				r.mu.Lock()
				if id != "" {
					r.known[name] = id
				}
				delete(r.pending, name)
				r.mu.Unlock()
				close(busy)
			}, nil
		}
		r.mu.Unlock()
		select {
		case <-busy:
		case <-ctx.Done():
			return "", nil, fmt.Errorf("sfasync: statement %q of run %q: waiting for its submission elsewhere in this client: %w", name, r.id, ctx.Err())
		}
	}
}

// load learns, once, which of the run's statements were already submitted:
// from the journal, and for a run the user named, from the query history by
// tag, which also finds statements submitted just before a crash that the
// journal did not get to record. A failed load is not kept: the next claim
// tries again, since submitting without knowing could run a statement twice.
func (r *run) load(ctx context.Context) error {
	r.mu.Lock()
	loaded := r.loaded
	r.mu.Unlock()
	if loaded {
		return nil
	}
	select {
	case r.loading <- struct{}{}:
		defer func() { <-r.loading }()
	case <-ctx.Done():
		return fmt.Errorf("sfasync: run %q: waiting to learn its statements: %w", r.id, ctx.Err())
	}
	r.mu.Lock()
	loaded = r.loaded
	r.mu.Unlock()
	if loaded {
		return nil
	}
	// The query history and the journal are read at once.
	found := map[string]string{}
	var entries map[string]string
	g, gctx := errgroup.WithContext(ctx)
	if r.chosen {
		g.Go(func() error {
			tagged, err := r.be.history(gctx, r.prefix())
			switch {
			case errors.Is(err, ErrUnsupported):
				// The generic path has no query history; its statements
				// cannot be attached to by ID anyway.
			case err != nil:
				return fmt.Errorf("sfasync: run %q: finding its statements in the query history: %w", r.id, err)
			}
			for _, t := range tagged {
				if name, ok := r.tagName(t.tag); ok {
					if _, dup := found[name]; !dup { // the earliest, by history order
						found[name] = t.queryID
					}
				}
			}
			return nil
		})
	}
	if r.journal != nil {
		g.Go(func() error {
			var err error
			if entries, err = r.journal.Load(gctx, r.id); err != nil {
				return fmt.Errorf("sfasync: run %q: reading its journal: %w", r.id, err)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for name, id := range entries {
		found[name] = id // the journal's word wins
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for name, id := range found {
		r.known[name] = id
	}
	r.loaded = true
	return nil
}

// record writes a submitted statement to the journal, if there is one.
func (r *run) record(ctx context.Context, name, queryID string) error {
	if r.journal == nil {
		return nil
	}
	return r.journal.Record(ctx, r.id, name, queryID)
}
