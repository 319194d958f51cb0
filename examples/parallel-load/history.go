package main

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
)

// historyRow is one statement in TABLE(INFORMATION_SCHEMA.QUERY_HISTORY()).
type historyRow struct {
	id, text, status string
	session          int64
	start, end       time.Time
}

// historyWait bounds how long readTimeline waits for the history to show
// every job as ended.
const historyWait = 30 * time.Second

// readTimeline builds the timeline of runs from the server's query history,
// read through SQL: the same path on sftest and on Snowflake. The history
// is on the server's clock, so the offsets hold whatever the client's clock
// says. An update's wait for the table lock is read from its UPDATE
// statement, a child of the job with its own history row.
func readTimeline(ctx context.Context, db *sql.DB, n names, runs []stepRun, wall time.Duration, sequential bool) (*timeline, error) {
	var ids []string
	for _, r := range runs {
		if r.queryID != "" {
			ids = append(ids, r.queryID)
		}
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("query history: no query IDs to look up")
	}
	rows, err := queryHistory(ctx, db, n, ids)
	if err != nil {
		return nil, err
	}
	byID := map[string]historyRow{}
	var origin time.Time
	for _, h := range rows {
		if !slices.Contains(ids, h.id) {
			continue
		}
		byID[h.id] = h
		if origin.IsZero() || h.start.Before(origin) {
			origin = h.start
		}
	}
	tl := &timeline{Wall: wall, Sequential: sequential, Origin: origin}
	var locking []lockingJob
	for _, r := range runs {
		h, ok := byID[r.queryID]
		if !ok {
			continue
		}
		tl.Spans = append(tl.Spans, span{
			Name: r.Name, Kind: r.Kind, Table: r.Table, QueryID: r.queryID, Status: strings.ToUpper(h.status),
			Start: h.start.Sub(origin), End: h.end.Sub(origin),
		})
		if u, ok := updateOf(h, r.Segment, rows); ok {
			locking = append(locking, lockingJob{index: len(tl.Spans) - 1, update: u, origin: origin})
		}
	}
	setBlocked(tl.Spans, locking)
	return tl, nil
}

// releaseSlack is how much earlier than the previous job's end an UPDATE
// may be done and still be taken to have waited for that job's lock.
const releaseSlack = 20 * time.Millisecond

// lockingJob is an update job and its UPDATE statement's history row.
type lockingJob struct {
	index  int // in the timeline's spans
	update historyRow
	origin time.Time
}

// setBlocked works out how long each update waited for the table lock. The
// history shows when an UPDATE was issued and when it was done, not when it
// got the lock; but a lock that passes from job to job is granted to the
// next UPDATE when the job holding it commits, its last statement. So, in
// the order the UPDATEs were done, an UPDATE done after the previous job
// ended waited from its job's start until that end, and its work began
// then. An UPDATE done before the previous job ended did not wait for it.
// The job's end is recorded a moment after its COMMIT released the lock, so
// an UPDATE done within releaseSlack before it still counts as waiting.
func setBlocked(spans []span, jobs []lockingJob) {
	slices.SortFunc(jobs, func(a, b lockingJob) int { return a.update.end.Compare(b.update.end) })
	var release time.Duration // when the previous job ended, from the origin
	for i, j := range jobs {
		s := &spans[j.index]
		issued := j.update.start.Sub(j.origin)
		done := j.update.end.Sub(j.origin)
		if i > 0 && done+releaseSlack >= release && release > issued {
			s.Blocked = min(release-s.Start, s.duration())
		}
		release = s.End
	}
}

// updateOf finds, for an update job, its UPDATE statement: in the job's
// session and time, and naming the job's segment.
func updateOf(job historyRow, segment string, rows []historyRow) (historyRow, bool) {
	if segment == "" || job.id == "" {
		return historyRow{}, false
	}
	marker := "'" + segment + "'"
	for _, h := range rows {
		text := strings.TrimSpace(h.text)
		if h.id != job.id && h.session == job.session &&
			len(text) > 6 && strings.EqualFold(text[:6], "UPDATE") && strings.Contains(text, marker) &&
			!h.start.Before(job.start) && !h.end.After(job.end) {
			return h, true
		}
	}
	return historyRow{}, false
}

// queryHistory returns the history rows of ids and of recent UPDATE
// statements on CUSTOMER_DATA, waiting until each of ids is there with an
// end time.
func queryHistory(ctx context.Context, db *sql.DB, n names, ids []string) ([]historyRow, error) {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = quote(id) // IDs come from the server; quote them anyway
	}
	q := fmt.Sprintf(`SELECT QUERY_ID, QUERY_TEXT, SESSION_ID, START_TIME, END_TIME, EXECUTION_STATUS
FROM TABLE(%s.INFORMATION_SCHEMA.QUERY_HISTORY(RESULT_LIMIT => 1000))
WHERE QUERY_ID IN (%s) OR QUERY_TEXT ILIKE %s`,
		n.database, strings.Join(quoted, ", "), quote("UPDATE %"+n.table("CUSTOMER_DATA")+"%"))
	ctx, cancel := context.WithTimeout(ctx, historyWait)
	defer cancel()
	for {
		got, err := readHistory(ctx, db, q)
		if err != nil {
			return nil, fmt.Errorf("query history: %w", err)
		}
		ended := 0
		for _, h := range got {
			if slices.Contains(ids, h.id) {
				ended++
			}
		}
		if ended == len(ids) {
			return got, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("query history: %d of %d jobs shown as ended: %w", ended, len(ids), ctx.Err())
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// readHistory runs q and keeps the rows that have an end time.
func readHistory(ctx context.Context, db *sql.DB, q string) ([]historyRow, error) {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var got []historyRow
	for rows.Next() {
		var (
			h     historyRow
			start sql.NullTime
			end   sql.NullTime
		)
		if err := rows.Scan(&h.id, &h.text, &h.session, &start, &end, &h.status); err != nil {
			return nil, err
		}
		if start.Valid && end.Valid {
			h.start, h.end = start.Time, end.Time
			got = append(got, h)
		}
	}
	return got, rows.Err()
}

// quote makes s a SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
