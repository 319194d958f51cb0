package sftest

import (
	"errors"
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

func TestCreateFunction(t *testing.T) {
	parse := func(s string) []string {
		t.Helper()
		st, err := parseStatement(s, nil)
		require.NoError(t, err, s)
		require.Equal(t, kindDDL, st.Kind)
		if n := len(st.Duck); n == 2 {
			require.Contains(t, st.Duck[1], "COMMENT ON MACRO ", "CREATE FUNCTION records the signature")
			return st.Duck[:1]
		}
		return st.Duck
	}
	require.Equal(t, []string{`CREATE MACRO "ADD_ONE"(x) AS CAST((x + 1) AS DECIMAL(38,0))`},
		parse("create function add_one(x number) returns number as 'x + 1'"))
	textArgs, terr := textFormArgs(nil) // operands of || are written as text (rule_text_forms.go)
	require.NoError(t, terr)
	require.Equal(t, []string{`CREATE OR REPLACE MACRO "DB"."S"."Greet"(n, "P") AS CAST((` + textFormFunc + `(coalesce("P", 'hi')` + textArgs +
		`) || ' ' || ` + textFormFunc + `(n` + textArgs + `)) AS VARCHAR)`},
		parse(`CREATE OR REPLACE SECURE FUNCTION db.s."Greet"(n varchar, "P" varchar) RETURNS VARCHAR NOT NULL LANGUAGE SQL COMMENT = 'c' AS $$nvl("P", 'hi') || ' ' || n$$`))
	st, err := parseStatement(`create function db.s."Greet"(n varchar(10), p number(5, 2)) returns int as 'n'`, nil)
	require.NoError(t, err)
	require.Equal(t, `COMMENT ON MACRO "DB"."S"."Greet" IS 'sftest:function SQL|(VARCHAR, NUMBER) RETURN NUMBER'`, st.Duck[1])
	require.Equal(t, []string{`CREATE MACRO IF NOT EXISTS "PI_ISH"() AS CAST((3.14) AS DOUBLE)`},
		parse("create function if not exists pi_ish() returns float as '3.14'"))
	require.Equal(t, []string{`CREATE MACRO "JS"(a) AS CAST((error('sftest-not-emulated: JAVASCRIPT function JS (only SQL functions run)')) AS DOUBLE)`},
		parse("create function js(a float) returns float language javascript as 'return A + 1;'"))
	require.Equal(t, []string{`DROP MACRO IF EXISTS "ADD_ONE"`}, parse("drop function if exists add_one(number)"))

	for _, bad := range []string{
		"create function f(x int) returns table (a int) as 'select 1'",
		"create function f(x int) as 'x'",
		"create function f(x int) returns int",
		"create or replace function if not exists f() returns int as '1'",
		"create function f(x int) returns int as 'x:a[i]'",
	} {
		_, err := parseStatement(bad, nil)
		var se *sqlError
		require.True(t, errors.As(err, &se), "%s: %v", bad, err)
		require.Equal(t, "001003", se.Code, bad)
	}
}

func TestFunctionsThroughDriver(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	var msg string
	require.NoError(t, db.QueryRowContext(ctx, "create or replace function add_tax(p number(10,2), r float) returns number(10,2) as 'p * (1 + iff(r is null, 0, r))'").Scan(&msg))
	require.Equal(t, "Function ADD_TAX successfully created.", msg)
	_, err := db.ExecContext(ctx, "create function label(n number) returns string as $$decode(n, 1, 'one', null, 'none', 'many')$$")
	require.NoError(t, err)

	rows, err := db.QueryContext(ctx, "select add_tax(100, 0.25), add_tax(10, null), label(1), label(null), label(7)")
	require.NoError(t, err)
	cols, err := rows.Columns()
	require.NoError(t, err)
	require.Equal(t, []string{"ADD_TAX(100, 0.25)", "ADD_TAX(10, NULL)", "LABEL(1)", "LABEL(NULL)", "LABEL(7)"}, cols)
	require.True(t, rows.Next())
	var taxed, untaxed, one, none, many string
	require.NoError(t, rows.Scan(&taxed, &untaxed, &one, &none, &many))
	require.Equal(t, []string{"125.00", "10.00", "one", "none", "many"}, []string{taxed, untaxed, one, none, many})
	require.NoError(t, rows.Close())

	// OR REPLACE replaces; without it an existing function is 002002.
	_, err = db.ExecContext(ctx, "create or replace function label(n number) returns string as 'to_varchar(n)'")
	require.NoError(t, err)
	require.NoError(t, db.QueryRowContext(ctx, "select label(7)").Scan(&many))
	require.Equal(t, "7", many)
	_, err = db.ExecContext(ctx, "create function label(n number) returns string as 'n'")
	var se *sf.SnowflakeError
	require.True(t, errors.As(err, &se), "%v", err)
	require.Equal(t, 2002, se.Number, se.Message)
	require.Equal(t, "SQL compilation error:\nObject 'LABEL' already exists.", se.Message)

	// A JavaScript function is accepted; calling it fails, naming it.
	_, err = db.ExecContext(ctx, `create or replace function js_double(x float) returns float language javascript as 'return X * 2;'`)
	require.NoError(t, err)
	err = db.QueryRowContext(ctx, "select js_double(2)").Scan(&msg)
	require.True(t, errors.As(err, &se), "%v", err)
	require.Equal(t, 1003, se.Number)
	require.Equal(t, "42000", se.SQLState)
	require.Equal(t, "SQL compilation error: unsupported by sftest: JAVASCRIPT function JS_DOUBLE (only SQL functions run)", se.Message)

	// Dropped, it is unknown.
	_, err = db.ExecContext(ctx, "drop function add_tax(number, float)")
	require.NoError(t, err)
	err = db.QueryRowContext(ctx, "select add_tax(1, 0)").Scan(&msg)
	require.True(t, errors.As(err, &se), "%v", err)
	require.Equal(t, 2140, se.Number)
	require.Contains(t, se.Message, "Unknown function ADD_TAX")
}
