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
// BITSHIFTRIGHT (bitFunctionRewrites); a call with another argument count
// is Snowflake's compilation error for it.
func ruleBitFunctions(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "BIT") {
		return s, nil
	}
	for name, byArity := range bitFunctionRewrites {
		var err error
		s, err = rewriteCalls(s, name, func(args []string, call string) (string, error) {
			for n := range byArity {
				if err := wantArgs(name, args, n); err != nil {
					return "", err
				}
			}
			return call, nil // rewriteTemplates rewrites it
		})
		if err != nil {
			return "", err
		}
	}
	return rewriteTemplates(s, bitFunctionRewrites)
}
