package sftest

import (
	"bytes"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/snowflakedb/gosnowflake/v2/arrowbatches"
	"github.com/stretchr/testify/require"
)

// encodeOne encodes rows of one column of type rt in Arrow and returns the
// chunk's schema field and its JSON-format cells.
func encodeOne(t *testing.T, rt rowType, vals ...any) (arrow.Field, []*string) {
	t.Helper()
	b := newResultBuilder([]rowType{rt}, stmtTypeSelect, encoding{format: formatArrow, loc: time.FixedZone("", 2*3600)})
	for _, v := range vals {
		require.NoError(t, b.add([]any{v}))
	}
	res, err := b.finish()
	require.NoError(t, err)
	require.Len(t, res.chunks, 1)
	rd, err := ipc.NewReader(bytes.NewReader(res.chunks[0].data))
	require.NoError(t, err)
	defer rd.Release()
	field := rd.Schema().Field(0)
	var cells []*string
	require.NoError(t, res.eachRow(func(r []*string) error { cells = append(cells, r[0]); return nil }))
	return field, cells
}

func strs(ss ...string) []*string {
	out := make([]*string, len(ss))
	for i := range ss {
		if ss[i] != "NULL" {
			out[i] = &ss[i]
		}
	}
	return out
}

// Each logical type gets Snowflake's physical Arrow encoding and field
// metadata, and the JSON text Snowflake's JSON results carry.
func TestArrowPhysicalEncodings(t *testing.T) {
	fixed := func(p, s int64) rowType { return rowType{Name: "C", Type: "fixed", Precision: p, Scale: s} }
	hugeV, _ := new(big.Int).SetString("12345678901234567890123", 10)
	ts := time.Date(2024, 3, 1, 10, 11, 12, 123456789, time.UTC)
	for _, c := range []struct {
		name  string
		rt    rowType
		vals  []any
		want  arrow.DataType
		cells []*string
	}{
		{"int8", fixed(38, 0), []any{int64(1), int64(-128), nil}, arrow.PrimitiveTypes.Int8, strs("1", "-128", "NULL")},
		{"int16", fixed(38, 0), []any{int64(300)}, arrow.PrimitiveTypes.Int16, strs("300")},
		{"int32", fixed(38, 0), []any{int64(-70000)}, arrow.PrimitiveTypes.Int32, strs("-70000")},
		{"int64", fixed(18, 0), []any{int64(123456789012345678)}, arrow.PrimitiveTypes.Int64, strs("123456789012345678")},
		{"decimal128", fixed(38, 0), []any{hugeV, int64(1)}, &arrow.Decimal128Type{Precision: 38, Scale: 0}, strs("12345678901234567890123", "1")},
		{"scaled", fixed(10, 2), []any{int64(12), 1.5, "-0.01"}, arrow.PrimitiveTypes.Int16, strs("12.00", "1.50", "-0.01")},
		{"real", rowType{Name: "C", Type: "real"}, []any{1.5}, arrow.PrimitiveTypes.Float64, strs("1.5")},
		{"text", rowType{Name: "C", Type: "text", Length: textLength, ByteLength: textLength}, []any{"a\"b"}, arrow.BinaryTypes.String, strs("a\"b")},
		{"boolean", rowType{Name: "C", Type: "boolean"}, []any{true, false}, arrow.FixedWidthTypes.Boolean, strs("1", "0")},
		{"date", rowType{Name: "C", Type: "date"}, []any{time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC)}, arrow.FixedWidthTypes.Date32, strs("-1")},
		{"time scale 9", rowType{Name: "C", Type: "time", Scale: 9}, []any{ts}, arrow.PrimitiveTypes.Int64, strs("36672.123456789")},
		{"time scale 3", rowType{Name: "C", Type: "time", Scale: 3}, []any{ts}, arrow.PrimitiveTypes.Int32, strs("36672.123")},
		{"ntz scale 9", rowType{Name: "C", Type: "timestamp_ntz", Scale: 9}, []any{ts}, tsStruct(false, 9), strs("1709287872.123456789")},
		{"ntz scale 6", rowType{Name: "C", Type: "timestamp_ntz", Scale: 6}, []any{ts}, arrow.PrimitiveTypes.Int64, strs("1709287872.123456")},
		{"ltz before 1970", rowType{Name: "C", Type: "timestamp_ltz", Scale: 3}, []any{time.Unix(-2, 5e8)}, arrow.PrimitiveTypes.Int64, strs("-2.500")},
		{"tz scale 9", rowType{Name: "C", Type: "timestamp_tz", Scale: 9}, []any{ts}, tsStruct(true, 9), strs("1709287872.123456789 1560")},
		{"tz scale 3", rowType{Name: "C", Type: "timestamp_tz", Scale: 3}, []any{ts}, tsStruct(true, 3), strs("1709287872.123 1560")},
		{"binary", rowType{Name: "C", Type: "binary", Length: binaryLength, ByteLength: binaryLength}, []any{[]byte{0, 0xab}}, arrow.BinaryTypes.Binary, strs("00AB")},
		{"variant", rowType{Name: "C", Type: "variant", Length: textLength, ByteLength: textLength}, []any{`{"a":1}`}, arrow.BinaryTypes.String, strs("{\n  \"a\": 1\n}")},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, cells := encodeOne(t, c.rt, c.vals...)
			require.True(t, arrow.TypeEqual(c.want, f.Type), "got %s", f.Type)
			require.Equal(t, c.cells, cells)
			lt, ok := f.Metadata.GetValue("logicalType")
			require.True(t, ok)
			require.Equal(t, map[string]string{"fixed": "FIXED", "real": "REAL", "text": "TEXT", "boolean": "BOOLEAN",
				"date": "DATE", "time": "TIME", "timestamp_ntz": "TIMESTAMP_NTZ", "timestamp_ltz": "TIMESTAMP_LTZ",
				"timestamp_tz": "TIMESTAMP_TZ", "binary": "BINARY", "variant": "VARIANT"}[c.rt.Type], lt)
			if c.rt.Type == "fixed" {
				p, _ := f.Metadata.GetValue("precision")
				s, _ := f.Metadata.GetValue("scale")
				require.Equal(t, []string{strconv.FormatInt(c.rt.Precision, 10), strconv.FormatInt(c.rt.Scale, 10)}, []string{p, s})
			}
		})
	}
}

// A NUMBER past 38 digits fails as Snowflake's does.
func TestArrowNumberOutOfRange(t *testing.T) {
	b := newResultBuilder([]rowType{{Name: "C", Type: "fixed", Precision: 38}}, stmtTypeSelect, encoding{format: formatArrow})
	v, _ := new(big.Int).SetString("1"+string(bytes.Repeat([]byte("0"), 38)), 10)
	err := b.add([]any{v})
	var se *sqlError
	require.ErrorAs(t, err, &se)
	require.Equal(t, "100046", se.Code)
}

// fetchBatches runs query through the driver's arrow batches API and
// returns how many batches it had and their records, fetched.
func fetchBatches(t *testing.T, db *sql.DB, query string) (int, []arrow.RecordBatch) {
	t.Helper()
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	var n int
	var out []arrow.RecordBatch
	err = conn.Raw(func(dc any) error {
		rows, err := dc.(driver.QueryerContext).QueryContext(arrowbatches.WithArrowBatches(ctx), query, nil)
		if err != nil {
			return err
		}
		defer rows.Close()
		bs, err := arrowbatches.GetArrowBatches(rows.(sf.SnowflakeRows))
		if err != nil {
			return err
		}
		n = len(bs)
		for _, b := range bs {
			recs, err := b.Fetch()
			if err != nil {
				return err
			}
			out = append(out, *recs...)
		}
		return nil
	})
	require.NoError(t, err)
	t.Cleanup(func() {
		for _, r := range out {
			r.Release()
		}
	})
	return n, out
}

// The driver's arrow batches API reads sftest's Arrow results, chunks
// included, with the values the query produced.
func TestArrowBatches(t *testing.T) {
	_, db := newTestServer(t, WithChunkRows(40))
	batches, recs := fetchBatches(t, db, "select seq4() as n, n * 1.5 as half from table(generator(rowcount => 100))")
	var total, sum int64
	for _, rec := range recs {
		total += rec.NumRows()
		col := rec.Column(0)
		for i := 0; i < col.Len(); i++ {
			sum += intGetter(col)(i)
		}
	}
	require.Equal(t, 3, batches)
	require.Equal(t, int64(100), total)
	require.Equal(t, int64(99*100/2), sum)
}

// sftest's own one-row SELECT answers (SYSTEM$WAIT) come in Arrow too.
func TestFixedSelectAnswersInArrow(t *testing.T) {
	_, db := newTestServer(t)
	batches, recs := fetchBatches(t, db, "select system$wait(0)")
	require.Equal(t, 1, batches)
	require.Len(t, recs, 1)
	require.NotEmpty(t, recs[0].Column(0).ValueStr(0))
}

// appendJSONString writes what encoding/json writes for valid text, and
// U+FFFD for invalid UTF-8, so JSON rowsets always parse.
func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "plain", "quote\" back\\slash", "ctl\x00\x01\x1f\n\r\t", "héllo ✓ 🎉", "bad\xffutf8", "<&>\u2028"} {
		got := appendJSONString(nil, []byte(s))
		var back string
		require.NoError(t, json.Unmarshal(got, &back), "%q", got)
		want := strings.ToValidUTF8(s, "\ufffd")
		require.Equal(t, want, back, "%q", s)
	}
}
