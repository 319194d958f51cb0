package sftest

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// DDL programs: the DuckDB work of a DDL statement that depends on the
// catalog as it is when the statement runs (CLONE and LIKE read the source
// table's definition, SWAP and TRUNCATE IF EXISTS look for their tables,
// identity sequences are swept when their table goes), which static
// stmt.Duck text cannot express.

// ddlProgram does a DDL statement's catalog-dependent work through r. It
// runs after stmt.Duck, on the same connection, inside the DuckDB
// transaction that holds the statement's other steps (duckWork): a failure
// leaves the catalog as it was.
type ddlProgram func(ctx context.Context, r *programRun) error

// programRun is what a ddlProgram works with: the statement's connection and
// the session's current database and schema (upper-case), which qualify the
// names the statement leaves unqualified.
type programRun struct {
	conn       *sql.Conn
	db, schema string
}

// exec runs DuckDB statements in order.
func (r *programRun) exec(ctx context.Context, qs ...string) error {
	for _, q := range qs {
		if _, err := r.conn.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// key is the catalog key of a table named by parts, qualified with the
// session's names where the statement left them out.
func (r *programRun) key(parts []namePart) tableKey {
	return qualifiedKey(parts, r.db, r.schema)
}

// tableSQL returns the CREATE TABLE text DuckDB keeps for the table k (its
// current definition) and the names DuckDB spells it with; ok is false when
// there is no such table (views are not tables).
func (r *programRun) tableSQL(ctx context.Context, k tableKey) (def string, found tableKey, ok bool, err error) {
	row := r.conn.QueryRowContext(ctx, `SELECT sql, database_name, schema_name, table_name FROM duckdb_tables() `+
		`WHERE upper(database_name) = ? AND upper(schema_name) = ? AND upper(table_name) = ? LIMIT 1`,
		strings.ToUpper(k.db), strings.ToUpper(k.schema), strings.ToUpper(k.table))
	err = row.Scan(&def, &found.db, &found.schema, &found.table)
	if errors.Is(err, sql.ErrNoRows) {
		return "", tableKey{}, false, nil
	}
	return def, found, err == nil, err
}

// duckKeyName is the DuckDB name of a table found in the catalog, quoted.
func duckKeyName(k tableKey) string {
	return quoteIdent(k.db) + "." + quoteIdent(k.schema) + "." + quoteIdent(k.table)
}

// names runs a query of three text columns (database, schema, name) and
// returns its rows as catalog keys.
func (r *programRun) names(ctx context.Context, q string, args ...any) ([]tableKey, error) {
	rows, err := r.conn.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []tableKey
	for rows.Next() {
		var k tableKey
		if err := rows.Scan(&k.db, &k.schema, &k.table); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}
