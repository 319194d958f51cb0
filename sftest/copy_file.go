package sftest

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// rowError is the first thing wrong with one row of a staged file.
type rowError struct {
	code, state, msg string
	col              int // index into the target columns
	char             int
}

// loadFile loads one staged file into the table inside the COPY's DuckDB
// transaction: the rows go as text into a temporary table, DuckDB checks
// each value against its column's type (TRY_CAST), and the good rows are
// inserted as ON_ERROR says. n numbers the temporary table.
func (s *Server) loadFile(ctx context.Context, conn *sql.Conn, c *copyStmt, cols []copyColumn, tableText string, f stagedFile, n int) (fileLoad, *sqlError) {
	fl := fileLoad{file: c.loc.loadPrefix() + f.rel}
	recs, ferr := readRecords(ctx, conn, c, cols, f)
	if ferr != nil && ferr.code == "002019" {
		return fl, &sqlError{Code: ferr.code, SQLState: ferr.state, Message: ferr.msg}
	}
	if c.transform != nil {
		return s.loadTransformed(ctx, conn, c, cols, tableText, fl, f.rel, recs, ferr, n)
	}
	tmp, drop, err := recordTable(ctx, conn, n, len(cols))
	if err != nil {
		return fl, err
	}
	defer drop()
	errs := map[int]*rowError{} // by record index
	if err := insertRecords(ctx, conn, tmp, recs, len(cols), c.format.columnMismatch, errs); err != nil {
		return fl, err
	}
	if err := checkValues(ctx, conn, tmp, recs, cols, errs); err != nil {
		return fl, err
	}
	fl.parsed = int64(len(recs))
	first := -1
	for i := range recs {
		if errs[i] != nil {
			first = i
			break
		}
	}
	fl.errors = int64(len(errs))
	line := 0
	if ferr != nil { // the file broke off after recs: one more error
		fl.parsed++
		fl.errors++
		if first < 0 {
			first = len(recs)
			line = 1
			if len(recs) > 0 {
				line = recs[len(recs)-1].line + 1
			}
			errs[first] = ferr
		}
	}
	if first >= 0 {
		e := errs[first]
		if first < len(recs) {
			line = recs[first].line
		}
		msg := e.msg
		fl.firstErr = &msg
		l, ch := int64(line), int64(e.char)
		fl.firstLine, fl.firstChar = &l, &ch
		if e.col >= 0 && e.col < len(cols) {
			name := copyColumnName(c.table[2], cols[e.col].name, e.col+1)
			fl.firstCol = &name
		}
		if c.onError == "ABORT_STATEMENT" {
			colText := ""
			if fl.firstCol != nil {
				colText = *fl.firstCol
			}
			return fl, &sqlError{Code: e.code, SQLState: e.state, Message: fmt.Sprintf("%s\n  File '%s', line %d, character %d\n  Row %d, column %s\n"+
				"  If you would like to continue loading when an error is encountered, use other values such as 'SKIP_FILE' or 'CONTINUE' for the ON_ERROR option. "+
				"For more information on loading options, please run 'info loading_data' in a SQL client.", e.msg, fl.file, line, e.char, first+1, colText)}
		}
	}
	switch c.onError {
	case "CONTINUE":
		fl.limit = fl.parsed
	default:
		fl.limit = int64(c.skipN)
	}
	if c.onError == "SKIP_FILE" && fl.errors >= int64(c.skipN) {
		fl.status = "LOAD_FAILED"
		return fl, nil
	}
	if len(errs) > 0 {
		bad := make([]string, 0, len(errs))
		for i := range errs {
			bad = append(bad, strconv.Itoa(i))
		}
		if _, e := conn.ExecContext(ctx, "DELETE FROM "+tmp+" WHERE rn IN ("+strings.Join(bad, ",")+")"); e != nil {
			return fl, duckError(e)
		}
	}
	names := make([]string, len(cols))
	exprs := make([]string, len(cols))
	for i, col := range cols {
		names[i] = `"` + strings.ReplaceAll(col.name, `"`, `""`) + `"`
		exprs[i] = loadExpr(fmt.Sprintf("c%d", i+1), col, c.format.typ)
	}
	r, e := conn.ExecContext(ctx, "INSERT INTO "+tableText+" ("+strings.Join(names, ", ")+") SELECT "+strings.Join(exprs, ", ")+" FROM "+tmp+" ORDER BY rn")
	if e != nil {
		return fl, duckError(e)
	}
	fl.loaded, _ = r.RowsAffected()
	switch {
	case fl.errors == 0:
		fl.status = "LOADED"
	case fl.loaded == 0:
		fl.status = "LOAD_FAILED"
	default:
		fl.status = "PARTIALLY_LOADED"
	}
	return fl, nil
}

// readRecords reads a staged file's rows in its format; err, when not nil,
// is where the file broke off (the rows before it are returned).
func readRecords(ctx context.Context, conn *sql.Conn, c *copyStmt, cols []copyColumn, f stagedFile) ([]record, *rowError) {
	var recs []record
	var perr error
	switch c.format.typ {
	case "CSV":
		data, err := readStaged(f.abs, c.format)
		if err != nil {
			return nil, &rowError{code: "100069", state: "22P02", msg: err.Error(), col: -1, char: 1}
		}
		return parseCSV(string(data), c.format), nil
	case "JSON":
		data, err := readStaged(f.abs, c.format)
		if err != nil {
			return nil, &rowError{code: "100069", state: "22P02", msg: err.Error(), col: -1, char: 1}
		}
		recs, perr = parseJSONDocs(data, c.format)
	case "PARQUET":
		recs, perr = parquetDocs(ctx, conn, f.abs)
	}
	if !c.byName && c.transform == nil && len(cols) != 1 {
		return nil, &rowError{code: "002019", state: "0A000", msg: "SQL compilation error:\n" + c.format.typ +
			" file format can produce one and only one column of type variant, object, or array. Load data into separate columns using the MATCH_BY_COLUMN_NAME copy option or copy with transformation."}
	}
	if c.byName {
		recs = byColumnName(recs, cols, c.byCase)
	}
	if perr != nil {
		return recs, &rowError{code: "100069", state: "22P02", msg: perr.Error(), col: -1, char: 1}
	}
	return recs, nil
}

// parquetDocs reads a Parquet file through DuckDB, each row an object.
func parquetDocs(ctx context.Context, conn *sql.Conn, path string) ([]record, error) {
	rows, err := conn.QueryContext(ctx, "SELECT CAST(to_json(p) AS VARCHAR) FROM read_parquet(?) p", path)
	if err != nil {
		return nil, fmt.Errorf("Error parsing the parquet file: %v", err)
	}
	defer func() { _ = rows.Close() }()
	var out []record
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return out, err
		}
		out = append(out, record{vals: []*string{&v}, line: len(out) + 1, chars: []int{1}})
	}
	return out, rows.Err()
}

// recordTable makes the temporary table n of a file's records: rn (the
// record's index) and c1..c<width> as text; drop removes it.
func recordTable(ctx context.Context, conn *sql.Conn, n, width int) (tmp string, drop func(), err *sqlError) {
	tmp = fmt.Sprintf("sftest_copy_%d", n)
	defs := []string{"rn INTEGER"}
	for i := 0; i < width; i++ {
		defs = append(defs, fmt.Sprintf("c%d VARCHAR", i+1))
	}
	if _, e := conn.ExecContext(ctx, "CREATE TEMP TABLE "+tmp+" ("+strings.Join(defs, ", ")+")"); e != nil {
		return "", nil, duckError(e)
	}
	return tmp, func() { _, _ = conn.ExecContext(context.Background(), "DROP TABLE IF EXISTS "+tmp) }, nil
}

// insertRecords puts the records as text into tmp's width columns, noting
// (when mismatch) a record whose field count is not width.
func insertRecords(ctx context.Context, conn *sql.Conn, tmp string, recs []record, width int, mismatch bool, errs map[int]*rowError) *sqlError {
	const batch = 200
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", width+1), ", ") + ")"
	for start := 0; start < len(recs); start += batch {
		end := min(start+batch, len(recs))
		args := make([]any, 0, (end-start)*(width+1))
		tuples := make([]string, 0, end-start)
		for i := start; i < end; i++ {
			r := recs[i]
			if len(r.vals) != width && mismatch {
				col := min(len(r.vals), width-1)
				errs[i] = &rowError{code: "100080", state: "22000", col: col, char: r.chars[len(r.chars)-1],
					msg: fmt.Sprintf("Number of columns in file (%d) does not match that of the corresponding table (%d), use file format option error_on_column_count_mismatch=false to ignore this error", len(r.vals), width)}
			}
			args = append(args, i)
			for j := 0; j < width; j++ {
				if j < len(r.vals) && r.vals[j] != nil {
					v := *r.vals[j]
					if !utf8.ValidString(v) { // not text: a row error, never DuckDB's
						v = strings.ToValidUTF8(v, "\uFFFD")
						if errs != nil && errs[i] == nil {
							errs[i] = &rowError{code: "100069", state: "22P02", col: j, char: r.chars[min(j, len(r.chars)-1)],
								msg: fmt.Sprintf("Invalid UTF8 detected in string '%s'", v)}
						}
					}
					args = append(args, v)
				} else {
					args = append(args, nil)
				}
			}
			tuples = append(tuples, one)
		}
		if _, e := conn.ExecContext(ctx, "INSERT INTO "+tmp+" VALUES "+strings.Join(tuples, ", "), args...); e != nil {
			return duckError(e)
		}
	}
	return nil
}

// checkValues asks DuckDB which values do not convert to their column's
// type (or are NULL in a NOT NULL column) and notes each row's first.
func checkValues(ctx context.Context, conn *sql.Conn, tmp string, recs []record, cols []copyColumn, errs map[int]*rowError) *sqlError {
	flags := make([]string, len(cols))
	var anyBad []string
	for i, col := range cols {
		c := fmt.Sprintf("c%d", i+1)
		bad := "TRY_CAST(" + c + " AS " + col.duck + ") IS NULL"
		if col.duck == "JSON" {
			bad = "NOT json_valid(" + c + ")"
		}
		null := "0"
		if col.notNull {
			null = "1"
		}
		flags[i] = fmt.Sprintf("CASE WHEN %s IS NULL THEN %s WHEN %s THEN 2 ELSE 0 END", c, null, bad)
		anyBad = append(anyBad, flags[i]+" <> 0")
	}
	if len(cols) == 0 {
		return nil
	}
	rows, err := conn.QueryContext(ctx, "SELECT rn, "+strings.Join(flags, ", ")+" FROM "+tmp+" WHERE "+strings.Join(anyBad, " OR ")+" ORDER BY rn")
	if err != nil {
		return duckError(err)
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		vals := make([]int, len(cols)+1)
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return duckError(err)
		}
		rn := vals[0]
		if errs[rn] != nil {
			continue
		}
		for j, f := range vals[1:] {
			if f == 0 {
				continue
			}
			r := recs[rn]
			e := &rowError{col: j, char: 1}
			if j < len(r.chars) {
				e.char = r.chars[j]
			}
			if f == 1 {
				e.code, e.state, e.msg = "100072", "22002", "NULL result in a non-nullable column"
			} else {
				e.code, e.state, e.msg = conversionError(cols[j].duck, *r.vals[j])
			}
			errs[rn] = e
			break
		}
	}
	return nil
}

// conversionError is Snowflake's error for a value its column's type does
// not take.
func conversionError(duck, v string) (code, state, msg string) {
	switch {
	case duck == "BOOLEAN":
		return "100037", "22018", fmt.Sprintf("Boolean value '%s' is not recognized", v)
	case duck == "DATE":
		return "100040", "22007", fmt.Sprintf("Date '%s' is not recognized", v)
	case strings.HasPrefix(duck, "TIMESTAMP"):
		return "100035", "22007", fmt.Sprintf("Timestamp '%s' is not recognized", v)
	case strings.HasPrefix(duck, "TIME"):
		return "100108", "22007", fmt.Sprintf("Time '%s' is not recognized", v)
	case duck == "JSON":
		return "100069", "22P02", fmt.Sprintf("Error parsing JSON: %s", v)
	}
	return "100038", "22018", fmt.Sprintf("Numeric value '%s' is not recognized", v)
}

// loadExpr converts the text column c to the target column's type: a
// CSV field into a VARIANT is a JSON string, a JSON document is parsed.
func loadExpr(c string, col copyColumn, typ string) string {
	if col.duck == "JSON" && typ == "CSV" {
		return "to_json(" + c + ")"
	}
	return "CAST(" + c + " AS " + col.duck + ")"
}

// copyColumnName is first_error_column_name: "T"["COL":n].
func copyColumnName(table, col string, n int) string {
	return fmt.Sprintf(`"%s"["%s":%d]`, table, strings.ToUpper(col), n)
}
