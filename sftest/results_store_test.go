package sftest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestResultScanKeepsTimestamps: RESULT_SCAN gives back the timestamps the
// scanned result had, to its last digit: TIMESTAMP_NTZ(9) with its
// nanoseconds and TIMESTAMP_LTZ/TZ with their microseconds, before 1970
// too, and instants whose epoch seconds a float64 cannot hold to the
// microsecond.
func TestResultScanKeepsTimestamps(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, "create table ts (ntz timestamp_ntz(9), ltz timestamp_ltz, tz timestamp_tz)")
	require.NoError(t, err)
	_, err = conn.ExecContext(ctx, `insert into ts values
		('2024-05-06 07:08:09.123456789', '2024-05-06 07:08:09.123457', '2024-05-06 07:08:09.654321'),
		('2261-12-31 23:59:59.999999999', '9999-12-31 23:59:59.999999', '1001-01-01 00:00:00.000001'),
		('1900-01-01 00:00:00.000000001', '1969-12-31 23:59:59.5', '1970-01-01 00:00:00')`)
	require.NoError(t, err)
	read := func(q string) [][3]time.Time {
		t.Helper()
		rows, err := conn.QueryContext(ctx, q)
		require.NoError(t, err)
		defer rows.Close()
		var out [][3]time.Time
		for rows.Next() {
			var r [3]time.Time
			require.NoError(t, rows.Scan(&r[0], &r[1], &r[2]))
			out = append(out, [3]time.Time{r[0].UTC(), r[1].UTC(), r[2].UTC()})
		}
		require.NoError(t, rows.Err())
		return out
	}
	direct := read("select ntz, ltz, tz from ts order by ntz")
	require.Len(t, direct, 3)
	require.Equal(t, 1, direct[0][0].Nanosecond())
	require.Equal(t, 500000000, direct[0][1].Nanosecond())
	require.Equal(t, 123456789, direct[1][0].Nanosecond())
	require.Equal(t, 999999000, direct[2][1].Nanosecond())
	scanned := read("select * from table(result_scan(last_query_id()))")
	require.Equal(t, direct, scanned)
}

// TestResultScanKeepsTimes: RESULT_SCAN of a TIME gives back the time it
// scanned, to the microsecond (sftest keeps TIME in microseconds).
func TestResultScanKeepsTimes(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	var direct, scanned time.Time
	require.NoError(t, conn.QueryRowContext(ctx, "select '12:34:56.789012'::time").Scan(&direct))
	require.NoError(t, conn.QueryRowContext(ctx, "select * from table(result_scan(last_query_id()))").Scan(&scanned))
	require.Equal(t, 789012000, direct.Nanosecond())
	require.Equal(t, direct, scanned)
}
