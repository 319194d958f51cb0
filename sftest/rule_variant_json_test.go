package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRuleVariantCasts(t *testing.T) {
	same := func(name, s string) ruleCase { return ruleCase{name: name, in: s, want: s} }
	checkRule(t, ruleVariantCasts, nil, []ruleCase{
		same("no cast to variant", "select a::varchar, cast(b as object) from t"),
		{name: "string literal", in: "select 'b'::variant", want: "select to_json('b')"},
		{name: "signed number", in: "select -1::VARIANT, 2 - 3::variant", want: "select to_json(-1), 2 - to_json(3)"},
		{name: "qualified name", in: "select t.v::variant from t", want: "select to_json(t.v) from t"},
		{name: "call and chained casts", in: "select json_extract(v, '$.a')::variant, s::varchar(3)::variant from t", want: "select to_json(json_extract(v, '$.a')), to_json(s::varchar(3)) from t"},
		{name: "parenthesised", in: "select (a || b)::variant from t", want: "select to_json((a || b)) from t"},
		{name: "CAST", in: "select cast('{}' as variant), cast(cast(x as variant) as varchar) from t", want: "select to_json('{}'), CAST(to_json(x) as varchar) from t"},
		same("CASE ... END left to the types rule", "select case when a then b end::variant from t"),
	})
}

// TYPEOF, TO_JSON and casts to VARIANT answer as Snowflake's do, through
// the driver.
func TestVariantJSONFunctions(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()

	// Snowflake's TYPEOF documentation example: one row per kind of VARIANT.
	_, err = conn.ExecContext(ctx, `create table vartab (n number(2), v variant)`)
	require.NoError(t, err)
	_, err = conn.ExecContext(ctx, `insert into vartab select column1, parse_json(column2) from values (1, 'null'), (2, null),
		(3, 'true'), (4, '-17'), (5, '123.12'), (6, '1.912e2'), (7, '"Om ara pa ca na dhih"  '),
		(8, '[-1, 12, 289, 2188, false]'), (9, '{ "x" : "abc", "y" : false, "z": 10} ')`)
	require.NoError(t, err)
	types, rows := semiRows(t, ctx, conn, `select n, typeof(v), to_json(v) from vartab order by n`)
	require.Equal(t, []string{"FIXED", "TEXT", "TEXT"}, types)
	require.Equal(t, []string{
		"1 | NULL_VALUE | null", "2 | NULL | NULL", "3 | BOOLEAN | true", "4 | INTEGER | -17", "5 | DECIMAL | 123.12",
		"6 | DOUBLE | 1.912e2", `7 | VARCHAR | "Om ara pa ca na dhih"`, "8 | ARRAY | [-1,12,289,2188,false]",
		`9 | OBJECT | {"x":"abc","y":false,"z":10}`,
	}, rows)

	// A value that is not a VARIANT is typed as the VARIANT it makes; TO_JSON
	// sorts keys at every level and escapes nothing HTML would.
	types, rows = semiRows(t, ctx, conn, `select typeof(1.5), typeof(1.5::float), typeof(7), typeof('x'), typeof(current_date),
		typeof('2024-01-01 10:00'::timestamp_ntz), typeof(null), to_json('a<b'), to_json(null),
		to_json(parse_json('{"b": {"d": 1, "c": [{"z": 0, "y": null}]}, "a": "&"}'))`)
	require.Equal(t, "TEXT", types[9])
	require.Equal(t, []string{`DECIMAL | DOUBLE | INTEGER | VARCHAR | DATE | TIMESTAMP_NTZ | NULL | "a<b" | NULL | {"a":"&","b":{"c":[{"y":null,"z":0}],"d":1}}`}, rows)

	// A string cast to VARIANT is a string, even one that looks like JSON.
	types, rows = semiRows(t, ctx, conn, `select typeof('{"a": 1}'::variant), to_json('{"a": 1}'::variant), cast(12 as variant), typeof(cast(12 as variant)), parse_json('[1]')::variant`)
	require.Equal(t, []string{"TEXT", "TEXT", "VARIANT", "TEXT", "VARIANT"}, types)
	require.Equal(t, []string{`VARCHAR | "{\"a\": 1}" | 12 | INTEGER | [1]`}, rows)

	var typ, text string
	require.NoError(t, conn.QueryRowContext(ctx, "select typeof(?), to_json(?)", 1.5, "x").Scan(&typ, &text))
	require.Equal(t, []string{"DOUBLE", `"x"`}, []string{typ, text})

	for _, q := range []string{"select typeof()", "select typeof(1, 2)", "select to_json()", "select to_json(1, 2)"} {
		_, err := conn.QueryContext(ctx, q)
		require.Contains(t, requireSFError(t, err, "001003").Message, "arguments for function")
	}
}
