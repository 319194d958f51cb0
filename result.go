package sfasync

// Result is the outcome of a finished statement.
//
// For a query, Columns and Rows hold what it returned; for DML (INSERT,
// UPDATE, DELETE, MERGE) RowsAffected is the number of rows it changed and
// Rows holds Snowflake's per-verb counts. For a multi-statement job, Columns
// and Rows are those of its last statement and RowsAffected is the sum over
// its DML statements. Values are as the driver returns them, except that
// Snowflake NUMBER columns with scale 0 become int64 (a NUMBER with a scale
// stays a decimal string, so no precision is lost). A Result is shared by
// every caller of Result on the same job: treat it as read-only.
type Result struct {
	QueryID      string
	Columns      []string
	Rows         [][]any
	RowsAffected int64
}
