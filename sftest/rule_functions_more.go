package sftest

import (
	"strings"
)

// moreFunctionRewrites are more Snowflake functions DuckDB lacks or spells
// differently, by argument count, as DuckDB expression templates over the
// arguments ($1, $2, ...). Like functionRewrites, a function whose
// look-alike answers differently is left out, so it fails instead.
var moreFunctionRewrites = map[string]map[int]string{
	"NULLIFZERO": {1: "nullif($1, 0)"},
	"EQUAL_NULL": {2: "(($1) IS NOT DISTINCT FROM ($2))"},
	"BOOLAND":    {2: "(($1) <> 0 AND ($2) <> 0)"},
	"BOOLOR":     {2: "(($1) <> 0 OR ($2) <> 0)"},
	"BOOLXOR":    {2: "((($1) <> 0) <> (($2) <> 0))"},
	"DIV0NULL":   {2: "CASE WHEN ($2) = 0 OR ($2) IS NULL THEN 0 ELSE ($1) / ($2) END"},
	"TRUNCATE":   {1: "trunc($1)", 2: "trunc($1, $2)"},
	"SQUARE":     {1: "(CAST($1 AS DOUBLE) * CAST($1 AS DOUBLE))"},
	"WIDTH_BUCKET": {4: "CASE WHEN ($1) < ($2) THEN 0 WHEN ($1) >= ($3) THEN ($4) + 1 " +
		"ELSE CAST(floor((($1) - ($2)) * ($4) / (($3) - ($2))) AS BIGINT) + 1 END"},
	"INITCAP":                {1: "array_to_string(list_transform(string_split(lower($1), ' '), lambda w: upper(w[1]) || w[2:]), ' ')"},
	"REPLACE":                {2: "replace($1, $2, '')"},
	"CHARINDEX":              {2: "instr($2, $1)", 3: "CASE WHEN instr(substr($2, $3), $1) = 0 THEN 0 ELSE instr(substr($2, $3), $1) + ($3) - 1 END"},
	"POSITION":               {2: "instr($2, $1)"},
	"REGEXP_REPLACE":         {2: "regexp_replace($1, $2, '', 'g')", 3: "regexp_replace($1, $2, $3, 'g')"},
	"REGEXP_SUBSTR":          {2: "nullif(regexp_extract($1, $2), '')"},
	"REGEXP_COUNT":           {2: "CAST(len(regexp_extract_all($1, $2)) AS BIGINT)"},
	"REGEXP_INSTR":           {2: "CASE WHEN regexp_matches($1, $2) THEN instr($1, regexp_extract($1, $2)) ELSE 0 END"},
	"STRTOK":                 {1: "list_filter(regexp_split_to_array($1, '[' || regexp_escape(' ') || ']'), lambda x: x <> '')[1]", 2: "list_filter(regexp_split_to_array($1, '[' || regexp_escape($2) || ']'), lambda x: x <> '')[1]", 3: "list_filter(regexp_split_to_array($1, '[' || regexp_escape($2) || ']'), lambda x: x <> '')[$3]"},
	"STRTOK_TO_ARRAY":        {1: "to_json(list_filter(regexp_split_to_array($1, '[' || regexp_escape(' ') || ']'), lambda x: x <> ''))", 2: "to_json(list_filter(regexp_split_to_array($1, '[' || regexp_escape($2) || ']'), lambda x: x <> ''))"},
	"EDITDISTANCE":           {2: "CAST(levenshtein($1, $2) AS BIGINT)"},
	"BASE64_ENCODE":          {1: "to_base64(encode($1))"},
	"BASE64_DECODE_STRING":   {1: "decode(from_base64($1))"},
	"HEX_ENCODE":             {1: "upper(hex($1))"},
	"HEX_DECODE_STRING":      {1: "decode(unhex($1))"},
	"SPACE":                  {1: "repeat(' ', CAST($1 AS BIGINT))"},
	"DAYOFWEEK":              {1: "CAST(dayofweek($1) AS BIGINT)"},
	"DAYOFWEEKISO":           {1: "CAST(isodow($1) AS BIGINT)"},
	"WEEKISO":                {1: "CAST(weekofyear($1) AS BIGINT)"},
	"DAYNAME":                {1: "strftime($1, '%a')"},
	"MONTHNAME":              {1: "strftime($1, '%b')"},
	"ADD_MONTHS":             {2: addMonthsTemplate},
	"DATE_FROM_PARTS":        {3: "CAST(make_date(CAST($1 AS BIGINT), 1, 1) + to_months(CAST($2 AS INTEGER) - 1) + to_days(CAST($3 AS INTEGER) - 1) AS DATE)"},
	"TIMESTAMP_FROM_PARTS":   {6: "make_timestamp(CAST($1 AS BIGINT), CAST($2 AS BIGINT), CAST($3 AS BIGINT), CAST($4 AS BIGINT), CAST($5 AS BIGINT), CAST($6 AS DOUBLE))"},
	"TIME_FROM_PARTS":        {3: "make_time(CAST($1 AS BIGINT), CAST($2 AS BIGINT), CAST($3 AS DOUBLE))"},
	"CONVERT_TIMEZONE":       {3: "timezone($2, timezone($1, $3))"},
	"GET_PATH":               {2: "json_extract($1, '$.' || ($2))"},
	"IS_NULL_VALUE":          {1: "(json_type($1) = 'NULL')"},
	"TRY_PARSE_JSON":         {1: "TRY_CAST($1 AS JSON)"},
	"CHECK_JSON":             {1: "CASE WHEN json_valid($1) THEN NULL ELSE 'invalid JSON' END"},
	"OBJECT_KEYS":            {1: "to_json(list_sort(json_keys($1)))"},
	"LAST_DAY":               {2: "CAST(date_trunc($2, $1) + CAST('1 ' || ($2) AS INTERVAL) - INTERVAL 1 DAY AS DATE)"},
	"NEXT_DAY":               {2: "CAST(($1) + to_days(CAST((((CASE lower(left($2, 2)) WHEN 'su' THEN 0 WHEN 'mo' THEN 1 WHEN 'tu' THEN 2 WHEN 'we' THEN 3 WHEN 'th' THEN 4 WHEN 'fr' THEN 5 WHEN 'sa' THEN 6 END) - dayofweek($1) + 6) % 7) + 1 AS INTEGER)) AS DATE)"},
	"PREVIOUS_DAY":           {2: "CAST(($1) - to_days(CAST(((dayofweek($1) - (CASE lower(left($2, 2)) WHEN 'su' THEN 0 WHEN 'mo' THEN 1 WHEN 'tu' THEN 2 WHEN 'we' THEN 3 WHEN 'th' THEN 4 WHEN 'fr' THEN 5 WHEN 'sa' THEN 6 END) + 6) % 7) + 1 AS INTEGER)) AS DATE)"},
	"TIME_SLICE":             {3: "time_bucket(CAST(($2) || ' ' || ($3) AS INTERVAL), $1, TIMESTAMP '1970-01-01')"},
	"CONDITIONAL_TRUE_EVENT": {1: "sum(CASE WHEN $1 THEN 1 ELSE 0 END)"},
	"TO_BINARY":              {1: "unhex($1)", 2: "CASE upper($2) WHEN 'HEX' THEN unhex($1) WHEN 'BASE64' THEN from_base64($1) ELSE encode($1) END"},
	"UUID_STRING":            {0: "CAST(uuid() AS VARCHAR)"},
}

// ruleMoreFunctions rewrites the functions in moreFunctionRewrites and
// CONCAT, which in Snowflake is NULL when an argument is (DuckDB's skips
// NULLs), and GET(v, key or index). A statement with SELECT * REPLACE (...)
// keeps its REPLACE.
func ruleMoreFunctions(s string, _ *rewriteEnv) (string, error) {
	table := moreFunctionRewrites
	if starReplace(s) {
		table = make(map[string]map[int]string, len(moreFunctionRewrites))
		for k, v := range moreFunctionRewrites {
			if k != "REPLACE" {
				table[k] = v
			}
		}
	}
	s, err := rewriteCalls(s, "GET", func(args []string, call string) (string, error) {
		if len(args) != 2 {
			return call, nil
		}
		if isNumberLiteral(args[1]) {
			return "json_extract(" + args[0] + ", '$[' || (" + args[1] + ") || ']')", nil // an ARRAY's element
		}
		return "json_extract(" + args[0] + ", '$.\"' || (" + args[1] + ") || '\"')", nil
	})
	if err != nil {
		return "", err
	}
	s, err = rewriteCalls(s, "CONCAT", func(args []string, call string) (string, error) {
		if len(args) < 2 {
			return call, nil
		}
		parts := make([]string, len(args))
		for i, a := range args {
			parts[i] = "(" + a + ")"
		}
		return "(" + strings.Join(parts, " || ") + ")", nil
	})
	if err != nil {
		return "", err
	}
	return rewriteTemplates(s, table)
}

// starReplace reports whether s has "* REPLACE (", the select-list form.
func starReplace(s string) bool {
	if !containsFold(s, "REPLACE") {
		return false
	}
	toks := tokenize(s)
	for i, t := range toks {
		if t.isWord("REPLACE") {
			if p := prevCode(toks, i); p >= 0 && toks[p].is("*") {
				return true
			}
		}
	}
	return false
}

// rewriteTemplates rewrites the calls of the functions in table by argument
// count; other counts are left unchanged.
func rewriteTemplates(s string, table map[string]map[int]string) (string, error) {
	for name, byArity := range table {
		byArity := byArity
		var err error
		s, err = rewriteCalls(s, name, func(args []string, call string) (string, error) {
			tmpl, ok := byArity[len(args)]
			if !ok {
				return call, nil
			}
			var b strings.Builder
			for i := 0; i < len(tmpl); i++ {
				if tmpl[i] == '$' && i+1 < len(tmpl) && tmpl[i+1] >= '1' && tmpl[i+1] <= '9' {
					b.WriteString(args[tmpl[i+1]-'1'])
					i++
					continue
				}
				b.WriteByte(tmpl[i])
			}
			return b.String(), nil
		})
		if err != nil {
			return "", err
		}
	}
	return s, nil
}

// ruleSetOperators turns Snowflake's MINUS into EXCEPT (an unquoted
// column named MINUS would need quotes) and X'hex' binary literals into
// DuckDB's unhex('hex').
func ruleSetOperators(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "MINUS") && !containsFold(s, "X'") {
		return s, nil
	}
	toks := tokenize(s)
	changed := false
	for i, t := range toks {
		switch {
		case t.isWord("MINUS"):
			toks[i].text = "EXCEPT"
			changed = true
		case t.isWord("X") && i+1 < len(toks) && toks[i+1].kind == tkString && strings.HasPrefix(toks[i+1].text, "'"):
			toks[i].text = "unhex("
			toks[i+1].text += ")"
			changed = true
		}
	}
	if !changed {
		return s, nil
	}
	return joinTokens(toks), nil
}
