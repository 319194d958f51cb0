package sfasync_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
)

func TestFileJournalKeepsEachRunsEntriesAndSkipsATornLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal")
	j, err := sfasync.OpenFileJournal(path)
	require.NoError(t, err)
	ctx := context.Background()
	require.NoError(t, j.Record(ctx, "r1", "load_na", "01aaaaaa-0000-0000-0000-000000000001"))
	require.NoError(t, j.Record(ctx, "r2", "load_na", "01aaaaaa-0000-0000-0000-000000000002"))
	require.NoError(t, j.Close())

	// A crash while a line was written leaves half of it.
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString(`{"run":"r1","name":"load_eu","query_i`)
	require.NoError(t, err)
	require.NoError(t, f.Close())

	j, err = sfasync.OpenFileJournal(path)
	require.NoError(t, err)
	defer j.Close()
	require.NoError(t, j.Record(ctx, "r1", "load_as", "01aaaaaa-0000-0000-0000-000000000003"))
	got, err := j.Load(ctx, "r1")
	require.NoError(t, err)
	require.Equal(t, map[string]string{
		"load_na": "01aaaaaa-0000-0000-0000-000000000001",
		"load_as": "01aaaaaa-0000-0000-0000-000000000003",
	}, got)
}

// TestANameSubmittedTwiceRunsOnce: within a named run, a statement name is
// one statement: submitting it again, even at the same time, gives a job on
// the statement already submitted. Without a run ID, it runs each time.
func TestANameSubmittedTwiceRunsOnce(t *testing.T) {
	srv, db := newServer(t)
	c := sfasync.New(db, sfasync.WithRunID("twice"))
	defer c.Close()
	ctx := context.Background()

	st := sfasync.Statement{Name: "load_na", SQL: "SELECT 7 AS SEVEN"}
	jobs, err := c.SubmitAll(ctx, st, st, st)
	require.NoError(t, err)
	again, err := c.SubmitAll(ctx, st)
	require.NoError(t, err)
	for _, j := range append(jobs, again...) {
		require.Equal(t, jobs[0].QueryID(), j.QueryID())
		res, err := j.Result(ctx)
		require.NoError(t, err)
		require.Equal(t, [][]any{{int64(7)}}, res.Rows)
	}
	runs := 0
	for _, q := range srv.Queries() {
		if q.SQL == st.SQL {
			runs++
		}
	}
	require.Equal(t, 1, runs)

	free := sfasync.New(db)
	defer free.Close()
	jobs, err = free.SubmitAll(ctx, st, st)
	require.NoError(t, err)
	require.NotEqual(t, jobs[0].QueryID(), jobs[1].QueryID(), "no run ID: a name is a label")
	_, err = sfasync.WaitAll(ctx, jobs...)
	require.NoError(t, err)
}

func TestBadStatementNamesAreRefused(t *testing.T) {
	_, db := newServer(t)
	c := sfasync.New(db)
	defer c.Close()
	ctx := context.Background()
	_, err := c.SubmitAll(ctx, sfasync.Statement{Name: "a\nb", SQL: "SELECT 1"})
	require.ErrorContains(t, err, "printable")
	_, err = c.SubmitAll(ctx, sfasync.Statement{Name: strings.Repeat("n", 2000), SQL: "SELECT 1"})
	require.ErrorContains(t, err, "Snowflake allows 2000")
}

// TestTableJournalOnSnowflake keeps a journal in a table of the local
// Snowflake, created on first use, and refuses a table name that is not a
// plain identifier (it is spliced into SQL).
func TestTableJournalOnSnowflake(t *testing.T) {
	_, db := newServer(t)
	_, err := sfasync.NewTableJournal(db, "T; DROP TABLE X")
	require.ErrorContains(t, err, "unquoted identifier")

	j, err := sfasync.NewTableJournal(db, "SFTEST.PUBLIC.SFASYNC_JOURNAL")
	require.NoError(t, err)
	ctx := context.Background()
	got, err := j.Load(ctx, "r1")
	require.NoError(t, err)
	require.Empty(t, got)
	require.NoError(t, j.Record(ctx, "r1", "load_na", "01aaaaaa-0000-0000-0000-000000000001"))
	require.NoError(t, j.Record(ctx, "r2", "load_na", "01aaaaaa-0000-0000-0000-000000000002"))
	got, err = j.Load(ctx, "r1")
	require.NoError(t, err)
	require.Equal(t, map[string]string{"load_na": "01aaaaaa-0000-0000-0000-000000000001"}, got)

	// Another worker reads the same table.
	other, err := sfasync.NewTableJournal(db, "SFTEST.PUBLIC.SFASYNC_JOURNAL")
	require.NoError(t, err)
	got, err = other.Load(ctx, "r2")
	require.NoError(t, err)
	require.Equal(t, map[string]string{"load_na": "01aaaaaa-0000-0000-0000-000000000002"}, got)
}
