package sftest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
)

// copyColumn is a target column of COPY INTO.
type copyColumn struct {
	name    string // as DuckDB keeps it
	duck    string // DuckDB type
	notNull bool
}

// fileLoad is COPY's outcome for one file, a row of its answer.
type fileLoad struct {
	file                  string
	status                string
	parsed, loaded, limit int64
	errors                int64
	firstErr              *string
	firstLine, firstChar  *int64
	firstCol              *string
}

// copyInto runs COPY INTO <table> FROM @stage: it reads each staged file
// (CSV, JSON or Parquet) in Go or DuckDB, checks every value against its
// column's type (not through a transformation), and inserts the good rows, all in one DuckDB transaction.
// Files the table already loaded (same path and MD5) are skipped unless
// FORCE = TRUE, as Snowflake's load metadata does.
func (s *Server) copyInto(st *statement, sess *session, toks []stok, text string, state stageScope) (*result, *sqlError) {
	c, err := s.parseCopy(toks, text, state)
	if err != nil {
		return nil, err
	}
	c.env = s.env(sess, "")
	tableText := toks[2].text
	files, err := c.loc.files(c.pattern)
	if err != nil {
		return nil, err
	}
	if len(c.files) > 0 {
		want := map[string]bool{}
		for _, f := range c.files {
			want[strings.TrimPrefix(strings.TrimSuffix(c.loc.path, "/")+"/"+strings.TrimPrefix(f, "/"), "/")] = true
		}
		kept := files[:0]
		for _, f := range files {
			if want[f.rel] {
				kept = append(kept, f)
			}
		}
		files = kept
	}
	tableKey := strings.Join(c.table, ".")
	// The table's lock, unless the session's transaction holds it already
	// (waiting for it would wait for this very session). The COPY itself
	// runs outside that transaction.
	lock := qualifyTable(tableKey, "", "")
	s.mu.Lock()
	txn := sess.txn
	s.mu.Unlock()
	if txn != nil && txn.holds(lock) {
		lock = ""
	}
	release, aerr := s.admit(st, lock)
	if aerr != nil {
		return nil, aerr
	}
	defer release()
	ctx := st.ctx
	pc, e := s.eng.borrow(ctx, state.database, state.schema)
	if e != nil {
		return nil, duckError(e)
	}
	clean := false
	defer func() { s.eng.giveBack(pc, clean) }()
	conn := pc.c
	cols, err := copyTargetColumns(ctx, conn, tableText, c.table, c.columns)
	if err != nil {
		return nil, err
	}
	// Load metadata: skip files this table loaded before (same path, same
	// MD5). It belongs to the table object: a table created again (CREATE
	// OR REPLACE, DROP and CREATE) starts with none.
	metaKey := tableKey + "#" + tableOID(ctx, conn, c.table)
	type pending struct {
		f   stagedFile
		key string
	}
	var todo []pending
	for _, f := range files {
		sum, e := md5Hex(f.abs)
		if e != nil {
			return nil, stageIOError(e)
		}
		key := c.loc.key + "/" + f.rel + "#" + sum
		s.stages.mu.Lock()
		done := s.stages.loaded[metaKey][key]
		s.stages.mu.Unlock()
		if done && !c.force {
			continue
		}
		todo = append(todo, pending{f, key})
	}
	if len(todo) == 0 {
		clean = true
		return textResult("status", "Copy executed with 0 files processed.", stmtTypeCopy), nil
	}
	if _, e := conn.ExecContext(ctx, "BEGIN TRANSACTION"); e != nil {
		return nil, duckError(e)
	}
	committed := false
	defer func() {
		if !committed {
			_, _ = conn.ExecContext(context.Background(), "ROLLBACK")
		}
	}()
	var loads []fileLoad
	for n, p := range todo {
		fl, err := s.loadFile(ctx, conn, c, cols, tableText, p.f, n)
		if err != nil {
			return nil, err
		}
		loads = append(loads, fl)
	}
	if _, e := conn.ExecContext(ctx, "COMMIT"); e != nil {
		return nil, duckError(e)
	}
	committed, clean = true, true
	s.stages.mu.Lock()
	if s.stages.loaded[metaKey] == nil {
		s.stages.loaded[metaKey] = map[string]bool{}
	}
	for i, p := range todo {
		if loads[i].status != "LOAD_FAILED" {
			s.stages.loaded[metaKey][p.key] = true
		}
	}
	s.stages.mu.Unlock()
	if c.purge {
		for i, p := range todo {
			if loads[i].status != "LOAD_FAILED" {
				_ = os.Remove(p.f.abs)
			}
		}
	}
	return copyResult(loads), nil
}

// copyResult is COPY's answer: one row per file with Snowflake's columns.
func copyResult(loads []fileLoad) *result {
	rts := []rowType{textCol("file"), textCol("status"), fixedCol("rows_parsed"), fixedCol("rows_loaded"),
		fixedCol("error_limit"), fixedCol("errors_seen"), textCol("first_error"), fixedCol("first_error_line"),
		fixedCol("first_error_character"), textCol("first_error_column_name")}
	rows := make([][]any, len(loads))
	var loaded int64
	for i, l := range loads {
		rows[i] = []any{l.file, l.status, l.parsed, l.loaded, l.limit, l.errors, strOrNil(l.firstErr),
			intOrNil(l.firstLine), intOrNil(l.firstChar), strOrNil(l.firstCol)}
		loaded += l.loaded
	}
	res := tableResult(rts, stmtTypeCopy, rows)
	res.producedRows = loaded
	return res
}

func strOrNil(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

func intOrNil(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

// tableOID is DuckDB's identity of the table (new for a table created
// again), or "" when it cannot be told.
func tableOID(ctx context.Context, conn *sql.Conn, table []string) string {
	var oid sql.NullString
	err := conn.QueryRowContext(ctx, "SELECT CAST(table_oid AS VARCHAR) FROM duckdb_tables() WHERE lower(database_name) = lower(?) "+
		"AND lower(schema_name) = lower(?) AND lower(table_name) = lower(?) LIMIT 1", table[0], table[1], table[2]).Scan(&oid)
	if err != nil {
		return ""
	}
	return oid.String
}

// copyTargetColumns reads the table's columns (DESCRIBE), or those of the
// column list in its order. A missing table is 002003.
func copyTargetColumns(ctx context.Context, conn *sql.Conn, tableText string, table, list []string) ([]copyColumn, *sqlError) {
	rows, err := conn.QueryContext(ctx, "DESCRIBE "+tableText)
	if err != nil {
		return nil, &sqlError{Code: "002003", SQLState: "42S02",
			Message: "SQL compilation error:\nTable '" + strings.Join(table, ".") + "' does not exist or not authorized."}
	}
	defer func() { _ = rows.Close() }()
	var all []copyColumn
	names, _ := rows.Columns()
	for rows.Next() {
		vals := make([]sql.NullString, len(names))
		ptrs := make([]any, len(names))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, duckError(err)
		}
		all = append(all, copyColumn{name: vals[0].String, duck: strings.ToUpper(vals[1].String), notNull: vals[2].String == "NO"})
	}
	if len(list) == 0 {
		return all, nil
	}
	out := make([]copyColumn, 0, len(list))
	for _, want := range list {
		found := false
		for _, c := range all {
			if strings.EqualFold(c.name, want) {
				out = append(out, c)
				found = true
				break
			}
		}
		if !found {
			return nil, &sqlError{Code: "000904", SQLState: "42000", Message: fmt.Sprintf("SQL compilation error: error line 0 at position 0\ninvalid identifier '%s'", want)}
		}
	}
	return out, nil
}
