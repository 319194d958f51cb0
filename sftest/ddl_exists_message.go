package sftest

import (
	"context"
	"database/sql"
	"strings"
)

// Snowflake answers a CREATE ... IF NOT EXISTS of an object that exists
// with "<NAME> already exists, statement succeeded." and a DROP ... IF
// EXISTS of one that does not with "Drop statement executed successfully
// (<NAME> already dropped)." instead of its usual "... successfully
// created." / "... successfully dropped."; which one depends on the catalog
// when the statement runs.

// existenceCheck is, for CREATE ... IF NOT EXISTS and DROP ... IF EXISTS of
// a TABLE, VIEW, SCHEMA or DATABASE, what picks the statement's answer.
type existenceCheck struct {
	object string     // TABLE, VIEW, SCHEMA or DATABASE
	parts  []namePart // the object's name as written
	create bool       // CREATE IF NOT EXISTS; false: DROP IF EXISTS
}

// newExistenceCheck is the check for the statement, nil for objects it
// does not cover.
func newExistenceCheck(object string, parts []namePart, create bool) *existenceCheck {
	switch object {
	case "TABLE", "VIEW", "SCHEMA", "DATABASE":
		return &existenceCheck{object: object, parts: parts, create: create}
	}
	return nil
}

// message is the answer for a statement that finds nothing to do, "" when
// it has work (or c is nil). It must run before the statement does; db and
// schema are the session's current names.
func (c *existenceCheck) message(ctx context.Context, conn *sql.Conn, db, schema string) (string, error) {
	if c == nil || len(c.parts) == 0 {
		return "", nil
	}
	exists, err := c.exists(ctx, conn, db, schema)
	if err != nil {
		return "", err
	}
	name := c.parts[len(c.parts)-1].text
	switch {
	case c.create && exists:
		return name + " already exists, statement succeeded.", nil
	case !c.create && !exists:
		return "Drop statement executed successfully (" + name + " already dropped).", nil
	}
	return "", nil
}

// exists reports whether the object is in DuckDB's catalog.
func (c *existenceCheck) exists(ctx context.Context, conn *sql.Conn, db, schema string) (bool, error) {
	var q string
	var args []any
	switch c.object {
	case "DATABASE":
		q, args = `SELECT count(*) FROM duckdb_databases() WHERE upper(database_name) = ?`, []any{c.parts[len(c.parts)-1].text}
	case "SCHEMA":
		if len(c.parts) > 1 {
			db = c.parts[len(c.parts)-2].text
		}
		q = `SELECT count(*) FROM duckdb_schemas() WHERE upper(database_name) = ? AND upper(schema_name) = ?`
		args = []any{db, c.parts[len(c.parts)-1].text}
	default:
		k := qualifiedKey(c.parts, db, schema)
		q = `SELECT count(*) FROM (SELECT database_name, schema_name, table_name AS name FROM duckdb_tables() ` +
			`UNION ALL SELECT database_name, schema_name, view_name FROM duckdb_views() WHERE NOT internal) ` +
			`WHERE upper(database_name) = ? AND upper(schema_name) = ? AND upper(name) = ?`
		args = []any{k.db, k.schema, k.table}
	}
	for i, a := range args {
		args[i] = strings.ToUpper(a.(string))
	}
	var n int64
	if err := conn.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return false, err
	}
	return n > 0, nil
}
