package sftest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// bulkTable is the temporary table a bulk insert loads through; temporary
// tables belong to one DuckDB connection, which runs one statement at a time.
const bulkTable = "__sftest_bind"

// bulkInsert runs INSERT ... VALUES (tuple) with array binds as one
// INSERT ... SELECT over a temporary table the rows are appended to (DuckDB
// runs one statement per row, or a huge VALUES list, a thousand times
// slower). head is the statement up to VALUES; each of the tuple's
// placeholders $k becomes the table's column k (singleValuesTuple checked
// k). One statement: all rows or none.
func bulkInsert(ctx context.Context, conn *sql.Conn, head string, tuple []token, rows arrayBinds) (int64, error) {
	name := bulkTable
	cols := make([]string, len(rows.cols))
	defs := make([]string, len(rows.cols))
	text := make([]bool, len(rows.cols)) // the column is VARCHAR: values go as text
	for i, a := range rows.cols {
		typ := bulkColumnType(a)
		cols[i] = fmt.Sprintf(`"c%d"`, i+1)
		defs[i], text[i] = cols[i]+" "+typ, typ == "VARCHAR"
	}
	if _, err := conn.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE "+name+" ("+strings.Join(defs, ", ")+")"); err != nil {
		return 0, err
	}
	defer func() { _, _ = conn.ExecContext(context.Background(), "DROP TABLE IF EXISTS temp.main."+name) }()
	err := conn.Raw(func(dc any) error {
		dconn, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("sftest: bulk insert: unexpected driver connection %T", dc)
		}
		app, err := duckdb.NewAppender(dconn, "temp", "main", name)
		if err != nil {
			return err
		}
		// The appender copies each row's values: one slice serves them all.
		vals := make([]driver.Value, len(rows.cols))
		for r := range rows.n {
			for i, c := range rows.cols {
				vals[i] = bulkValue(c.vals[r], text[i])
			}
			if err := app.AppendRow(vals...); err != nil {
				_ = app.Close()
				return err
			}
		}
		return app.Close()
	})
	if err != nil {
		return 0, err
	}
	var sel strings.Builder
	for _, t := range tuple {
		if k, ok := bindNumber(t); ok {
			sel.WriteString(cols[k-1])
			continue
		}
		sel.WriteString(t.text)
	}
	res, err := conn.ExecContext(ctx, head+" SELECT "+sel.String()+" FROM temp.main."+name)
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// bulkColumnType is the temporary column type for an array binding's type.
func bulkColumnType(a bindArray) string {
	switch a.typ {
	case "FIXED":
		for _, v := range a.vals {
			if _, ok := v.(string); ok {
				return "VARCHAR" // beyond BIGINT: the INSERT casts the text
			}
		}
		return "BIGINT"
	case "REAL":
		return "DOUBLE"
	case "BOOLEAN":
		return "BOOLEAN"
	case "DATE":
		return "DATE"
	case "TIMESTAMP_NTZ", "TIMESTAMP":
		return "TIMESTAMP"
	case "TIMESTAMP_LTZ", "TIMESTAMP_TZ":
		return "TIMESTAMPTZ"
	case "BINARY":
		return "BLOB"
	}
	return "VARCHAR"
}

// bulkValue fits v to its column: text when the column is VARCHAR.
func bulkValue(v any, text bool) driver.Value {
	if v == nil || !text {
		return v
	}
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}
