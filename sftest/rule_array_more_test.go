package sftest

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// More ARRAY functions answer Snowflake's values, NULL rules and result
// types through the driver.
func TestArrayMoreFunctions(t *testing.T) {
	ctx, conn := driverConn(t)
	requireSemiCases(t, ctx, conn, []semiCase{
		{"ARRAY_INSERT", `select array_insert(array_construct(0, 1, 2), 1, 'x'), array_insert(array_construct(1, 2), -1, 9),
			array_insert(array_construct(1), 3, 2), array_insert(array_construct(1), 0, null), array_insert(null, 0, 1), array_insert(array_construct(1), null, 1)`,
			"ARRAY, ARRAY, ARRAY, ARRAY, ARRAY, ARRAY", `[0,"x",1,2] | [1,9,2] | [1,null,null,2] | [null,1] | NULL | NULL`},
		{"ARRAY_COMPACT", `select array_compact(array_construct(null, 'a', parse_json('null'), 2)), array_compact(array_construct()), array_compact(null)`,
			"ARRAY, ARRAY, ARRAY", `["a",2] | [] | NULL`},
		{"ARRAY_GENERATE_RANGE", `select array_generate_range(0, 16, 5), array_generate_range(0, -16, -5), array_generate_range(2, 2),
			array_generate_range(8, 2, 2), array_generate_range(1, null)`,
			"ARRAY, ARRAY, ARRAY, ARRAY, ARRAY", `[0,5,10,15] | [0,-5,-10,-15] | [] | [] | NULL`},
		{"ARRAYS_OVERLAP", `select arrays_overlap(array_construct(1, 'a'), array_construct(1.0)), arrays_overlap(array_construct(null), array_construct(null, 2)),
			arrays_overlap(array_construct(1), array_construct(2)), arrays_overlap(null, array_construct(1))`,
			"BOOLEAN, BOOLEAN, BOOLEAN, BOOLEAN", "true | true | false | NULL"},
		{"ARRAY_INTERSECTION", `select array_intersection(array_construct(1, 1, 2, 3), array_construct(3, 1, 1, 1)),
			array_intersection(array_construct(object_construct('a', 1)), array_construct(parse_json('{"a": 1}'))), array_intersection(array_construct(1), null)`,
			"ARRAY, ARRAY, ARRAY", `[1,1,3] | [{"a":1}] | NULL`},
		{"ARRAY_SLICE", `select array_slice(array_construct(0, 1, 2, 3, 4, 5, 6), -5, -3), array_slice(array_construct(0, 1, 2), 10, 12),
			array_slice(array_construct('a', 'b', 'c'), 1, 10), array_slice(array_construct(0, 1), null, 1), array_slice(null, 0, 1)`,
			"ARRAY, ARRAY, ARRAY, ARRAY, ARRAY", `[2,3] | [] | ["b","c"] | NULL | NULL`},
		{"ARRAY_CAT", `select array_cat(array_construct('a'), array_construct(1, null)), array_cat(array_construct(), array_construct()), array_cat(null, array_construct(1))`,
			"ARRAY, ARRAY, ARRAY", `["a",1,null] | [] | NULL`},
		{"ARRAY_POSITION", `select array_position('b'::variant, array_construct('a', 'b', 'b')), array_position(2, array_construct(1.0, 2.00)),
			array_position(3, array_construct(1)), array_position(null, array_construct(1, null)), array_position(1, null)`,
			"FIXED, FIXED, FIXED, FIXED, FIXED", "1 | 1 | NULL | 1 | NULL"},
	})
	t.Run("columns and binds", func(t *testing.T) {
		driverExec(t, ctx, conn, "create table arr (id int, v variant)",
			`insert into arr select 1, parse_json('[3, 1, 2]')`, `insert into arr select 2, parse_json('[]')`)
		types, rows := semiRows(t, ctx, conn, "select id, array_slice(v, 0, 2), array_cat(v, v), array_position(1, v) from arr order by id")
		require.Equal(t, []string{"FIXED", "ARRAY", "ARRAY", "FIXED"}, types)
		require.Equal(t, []string{"1 | [3,1] | [3,1,2,3,1,2] | 1", "2 | [] | [] | NULL"}, rows)
		var got string
		require.NoError(t, conn.QueryRowContext(ctx, "select array_insert(array_construct(?), ?, ?)", "a", 0, "b").Scan(&got))
		require.JSONEq(t, `["b", "a"]`, got)
		_, rows = semiRows(t, ctx, conn, "select array_slice(array_construct(1), 0, 1e300), array_insert(array_construct(1), -1e300, 2)")
		require.Equal(t, []string{"[1] | [2,1]"}, rows, "positions far past the end")
	})
	t.Run("errors", func(t *testing.T) {
		driverExec(t, ctx, conn, "create table notarr (v variant)", `insert into notarr select parse_json('{"a": 1}')`)
		for _, c := range []struct{ sql, msg string }{
			{"select array_position('b', array_construct('b'))", "Invalid argument types for function 'ARRAY_POSITION': (VARCHAR(1), ARRAY)"},
			{"select array_slice(v, 0, 1) from notarr", `Failed to cast variant value {"a":1} to ARRAY`},
			{"select array_cat(array_construct(1))", "not enough arguments for function [ARRAY_CAT(array_construct(1))], expected 2, got 1"},
			{"select array_generate_range(1, 5, 0)", "step must not be 0"},
			{"select array_slice(array_construct(1), 'x', 1)", "Numeric value 'x' is not recognized"},
			{"select array_insert(array_construct(1), 100000000000, 2)", "Max LOB size (16777216) exceeded"},
		} {
			_, err := conn.ExecContext(ctx, c.sql)
			require.ErrorContains(t, err, c.msg, c.sql)
		}
	})
}

// OBJECT_INSERT, OBJECT_DELETE, OBJECT_PICK and the AS_/IS_ functions
// answer Snowflake's values, NULL rules and errors through the driver.
func TestObjectAndKindFunctions(t *testing.T) {
	ctx, conn := driverConn(t)
	requireSemiCases(t, ctx, conn, []semiCase{
		{"OBJECT_INSERT", `select object_insert(object_construct('a', 1), 'b', parse_json('null')), object_insert(object_construct('a', 1), 'b', null),
			object_insert(object_construct('a', 1), 'a', 'x', true), object_insert(null, 'a', 1)`,
			"OBJECT, OBJECT, OBJECT, OBJECT", `{"a":1,"b":null} | {"a":1} | {"a":"x"} | NULL`},
		{"OBJECT_DELETE", `select object_delete(object_construct('a', 1, 'b', 2, 'c', 3), 'a', 'c', 'z'), object_delete(null, 'a')`,
			"OBJECT, OBJECT", `{"b":2} | NULL`},
		{"OBJECT_PICK", `select object_pick(object_construct('a', 1, 'b', 2), array_construct('b', 'z')), object_pick(object_construct('a', 1), 'a'),
			object_pick(null, 'a')`,
			"OBJECT, OBJECT, OBJECT", `{"b":2} | {"a":1} | NULL`},
		{"AS_", `select as_integer(parse_json('"7"')), as_integer(parse_json('12345678901234567890')), as_varchar(parse_json('1')),
			as_boolean(parse_json('true')), as_double(parse_json('1.5')), as_array(parse_json('[1]')), as_integer(null), as_integer(1.2345::variant), as_integer(parse_json('1e2'))`,
			"FIXED, FIXED, TEXT, BOOLEAN, REAL, ARRAY, FIXED, FIXED, FIXED", "NULL | 12345678901234567890 | NULL | true | 1.5 | [1] | NULL | 1 | NULL"},
		{"IS_", `select is_array(parse_json('{}')), is_object(parse_json('[]')), is_varchar(parse_json('"x"')), is_integer(parse_json('1.5')),
			is_boolean(parse_json('false')), is_array(null)`,
			"BOOLEAN, BOOLEAN, BOOLEAN, BOOLEAN, BOOLEAN, BOOLEAN", "false | false | true | false | true | NULL"},
	})
	t.Run("errors", func(t *testing.T) {
		_, err := conn.ExecContext(ctx, "select object_insert(object_construct('a', 1), 'a', 2)")
		require.ErrorContains(t, err, "Duplicate field key 'a'")
		_, err = conn.ExecContext(ctx, "select object_delete(array_construct(1), 'a')")
		require.ErrorContains(t, err, "Failed to cast variant value [1] to OBJECT")
		_, err = conn.ExecContext(ctx, "select is_array()")
		require.ErrorContains(t, err, "not enough arguments for function [IS_ARRAY()], expected 1, got 0")
	})
}

// semiCase is one query with its column types (joined by ", ") and its one
// row (semiRows' form).
type semiCase struct{ name, sql, types, rows string }

// requireSemiCases runs each case as a subtest through the driver.
func requireSemiCases(t *testing.T, ctx context.Context, conn *sql.Conn, cases []semiCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			types, rows := semiRows(t, ctx, conn, c.sql)
			require.Equal(t, c.types, strings.Join(types, ", "))
			require.Equal(t, []string{c.rows}, rows)
		})
	}
}
