package sftest

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// historyFunction is the DuckDB table function the QUERY_HISTORY rule reads
// (rule_query_history.go): the server's history with queryHistoryColumns
// and an ordinal, most recent first. Each call takes its own snapshot when
// DuckDB binds it, so rows reach DuckDB as values, never as SQL text to
// parse: a history of 10,000 statements costs a lookup milliseconds.
const historyFunction = "sftest_query_history"

// registerHistoryFunction registers historyFunction on db's database (a
// table function is visible to every connection of the database it was
// registered in); rows gives each call its history.
func registerHistoryFunction(ctx context.Context, db *sql.DB, rows func() []historyRow) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	cols := make([]duckdb.ColumnInfo, 0, len(historyFunctionColumns))
	for _, c := range historyFunctionColumns {
		t, err := duckdb.NewTypeInfo(c.duck)
		if err != nil {
			return fmt.Errorf("history column %s: %w", c.name, err)
		}
		cols = append(cols, duckdb.ColumnInfo{Name: c.name, T: t})
	}
	return duckdb.RegisterTableUDF(conn, historyFunction, duckdb.RowTableFunction{
		BindArguments: func(map[string]any, ...any) (duckdb.RowTableSource, error) {
			return newHistorySource(rows(), cols, time.Now()), nil
		},
	})
}

// historyOrdinal is the column after queryHistoryColumns that numbers the
// rows most recent first, for the rule's ORDER BY ... LIMIT.
var historyOrdinal = historyColumn{"__sftest_ord", "BIGINT", duckdb.TYPE_BIGINT}

// historyFunctionColumns are historyFunction's columns: queryHistoryColumns,
// then historyOrdinal.
var historyFunctionColumns = append(queryHistoryColumns[:len(queryHistoryColumns):len(queryHistoryColumns)], historyOrdinal)

// historySource is one call's rows, sorted most recent first (submission
// order breaks ties); now gives a live statement's elapsed time.
type historySource struct {
	rows []historyRow
	cols []duckdb.ColumnInfo
	now  time.Time
	next int
}

func newHistorySource(rows []historyRow, cols []duckdb.ColumnInfo, now time.Time) *historySource {
	// Reversed, a stable sort by start keeps later submissions first on ties.
	sorted := slices.Clone(rows)
	slices.Reverse(sorted)
	slices.SortStableFunc(sorted, func(a, b historyRow) int { return b.Start.Compare(a.Start) })
	return &historySource{rows: sorted, cols: cols, now: now}
}

func (h *historySource) ColumnInfos() []duckdb.ColumnInfo { return h.cols }

func (h *historySource) Cardinality() *duckdb.CardinalityInfo {
	return &duckdb.CardinalityInfo{Cardinality: uint(len(h.rows)), Exact: true}
}

// Init starts a scan from the first row: DuckDB may scan one bound call
// more than once (a recursive CTE's step, for one).
func (h *historySource) Init() { h.next = 0 }

// FillRow writes the next row's projected columns; QUERY_TYPE, which
// tokenizes the statement's text, is computed only when it is read.
func (h *historySource) FillRow(row duckdb.Row) (bool, error) {
	if h.next == len(h.rows) {
		return false, nil
	}
	r := h.rows[h.next]
	vals := historyValues(r, h.now, row.IsProjected(queryTypeColumn))
	vals = append(vals, int64(h.next))
	h.next++
	for i, v := range vals {
		if !row.IsProjected(i) {
			continue
		}
		if err := row.SetRowValue(i, v); err != nil {
			return false, fmt.Errorf("%s column %s: %w", historyFunction, h.cols[i].Name, err)
		}
	}
	return true, nil
}

// historyValues is r's row, one value (nil for NULL) per
// queryHistoryColumns entry; withType false leaves QUERY_TYPE NULL.
func historyValues(r historyRow, now time.Time, withType bool) []any {
	str := func(v string) any {
		if v == "" {
			return nil
		}
		return v
	}
	ms := func(d time.Duration) int64 { return max(d, 0).Milliseconds() }
	var end any
	last := now
	if !r.End.IsZero() {
		end, last = r.End, r.End
	}
	var start any
	elapsed := time.Duration(0)
	if !r.Start.IsZero() {
		start, elapsed = r.Start, last.Sub(r.Start)
	}
	exec := time.Duration(0)
	if !r.Running.IsZero() {
		exec = last.Sub(r.Running)
	}
	var rowsProduced any
	if !r.End.IsZero() {
		rowsProduced = r.RowsProduced
	}
	var qtype any
	if withType {
		qtype = queryType(r.QueryText, r.ErrorCode)
	}
	return []any{
		str(r.QueryID), str(r.QueryText), str(r.Database), str(r.Schema), qtype,
		r.SessionID, str(r.User), str(r.Role), str(r.Warehouse), r.QueryTag,
		str(historyStatus(r.Status)), str(r.ErrorCode), str(r.ErrorMessage), start, end,
		ms(elapsed), rowsProduced, ms(exec), ms(r.Queued), ms(r.Blocked),
	}
}
