package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// typedRows is a query with its expected types and rows, as sqlCheck
// prints them; types "" are not compared.
type typedRows struct{ q, types, rows string }

// checkTypedRows runs each query through one server and compares.
func checkTypedRows(t *testing.T, cases []typedRows) {
	t.Helper()
	c := newSQLCheck(t)
	for _, tc := range cases {
		require.Equal(t, tc.rows, c.rows(tc.q), tc.q)
		if tc.types != "" {
			require.Equal(t, tc.types, c.types(tc.q), tc.q)
		}
	}
}

func TestExtraFunctions(t *testing.T) {
	checkTypedRows(t, []typedRows{
		{"select position('an', 'banana', 3), position('x', 'banana', 2), lpad('abcdef', 3, '*'), rpad('abc', 2), rpad('ab', 4) || '|', rtrimmed_length(' ABCD ')",
			"FIXED(38,0), FIXED(38,0), TEXT, TEXT, TEXT, FIXED(38,0)", "4|0|abc|ab|ab  ||5"},
		{"select jarowinkler_similarity('Snowflake', 'snowflake'), jarowinkler_similarity('Dwayne', 'Duane'), md5_number_lower64('Snowflake'), md5_number_upper64('Snowflake')",
			"", "100|84|9203306159527282910|17145559544104499780"},
		{"select hex_decode_binary('536E6F77'), base64_decode_binary('U25vdw=='), try_to_binary('zz', 'HEX'), try_to_binary('4142', 'HEX'), try_to_binary('QUI=', 'BASE64')",
			"BINARY, BINARY, BINARY, BINARY, BINARY", "Snow|Snow|NULL|AB|AB"},
		{"select try_hex_decode_string('ZZ'), try_base64_decode_string('!!'), try_hex_decode_string('536E6F77'), try_base64_decode_string('U25vdw==')",
			"TEXT, TEXT, TEXT, TEXT", "NULL|NULL|Snow|Snow"},
		{"select time_from_parts(0, 100, 0), time_from_parts(12, 0, 12345), time_from_parts(25, 0, 0, 5000)",
			"TIME, TIME, TIME", "0001-01-01T01:40:00Z|0001-01-01T15:25:45Z|0001-01-01T01:00:00.000005Z"},
		{"select timestamp_ntz_from_parts(2024, 1, 2, 3, 4, 5, 123000000), timestamp_from_parts(2024, 13, 2, 3, 4, 5), timestamp_ntz_from_parts('2024-01-02'::date, '10:00:00'::time)",
			"TIMESTAMP_NTZ, TIMESTAMP_NTZ, TIMESTAMP_NTZ", "2024-01-02T03:04:05.123Z|2025-01-02T03:04:05Z|2024-01-02T10:00:00Z"},
		{"select week('2024-12-30'::date), yearofweek('2024-12-30'::date), weekofyear('2024-12-29'::date), yearofweekiso('2024-12-29'::date)",
			"", "1|2025|52|2024"},
	})
}

func TestNullStrictFunctions(t *testing.T) {
	checkTypedRows(t, []typedRows{
		{"select concat_ws(',', 'a', null), concat_ws(',', 'a', 'b'), greatest(1, null, 3), least(1, null), greatest(1, 3), least_ignore_nulls(4, null, 2)",
			"TEXT, TEXT, FIXED(38,0), FIXED(38,0), FIXED(38,0), FIXED(38,0)", "NULL|a,b|NULL|NULL|3|2"},
	})
}
