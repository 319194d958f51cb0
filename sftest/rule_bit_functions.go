package sftest

// bitFunctionRewrites are Snowflake's bitwise functions, which DuckDB
// spells as operators, as DuckDB expression templates by argument count.
// The operands are taken as 128-bit integers (Snowflake's NUMBER(38,0)
// range); a NULL operand gives NULL, as in Snowflake.
var bitFunctionRewrites = map[string]map[int]string{
	"BITAND":        {2: "(CAST($1 AS HUGEINT) & CAST($2 AS HUGEINT))"},
	"BITOR":         {2: "(CAST($1 AS HUGEINT) | CAST($2 AS HUGEINT))"},
	"BITXOR":        {2: "xor(CAST($1 AS HUGEINT), CAST($2 AS HUGEINT))"},
	"BITNOT":        {1: "(~CAST($1 AS HUGEINT))"},
	"BITSHIFTLEFT":  {2: "(CAST($1 AS HUGEINT) << CAST($2 AS INTEGER))"},
	"BITSHIFTRIGHT": {2: "(CAST($1 AS HUGEINT) >> CAST($2 AS INTEGER))"},
}

// ruleBitFunctions rewrites BITAND, BITOR, BITXOR, BITNOT, BITSHIFTLEFT and
// BITSHIFTRIGHT (bitFunctionRewrites). A call with another argument count
// is left for DuckDB, which has no function of that name, to reject.
func ruleBitFunctions(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "BIT") {
		return s, nil
	}
	return rewriteTemplates(s, bitFunctionRewrites)
}
