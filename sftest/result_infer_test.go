package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Column types come out with the NUMBER precision and scale, and the
// timestamp scale, Snowflake declares or infers; NUMBER(18,0) scans into an
// int64 and an unscaled NUMBER(38,0) does not.
func TestExactColumnTypes(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, `create table exact (i int, b bigint, n18 number(18,0), n number, d number(12,4),
		ts timestamp_ntz, ts3 timestamp_ntz(3), ts0 timestamp_ntz(0))`)
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, `insert into exact values (1, 2, 3, 4, 5.5, '2024-03-01 10:11:12.123456789',
		'2024-03-01 10:11:12.123456789', '2024-03-01 10:11:12.9')`)
	require.NoError(t, err)
	rows, err := db.QueryContext(ctx, `select i, b, n18, n, d, 1 as one, -12345 neg, 1.50 as dec, count(*) as c,
		sum(d) as s, ts, ts3, ts0 from exact group by all`)
	require.NoError(t, err)
	defer rows.Close()
	cts, err := rows.ColumnTypes()
	require.NoError(t, err)
	type ps struct{ p, s int64 }
	want := []ps{{38, 0}, {38, 0}, {18, 0}, {38, 0}, {12, 4}, {1, 0}, {5, 0}, {3, 2}, {18, 0}, {38, 4}}
	for i, w := range want {
		p, s, ok := cts[i].DecimalSize()
		require.True(t, ok, cts[i].Name())
		require.Equal(t, w, ps{p, s}, cts[i].Name())
	}
	require.Equal(t, "int64", cts[2].ScanType().String(), "NUMBER(18,0) scans into int64")
	require.Equal(t, "string", cts[3].ScanType().String(), "NUMBER(38,0) is too wide for int64")
	require.Equal(t, "int64", cts[5].ScanType().String())

	require.True(t, rows.Next())
	vals := make([]any, len(cts))
	ptrs := make([]any, len(cts))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	require.NoError(t, rows.Scan(ptrs...))
	ts := vals[10].(interface{ Nanosecond() int }).Nanosecond()
	require.Equal(t, 123456789, ts, "TIMESTAMP_NTZ keeps nanoseconds")
	require.Equal(t, 123000000, vals[11].(interface{ Nanosecond() int }).Nanosecond(), "TIMESTAMP_NTZ(3) keeps milliseconds")
	require.Equal(t, 0, vals[12].(interface{ Nanosecond() int }).Nanosecond())
}

func TestInferNumbers(t *testing.T) {
	rts := func() []rowType {
		return []rowType{{Type: "fixed", Precision: 38}, {Type: "fixed", Precision: 38}, {Type: "fixed", Precision: 38}, {Type: "text"}, {Type: "fixed", Precision: 38}}
	}
	got := rts()
	inferNumbers(got, "select 007 as x, count(distinct a), a + 1, 5, 12345678901 from t")
	require.Equal(t, []int64{1, 18, 38, 0, 11}, []int64{got[0].Precision, got[1].Precision, got[2].Precision, got[3].Precision, got[4].Precision})
	for _, q := range []string{"select * from t", "select 1 as a, 2, 3, 'x', 5 from t union all select 100000, 2, 3, 'x', 5"} {
		got = rts()
		inferNumbers(got, q)
		require.Equal(t, rts(), got, q)
	}
}
