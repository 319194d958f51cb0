package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ServerTimes is one statement as the server's query history reports it:
// its times and, to tell statements apart, its text, session and status.
type ServerTimes struct {
	QueryID    string
	Start, End time.Time
	// Queued is the time spent QUEUED (provisioning, repair, overload),
	// Blocked the time spent BLOCKED on a lock; zero where the history has
	// no such columns.
	Queued, Blocked time.Duration
	// Text, SessionID and Status are the history's QUERY_TEXT, SESSION_ID
	// and EXECUTION_STATUS; empty or zero where it has no such column.
	Text      string
	SessionID int64
	Status    string
}

// historyPoll is how often ReadServerTimes asks again for statements the
// history does not show as ended yet; historyLimit is the most rows
// QUERY_HISTORY() returns in one call.
const (
	historyPoll  = 250 * time.Millisecond
	historyLimit = 10000
)

// queuedColumns are Snowflake's QUERY_HISTORY() columns of time spent
// QUEUED, and blockedColumn the time spent BLOCKED on a lock, all in
// milliseconds.
var queuedColumns = []string{"QUEUED_PROVISIONING_TIME", "QUEUED_REPAIR_TIME", "QUEUED_OVERLOAD_TIME"}

const blockedColumn = "TRANSACTION_BLOCKED_TIME"

// HistoryOption changes what [ReadServerTimes] reads.
type HistoryOption func(*historyConfig)

type historyConfig struct {
	database string
	textLike []string
}

// InDatabase reads the query history of the named database's
// INFORMATION_SCHEMA instead of the one of the database db's sessions use.
// name is an SQL identifier, written into the query as it is.
func InDatabase(name string) HistoryOption {
	return func(c *historyConfig) { c.database = name }
}

// AlsoTextLike also returns the ended statements whose text matches
// pattern (SQL ILIKE: % any text, _ one character), such as the statements
// of a script or a procedure, whose query IDs the client does not learn.
// ReadServerTimes does not wait for them: it returns those the history
// shows once it shows every statement it was given as ended.
func AlsoTextLike(pattern string) HistoryOption {
	return func(c *historyConfig) { c.textLike = append(c.textLike, pattern) }
}

// ReadServerTimes reads the times of the statements ids from
// TABLE(INFORMATION_SCHEMA.QUERY_HISTORY()) through db, in the database
// db's sessions use (or [InDatabase]), keyed by query ID, with the
// statements [AlsoTextLike] asks for. The history may show a statement's
// end a moment after the client learned it, so it asks again, every
// quarter second, until every statement of ids has an end or ctx ends; it
// then returns what it found: the caller compares it with ids. It reads
// the columns the history has by name: one without the QUEUED_* and
// TRANSACTION_BLOCKED_TIME columns (as sftest's) gives no waits. It fails
// if the query does, or for more ids than the history returns at once.
func ReadServerTimes(ctx context.Context, db *sql.DB, ids []string, opts ...HistoryOption) (map[string]ServerTimes, error) {
	var cfg historyConfig
	for _, o := range opts {
		o(&cfg)
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	if len(ids) == 0 && len(cfg.textLike) == 0 {
		return map[string]ServerTimes{}, nil
	}
	if len(ids) > historyLimit {
		return nil, fmt.Errorf("pipeline: %d query IDs; the query history gives at most %d", len(ids), historyLimit)
	}
	var conds []string
	if len(ids) > 0 {
		quoted := make([]string, len(ids))
		for i, id := range ids {
			quoted[i] = quote(id)
		}
		conds = append(conds, "QUERY_ID IN ("+strings.Join(quoted, ", ")+")")
	}
	for _, p := range cfg.textLike {
		conds = append(conds, "QUERY_TEXT ILIKE "+quote(p))
	}
	schema := "INFORMATION_SCHEMA"
	if cfg.database != "" {
		schema = cfg.database + "." + schema
	}
	q := fmt.Sprintf("SELECT * FROM TABLE(%s.QUERY_HISTORY(RESULT_LIMIT => %d)) WHERE %s",
		schema, historyLimit, strings.Join(conds, " OR "))
	for {
		got, err := readHistory(ctx, db, q)
		if err != nil {
			return nil, fmt.Errorf("pipeline: query history: %w", err)
		}
		ended := 0
		for _, id := range ids {
			if _, ok := got[id]; ok {
				ended++
			}
		}
		if ended == len(ids) {
			return got, nil
		}
		select {
		case <-ctx.Done():
			return got, nil
		case <-time.After(historyPoll):
		}
	}
}

// quote makes s an SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// readHistory runs q and keeps the statements that have an end, reading
// the columns it knows by name.
func readHistory(ctx context.Context, db *sql.DB, q string) (map[string]ServerTimes, error) {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var (
		id, text, status sql.NullString
		session          sql.NullInt64
		start, end       sql.NullTime
		waits            = make([]sql.NullInt64, len(cols))
		queued, blocked  []*sql.NullInt64
	)
	dest := make([]any, len(cols))
	for i, c := range cols {
		switch c = strings.ToUpper(c); {
		case c == "QUERY_ID":
			dest[i] = &id
		case c == "QUERY_TEXT":
			dest[i] = &text
		case c == "SESSION_ID":
			dest[i] = &session
		case c == "EXECUTION_STATUS":
			dest[i] = &status
		case c == "START_TIME":
			dest[i] = &start
		case c == "END_TIME":
			dest[i] = &end
		case slices.Contains(queuedColumns, c):
			dest[i] = &waits[i]
			queued = append(queued, &waits[i])
		case c == blockedColumn:
			dest[i] = &waits[i]
			blocked = append(blocked, &waits[i])
		default:
			dest[i] = new(any)
		}
	}
	sum := func(ns []*sql.NullInt64) time.Duration {
		var ms int64
		for _, n := range ns {
			ms += n.Int64
		}
		return time.Duration(ms) * time.Millisecond
	}
	got := map[string]ServerTimes{}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		if !id.Valid || !start.Valid || !end.Valid {
			continue
		}
		got[id.String] = ServerTimes{QueryID: id.String, Start: start.Time, End: end.Time, Queued: sum(queued), Blocked: sum(blocked),
			Text: text.String, SessionID: session.Int64, Status: status.String}
	}
	return got, rows.Err()
}

// SetServerTimes fills each submitted step's Started, Queued and Blocked
// from times (as [ReadServerTimes] returns them).
func (r *Result) SetServerTimes(times map[string]ServerTimes) {
	for i := range r.Steps {
		s := &r.Steps[i]
		if t, ok := times[s.QueryID]; ok && s.QueryID != "" {
			s.Started, s.Queued, s.Blocked = t.Start, t.Queued, t.Blocked
		}
	}
}
