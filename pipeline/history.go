package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// ServerTimes is one statement's times as the server's query history
// reports them.
type ServerTimes struct {
	QueryID    string
	Start, End time.Time
	// Queued is the time spent QUEUED (provisioning, repair, overload),
	// Blocked the time spent BLOCKED on a lock; zero where the history has
	// no such columns.
	Queued, Blocked time.Duration
}

// historyColumns are Snowflake's QUERY_HISTORY() columns ServerTimes reads;
// the QUEUED_* and TRANSACTION_BLOCKED_TIME ones are in milliseconds.
const (
	historyTimes = "QUERY_ID, START_TIME, END_TIME"
	historyWaits = ", QUEUED_PROVISIONING_TIME + QUEUED_REPAIR_TIME + QUEUED_OVERLOAD_TIME, TRANSACTION_BLOCKED_TIME"
	historyPoll  = 250 * time.Millisecond
	historyLimit = 10000 // the most QUERY_HISTORY() returns in one call
)

// ReadServerTimes reads the times of the statements ids from
// TABLE(INFORMATION_SCHEMA.QUERY_HISTORY()) through db, in the database
// db's sessions use. The history may show a statement's end a moment after
// the client learned it, so it asks again, every quarter second, until
// every statement has an end or ctx ends; it then returns what it found.
// A history without the QUEUED_* and TRANSACTION_BLOCKED_TIME columns (as
// sftest's) gives the start and end only. It fails if the query does.
func ReadServerTimes(ctx context.Context, db *sql.DB, ids []string) (map[string]ServerTimes, error) {
	if len(ids) == 0 {
		return map[string]ServerTimes{}, nil
	}
	if len(ids) > historyLimit {
		return nil, fmt.Errorf("pipeline: %d query IDs; the query history gives at most %d", len(ids), historyLimit)
	}
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = "'" + strings.ReplaceAll(id, "'", "''") + "'"
	}
	query := func(waits bool) string {
		cols := historyTimes
		if waits {
			cols += historyWaits
		}
		return fmt.Sprintf("SELECT %s FROM TABLE(INFORMATION_SCHEMA.QUERY_HISTORY(RESULT_LIMIT => %d)) WHERE QUERY_ID IN (%s)",
			cols, historyLimit, strings.Join(quoted, ", "))
	}
	waits := true
	for {
		got, err := readHistory(ctx, db, query(waits), waits)
		if err != nil && waits && ctx.Err() == nil {
			waits = false // no such columns here: start and end only
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("pipeline: query history: %w", err)
		}
		if len(got) == len(ids) {
			return got, nil
		}
		select {
		case <-ctx.Done():
			return got, nil
		case <-time.After(historyPoll):
		}
	}
}

// readHistory runs q and keeps the statements that have an end.
func readHistory(ctx context.Context, db *sql.DB, q string, waits bool) (map[string]ServerTimes, error) {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	got := map[string]ServerTimes{}
	for rows.Next() {
		var (
			t               ServerTimes
			start, end      sql.NullTime
			queued, blocked sql.NullInt64
		)
		dest := []any{&t.QueryID, &start, &end}
		if waits {
			dest = append(dest, &queued, &blocked)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		if !start.Valid || !end.Valid {
			continue
		}
		t.Start, t.End = start.Time, end.Time
		t.Queued = time.Duration(queued.Int64) * time.Millisecond
		t.Blocked = time.Duration(blocked.Int64) * time.Millisecond
		got[t.QueryID] = t
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
