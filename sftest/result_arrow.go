package sftest

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
)

// arrowField is the Arrow field Snowflake sends for a result column: the
// column's name, the type of this chunk's array (it may differ from chunk to
// chunk: integers take the narrowest width their values fit) and the field
// metadata the drivers read.
func arrowField(rt rowType, dt arrow.DataType) arrow.Field {
	md := map[string]string{
		"logicalType":  strings.ToUpper(rt.Type),
		"physicalType": physicalType(dt),
		"finalType":    "T",
	}
	switch rt.Type {
	case "fixed":
		md["precision"] = strconv.FormatInt(rt.Precision, 10)
		md["scale"] = strconv.FormatInt(rt.Scale, 10)
	case "time", "timestamp_ntz", "timestamp_ltz", "timestamp_tz":
		md["scale"] = strconv.FormatInt(rt.Scale, 10)
	case "text", "variant", "object", "array", "binary":
		md["charLength"] = strconv.FormatInt(rt.Length, 10)
		md["byteLength"] = strconv.FormatInt(rt.ByteLength, 10)
	}
	return arrow.Field{Name: rt.Name, Type: dt, Nullable: true, Metadata: arrow.MetadataFrom(md)}
}

// physicalType names an Arrow type as Snowflake's field metadata does.
func physicalType(dt arrow.DataType) string {
	switch dt.ID() {
	case arrow.INT8:
		return "SB1"
	case arrow.INT16:
		return "SB2"
	case arrow.INT32, arrow.DATE32:
		return "SB4"
	case arrow.INT64:
		return "SB8"
	case arrow.DECIMAL128:
		return "SB16"
	case arrow.FLOAT64:
		return "DOUBLE"
	case arrow.BOOL:
		return "SB1"
	case arrow.BINARY:
		return "BINARY"
	case arrow.STRUCT:
		return "STRUCT"
	}
	return "LOB"
}

// encodeArrowChunk writes n rows of cols as one Arrow IPC stream (schema and
// one record batch), the bytes of a rowsetBase64 or of an Arrow chunk.
func encodeArrowChunk(rts []rowType, cols []arrow.Array, n int) ([]byte, error) {
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		fields[i] = arrowField(rts[i], c.DataType())
	}
	schema := arrow.NewSchema(fields, nil)
	rec := array.NewRecordBatch(schema, cols, int64(n))
	defer rec.Release()
	var buf bytes.Buffer
	w := ipc.NewWriter(&buf, ipc.WithSchema(schema), ipc.WithAllocator(mem))
	if err := w.Write(rec); err != nil {
		return nil, fmt.Errorf("arrow chunk: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("arrow chunk: %w", err)
	}
	return buf.Bytes(), nil
}

// decodeArrowChunk reads an Arrow chunk back into rows of JSON-format text.
func decodeArrowChunk(rts []rowType, data []byte) ([][]*string, error) {
	rd, err := ipc.NewReader(bytes.NewReader(data), ipc.WithAllocator(mem))
	if err != nil {
		return nil, err
	}
	defer rd.Release()
	var rows [][]*string
	for rd.Next() {
		rec := rd.RecordBatch()
		n := int(rec.NumRows())
		writers := make([]func([]byte, int) []byte, rec.NumCols())
		nulls := make([]func(int) bool, rec.NumCols())
		for c := range writers {
			writers[c], nulls[c] = cellWriter(rts[c], rec.Column(c))
		}
		for i := range n {
			row := make([]*string, len(writers))
			for c := range writers {
				if !nulls[c](i) {
					s := string(writers[c](nil, i))
					row[c] = &s
				}
			}
			rows = append(rows, row)
		}
	}
	return rows, rd.Err()
}
