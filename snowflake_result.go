package sfasync

import (
	"database/sql/driver"
	"errors"
	"io"
	"strconv"
	"strings"
)

// This file reads the rows gosnowflake hands over for a finished statement
// into a Result: Snowflake's NUMBER and DML-count conventions live here.

// readResult reads an outcome's rows into a Result.
func readResult(id string, o outcome) (*Result, error) {
	if o.res != nil {
		return o.res, nil
	}
	res := &Result{QueryID: id}
	if o.rows == nil {
		return res, nil
	}
	rows := o.rows
	defer rows.Close()
	for {
		if err := readResultSet(rows, res); err != nil {
			return nil, toQueryError(id, err)
		}
		next, ok := rows.(driver.RowsNextResultSet)
		if !ok || !next.HasNextResultSet() {
			return res, nil
		}
		if err := next.NextResultSet(); err != nil {
			if errors.Is(err, io.EOF) {
				return res, nil
			}
			return nil, toQueryError(id, err)
		}
	}
}

// readResultSet reads the current result set of rows into res, replacing
// its columns and rows and adding any DML counts to RowsAffected.
func readResultSet(rows driver.Rows, res *Result) error {
	cols := rows.Columns()
	fixed := make([]bool, len(cols))
	if ct, ok := rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		pt, _ := rows.(driver.RowsColumnTypePrecisionScale)
		for i := range cols {
			if ct.ColumnTypeDatabaseTypeName(i) != "FIXED" {
				continue
			}
			scale := int64(0)
			if pt != nil {
				_, scale, _ = pt.ColumnTypePrecisionScale(i)
			}
			fixed[i] = scale == 0
		}
	}
	// Snowflake answers DML with count columns only, such as "number of
	// rows updated" and "number of multi-joined rows updated"; rows affected
	// is the sum of the "number of rows ..." ones.
	count := make([]bool, len(cols))
	dml := len(cols) > 0
	for i, c := range cols {
		dml = dml && strings.HasPrefix(strings.ToLower(c), "number of ")
		count[i] = rowsAffectedColumn(c)
	}
	res.Columns = cols
	res.Rows = nil
	for {
		dest := make([]driver.Value, len(cols))
		if err := rows.Next(dest); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		row := make([]any, len(cols))
		for i, v := range dest {
			if s, ok := v.(string); ok && fixed[i] {
				if n, err := strconv.ParseInt(s, 10, 64); err == nil {
					v = n
				}
			}
			row[i] = v
			if dml && count[i] {
				if n, ok := parseCount(v); ok {
					res.RowsAffected += n
				}
			}
		}
		res.Rows = append(res.Rows, row)
	}
}

// rowsAffectedColumn reports whether a column is one of Snowflake's DML
// counts ("number of rows inserted", "number of rows updated", ...).
func rowsAffectedColumn(name string) bool {
	return strings.HasPrefix(strings.ToLower(name), "number of rows ")
}

// parseCount reads a DML count as the driver hands it over.
func parseCount(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case string:
		n, err := strconv.ParseInt(x, 10, 64)
		return n, err == nil
	case []byte:
		n, err := strconv.ParseInt(string(x), 10, 64)
		return n, err == nil
	}
	return 0, false
}
