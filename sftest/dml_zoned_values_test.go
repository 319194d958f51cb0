package sftest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// A timestamp string with a space before its offset, as Snowflake writes
// and reads them, goes into zoned timestamp columns as that instant; the
// same text bound for a VARCHAR column keeps its space.
func TestInsertZonedValues(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	for _, q := range []string{
		"create table zv (id int, tz timestamp_tz, ltz timestamp_ltz, note varchar)",
		"insert into zv values (1, '2024-01-01 10:00:00 +05:00', '2024-01-01 10:00:00.5 -02:00', '2024-01-01 10:00:00 +05:00'), " +
			"(2, '2024-06-30T23:59:59 +0100', null, 'x')",
		"insert into zv (note, ltz, id) values ('2024-01-01 10:00:00 +05:00', '2024-01-01 10:00:00 +00:00', 3)",
	} {
		_, err := db.ExecContext(ctx, q)
		require.NoError(t, err, q)
	}
	rows, err := db.QueryContext(ctx, "select id, tz, ltz, note from zv order by id")
	require.NoError(t, err)
	defer rows.Close()
	type row struct {
		tz, ltz *time.Time
		note    string
	}
	var got []row
	for rows.Next() {
		var id int
		var r row
		require.NoError(t, rows.Scan(&id, &r.tz, &r.ltz, &r.note))
		got = append(got, r)
	}
	require.NoError(t, rows.Err())
	require.Len(t, got, 3)
	require.True(t, got[0].tz.Equal(time.Date(2024, 1, 1, 5, 0, 0, 0, time.UTC)), got[0].tz)
	require.True(t, got[0].ltz.Equal(time.Date(2024, 1, 1, 12, 0, 0, 500000000, time.UTC)), got[0].ltz)
	require.Equal(t, "2024-01-01 10:00:00 +05:00", got[0].note, "a VARCHAR keeps the text")
	require.True(t, got[1].tz.Equal(time.Date(2024, 6, 30, 22, 59, 59, 0, time.UTC)), got[1].tz)
	require.Nil(t, got[1].ltz)
	require.Nil(t, got[2].tz)
	require.True(t, got[2].ltz.Equal(time.Date(2024, 1, 1, 10, 0, 0, 0, time.UTC)), got[2].ltz)
	require.Equal(t, "2024-01-01 10:00:00 +05:00", got[2].note)

	// An offset of hours alone.
	var tz time.Time
	_, err = db.ExecContext(ctx, "insert into zv (id, tz) values (4, '2024-01-01 10:00:00 +05')")
	require.NoError(t, err)
	require.NoError(t, db.QueryRowContext(ctx, "select tz from zv where id = 4").Scan(&tz))
	require.True(t, tz.Equal(time.Date(2024, 1, 1, 5, 0, 0, 0, time.UTC)), tz)
}
