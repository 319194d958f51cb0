package sftest

import (
	"database/sql"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestRuleZonedLiterals(t *testing.T) {
	checkRule(t, ruleZonedLiterals, nil, []ruleCase{
		{name: "cast", in: "SELECT '2024-01-01 10:00:00 +02:00'::TIMESTAMPTZ", want: "SELECT '2024-01-01 10:00:00+02:00'::TIMESTAMPTZ"},
		{name: "fraction and compact offset", in: "SELECT '2024-01-01 10:00:00.5 -0530'::TIMESTAMPTZ", want: "SELECT '2024-01-01 10:00:00.5-0530'::TIMESTAMPTZ"},
		{name: "CAST", in: "SELECT CAST('2024-01-01T10:00 +02' AS TIMESTAMPTZ)", want: "SELECT CAST('2024-01-01T10:00+02' AS TIMESTAMPTZ)"},
		{name: "TRY_CAST", in: "SELECT TRY_CAST('2024-01-01 10:00:00 +02:00' AS TIMESTAMPTZ)", want: "SELECT TRY_CAST('2024-01-01 10:00:00+02:00' AS TIMESTAMPTZ)"},
		{name: "already joined", in: "SELECT '2024-01-01 10:00:00+02:00'::TIMESTAMPTZ", want: "SELECT '2024-01-01 10:00:00+02:00'::TIMESTAMPTZ"},
		{name: "other cast", in: "SELECT '2024-01-01 10:00:00 +02:00'::VARCHAR, 'x'::TIMESTAMPTZ", want: "SELECT '2024-01-01 10:00:00 +02:00'::VARCHAR, 'x'::TIMESTAMPTZ"},
		{name: "plain string", in: "INSERT INTO t VALUES ('2024-01-01 10:00:00 +02:00'), ('x'::TIMESTAMPTZ)", want: "INSERT INTO t VALUES ('2024-01-01 10:00:00 +02:00'), ('x'::TIMESTAMPTZ)"},
	})
}

// A zoned timestamp written with a space before its offset, as Snowflake's
// documentation writes them, is that instant (not an unknown time zone), in
// both result formats.
func TestZonedLiteralThroughDriver(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	arrowConn, jsonConn := formatConns(t, ctx, db)
	want := time.Date(2024, 1, 1, 5, 0, 0, 0, time.UTC)
	for _, q := range []string{
		"select '2024-01-01 10:00:00 +05:00'::timestamp_tz",
		"select to_timestamp_tz('2024-01-01 10:00:00 +05:00')",
		"select cast('2024-01-01 10:00:00 +05:00' as timestamp_ltz)",
	} {
		for _, c := range []*sql.Conn{arrowConn, jsonConn} {
			var got time.Time
			require.NoError(t, c.QueryRowContext(ctx, q).Scan(&got), q)
			require.True(t, want.Equal(got), "%s: %v", q, got)
		}
	}
}

// A TIMESTAMP_TZ select item that is a string literal keeps the offset it
// was written with, in both result formats, as Snowflake keeps it; without
// an offset in the text, and for any other TIMESTAMP_TZ value, the
// session's applies.
func TestTimestampTZLiteralKeepsOffset(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	arrowConn, jsonConn := formatConns(t, ctx, db)
	const query = `select '2024-01-01 10:00:00 +05:00'::timestamp_tz as a,
		to_timestamp_tz('2024-01-01 10:00:00.123456789-03:30') as b,
		cast('2024-01-01 10:00:00Z' as timestamp_tz(3)) as c,
		'2024-01-01 10:00:00'::timestamp_tz as d,
		dateadd(hour, 1, '2024-01-01 10:00:00 +05:00'::timestamp_tz) as e`
	for _, conn := range []*sql.Conn{arrowConn, jsonConn} {
		var a, b, c, d, e time.Time
		require.NoError(t, conn.QueryRowContext(ctx, query).Scan(&a, &b, &c, &d, &e))
		for _, x := range []struct {
			got         time.Time
			wall        string
			offset      int
			sameInstant time.Time
		}{
			{a, "2024-01-01 10:00:00", 5 * 3600, time.Date(2024, 1, 1, 5, 0, 0, 0, time.UTC)},
			{b, "2024-01-01 10:00:00.123456", -(3*3600 + 30*60), time.Date(2024, 1, 1, 13, 30, 0, 123456000, time.UTC)},
			{c, "2024-01-01 10:00:00", 0, time.Date(2024, 1, 1, 10, 0, 0, 0, time.UTC)},
			{d, "2024-01-01 10:00:00", 0, time.Date(2024, 1, 1, 10, 0, 0, 0, time.UTC)},
			{e, "2024-01-01 06:00:00", 0, time.Date(2024, 1, 1, 6, 0, 0, 0, time.UTC)}, // an expression: the session's offset
		} {
			_, off := x.got.Zone()
			require.Equal(t, x.offset, off, x.got)
			require.Equal(t, x.wall, x.got.Format("2006-01-02 15:04:05.999999999"))
			require.True(t, x.sameInstant.Equal(x.got), x.got)
		}
	}
}
