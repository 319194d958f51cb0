package main

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sfasync/sfasync/pipeline"
)

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
	var origin time.Time
	for _, id := range ids {
		if h := rows[id]; origin.IsZero() || h.Start.Before(origin) {
			origin = h.Start
		}
	}
	tl := &timeline{Wall: wall, Sequential: sequential, Origin: origin}
	var locking []lockingJob
	for _, r := range runs {
		h, ok := rows[r.queryID]
		if !ok {
			continue
		}
		tl.Spans = append(tl.Spans, span{
			Name: r.Name, Kind: r.Kind, Table: r.Table, QueryID: r.queryID, Status: strings.ToUpper(h.Status),
			Start: h.Start.Sub(origin), End: h.End.Sub(origin),
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
	update pipeline.ServerTimes
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
	slices.SortFunc(jobs, func(a, b lockingJob) int { return a.update.End.Compare(b.update.End) })
	var release time.Duration // when the previous job ended, from the origin
	for i, j := range jobs {
		s := &spans[j.index]
		issued := j.update.Start.Sub(j.origin)
		done := j.update.End.Sub(j.origin)
		if i > 0 && done+releaseSlack >= release && release > issued {
			s.Blocked = min(release-s.Start, s.duration())
		}
		release = s.End
	}
}

// updateOf finds, for an update job, its UPDATE statement: in the job's
// session and time, and naming the job's segment.
func updateOf(job pipeline.ServerTimes, segment string, rows map[string]pipeline.ServerTimes) (pipeline.ServerTimes, bool) {
	if segment == "" || job.QueryID == "" {
		return pipeline.ServerTimes{}, false
	}
	marker := "'" + segment + "'"
	for _, h := range rows {
		text := strings.TrimSpace(h.Text)
		if h.QueryID != job.QueryID && h.SessionID == job.SessionID &&
			len(text) > 6 && strings.EqualFold(text[:6], "UPDATE") && strings.Contains(text, marker) &&
			!h.Start.Before(job.Start) && !h.End.After(job.End) {
			return h, true
		}
	}
	return pipeline.ServerTimes{}, false
}

// queryHistory returns the history rows of ids, and of the UPDATE
// statements on CUSTOMER_DATA (the update jobs' children, whose query IDs
// the client does not learn), waiting up to historyWait until each of ids
// is there with an end time.
func queryHistory(ctx context.Context, db *sql.DB, n names, ids []string) (map[string]pipeline.ServerTimes, error) {
	ctx, cancel := context.WithTimeout(ctx, historyWait)
	defer cancel()
	got, err := pipeline.ReadServerTimes(ctx, db, ids, pipeline.InDatabase(n.database),
		pipeline.AlsoTextLike("UPDATE %"+n.table("CUSTOMER_DATA")+"%"))
	if err != nil {
		return nil, err
	}
	ended := 0
	for _, id := range ids {
		if _, ok := got[id]; ok {
			ended++
		}
	}
	if ended < len(ids) {
		return nil, fmt.Errorf("query history: %d of %d jobs shown as ended: %w", ended, len(ids), context.Cause(ctx))
	}
	return got, nil
}
