package sftest

import (
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// Every Snowflake type the issue names round-trips through the driver with
// the Go value the driver gives for it.
func TestTypesRoundTrip(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	rows, err := db.QueryContext(ctx, `select
		12.5::number(10,2) as n,
		1.5::float as f,
		'abc'::varchar as s,
		true as b,
		'2024-03-01'::date as d,
		'13:14:15.123456'::time as tm,
		'2024-03-01 10:11:12.123456'::timestamp_ntz as ntz,
		'2024-03-01 10:11:12.123456+00:00'::timestamp_ltz as ltz,
		'2024-03-01 10:11:12+02:00'::timestamp_tz as tz,
		?::binary as bin,
		'{"a": 1}'::variant as v,
		null::varchar as nothing`, sf.DataTypeBinary, []byte("ABC"))
	require.NoError(t, err)
	defer rows.Close()
	cts, err := rows.ColumnTypes()
	require.NoError(t, err)
	var names, types []string
	for _, ct := range cts {
		names = append(names, ct.Name())
		types = append(types, ct.DatabaseTypeName())
	}
	require.Equal(t, []string{"N", "F", "S", "B", "D", "TM", "NTZ", "LTZ", "TZ", "BIN", "V", "NOTHING"}, names)
	require.Equal(t, []string{"FIXED", "REAL", "TEXT", "BOOLEAN", "DATE", "TIME", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ", "BINARY", "VARIANT", "TEXT"}, types)
	p, s, ok := cts[0].DecimalSize()
	require.True(t, ok)
	require.Equal(t, []int64{10, 2}, []int64{p, s})

	require.True(t, rows.Next())
	var (
		n        float64
		f        float64
		str      string
		b        bool
		d, tm    time.Time
		ntz, ltz time.Time
		tz       time.Time
		bin      []byte
		v        string
		nothing  *string
	)
	require.NoError(t, rows.Scan(&n, &f, &str, &b, &d, &tm, &ntz, &ltz, &tz, &bin, &v, &nothing))
	require.Equal(t, 12.5, n)
	require.Equal(t, 1.5, f)
	require.Equal(t, "abc", str)
	require.True(t, b)
	require.Equal(t, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), d)
	require.Equal(t, "13:14:15.123456", tm.Format("15:04:05.000000"))
	require.Equal(t, time.Date(2024, 3, 1, 10, 11, 12, 123456000, time.UTC), ntz)
	require.True(t, time.Date(2024, 3, 1, 10, 11, 12, 123456000, time.UTC).Equal(ltz), ltz)
	require.True(t, time.Date(2024, 3, 1, 8, 11, 12, 0, time.UTC).Equal(tz), tz)
	require.Equal(t, []byte("ABC"), bin)
	require.JSONEq(t, `{"a": 1}`, v)
	require.Nil(t, nothing)
	require.False(t, rows.Next())
	require.NoError(t, rows.Err())
}
