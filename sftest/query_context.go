package sftest

import "time"

// This file models Snowflake's query context (the HTAP query context cache).
// Snowflake puts a queryContext in the data of its query answers; the driver
// caches the entries per connection and sends them back as queryContextDTO
// in every later query-request of that connection. sftest keeps one entry
// per session: ID 0, priority 0, and a timestamp that moves forward with
// every statement the session runs.

// QueryContextEntry is one query context entry as the client sends it in a
// query-request's queryContextDTO (the driver drops the opaque context data,
// so only these fields come back).
type QueryContextEntry struct {
	ID        int   // which context the entry belongs to; sftest's is 0
	Priority  int   // the cache keeps the lowest priorities first; sftest's is 0
	Timestamp int64 // the entry's version; the cache keeps the newest per ID
}

// queryContextWire is the queryContext of an answer's data, as the driver
// decodes it ({"entries":[{"id":..,"timestamp":..,"priority":..}]}).
type queryContextWire struct {
	Entries []queryContextWireEntry `json:"entries"`
}

type queryContextWireEntry struct {
	ID        int    `json:"id"`
	Timestamp int64  `json:"timestamp"`
	Priority  int    `json:"priority"`
	Context   string `json:"context,omitempty"` // base64; sftest sends none
}

// queryContextDTO is a query-request's queryContextDTO: the entries the
// driver cached from earlier answers on the same connection.
type queryContextDTO struct {
	Entries []struct {
		ID        int   `json:"id"`
		Priority  int   `json:"priority"`
		Timestamp int64 `json:"timestamp"`
		Context   struct {
			Base64Data string `json:"base64Data"`
		} `json:"context"`
	} `json:"entries"`
}

// sent lists the entries the client sent; nil when it sent none.
func (d queryContextDTO) sent() []QueryContextEntry {
	if len(d.Entries) == 0 {
		return nil
	}
	out := make([]QueryContextEntry, len(d.Entries))
	for i, e := range d.Entries {
		out[i] = QueryContextEntry{ID: e.ID, Priority: e.Priority, Timestamp: e.Timestamp}
	}
	return out
}

// advanceContextLocked moves the session's query context forward for a
// statement submitted at t and returns the new timestamp: microseconds of t,
// or one more than the last one when the clock did not move (strictly
// increasing per session). Server.mu must be held.
func (sess *session) advanceContextLocked(t time.Time) int64 {
	sess.contextTS = max(t.UnixMicro(), sess.contextTS+1)
	return sess.contextTS
}

// returnedContext is the entry list the answers about st carry: the
// session's query context as it stood when st was submitted.
func (st *statement) returnedContext() []QueryContextEntry {
	return []QueryContextEntry{{ID: 0, Priority: 0, Timestamp: st.contextTS}}
}

// wireContext is st's query context as an answer's data carries it.
func (st *statement) wireContext() *queryContextWire {
	return &queryContextWire{Entries: []queryContextWireEntry{{ID: 0, Timestamp: st.contextTS, Priority: 0}}}
}
