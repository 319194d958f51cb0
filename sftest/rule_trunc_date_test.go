package sftest

import (
	"testing"
)

// TestTruncDate: TRUNC with a date part truncates a date or timestamp as
// DATE_TRUNC does; with a scale it stays numeric. TIMEDIFF is DATEDIFF.
func TestTruncDate(t *testing.T) {
	requireAnswers(t,
		corpusCase{sql: "select trunc(12.789, 2), trunc(-12.7), trunc('2024-03-15'::date, 'MONTH'), trunc('2024-03-15 10:11:12'::timestamp, hour)",
			types: "FIXED, FIXED, DATE, TIMESTAMP_NTZ", rows: "12.78 | -12 | 2024-03-01 | 2024-03-15 10:00:00"},
		corpusCase{sql: "select trunc(d, 'year'), trunc(n, -3) from (select '2020-07-15'::date as d, 95123.45::number(10,2) as n)",
			types: "DATE, FIXED", rows: "2020-01-01 | 95000"},
		corpusCase{sql: "select timediff(minute, '10:00'::time, '11:30'::time), timediff(day, '2024-01-01', '2024-01-03'), timediff(week, '2024-01-06', '2024-01-08')",
			types: "FIXED, FIXED, FIXED", rows: "90 | 2 | 1"},
	)
}
