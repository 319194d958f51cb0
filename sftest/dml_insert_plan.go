package sftest

import (
	"context"
	"database/sql"
)

// INSERT OVERWRITE and multi-table inserts (INSERT [OVERWRITE] ALL|FIRST),
// which DuckDB lacks, run as a plan of DuckDB statements in one
// transaction: the source rows are materialised first (so a source that
// reads a target sees it as it was before the statement), OVERWRITE empties
// the targets, then one INSERT ... SELECT per INTO clause reads the
// materialised rows. dml_insert_multi.go builds the plan.

// stmtTypeMultiInsert is Snowflake's statement type of a multi-table insert
// (the top of the driver's DML range).
const stmtTypeMultiInsert int64 = 0x3500

// insertSource is the temporary table that holds a plan's source rows.
const insertSource = "__sftest_insert_src"

// insertStep is one DuckDB statement of an insert plan; count, when >= 0,
// is the count column its inserted rows add to.
type insertStep struct {
	sql   string
	count int
}

// insertPlan is an INSERT OVERWRITE or multi-table insert ready to run: its
// steps in order, its count columns (Snowflake's names) and statement type.
type insertPlan struct {
	steps    []insertStep
	columns  []string
	stmtType int64
	temp     bool // the steps create insertSource; it is dropped afterwards
}

// execInsertPlan runs an insert plan on conn, inside one transaction (the
// session's when inTxn, else its own), and answers its count columns. args
// go to the one step that has placeholders.
func execInsertPlan(ctx context.Context, conn *sql.Conn, plan *insertPlan, args []any, inTxn bool) (*result, error) {
	if _, isArray, _ := arrayBindsOf(args); isArray {
		return nil, unsupported("array binds in INSERT OVERWRITE or a multi-table insert")
	}
	bindAt := -1
	if len(args) > 0 {
		for i, s := range plan.steps {
			if hasPlaceholders(s.sql) {
				if bindAt >= 0 {
					return nil, unsupported("bind variables in more than one part of a multi-table insert")
				}
				bindAt = i
			}
		}
	}
	if !inTxn {
		if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
			return nil, err
		}
	}
	counts := make([]int64, len(plan.columns))
	err := func() error {
		for i, s := range plan.steps {
			var a []any
			if i == bindAt {
				a = args
			}
			r, err := conn.ExecContext(ctx, s.sql, a...)
			if err != nil {
				return err
			}
			if s.count >= 0 {
				n, _ := r.RowsAffected()
				counts[s.count] += n
			}
		}
		if plan.temp {
			_, err := conn.ExecContext(ctx, "DROP TABLE IF EXISTS temp.main."+insertSource)
			return err
		}
		return nil
	}()
	if inTxn {
		if err != nil {
			return nil, err
		}
	} else {
		if err != nil {
			_, _ = conn.ExecContext(context.Background(), "ROLLBACK")
			return nil, err
		}
		if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
			return nil, err
		}
	}
	return countsResult(plan.columns, plan.stmtType, counts), nil
}

// hasPlaceholders reports whether DuckDB text has a ? or $n placeholder.
func hasPlaceholders(s string) bool {
	for _, t := range tokenize(s) {
		if t.is("?") || t.kind == tkParam {
			return true
		}
	}
	return false
}
