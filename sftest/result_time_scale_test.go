package sftest

import (
	"database/sql"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// A select item cast to a TIME or TIMESTAMP of a given scale reports that
// scale and drops the digits past it, in both result formats. (The driver
// shows a TIME's scale as DecimalSize's precision, a timestamp's not at
// all: the rowtype on the wire is checked.)
func TestTimeCastScale(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	arrowConn, jsonConn := formatConns(t, ctx, db)
	const query = `select '13:14:15.123456'::time(3) as a,
		'2024-03-01 10:11:12.123456+00:00'::timestamp_ltz(3) as b,
		'2024-03-01 10:11:12.987654+02:00'::timestamp_tz(0) as c,
		'2024-03-01 10:11:12.123456'::timestamp_ntz(6) as d,
		cast('2024-03-01 10:11:12.123456' as timestamp_ntz(5)) as e,
		'13:14:15.123456'::time as f`
	wantScale := []int64{3, 3, 0, 6, 5, 9}
	wantNanos := []int{123000000, 123000000, 0, 123456000, 123450000, 123456000}
	for _, conn := range []*sql.Conn{arrowConn, jsonConn} {
		rows, err := conn.QueryContext(ctx, query)
		require.NoError(t, err)
		cts, err := rows.ColumnTypes()
		require.NoError(t, err)
		vals := make([]time.Time, len(cts))
		ptrs := make([]any, len(cts))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		require.True(t, rows.Next())
		require.NoError(t, rows.Scan(ptrs...))
		require.NoError(t, rows.Close())
		for i, ct := range cts {
			require.Equal(t, wantNanos[i], vals[i].Nanosecond(), ct.Name())
		}
		p, _, ok := cts[0].DecimalSize()
		require.True(t, ok)
		require.Equal(t, int64(3), p, "TIME(3)")
		require.True(t, time.Date(2024, 3, 1, 8, 11, 12, 0, time.UTC).Equal(vals[2]), vals[2])
	}
	results := resultsOf(srv, query)
	require.Len(t, results, 2)
	for _, res := range results {
		var scales []int64
		for _, rt := range res.rowType {
			scales = append(scales, rt.Scale)
		}
		require.Equal(t, wantScale, scales, res.format)
	}
}

func TestInferTimeScale(t *testing.T) {
	for _, c := range []struct {
		typ, expr string
		want      int64
	}{
		{"time", "X::TIME(3)", 3},
		{"timestamp_ntz", "CAST(X AS TIMESTAMP_NTZ(6))", 6},
		{"timestamp_tz", "TRY_CAST(X AS TIMESTAMP_TZ( 0 ))", 0},
		{"timestamp_ltz", "X::TIMESTAMP_TZ(3)", 9},       // another family
		{"time", "COALESCE(X::TIME(3), Y)", 9},           // not the outermost cast
		{"timestamp_ntz", "DATE_TRUNC('DAY', X)", 9},     // no cast
		{"timestamp_ntz", "X::TIMESTAMP(3) + Y", 9},      // not at the end
		{"timestamp_ntz", "F(X AS TIMESTAMP_NTZ(2))", 9}, // not a CAST
	} {
		rt := rowType{Type: c.typ, Scale: 9}
		inferTimeScale(&rt, c.expr)
		require.Equal(t, c.want, rt.Scale, c.expr)
	}
}
