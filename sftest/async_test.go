package sftest

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// queryStatus asks the monitoring endpoint through the driver.
func queryStatus(ctx context.Context, db *sql.DB, id string) (*sf.SnowflakeQueryStatus, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var st *sf.SnowflakeQueryStatus
	err = conn.Raw(func(dc any) error {
		var err error
		st, err = dc.(sf.SnowflakeConnection).GetQueryStatus(ctx, id)
		return err
	})
	return st, err
}

func TestAsyncSubmitMonitorFetchFromSecondDB(t *testing.T) {
	srv, db := newTestServer(t, WithMaxConcurrency(4))
	ctx := testCtx(t)

	id := submitAsync(t, ctx, db, "select system$wait(1) as w")
	require.True(t, validQueryID(id), id)

	// While it runs the driver reports "still running" (279301) for the status.
	_, err := queryStatus(ctx, db, id)
	var se *sf.SnowflakeError
	if err != nil {
		require.True(t, errors.As(err, &se))
		require.Equal(t, sf.ErrQueryIsRunning, se.Number)
	}

	// Fetch by ID from a second *sql.DB (another session of the same user).
	db2 := openDB(t, srv)
	rows, err := db2.QueryContext(sf.WithFetchResultByID(ctx, id), "")
	require.NoError(t, err)
	defer rows.Close()
	cols, err := rows.Columns()
	require.NoError(t, err)
	require.Equal(t, []string{"W"}, cols)
	require.True(t, rows.Next())
	var w string
	require.NoError(t, rows.Scan(&w))
	require.Equal(t, "waited 1 seconds", w)

	st, err := queryStatus(ctx, db2, id)
	require.NoError(t, err)
	require.Equal(t, "select system$wait(1) as w", st.SQLText)
	require.NotZero(t, st.EndTime)
	require.Equal(t, int64(1), st.ProducedRows)

	q := waitFor(t, srv, id, hasStatus(StatusSuccess))
	require.False(t, q.Start.IsZero())
	require.False(t, q.End.Before(q.Start))
}

func TestMonitoringUnknownAndMalformedID(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := queryStatus(ctx, db, "01aaaaaa-0000-0000-0000-000000000000")
	require.Error(t, err)
	_, err = queryStatus(ctx, db, "not-a-query-id")
	require.Error(t, err)
	_, err = db.QueryContext(sf.WithFetchResultByID(ctx, "01aaaaaa-0000-0000-0000-000000000000"), "")
	require.Error(t, err)
}
