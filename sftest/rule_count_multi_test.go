package sftest

import (
	"testing"
)

// TestCountMulti: COUNT([DISTINCT] a, b) counts the rows (combinations)
// where neither is NULL, grouped or as a window function.
func TestCountMulti(t *testing.T) {
	requireAnswers(t,
		corpusCase{sql: "select count(distinct column1, column2), count(column1, column2), count(column1) " +
			"from values (1, 'a'), (1, 'a'), (2, null), (null, 'b'), (3, 'c')", types: "FIXED, FIXED, FIXED", rows: "2 | 3 | 4"},
		corpusCase{sql: "select column1, count(column2, column3) over (partition by column1) from values (1, 'a', 1), (1, null, 2), (2, 'b', 3) order by 1, 2",
			types: "FIXED, FIXED", rows: "1 | 1\n1 | 1\n2 | 1"},
		corpusCase{sql: "select count(*), count(distinct column1) from values (1), (1), (null)", types: "FIXED, FIXED", rows: "3 | 1"},
	)
}
