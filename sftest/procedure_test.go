package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestProcedures creates, calls, overloads, shows, describes and drops SQL
// stored procedures through the real driver.
func TestProcedures(t *testing.T) {
	_, db := newTestServer(t)
	runScriptCases(t, db, []scriptCase{
		{name: "create", sql: `CREATE OR REPLACE PROCEDURE add_one(x NUMBER) RETURNS NUMBER LANGUAGE SQL AS $$ BEGIN RETURN x + 1; END; $$`,
			want: "status\nFunction ADD_ONE successfully created."},
		{name: "call positional", sql: "CALL add_one(41)", want: "ADD_ONE\n42"},
		{name: "call named", sql: "CALL add_one(x => 1)", want: "ADD_ONE\n2"},
		{name: "quoted body, colon args, defaults", sql: `CREATE OR REPLACE PROCEDURE greet(name VARCHAR, greeting VARCHAR DEFAULT 'Hello') RETURNS VARCHAR LANGUAGE SQL EXECUTE AS CALLER AS 'BEGIN RETURN greeting || '', '' || :name; END'`,
			want: "status\nFunction GREET successfully created."},
		{name: "default used", sql: "CALL greet('Ann')", want: "GREET\nHello, Ann"},
		{name: "named out of order", sql: "CALL greet(greeting => 'Hi', name => 'Bo')", want: "GREET\nHi, Bo"},
		{name: "overload", sql: `CREATE PROCEDURE add_one(x VARCHAR) RETURNS VARCHAR LANGUAGE SQL AS $$ BEGIN RETURN x || '1'; END; $$`,
			want: "status\nFunction ADD_ONE successfully created."},
		{name: "overload number", sql: "CALL add_one(1)", want: "ADD_ONE\n2"},
		{name: "overload varchar", sql: "CALL add_one('a')", want: "ADD_ONE\na1"},
		{name: "exists", sql: `CREATE PROCEDURE add_one(x VARCHAR) RETURNS VARCHAR LANGUAGE SQL AS $$ BEGIN RETURN x; END; $$`,
			errCode: "002002", errText: "Object 'ADD_ONE' already exists."},
		{name: "returns table", setup: []string{"CREATE OR REPLACE TABLE items (id INT, v VARCHAR)", "INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c')"},
			sql: `CREATE OR REPLACE PROCEDURE items_over(n INT) RETURNS TABLE (id INT, v VARCHAR) LANGUAGE SQL AS $$
DECLARE res RESULTSET DEFAULT (SELECT id, v FROM items WHERE id > :n ORDER BY id);
BEGIN RETURN TABLE(res); END; $$`, want: "status\nFunction ITEMS_OVER successfully created."},
		{name: "call table", sql: "CALL items_over(1)", want: "ID|V\n2|b\n3|c"},
		{name: "call in block", sql: "DECLARE r NUMBER; BEGIN CALL add_one(9) INTO :r; RETURN r; END;", want: "anonymous block\n10"},
		{name: "describe", sql: "DESCRIBE PROCEDURE greet(VARCHAR, VARCHAR)", want: "property|value\nsignature|(NAME VARCHAR, GREETING VARCHAR)\nreturns|VARCHAR\nlanguage|SQL\nnull handling|CALLED ON NULL INPUT\nvolatility|VOLATILE\nbody|BEGIN RETURN greeting || ', ' || :name; END\nexecute as|CALLER"},
		{name: "javascript accepted", sql: `CREATE OR REPLACE PROCEDURE js() RETURNS VARCHAR LANGUAGE JAVASCRIPT AS $$ return 'x'; $$`, want: "status\nFunction JS successfully created."},
		{name: "javascript not emulated", sql: "CALL js()", errCode: "001003", errText: "JAVASCRIPT procedure JS"},
		{name: "unknown", sql: "CALL nope()", errCode: "002140", errText: "Unknown function NOPE"},
		{name: "drop", sql: "DROP PROCEDURE add_one(VARCHAR)", want: "status\nADD_ONE successfully dropped."},
		{name: "dropped overload gone", sql: "CALL add_one('a')", errCode: "100038"},
		{name: "drop missing", sql: "DROP PROCEDURE add_one(VARCHAR)", errCode: "002003"},
		{name: "bad body", sql: "CREATE PROCEDURE bad() RETURNS INT LANGUAGE SQL AS $$ BEGIN RETURN 1 END; $$", errCode: "001003", errText: "syntax error line 1 at position 16 unexpected 'END'."},
	})
}

// TestProcedureShowAndHistory checks SHOW PROCEDURES' rows and that a
// CALL's statements are in the history under the CALL's query ID.
func TestProcedureShowAndHistory(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, `CREATE PROCEDURE p2(a INT, b INT DEFAULT 2) RETURNS INT LANGUAGE SQL AS $$ BEGIN CREATE OR REPLACE TABLE h (x INT); INSERT INTO h VALUES (:a); RETURN a + b; END; $$`)
	require.NoError(t, err)
	var created, name, schema, args string
	var minA, maxA int
	row := db.QueryRowContext(ctx, "SHOW PROCEDURES LIKE 'p%'")
	var skip [10]any
	dest := []any{&created, &name, &schema, &skip[0], &skip[1], &skip[2], &minA, &maxA, &args, &skip[3], &skip[4], &skip[5], &skip[6], &skip[7], &skip[8], &skip[9]}
	require.NoError(t, row.Scan(dest...))
	require.Equal(t, []any{"P2", "PUBLIC", 1, 2, "P2(NUMBER, NUMBER) RETURN INT"}, []any{name, schema, minA, maxA, args})

	var got int
	require.NoError(t, db.QueryRowContext(ctx, "CALL p2(5)").Scan(&got))
	require.Equal(t, 7, got)
	call := queryByText(t, srv, "CALL p2(5)")
	var children []string
	for _, q := range srv.Queries() {
		if q.ParentID == call.ID {
			children = append(children, q.SQL)
			require.Equal(t, StatusSuccess, q.Status)
		}
	}
	require.Equal(t, []string{"CREATE OR REPLACE TABLE h (x INT)", "INSERT INTO h VALUES (5)"}, children)
}

// TestLikeMatch: SHOW PROCEDURES LIKE matches as SQL LIKE does, with a
// backslash escaping the next character, case-insensitively.
func TestLikeMatch(t *testing.T) {
	for _, c := range []struct {
		pattern, s string
		want       bool
	}{
		{"load%", "LOAD_SALES", true},
		{"%sales", "load/sales", true}, // % crosses any character, / too
		{"load_sales", "LOADXSALES", true},
		{`load\_sales`, "LOADXSALES", false},
		{`load\_sales`, "LOAD_SALES", true},
		{`load\%`, "LOAD%", true},
		{`load\%`, "LOADS", false},
		{"a?c", "abc", false}, // ? is not a wildcard
		{"a.c", "abc", false},
		{"", "", true},
		{"x", "", false},
	} {
		require.Equal(t, c.want, likeMatch(c.pattern, c.s), "%q LIKE %q", c.s, c.pattern)
	}
}
