package sftest

// extraFunctionRewrites are Snowflake functions, or argument counts of them,
// that moreFunctionRewrites lacks, as DuckDB expression templates over the
// arguments ($1, $2, ...). ruleExtraFunctions runs before ruleMoreFunctions,
// so a count listed here (TIME_FROM_PARTS of 3) takes precedence; the
// templates name no function that later rules rewrite.
//
//   - POSITION(sub, s, start) and CHARINDEX count from start, 0 when absent.
//   - LPAD/RPAD without a pad pad with spaces (and truncate, as DuckDB's do).
//   - RTRIMMED_LENGTH is the length without trailing blanks.
//   - TIME_FROM_PARTS and TIMESTAMP[_NTZ]_FROM_PARTS take parts beyond
//     their range (minute 100 is 01:40; a TIME wraps at 24 hours) and
//     nanoseconds.
//   - WEEK and YEAROFWEEK follow WEEK_OF_YEAR_POLICY 0 (ISO weeks: the
//     30th of December 2024 is week 1 of 2025).
//   - HEX_DECODE_BINARY and BASE64_DECODE_BINARY give BINARY; the TRY_
//     forms of the decoders and TRY_TO_BINARY give NULL for what does not
//     decode.
//   - JAROWINKLER_SIMILARITY is the Jaro-Winkler similarity as an integer
//     percentage, case-insensitive.
//   - MD5_NUMBER_LOWER64 and MD5_NUMBER_UPPER64 are the MD5's halves, each
//     read big-endian, as unsigned 64-bit numbers.
var extraFunctionRewrites = map[string]map[int]string{
	"POSITION":                 {3: positionFrom},
	"RPAD":                     {2: "rpad(CAST($1 AS VARCHAR), CAST($2 AS INTEGER), ' ')"},
	"LPAD":                     {2: "lpad(CAST($1 AS VARCHAR), CAST($2 AS INTEGER), ' ')"},
	"RTRIMMED_LENGTH":          {1: "CAST(length(rtrim(CAST($1 AS VARCHAR), ' ')) AS BIGINT)"},
	"TIME_FROM_PARTS":          {3: timeFromParts + " AS BIGINT)) AS TIME)", 4: timeFromParts + " + floor(($4) / 1000) AS BIGINT)) AS TIME)"},
	"TIMESTAMP_NTZ_FROM_PARTS": {2: dateTimeParts, 6: timestampParts + " AS BIGINT)))", 7: timestampParts + " + floor(($7) / 1000) AS BIGINT)))"},
	"TIMESTAMP_FROM_PARTS":     {2: dateTimeParts, 6: timestampParts + " AS BIGINT)))", 7: timestampParts + " + floor(($7) / 1000) AS BIGINT)))"},
	"WEEK":                     {1: "CAST(weekofyear($1) AS BIGINT)"},
	"WEEKOFYEAR":               {1: "CAST(weekofyear($1) AS BIGINT)"},
	"YEAROFWEEK":               {1: "CAST(isoyear($1) AS BIGINT)"},
	"YEAROFWEEKISO":            {1: "CAST(isoyear($1) AS BIGINT)"},
	"HEX_DECODE_BINARY":        {1: "unhex($1)"},
	"BASE64_DECODE_BINARY":     {1: "from_base64($1)"},
	"TRY_HEX_DECODE_STRING":    {1: "try(decode(" + tryUnhex + "))"},
	"TRY_HEX_DECODE_BINARY":    {1: tryUnhex},
	"TRY_BASE64_DECODE_STRING": {1: "try(decode(from_base64($1)))"},
	"TRY_BASE64_DECODE_BINARY": {1: "try(from_base64($1))"},
	"TRY_TO_BINARY":            {1: tryUnhex, 2: "CASE upper($2) WHEN 'HEX' THEN " + tryUnhex + " WHEN 'BASE64' THEN try(from_base64($1)) WHEN 'UTF-8' THEN encode($1) WHEN 'UTF8' THEN encode($1) END"},
	"JAROWINKLER_SIMILARITY":   {2: "CAST(round(jaro_winkler_similarity(lower($1), lower($2)) * 100) AS BIGINT)"},
	"MD5_NUMBER_LOWER64":       {1: "CAST(CAST('0x' || right(md5(CAST($1 AS VARCHAR)), 16) AS UBIGINT) AS DECIMAL(20,0))"},
	"MD5_NUMBER_UPPER64":       {1: "CAST(CAST('0x' || left(md5(CAST($1 AS VARCHAR)), 16) AS UBIGINT) AS DECIMAL(20,0))"},
}

const (
	// positionFrom is POSITION(sub, s, start): the first position of sub at
	// or after start, 0 when there is none.
	positionFrom = "CASE WHEN instr(substr($2, CAST($3 AS BIGINT)), $1) = 0 THEN 0 " +
		"ELSE instr(substr($2, CAST($3 AS BIGINT)), $1) + CAST($3 AS BIGINT) - 1 END"
	// timeFromParts is midnight plus the parts as microseconds, open at the
	// end for the nanoseconds and the casts.
	timeFromParts = "CAST(TIME '00:00:00' + to_microseconds(CAST((CAST($1 AS HUGEINT) * 3600 + CAST($2 AS HUGEINT) * 60) * 1000000 + " +
		"round(CAST($3 AS DOUBLE) * 1000000)"
	// timestampParts is the date from year, month, day plus the time parts
	// as microseconds, open at the end for the nanoseconds and the casts.
	timestampParts = "(CAST(make_date(CAST($1 AS BIGINT), 1, 1) + to_months(CAST($2 AS INTEGER) - 1) + to_days(CAST($3 AS INTEGER) - 1) AS TIMESTAMP) + " +
		"to_microseconds(CAST((CAST($4 AS HUGEINT) * 3600 + CAST($5 AS HUGEINT) * 60) * 1000000 + round(CAST($6 AS DOUBLE) * 1000000)"
	// dateTimeParts is TIMESTAMP_FROM_PARTS(date, time).
	dateTimeParts = "(CAST($1 AS DATE) + CAST($2 AS TIME))"
	// tryUnhex is the bytes of the hex string $1, NULL when it is not hex.
	tryUnhex = "CASE WHEN regexp_full_match($1, '([0-9A-Fa-f]{2})*') THEN unhex($1) END"
)

// ruleExtraFunctions rewrites the calls of extraFunctionRewrites.
func ruleExtraFunctions(s string, _ *rewriteEnv) (string, error) {
	return rewriteTemplates(s, extraFunctionRewrites)
}
