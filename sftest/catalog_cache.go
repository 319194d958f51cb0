package sftest

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The engine's cache of declared column types (catalog_declared.go), read
// from DuckDB's catalog: reading it costs a scan of the whole catalog, a
// few milliseconds, so each table's columns are read once until DDL
// changes them.

// tableColumn is a table column as a result may read it: its name as
// DuckDB keeps it and its declared type ("" when DuckDB's type says all).
type tableColumn struct {
	name, declared string
}

// tableKey names a table in DuckDB's catalog: database, schema and name
// as written (upper-cased unless quoted); the catalog is read ignoring case,
// as DuckDB resolves names.
type tableKey struct{ db, schema, table string }

// declaredCatalog caches each table's columns and declared types, read from
// DuckDB's catalog. DDL forgets the tables it names (or all, when it
// cannot name them), and a read that began before it is not kept (gen);
// reads inside a session transaction are never kept. A transaction's end
// changes nothing here: DDL commits an open transaction before it runs
// (txn_ddl.go), so no transaction holds catalog changes.
type declaredCatalog struct {
	mu     sync.Mutex
	gen    uint64
	any    bool // some statement has recorded a declared type
	tables map[tableKey][]tableColumn
}

// recorded notes that a statement recorded declared types (the DDL's
// invalidateFor forgets what was read of its table before).
func (c *declaredCatalog) recorded() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.any = true
}

// invalidate forgets every table read so far.
func (c *declaredCatalog) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.tables = nil
}

// invalidateFor forgets what the DDL statement text may have changed: the
// tables and views of its target's name, when it names one and renames
// nothing, else every table (DROP SCHEMA, RENAME, ...). Reading a table's
// columns costs a scan of DuckDB's whole catalog (a few milliseconds), so
// DDL on one table keeps the others.
func (c *declaredCatalog) invalidateFor(text string) {
	name := ""
	code := codeOnly(tokenize(text))
	switch verb, kind, parts, ok := ddlTarget(text); {
	case ok && (kind == "TABLE" || kind == "VIEW"):
		name = parts[len(parts)-1].text
	case len(code) > 2 && code[0].isWord("ALTER") && (code[1].isWord("TABLE") || code[1].isWord("VIEW")):
		if parts, _ := parseName(code, 2); len(parts) > 0 && !slices.ContainsFunc(code, func(t token) bool { return t.isWord("RENAME") || t.isWord("SWAP") }) {
			name = parts[len(parts)-1].text
		}
	case verb == "" && len(code) > 0 && code[0].isWord("TRUNCATE"):
		return
	}
	if name == "" {
		c.invalidate()
		return
	}
	c.forget(name)
}

// forget forgets the tables and views named name in any schema.
func (c *declaredCatalog) forget(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for k := range c.tables {
		if strings.EqualFold(k.table, name) {
			delete(c.tables, k)
		}
	}
}

// columns returns the columns of table k in order, with their declared
// types, reading DuckDB's catalog through conn unless cached; nil when no
// declared type was ever recorded (nothing to add) or the table is unknown.
// inTxn says conn is inside a session transaction, whose catalog others do
// not see (and a rollback may undo): it neither reads nor fills the cache.
func (c *declaredCatalog) columns(ctx context.Context, conn *sql.Conn, k tableKey, inTxn bool) ([]tableColumn, error) {
	c.mu.Lock()
	if !c.any {
		c.mu.Unlock()
		return nil, nil
	}
	if cols, ok := c.tables[k]; ok && !inTxn {
		c.mu.Unlock()
		return cols, nil
	}
	gen := c.gen
	c.mu.Unlock()
	rows, err := conn.QueryContext(ctx, `SELECT column_name, comment FROM duckdb_columns() `+
		`WHERE upper(database_name) = ? AND upper(schema_name) = ? AND upper(table_name) = ? ORDER BY column_index`,
		strings.ToUpper(k.db), strings.ToUpper(k.schema), strings.ToUpper(k.table))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []tableColumn
	for rows.Next() {
		var name string
		var comment sql.NullString
		if err := rows.Scan(&name, &comment); err != nil {
			return nil, err
		}
		cols = append(cols, tableColumn{name: name, declared: declaredOf(comment.String)})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen == gen && !inTxn {
		if c.tables == nil {
			c.tables = map[tableKey][]tableColumn{}
		}
		c.tables[k] = cols
	}
	return cols, nil
}

// declareFromQuery gives the columns of the object q made the types a
// SELECT of its query reports (result_types.go, result_infer*.go, and the
// declared types of the table columns it reads as they are) where they say
// more than the DuckDB types the columns got: CTAS of a TIMESTAMP_TZ
// column makes a TIMESTAMP_TZ column, of OBJECT_CONSTRUCT(...) an OBJECT.
func (c *declaredCatalog) declareFromQuery(ctx context.Context, conn *sql.Conn, q *declaredQuery, db, schema string, inTxn bool) error {
	hints := columnHints{asTZ: tzColumns(q.query), declared: c.declaredResultTypes(ctx, conn, q.query, db, schema, inTxn)}
	rows, err := conn.QueryContext(ctx, "SELECT * FROM "+duckName(q.object)+" LIMIT 0")
	if err != nil {
		return err
	}
	cts, err := rows.ColumnTypes()
	_ = rows.Close()
	if err != nil {
		return err
	}
	rts := resultColumns(cts, q.query, hints)
	var stmts []string
	for i, rt := range rts {
		if typ, ok := declaredOfColumn(rt); ok {
			col := namePart{text: cts[i].Name(), quoted: true}
			stmts = append(stmts, "COMMENT ON COLUMN "+duckName(append(q.object[:len(q.object):len(q.object)], col))+
				" IS "+quoteString(declaredPrefix+typ))
		}
	}
	if len(stmts) == 0 {
		return nil
	}
	c.forget(q.object[len(q.object)-1].text) // the object is new: its name may have held another
	for _, stmt := range stmts {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	c.recorded()
	return nil
}

// declaredOfColumn is the declared type that makes a column stored as
// rt's DuckDB type report rt (what declaredType records for a column
// definition), or ok false when the DuckDB type reports rt already.
func declaredOfColumn(rt rowType) (string, bool) {
	scaled := func(name string) string { return name + "(" + strconv.FormatInt(rt.Scale, 10) + ")" }
	switch rt.Type {
	case "timestamp_tz":
		return scaled("TIMESTAMP_TZ"), true
	case "timestamp_ltz":
		return scaled("TIMESTAMP_LTZ"), rt.Scale != 9
	case "timestamp_ntz":
		return scaled("TIMESTAMP_NTZ"), rt.Scale != 0 && rt.Scale != 3 && rt.Scale != 9
	case "time":
		return scaled("TIME"), rt.Scale != 9
	case "text":
		return "VARCHAR(" + strconv.FormatInt(rt.Length, 10) + ")", rt.Length != textLength
	case "binary":
		return "BINARY(" + strconv.FormatInt(rt.Length, 10) + ")", rt.Length != binaryLength
	case "object", "array":
		return strings.ToUpper(rt.Type), true
	}
	return "", false
}

// qualifiedKey is the catalog key of a table named by parts, qualified by
// the session's database and schema where the name is not.
func qualifiedKey(parts []namePart, db, schema string) tableKey {
	db, schema = qualifyParts(parts, &rewriteEnv{Database: db, Schema: schema})
	return tableKey{db: db, schema: schema, table: parts[len(parts)-1].text}
}
