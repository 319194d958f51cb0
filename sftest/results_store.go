package sftest

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// resultTable backs RESULT_SCAN('<id>'): it returns the name of a DuckDB
// table holding the stored result of a finished, successful query,
// materializing it in a private schema on first use. Column types are rebuilt
// from the result's Snowflake rowtype, so a RESULT_SCAN answers with the same
// types the original query did. Its error is an *sqlError.
func (s *Server) resultTable(queryID string) (string, error) {
	id := strings.ToLower(strings.TrimSpace(queryID))
	st := s.lookupStatement(id)
	if st == nil || !validQueryID(id) {
		return "", notFound(queryID)
	}
	res, serr, done := st.outcome()
	switch {
	case !done:
		return "", &sqlError{Code: "000709", SQLState: "02000", Message: fmt.Sprintf("Statement %s is still running; its result is not available yet", queryID)}
	case serr != nil || res == nil:
		return "", &sqlError{Code: "000709", SQLState: "02000", Message: fmt.Sprintf("Statement %s did not succeed; it has no result", queryID)}
	}

	s.resultMu.Lock()
	defer s.resultMu.Unlock()
	s.mu.Lock()
	name, ok := s.resultTables[id]
	s.mu.Unlock()
	if ok {
		return name, nil
	}
	base := "r_" + strings.ReplaceAll(id, "-", "")
	name = resultsSchema + "." + base
	if err := s.materialize(s.ctx, base, res); err != nil {
		return "", duckError(err)
	}
	s.mu.Lock()
	s.resultTables[id] = name
	s.mu.Unlock()
	return name, nil
}

// materialize writes res into resultsSchema.<table>: first as text columns
// through DuckDB's appender, then cast column by column from Snowflake's JSON
// encodings back to typed values.
func (s *Server) materialize(ctx context.Context, table string, res *result) error {
	conn, err := s.eng.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	stage := table + "_stage"
	cols := make([]string, len(res.rowType))
	exprs := make([]string, len(res.rowType))
	for i, rt := range res.rowType {
		c := fmt.Sprintf("c%d", i)
		cols[i] = c + " VARCHAR"
		exprs[i] = castFromJSONEncoding(c, rt) + " AS " + duckIdent(rt.Name)
	}
	if _, err := conn.ExecContext(ctx, "CREATE TABLE "+resultsSchema+"."+stage+" ("+strings.Join(cols, ", ")+")"); err != nil {
		return err
	}
	defer func() { _, _ = conn.ExecContext(context.Background(), "DROP TABLE IF EXISTS "+resultsSchema+"."+stage) }()
	err = conn.Raw(func(dc any) error {
		dconn, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("unexpected DuckDB connection type %T", dc)
		}
		a, err := duckdb.NewAppender(dconn, "memory", "sftest_results", stage)
		if err != nil {
			return err
		}
		vals := make([]driver.Value, len(res.rowType))
		err = res.eachRow(func(row []*string) error {
			for i := range vals {
				vals[i] = nil
				if i < len(row) && row[i] != nil {
					vals[i] = *row[i]
				}
			}
			return a.AppendRow(vals...)
		})
		if err != nil {
			_ = a.Close()
			return err
		}
		return a.Close()
	})
	if err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, "CREATE TABLE "+resultsSchema+"."+table+" AS SELECT "+
		strings.Join(exprs, ", ")+" FROM "+resultsSchema+"."+stage)
	return err
}

// castFromJSONEncoding is the DuckDB expression turning column c, holding a
// value in Snowflake's JSON result encoding of rt, back into a typed value.
func castFromJSONEncoding(c string, rt rowType) string {
	switch rt.Type {
	case "fixed":
		switch {
		case rt.Scale > 0:
			p := rt.Precision
			if p <= 0 || p > 38 {
				p = 38
			}
			return fmt.Sprintf("CAST(%s AS DECIMAL(%d,%d))", c, p, rt.Scale)
		case rt.Precision > 0 && rt.Precision <= 18:
			return "CAST(" + c + " AS BIGINT)"
		default:
			return "CAST(" + c + " AS HUGEINT)"
		}
	case "real":
		return "CAST(" + c + " AS DOUBLE)"
	case "boolean":
		return "(" + c + " = '1')"
	case "date":
		return "CAST(DATE '1970-01-01' + CAST(" + c + " AS INTEGER) AS DATE)"
	case "time":
		return "CAST(TIME '00:00:00' + to_microseconds(" + epochMicros(c) + ") AS TIME)"
	case "timestamp_ntz":
		if rt.Scale > 6 {
			// TIMESTAMP_NS, as sftest stores TIMESTAMP_NTZ(7-9).
			return "make_timestamp_ns(" + epochNanos(c) + ")"
		}
		return "make_timestamp(" + epochMicros(c) + ")"
	case "timestamp_ltz":
		// Integer arithmetic: a DOUBLE holds epoch seconds to the
		// microsecond only near 1970.
		return "(to_timestamp(0) + to_microseconds(" + epochMicros(c) + "))"
	case "timestamp_tz":
		return "(to_timestamp(0) + to_microseconds(" + epochMicros("split_part("+c+", ' ', 1)") + "))"
	case "binary":
		return "unhex(" + c + ")"
	case "variant", "object", "array":
		return "CAST(" + c + " AS JSON)"
	default:
		return c
	}
}

// epochMicros is the DuckDB expression for the microseconds since the epoch
// in c, which holds a timestamp in Snowflake's JSON encoding: whole seconds
// (the floor, so negative before 1970) and a fraction of up to 9 digits
// that adds to them, as the driver reads it. The fraction is rounded half
// up to the microsecond.
func epochMicros(c string) string {
	return "(CAST(split_part(" + c + ", '.', 1) AS BIGINT) * 1000000 + (" + fracNanos(c) + " + 500) // 1000)"
}

// epochNanos is epochMicros to the nanosecond.
func epochNanos(c string) string {
	return "(CAST(split_part(" + c + ", '.', 1) AS BIGINT) * 1000000000 + " + fracNanos(c) + ")"
}

// fracNanos is the fraction part of c in nanoseconds (0 if it has none).
func fracNanos(c string) string {
	return "CAST(rpad(split_part(" + c + ", '.', 2), 9, '0') AS BIGINT)"
}
