package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// ARRAY_CONTAINS(value, array) and ARRAY_APPEND(array, element) answer with
// Snowflake's argument order, NULL rules and errors, through the driver.
func TestArrayFunctions(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	for _, q := range []string{"create table docs (id number, v variant)",
		`insert into docs select 1, parse_json('{"tags": ["a", "b"], "n": 1}')`,
		`insert into docs select 2, parse_json('{"tags": [], "n": [2]}')`} {
		_, err = conn.ExecContext(ctx, q)
		require.NoError(t, err)
	}

	t.Run("ARRAY_CONTAINS", func(t *testing.T) {
		types, rows := semiRows(t, ctx, conn, `select array_contains('hello'::variant, array_construct('hello', 'hi')),
			array_contains('hello'::variant, array_construct('hola', 'bonjour')),
			array_contains(null, array_construct('hola', null)), array_contains(null, array_construct('hola')),
			array_contains(parse_json('null'), array_construct(1)), array_contains(1::variant, null),
			array_contains(1, array_construct(1.0, 2)), array_contains(parse_json('{"k": [1]}'), parse_json('[0, {"k": [1.00]}]')),
			array_contains(2, array_construct())`)
		require.Equal(t, []string{"BOOLEAN", "BOOLEAN", "BOOLEAN", "BOOLEAN", "BOOLEAN", "BOOLEAN", "BOOLEAN", "BOOLEAN", "BOOLEAN"}, types)
		require.Equal(t, []string{"true | false | true | NULL | false | NULL | true | true | false"}, rows)
		_, rows = semiRows(t, ctx, conn, `select id, array_contains('b'::variant, v:tags) from docs order by id`)
		require.Equal(t, []string{"1 | true", "2 | false"}, rows)
		// A bind used twice by the rewrite is still one bind.
		var found bool
		var appended string
		require.NoError(t, conn.QueryRowContext(ctx, "select array_contains(?, array_construct(1, 2)), array_append(array_construct(?), ?)", 2, "a", 3).Scan(&found, &appended))
		require.True(t, found)
		require.JSONEq(t, `["a", 3]`, appended)
	})
	t.Run("ARRAY_APPEND", func(t *testing.T) {
		types, rows := semiRows(t, ctx, conn, `select array_append(array_construct(1, 2), 3), array_append(array_construct(), parse_json('{"b": [], "a": 1}')),
			array_append(array_construct(1), null), array_append(null, 1), array_append(array_construct('x'), 'y')`)
		require.Equal(t, []string{"ARRAY", "ARRAY", "ARRAY", "ARRAY", "ARRAY"}, types)
		require.Equal(t, []string{`[1,2,3] | [{"a":1,"b":[]}] | [1,null] | NULL | ["x","y"]`}, rows)
		types, rows = semiRows(t, ctx, conn, `select id, array_append(v:tags, 'c') as tags from docs order by id`)
		require.Equal(t, []string{"FIXED", "ARRAY"}, types)
		require.Equal(t, []string{`1 | ["a","b","c"]`, `2 | ["c"]`}, rows)
	})
	t.Run("errors", func(t *testing.T) {
		for _, c := range []struct{ sql, code, msg string }{
			{"select array_contains('hello', array_construct('hello'))", "001044", "Invalid argument types for function 'ARRAY_CONTAINS': (VARCHAR(5), ARRAY)"},
			{"select array_contains(1, object_construct())", "001044", "(NUMBER(1,0), OBJECT)"},
			{"select array_contains(1, 2)", "001044", "Invalid argument types for function 'ARRAY_CONTAINS': (NUMBER(1,0), NUMBER(1,0))"},
			{"select array_append('[1]', 2)", "001044", "Invalid argument types for function 'ARRAY_APPEND': (VARCHAR(3), NUMBER(1,0))"},
			{"select array_contains(1)", "001003", "not enough arguments for function [ARRAY_CONTAINS(1)], expected 2, got 1"},
			{"select array_append(array_construct(), 1, 2)", "001003", "too many arguments"},
			{"select array_contains(1, v:n) from docs where id = 1", "100071", "Failed to cast variant value 1 to ARRAY"},
			{"select array_append(v, 1) from docs where id = 2", "100071", `Failed to cast variant value {"n":[2],"tags":[]} to ARRAY`},
			// Types DuckDB knows only when the statement runs.
			{"select array_contains(name, array_construct('a')) from (select 'a' as name)", "001044", "Invalid argument types for function 'ARRAY_CONTAINS': (VARCHAR(16777216), ARRAY)"},
			{"select array_contains(1::variant, n) from (select 1.5 as n)", "001044", "(VARIANT, NUMBER(2,1))"},
			{"select array_append(s, 1) from (select 'x' as s)", "001044", "Invalid argument types for function 'ARRAY_APPEND': (VARCHAR(16777216), NUMBER(38,0))"},
		} {
			rows, err := conn.QueryContext(ctx, c.sql)
			if err == nil {
				for rows.Next() {
				}
				err = rows.Err()
				_ = rows.Close()
			}
			require.Contains(t, requireSFError(t, err, c.code).Message, c.msg)
		}
	})
}
