package pipeline_test

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/DATA-DOG/go-sqlmock"
	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
	"github.com/sfasync/sfasync/internal/sftestdb"
	"github.com/sfasync/sfasync/pipeline"
)

// Snowflake's QUERY_HISTORY() has the QUEUED_* and TRANSACTION_BLOCKED_TIME
// columns sftest's lacks; ReadServerTimes finds them by name, among others,
// and asks again for a statement the history does not show as ended yet.
func TestReadServerTimesReadsQueuedAndBlocked(t *testing.T) {
	db, mock, err := sqlmock.New()
	require.NoError(t, err)
	defer db.Close()
	t0 := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	cols := []string{"QUERY_ID", "QUERY_TEXT", "START_TIME", "END_TIME", "QUEUED_PROVISIONING_TIME",
		"QUEUED_REPAIR_TIME", "QUEUED_OVERLOAD_TIME", "TRANSACTION_BLOCKED_TIME", "EXECUTION_STATUS"}
	q := regexp.QuoteMeta("SELECT * FROM TABLE(INFORMATION_SCHEMA.QUERY_HISTORY(RESULT_LIMIT => 10000)) WHERE QUERY_ID IN ('a', 'b')")
	mock.ExpectQuery(q).WillReturnRows(sqlmock.NewRows(cols).
		AddRow("a", "UPDATE T", t0, t0.Add(3*time.Second), 0, 0, "250", 1500, "SUCCESS").
		AddRow("b", "SELECT 1", t0, nil, 100, 0, 0, 0, "RUNNING"))
	mock.ExpectQuery(q).WillReturnRows(sqlmock.NewRows(cols).
		AddRow("a", "UPDATE T", t0, t0.Add(3*time.Second), 0, 0, "250", 1500, "SUCCESS").
		AddRow("b", "SELECT 1", t0, t0.Add(time.Second), 100, 20, 0, nil, "SUCCESS"))
	got, err := pipeline.ReadServerTimes(context.Background(), db, []string{"b", "a", "b"})
	require.NoError(t, err)
	require.Equal(t, map[string]pipeline.ServerTimes{
		"a": {QueryID: "a", Start: t0, End: t0.Add(3 * time.Second), Queued: 250 * time.Millisecond, Blocked: 1500 * time.Millisecond,
			Text: "UPDATE T", Status: "SUCCESS"},
		"b": {QueryID: "b", Start: t0, End: t0.Add(time.Second), Queued: 120 * time.Millisecond, Text: "SELECT 1", Status: "SUCCESS"},
	}, got)
	require.NoError(t, mock.ExpectationsWereMet())
}

// A script's statements have query IDs of their own that the client does
// not learn: AlsoTextLike reads them too, by text, with their session, in
// the database InDatabase names.
func TestReadServerTimesAlsoTextLike(t *testing.T) {
	_, db := sftestdb.Open(t)
	c := sfasync.New(db)
	defer c.Close()
	res, err := pipeline.Run(context.Background(), c, mustNew(t, pipeline.Step{Name: "script", MultiStatement: 2,
		SQL: "CREATE TABLE HIST_T AS SELECT 1 AS X; UPDATE HIST_T SET X = 2"}))
	require.NoError(t, err)
	require.NoError(t, res.Err())
	var database string
	require.NoError(t, db.QueryRowContext(context.Background(), "SELECT CURRENT_DATABASE()").Scan(&database))
	script := res.Steps[0].QueryID

	got, err := pipeline.ReadServerTimes(context.Background(), db, []string{script},
		pipeline.InDatabase(database), pipeline.AlsoTextLike("update hist_t%"))
	require.NoError(t, err)
	require.Len(t, got, 2, "the script and its UPDATE: %v", got)
	require.Contains(t, got, script)
	for id, h := range got {
		require.Equal(t, id, h.QueryID)
		require.Equal(t, "SUCCESS", h.Status, id)
		require.NotZero(t, h.SessionID, id)
		require.False(t, h.End.Before(h.Start), id)
		if id != script {
			require.Equal(t, "UPDATE HIST_T SET X = 2", h.Text)
			require.Equal(t, got[script].SessionID, h.SessionID, "in the script's session")
			require.False(t, h.Start.Before(got[script].Start), "within the script")
		}
	}
}
