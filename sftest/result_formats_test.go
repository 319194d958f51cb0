package sftest

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// everyTypeDDL and everyTypeRows make a table holding every Snowflake type
// sftest answers with, with edge values: negatives, values past int64,
// pre-1970 instants with fractions, escapes, and a row of NULLs.
const everyTypeDDL = `create table every_type (
	k int, n number(38,0), n18 number(18,0), d number(10,2), big number(38,0), f float,
	s varchar, b boolean, dt date, tm time, ntz timestamp_ntz, ltz timestamp_ltz,
	tz timestamp_tz, bin binary, v variant, o object, a array)`

var everyTypeRows = []string{
	`insert into every_type select 1, 1, 123456789012345678, 12.50, 12345678901234567890123, 1.5,
		'héllo "q"' || chr(10) || 'x', true, '2024-03-01'::date, '13:14:15.123456'::time,
		'2024-03-01 10:11:12.123456'::timestamp_ntz, '2024-03-01 10:11:12.123456+00:00'::timestamp_ltz,
		'2024-03-01 10:11:12+02:00'::timestamp_tz, ?::binary, parse_json('{"a": 1, "b": [true, null]}'),
		parse_json('{"k": "v"}'), parse_json('[1, 2.5, "x"]')`,
	`insert into every_type select 2, -128, -1, -0.01, -99999999999999999999999999999999999999, -2.25e10,
		'', false, '1969-12-31'::date, '00:00:00'::time,
		'1969-12-31 23:59:59.5'::timestamp_ntz, '1900-01-01 00:00:00.000001+00:00'::timestamp_ltz,
		'1969-12-31 23:59:59.25-05:00'::timestamp_tz, ?::binary, parse_json('"text"'),
		parse_json('{}'), parse_json('[]')`,
	`insert into every_type (k) select 3`,
}

// readTyped reads every row of query, each value scanned into a new value of
// its column's ScanType (what the driver tells database/sql to use), and the
// column types.
func readTyped(t *testing.T, ctx context.Context, conn *sql.Conn, query string) ([][]any, []*sql.ColumnType) {
	t.Helper()
	rows, err := conn.QueryContext(ctx, query)
	require.NoError(t, err)
	defer rows.Close()
	cts, err := rows.ColumnTypes()
	require.NoError(t, err)
	var out [][]any
	for rows.Next() {
		ptrs := make([]any, len(cts))
		for i, ct := range cts {
			ptrs[i] = reflect.New(reflect.PointerTo(ct.ScanType())).Interface()
		}
		require.NoError(t, rows.Scan(ptrs...))
		row := make([]any, len(cts))
		for i, p := range ptrs {
			if v := reflect.ValueOf(p).Elem(); !v.IsNil() {
				row[i] = v.Elem().Interface()
			}
		}
		out = append(out, row)
	}
	require.NoError(t, rows.Err())
	return out, cts
}

// formatConns returns two connections of db: one answered in Arrow (the
// default), one in JSON (GO_QUERY_RESULT_FORMAT); both close with the test.
func formatConns(t *testing.T, ctx context.Context, db *sql.DB) (arrowConn, jsonConn *sql.Conn) {
	t.Helper()
	arrowConn, err := db.Conn(ctx)
	require.NoError(t, err)
	t.Cleanup(func() { _ = arrowConn.Close() })
	jsonConn, err = db.Conn(ctx)
	require.NoError(t, err)
	t.Cleanup(func() { _ = jsonConn.Close() })
	_, err = jsonConn.ExecContext(ctx, "alter session set GO_QUERY_RESULT_FORMAT = 'JSON'")
	require.NoError(t, err)
	return arrowConn, jsonConn
}

// Both result formats give the driver the same Go values and column types
// for every type, edge values and NULLs included.
func TestResultFormatsGiveSameValues(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, everyTypeDDL)
	require.NoError(t, err)
	for i, q := range everyTypeRows {
		var args []any
		if i < 2 {
			args = []any{sf.DataTypeBinary, []byte{0x00, 0x41, 0xff}}
		}
		_, err := db.ExecContext(ctx, q, args...)
		require.NoError(t, err, q)
	}

	arrowConn, jsonConn := formatConns(t, ctx, db)

	const query = "select * from every_type order by k"
	arrowRows, arrowTypes := readTyped(t, ctx, arrowConn, query)
	jsonRows, jsonTypes := readTyped(t, ctx, jsonConn, query)
	formats := resultFormats(srv, query)
	require.Equal(t, []string{formatArrow, formatJSON}, formats)

	require.Len(t, arrowRows, 3)
	require.Equal(t, len(jsonTypes), len(arrowTypes))
	for i := range arrowTypes {
		a, j := arrowTypes[i], jsonTypes[i]
		require.Equal(t, j.Name(), a.Name())
		require.Equal(t, j.DatabaseTypeName(), a.DatabaseTypeName(), a.Name())
		require.Equal(t, j.ScanType(), a.ScanType(), a.Name())
		ap, as, aok := a.DecimalSize()
		jp, js, jok := j.DecimalSize()
		require.Equal(t, []any{jp, js, jok}, []any{ap, as, aok}, a.Name())
	}
	for r := range arrowRows {
		for c := range arrowRows[r] {
			require.Equal(t, jsonRows[r][c], arrowRows[r][c], "row %d column %s", r, arrowTypes[c].Name())
		}
	}
	// The values are the ones written, not merely equal to each other.
	require.Equal(t, "12345678901234567890123", arrowRows[0][4])
	require.Equal(t, "-99999999999999999999999999999999999999", arrowRows[1][4])
	require.Equal(t, int64(123456789012345678), arrowRows[0][2])
	require.Equal(t, 12.5, arrowRows[0][3])
	require.Equal(t, "héllo \"q\"\nx", arrowRows[0][6])
	require.Equal(t, []byte{0x00, 0x41, 0xff}, arrowRows[0][13])
	for _, v := range arrowRows[2][1:] {
		require.Nil(t, v)
	}
}

// resultsOf lists the results of the statements of the history whose text
// is query, in order.
func resultsOf(srv *Server, query string) []*result {
	srv.mu.Lock()
	var sts []*statement
	for _, st := range srv.history {
		if st.sql == query {
			sts = append(sts, st)
		}
	}
	srv.mu.Unlock()
	var out []*result
	for _, st := range sts {
		if res, _, done := st.outcome(); done && res != nil {
			out = append(out, res)
		}
	}
	return out
}

// resultFormats lists the result format of each statement of the history
// whose text is query, in order.
func resultFormats(srv *Server, query string) []string {
	var out []string
	for _, res := range resultsOf(srv, query) {
		out = append(out, res.format)
	}
	return out
}

// The format follows Snowflake's parameters: the statement's, then the
// session's, GO_ before the generic one; Arrow by default for the Go driver,
// JSON for other clients.
func TestResultFormatChoice(t *testing.T) {
	for _, c := range []struct {
		name   string
		client string
		sess   map[string]string
		req    map[string]any
		want   string
	}{
		{"go default", "Go", nil, nil, formatArrow},
		{"other client default", "", nil, nil, formatJSON},
		{"session json", "Go", map[string]string{"GO_QUERY_RESULT_FORMAT": "JSON"}, nil, formatJSON},
		{"session quoted", "Go", map[string]string{"GO_QUERY_RESULT_FORMAT": "'json'"}, nil, formatJSON},
		{"statement beats session", "Go", map[string]string{"GO_QUERY_RESULT_FORMAT": "JSON"}, map[string]any{"GO_QUERY_RESULT_FORMAT": "ARROW"}, formatArrow},
		{"statement json", "Go", nil, map[string]any{"go_query_result_format": "json"}, formatJSON},
		{"generic parameter", "Go", map[string]string{"QUERY_RESULT_FORMAT": "JSON"}, nil, formatJSON},
		{"go parameter beats generic", "Go", map[string]string{"QUERY_RESULT_FORMAT": "JSON", "GO_QUERY_RESULT_FORMAT": "ARROW"}, nil, formatArrow},
		{"other client arrow", "JDBC", map[string]string{"QUERY_RESULT_FORMAT": "ARROW"}, nil, formatArrow},
		{"unknown value ignored", "Go", map[string]string{"GO_QUERY_RESULT_FORMAT": "XML"}, nil, formatArrow},
	} {
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, c.want, resultFormat(c.client, c.sess, c.req))
		})
	}
}

// firstRow is res's first row in the JSON result encoding, nil if it has
// none (or it cannot be decoded).
func firstRow(res *result) []*string {
	var first []*string
	errFound := errors.New("found")
	_ = res.eachRow(func(r []*string) error {
		first = r
		return errFound
	})
	return first
}
