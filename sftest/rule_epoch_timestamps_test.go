package sftest

import "testing"

func TestEpochTimestamps(t *testing.T) {
	checkTypedRows(t, []typedRows{
		{"select to_timestamp('1700000000000'), to_timestamp('1700000000'), to_timestamp_ntz('1700000000123456'), try_to_timestamp('1700000000123456789')",
			"TIMESTAMP_NTZ, TIMESTAMP_NTZ, TIMESTAMP_NTZ, TIMESTAMP_NTZ",
			"2023-11-14T22:13:20Z|2023-11-14T22:13:20Z|2023-11-14T22:13:20.123456Z|2023-11-14T22:13:20.123456Z"},
		{"select to_timestamp(1700000000123, 3), to_timestamp(1700000000, 0), to_timestamp_ntz(17000000001234567, 7), to_timestamp(column1, 3) from values (1000)",
			"TIMESTAMP_NTZ, TIMESTAMP_NTZ, TIMESTAMP_NTZ, TIMESTAMP_NTZ",
			"2023-11-14T22:13:20.123Z|2023-11-14T22:13:20Z|2023-11-14T22:13:20.123456Z|1970-01-01T00:00:01Z"},
	})
	newSQLCheck(t).fails("select to_timestamp(1, 10)", "001003", "Invalid scale 10")
}
