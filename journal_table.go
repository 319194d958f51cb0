package sfasync

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"sync"
)

// TableJournal is a [Journal] kept in a database table, so that any worker
// on any machine can resume a run: on Snowflake, give it the *sql.DB the
// client uses. The table has the columns RUN_ID, NAME, QUERY_ID and
// RECORDED_AT, and is created on first use if it does not exist.
type TableJournal struct {
	db    *sql.DB
	table string

	mu      sync.Mutex
	created bool
}

// tableName is what NewTableJournal accepts as a table name: an
// identifier, optionally qualified by schema and database, unquoted. The
// name is spliced into SQL text, so nothing else is.
var tableName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*){0,2}$`)

// NewTableJournal returns a journal in table (such as "ETL.PUBLIC.SFASYNC_JOURNAL")
// of db. It fails if table is not a plain, optionally qualified, identifier.
func NewTableJournal(db *sql.DB, table string) (*TableJournal, error) {
	if !tableName.MatchString(table) {
		return nil, fmt.Errorf("sfasync: journal table %q: want an unquoted identifier such as DB.SCHEMA.TABLE", table)
	}
	return &TableJournal{db: db, table: table}, nil
}

// create makes the table once.
func (j *TableJournal) create(ctx context.Context) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.created {
		return nil
	}
	_, err := j.db.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS "+j.table+
		" (RUN_ID VARCHAR NOT NULL, NAME VARCHAR NOT NULL, QUERY_ID VARCHAR NOT NULL, RECORDED_AT TIMESTAMP_LTZ DEFAULT CURRENT_TIMESTAMP())")
	if err != nil {
		return fmt.Errorf("sfasync: journal table %s: %w", j.table, err)
	}
	j.created = true
	return nil
}

// Load implements [Journal].
func (j *TableJournal) Load(ctx context.Context, run string) (map[string]string, error) {
	if err := j.create(ctx); err != nil {
		return nil, err
	}
	rows, err := j.db.QueryContext(ctx, "SELECT NAME, QUERY_ID FROM "+j.table+" WHERE RUN_ID = ? ORDER BY RECORDED_AT", run)
	if err != nil {
		return nil, fmt.Errorf("sfasync: journal table %s: %w", j.table, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, id string
		if err := rows.Scan(&name, &id); err != nil {
			return nil, fmt.Errorf("sfasync: journal table %s: %w", j.table, err)
		}
		if _, ok := out[name]; !ok {
			out[name] = id
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sfasync: journal table %s: %w", j.table, err)
	}
	return out, nil
}

// Record implements [Journal]: one INSERT, committed when it returns.
func (j *TableJournal) Record(ctx context.Context, run, name, queryID string) error {
	if err := j.create(ctx); err != nil {
		return err
	}
	if _, err := j.db.ExecContext(ctx, "INSERT INTO "+j.table+" (RUN_ID, NAME, QUERY_ID) VALUES (?, ?, ?)", run, name, queryID); err != nil {
		return fmt.Errorf("sfasync: journal table %s: %w", j.table, err)
	}
	return nil
}
