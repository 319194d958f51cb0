package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
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

// ReadServerTimes reads the times of the statements ids from
// TABLE(INFORMATION_SCHEMA.QUERY_HISTORY()) through db, in the database
// db's sessions use. The history may show a statement's end a moment after
// the client learned it, so it asks again, every quarter second, until
// every statement has an end or ctx ends; it then returns what it found.
// It reads the columns the history has by name: one without the QUEUED_*
// and TRANSACTION_BLOCKED_TIME columns (as sftest's) gives the start and
// end only. It fails if the query does.
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
	q := fmt.Sprintf("SELECT * FROM TABLE(INFORMATION_SCHEMA.QUERY_HISTORY(RESULT_LIMIT => %d)) WHERE QUERY_ID IN (%s)",
		historyLimit, strings.Join(quoted, ", "))
	for {
		got, err := readHistory(ctx, db, q)
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
		id              sql.NullString
		start, end      sql.NullTime
		waits           = make([]sql.NullInt64, len(cols))
		queued, blocked []*sql.NullInt64
	)
	dest := make([]any, len(cols))
	for i, c := range cols {
		switch c = strings.ToUpper(c); {
		case c == "QUERY_ID":
			dest[i] = &id
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
		got[id.String] = ServerTimes{QueryID: id.String, Start: start.Time, End: end.Time, Queued: sum(queued), Blocked: sum(blocked)}
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
