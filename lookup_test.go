package sfasync_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/sftest"
)

// TestLostSubmissionsShareHistoryReads: when many submissions lose their
// sessions at once, their lookups by query tag share reads of the query
// history instead of each making its own two, and still find exactly what
// ran: every statement runs once.
func TestLostSubmissionsShareHistoryReads(t *testing.T) {
	const lost = 12
	srv, err := sftest.NewServer(sftest.WithFaults(1,
		sftest.Fault{Endpoint: sftest.EndpointQuery, Kind: sftest.FaultSessionDropped, Next: lost}))
	require.NoError(t, err)
	defer srv.Close()
	db, err := sql.Open("snowflake", srv.DSN())
	require.NoError(t, err)
	defer db.Close()
	c := sfasync.New(db, sfasync.WithPollBackoff(20*time.Millisecond, 50*time.Millisecond))
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	stmts := numbered(40)
	jobs, err := c.SubmitAll(ctx, stmts...)
	require.NoError(t, err)
	results, err := sfasync.WaitAll(ctx, jobs...)
	require.NoError(t, err)
	requireNumbered(t, results)
	requireRanOnce(t, srv, stmts)

	rec := c.Stats().Recovered
	// A dropped session can also meet a read of the history, which is
	// sent again; most meet submissions.
	require.GreaterOrEqual(t, rec.LookedUp, int64(lost/2), "%+v", rec)
	require.Equal(t, rec.LookedUp, rec.Resubmitted, "none had been accepted: %+v", rec)
	reads := 0
	for _, q := range srv.Queries() {
		if strings.Contains(q.SQL, "LEFT(QUERY_TAG") {
			reads++
		}
	}
	// Each lookup that finds nothing reads twice; alone they would make
	// 2 × lost reads.
	require.Positive(t, reads)
	require.Less(t, int64(reads), 2*rec.LookedUp, "reads of the history")
	t.Logf("%d lookups, %d reads of the history", rec.LookedUp, reads)
}
