package sftest

import "regexp"

// insertCountText matches the engine's messages for an INSERT whose VALUES
// rows have more or fewer values than the table (or the column list) has
// columns: "table t has 1 columns but 2 values were supplied" and "Column
// name/value mismatch for insert on t: expected 2 columns but 1 values were
// supplied".
var insertCountText = regexp.MustCompile(`(?:has|expected) (\d+) columns? but (\d+) values? (?:were|was) supplied`)

// insertCountMismatch is Snowflake's 002020 for such an INSERT.
func insertCountMismatch(m []string, _ failedStmt) *sqlError {
	return compilation("002020", "21S01", "", "Insert value list does not match column list expecting "+m[1]+" but got "+m[2])
}
