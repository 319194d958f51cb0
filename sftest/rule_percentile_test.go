package sftest

import (
	"testing"
)

// TestPercentile: PERCENTILE_CONT (and MEDIAN) interpolates with three more digits of
// scale (also over a NUMBER(38,0)), PERCENTILE_DISC picks a value, both
// ascending or descending, grouped or as window functions.
func TestPercentile(t *testing.T) {
	requireAnswers(t,
		corpusCase{sql: "create table q (g number, x number, d number(10,2), f float)", types: "TEXT", rows: "Table Q successfully created."},
		corpusCase{sql: "insert into q values (1, 1, 1.5, 1e0), (1, 2, 2.5, 2e0), (1, 3, 3.5, 3e0), (1, 4, 4.5, 4e0), (2, 9, null, null)", types: "FIXED", rows: "5"},
		corpusCase{sql: "select percentile_cont(0.5) within group (order by x), percentile_cont(0.25) within group (order by x desc), " +
			"percentile_disc(0.25) within group (order by x), percentile_disc(0.25) within group (order by x desc) from q where g = 1",
			types: "FIXED, FIXED, FIXED, FIXED", rows: "2.5 | 3.25 | 1 | 4"},
		corpusCase{sql: "select percentile_cont(0.75) within group (order by d), percentile_cont(0.5) within group (order by f) from q",
			types: "FIXED, REAL", rows: "3.75 | 2.5"},
		corpusCase{sql: "select g, percentile_cont(0.5) within group (order by d) from q group by g order by g", types: "FIXED, FIXED", rows: "1 | 3\n2 | NULL"},
		// MEDIAN of a NUMBER(38,0) interpolates too; of a FLOAT it stays one.
		corpusCase{sql: "select median(x), median(f), median(d) from q where g = 1", types: "FIXED, REAL, FIXED", rows: "2.5 | 2.5 | 3"},
		corpusCase{sql: "select x, median(x) over (partition by g) from q order by x", types: "FIXED, FIXED", rows: "1 | 2.5\n2 | 2.5\n3 | 2.5\n4 | 2.5\n9 | 9"},
		corpusCase{sql: "select x, percentile_disc(0.5) within group (order by x) over (partition by g) from q order by x",
			types: "FIXED, FIXED", rows: "1 | 2\n2 | 2\n3 | 2\n4 | 2\n9 | 9"},
	)
}
