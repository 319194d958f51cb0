package sftest

import (
	"testing"
)

// TestToVariant: TO_VARIANT is x::VARIANT, TO_ARRAY wraps what is no ARRAY,
// TO_OBJECT keeps an OBJECT and refuses anything else with 100071.
func TestToVariant(t *testing.T) {
	requireAnswers(t,
		corpusCase{sql: "select to_variant(7), to_variant('a'), to_variant(null), typeof(to_variant('x')), to_variant(parse_json('{\"a\":1}'))",
			types: "VARIANT, VARIANT, VARIANT, TEXT, VARIANT", rows: `7 | "a" | NULL | VARCHAR | {"a":1}`},
		corpusCase{sql: "select to_array(1), to_array(parse_json('[1,2]')), to_array(null), to_array('a'), array_size(to_array(parse_json('{\"a\":1}')))",
			types: "ARRAY, ARRAY, ARRAY, ARRAY, FIXED", rows: `[1] | [1,2] | NULL | ["a"] | 1`},
		corpusCase{sql: "select to_object(parse_json('{\"a\":1}')), to_object(null)", types: "OBJECT, OBJECT", rows: `{"a":1} | NULL`},
		corpusCase{sql: "select to_object(parse_json('[1]'))", code: "100071"},
		corpusCase{sql: "select to_variant(1, 2)", code: "001003"},
	)
}
