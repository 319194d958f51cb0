package sftest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestDatePart: Snowflake's parts for DATE_PART and EXTRACT, and the
// two-argument CONVERT_TIMEZONE, through the driver.
func TestDatePart(t *testing.T) {
	ctx, conn := driverConn(t)
	const ts = "'2024-01-02 03:04:05.123456789'::timestamp_ntz"
	require.Equal(t, [][]string{{"1704164645", "1704164645123", "1704164645123456", "1704164645123456789", "123456789", "5", "2024"}},
		driverRows(t, ctx, conn, "select date_part(epoch_second, "+ts+"), date_part('epoch_millisecond', "+ts+"), "+
			"extract(epoch_microsecond from "+ts+"), date_part(epoch_nanosecond, "+ts+"), extract(nanosecond from "+ts+"), "+
			"date_part(second, "+ts+"), date_part(\"YEAR\", "+ts+")"))
	// 2024-01-07 is a Sunday; 2024-12-30 is in ISO week 1 of 2025.
	require.Equal(t, [][]string{{"0", "7", "366", "1", "2025", "2024", "1", "12"}},
		driverRows(t, ctx, conn, `select extract(dayofweek from '2024-01-07'::date), date_part(dayofweekiso, '2024-01-07'::date),
			date_part(dayofyear, '2024-12-31'::date), date_part(week, '2024-12-30'::date), date_part(yearofweek, '2024-12-30'::date),
			extract(year from '2024-12-30'::date), date_part(dw, '2024-12-30'::date), date_part(mm, '2024-12-30'::date)`))
	require.Equal(t, [][]string{{"NULL"}}, driverRows(t, ctx, conn, "select date_part(epoch_second, null::timestamp)"))
	requireCode(t, ctx, conn, "select date_part(fortnight, current_date())", 1003)
	requireCode(t, ctx, conn, "select extract(fortnight from current_date())", 1003)
	requireCode(t, ctx, conn, "select date_part(year)", 1003)

	// Two-argument CONVERT_TIMEZONE keeps the instant.
	var got time.Time
	require.NoError(t, conn.QueryRowContext(ctx, "select convert_timezone('America/New_York', '2024-01-01 12:00:00 +00:00'::timestamp_tz)").Scan(&got))
	require.True(t, got.Equal(time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)), got)
	require.NoError(t, conn.QueryRowContext(ctx, "select convert_timezone('Asia/Tokyo', '2024-06-01 00:00:00'::timestamp_ltz)").Scan(&got))
	require.True(t, got.Equal(time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)), got)
	_, err := conn.ExecContext(ctx, "select convert_timezone('Mars/Base', current_timestamp())")
	require.ErrorContains(t, err, "Mars/Base")
	requireCode(t, ctx, conn, "select convert_timezone('UTC')", 1003)
	// The three-argument form is unchanged: wall clock to wall clock.
	require.Equal(t, [][]string{{"2024-01-01T07:00:00Z"}},
		driverRows(t, ctx, conn, "select convert_timezone('UTC', 'America/New_York', '2024-01-01 12:00:00'::timestamp_ntz)"))
}
