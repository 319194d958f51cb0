package sftest

import (
	"bytes"
	"compress/gzip"
	"database/sql"
	"fmt"
	"io"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
)

// Statement type IDs the driver reads (select, the DML range, multi-statement).
const (
	stmtTypeSelect  int64 = 0x1000
	stmtTypeInsert  int64 = 0x3100
	stmtTypeUpdate  int64 = 0x3200
	stmtTypeDelete  int64 = 0x3300
	stmtTypeMerge   int64 = 0x3400
	stmtTypeSession int64 = 0x4000
	stmtTypeTxn     int64 = 0x5000
	stmtTypeDDL     int64 = 0x6000
	stmtTypeMulti   int64 = 0xA000
)

// result is a finished statement's answer: its rowtype and its rows,
// encoded once, when the statement ran, in the format then chosen, and cut
// into chunks. The first chunk travels inside the answer (rowset or
// rowsetBase64); the others are downloaded from the chunk URLs.
type result struct {
	rowType      []rowType
	format       string // formatJSON or formatArrow
	chunks       []resultChunk
	chunkKey     string // the qrmk a chunk download must present
	stmtType     int64
	resultIDs    string // multi-statement parent only
	resultTypes  string
	finalDB      string
	finalSchema  string
	producedRows int64
	scanBytes    int64
	transfer     *fileTransfer // PUT and GET: the files the driver moves
}

// resultChunk is one chunk of a result: rows rows encoded in the result's
// format (an Arrow IPC stream, or JSON rows without the outer brackets).
// JSON chunks after the first are kept gzipped, as Snowflake stores them
// for download; size is the encoded size before compression.
type resultChunk struct {
	rows    int
	data    []byte
	size    int
	gzipped bool
}

// raw is the chunk's encoded bytes, uncompressed.
func (c resultChunk) raw() ([]byte, error) {
	if !c.gzipped {
		return c.data, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(c.data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// eachRow calls fn with every row of res in the JSON result encoding (what
// RESULT_SCAN reads back), chunk by chunk.
func (res *result) eachRow(fn func([]*string) error) error {
	for _, c := range res.chunks {
		data, err := c.raw()
		if err != nil {
			return err
		}
		var rows [][]*string
		if res.format == formatArrow {
			rows, err = decodeArrowChunk(res.rowType, data)
		} else {
			rows, err = decodeJSONChunk(data)
		}
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := fn(r); err != nil {
				return err
			}
		}
	}
	return nil
}

// resultBuilder encodes rows into a result as they arrive, a chunk at a time,
// so that only one chunk's values are ever held unencoded.
type resultBuilder struct {
	enc   encoding
	res   *result
	cols  []colBuilder
	rows  int // rows in the current chunk
	bytes int // their approximate encoded size
}

func newResultBuilder(rts []rowType, stmtType int64, enc encoding) *resultBuilder {
	b := &resultBuilder{enc: enc.withDefaults(), res: &result{rowType: rts, format: enc.format, stmtType: stmtType}}
	if b.res.format == "" {
		b.res.format = formatJSON
	}
	b.cols = make([]colBuilder, len(rts))
	for i, rt := range rts {
		b.cols[i] = newColBuilder(rt, enc.loc)
	}
	return b
}

// add appends one row; vals holds DuckDB's values (nil for NULL).
func (b *resultBuilder) add(vals []any) error {
	for i, v := range vals {
		n, err := b.cols[i].add(v)
		if err != nil {
			return fmt.Errorf("column %s: %w", b.res.rowType[i].Name, err)
		}
		b.bytes += n
	}
	b.rows++
	b.res.producedRows++
	if b.rows >= b.enc.chunkRows || b.bytes >= b.enc.chunkBytes {
		return b.flush()
	}
	return nil
}

// flush encodes the current chunk's rows.
func (b *resultBuilder) flush() error {
	if b.rows == 0 {
		return nil
	}
	cols := make([]arrow.Array, len(b.cols))
	for i, c := range b.cols {
		cols[i] = c.build()
	}
	defer func() {
		for _, c := range cols {
			c.Release()
		}
	}()
	var data []byte
	var err error
	if b.res.format == formatArrow {
		if data, err = encodeArrowChunk(b.res.rowType, cols, b.rows); err != nil {
			return err
		}
	} else {
		data = encodeJSONChunk(b.res.rowType, cols, b.rows)
	}
	c := resultChunk{rows: b.rows, data: data, size: len(data)}
	if b.res.format == formatJSON && len(b.res.chunks) > 0 {
		if c.data, err = gzipBytes(data); err != nil {
			return err
		}
		c.gzipped = true
	}
	b.res.chunks = append(b.res.chunks, c)
	b.res.scanBytes += int64(b.bytes)
	b.rows, b.bytes = 0, 0
	return nil
}

// finish encodes what is left and returns the result.
func (b *resultBuilder) finish() (*result, error) {
	if err := b.flush(); err != nil {
		return nil, err
	}
	if len(b.res.chunks) > 1 {
		b.res.chunkKey = newChunkKey()
	}
	return b.res, nil
}

// columnHints is what sftest knows of a result's columns beyond DuckDB's
// types: asTZ reports, per column index, whether a TIMESTAMPTZ column
// should be reported as TIMESTAMP_TZ (nil: none); declared holds, per
// column, the declared type of the table column it reads as is ("" or
// nil: none), which wins over asTZ.
type columnHints struct {
	asTZ     func(i int) bool
	declared []string
}

// readRows drains rows into a SELECT-style result encoded as enc says.
// stmtText is the statement the user sent (for column naming and types).
func readRows(rows *sql.Rows, stmtText string, enc encoding, hints columnHints) (*result, error) {
	cts, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	rts := resultColumns(cts, stmtText, hints)
	b := newResultBuilder(rts, stmtTypeSelect, enc)
	vals := make([]any, len(cts))
	ptrs := make([]any, len(cts))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		if err := b.add(vals); err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return b.finish()
}

// resultColumns is the Snowflake rowtype of a result whose DuckDB columns
// are cts, for the statement stmtText.
func resultColumns(cts []*sql.ColumnType, stmtText string, hints columnHints) []rowType {
	rts := make([]rowType, len(cts))
	quoted := quotedIdents(stmtText) // once, not once per column
	for i, ct := range cts {
		rts[i] = snowflakeColumn(columnNameIn(ct.Name(), quoted), ct.DatabaseTypeName(), hints.asTZ != nil && hints.asTZ(i))
	}
	inferNumbers(rts, stmtText)
	if len(hints.declared) == len(rts) {
		for i, d := range hints.declared {
			if d != "" {
				applyDeclared(&rts[i], d)
			}
		}
	}
	return rts
}

// textResult is a one-column, one-row text answer (DDL status, SYSTEM$WAIT, ...).
func textResult(col, value string, stmtType int64) *result {
	rt := rowType{Name: col, Type: "text", Length: textLength, ByteLength: textLength, Nullable: true}
	return smallResult([]rowType{rt}, stmtType, []any{value})
}

// smallResult is a one-row JSON result of the given values.
func smallResult(rts []rowType, stmtType int64, row []any) *result {
	b := newResultBuilder(rts, stmtType, encoding{format: formatJSON})
	res, err := b.finishWith(row)
	if err != nil {
		panic(fmt.Sprintf("sftest: encoding a fixed answer: %v", err))
	}
	return res
}

// finishWith adds row and finishes.
func (b *resultBuilder) finishWith(row []any) (*result, error) {
	if err := b.add(row); err != nil {
		return nil, err
	}
	return b.finish()
}

// dmlResult is the answer of INSERT/UPDATE/DELETE/MERGE: one row of counts
// whose sum the driver reports as RowsAffected.
func dmlResult(verb string, n int64) *result {
	var names []string
	var typ int64
	switch strings.ToUpper(verb) {
	case "UPDATE":
		names, typ = []string{"number of rows updated", "number of multi-joined rows updated"}, stmtTypeUpdate
	case "DELETE":
		names, typ = []string{"number of rows deleted"}, stmtTypeDelete
	case "MERGE":
		names, typ = []string{"number of rows inserted", "number of rows updated", "number of rows deleted"}, stmtTypeMerge
	default:
		names, typ = []string{"number of rows inserted"}, stmtTypeInsert
	}
	counts := make([]int64, len(names))
	counts[0] = n
	return countsResult(names, typ, counts)
}
