package sftest

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// boundRows runs q with args through the driver and renders its rows as
// queryText does, without the header line.
func boundRows(ctx context.Context, db *sql.DB, q string, args ...any) (string, error) {
	text, err := queryText(ctx, db, q, args...)
	_, rows, _ := strings.Cut(text, "\n")
	return rows, err
}

// bindCase is a statement whose rewrite copies or moves an argument that
// is a bind, the values bound and the rows Snowflake answers.
type bindCase struct {
	q    string
	args []any
	want string
}

// checkBindCases runs each case on one server.
func checkBindCases(t *testing.T, cases []bindCase) {
	t.Helper()
	_, db := newTestServer(t)
	ctx := testCtx(t)
	for _, c := range cases {
		got, err := boundRows(ctx, db, c.q, c.args...)
		require.NoError(t, err, c.q)
		require.Equal(t, c.want, got, c.q)
	}
}

// TestBindCopiedByNullStrict: GREATEST, LEAST and CONCAT_WS test every
// argument for NULL, so each bound argument appears twice in DuckDB's text.
func TestBindCopiedByNullStrict(t *testing.T) {
	checkBindCases(t, []bindCase{
		{"select greatest(?, 2)", []any{int64(5)}, "5"},
		{"select least(?, 2), ?", []any{int64(5), "x"}, "2|x"},
		{"select greatest(?, ?, 3)", []any{nil, int64(9)}, "NULL"},
		{"select concat_ws(?, 'a', ?)", []any{"-", "b"}, "a-b"},
		{"select greatest_ignore_nulls(?, 2), least(?, ?)", []any{int64(1), int64(8), int64(6)}, "2|6"},
	})
}

// TestBindCopiedByRoundMode: ROUND with HALF_TO_EVEN repeats its argument
// in each branch of the rounding.
func TestBindCopiedByRoundMode(t *testing.T) {
	checkBindCases(t, []bindCase{
		{"select round(?, -1, 'HALF_TO_EVEN'), round(?, -1, 'HALF_TO_EVEN')", []any{int64(25), int64(35)}, "20|40"},
	})
}

// TestBindCopiedByWindowFunctions: RATIO_TO_REPORT divides its argument by
// its sum; OBJECT_AGG tests its value for NULL.
func TestBindCopiedByWindowFunctions(t *testing.T) {
	checkBindCases(t, []bindCase{
		{"select ratio_to_report(x * ?) over () from (select 1 as x union all select 3 as x) order by x",
			[]any{int64(2)}, "0.250000\n0.750000"},
		{"select object_agg(k, ?) from (select 'a' as k)", []any{"v"}, "{\n  \"a\": \"v\"\n}"},
	})
}

// TestBindCopiedByLikeAny: LIKE ANY and ALL compare the subject with each
// pattern.
func TestBindCopiedByLikeAny(t *testing.T) {
	checkBindCases(t, []bindCase{
		{"select ? like any ('a%', '%c')", []any{"abc"}, "true"},
		{"select ? not like all (?, ?), ?", []any{"abc", "x%", "a%", int64(1)}, "false|1"},
	})
}

// TestBindCopiedByFunctionTemplates: the function rewrites whose DuckDB
// template names an argument more than once.
func TestBindCopiedByFunctionTemplates(t *testing.T) {
	checkBindCases(t, []bindCase{
		{"select position(?, 'abcabc', 2), position(?, ?, ?)", []any{"b", "b", "abcabc", int64(3)}, "2|5"},
		{"select charindex(?, 'abcabc', ?)", []any{"c", int64(4)}, "6"},
		{"select try_to_binary(?, 'HEX'), try_to_binary(?), try_to_binary(?, 'HEX')", []any{"0A0B", "FF", "zz"}, "\x0a\x0b|\xff|NULL"},
		{"select to_binary(?, 'HEX'), try_hex_decode_string(?)", []any{"0A", "41"}, "\x0a|A"},
		{"select div0(?, ?)::float, div0null(?, ?)::float, div0(?, ?)::float", []any{int64(6), int64(0), int64(6), nil, int64(6), int64(3)}, "0|0|2"},
		{"select square(?), width_bucket(?, 0, 10, 5), regexp_instr(?, 'b')", []any{int64(3), int64(3), "abc"}, "9|2|2"},
		{"select next_day(?::date, 'FR')", []any{"2024-01-01"}, "2024-01-05T00:00:00Z"},
	})
}

// TestBindCopiedByConvertTimezone: two-argument CONVERT_TIMEZONE checks the
// zone on the value and returns the value.
func TestBindCopiedByConvertTimezone(t *testing.T) {
	at := time.Date(2024, 1, 1, 12, 0, 0, 0, time.FixedZone("", 2*3600))
	checkBindCases(t, []bindCase{
		{"select convert_timezone('America/New_York', ?)", []any{sf.DataTypeTimestampTz, at}, "2024-01-01T10:00:00Z"},
		{"select convert_timezone(?, ?)", []any{"UTC", sf.DataTypeTimestampTz, at}, "2024-01-01T10:00:00Z"},
	})
}

// TestBindMovedByDateAdd: DATEADD writes its date before its count, so
// unnumbered binds took each other's place.
func TestBindMovedByDateAdd(t *testing.T) {
	checkBindCases(t, []bindCase{
		{"select dateadd(day, ?, ?::date)", []any{int64(2), "2024-01-01"}, "2024-01-03T00:00:00Z"},
	})
}

// TestBindNumberingPaths: the paths that read a statement's binds outside
// the rules see them numbered: the exact-division probe, IDENTIFIER(?),
// insert plans, array binds, multi-statement requests, SET, and :n binds
// alone or mixed with ?.
func TestBindNumberingPaths(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, "create table bn (a number, b number)")
	require.NoError(t, err)
	rows := func(q string, args ...any) string {
		t.Helper()
		got, err := boundRows(ctx, db, q, args...)
		require.NoError(t, err, q)
		return got
	}
	exec := func(q string, args ...any) int64 {
		t.Helper()
		return affected(t)(db.ExecContext(ctx, q, args...))
	}

	// The probe that types a division binds the operands' placeholders.
	require.Equal(t, "3.500000|3", rows("select ?/2, greatest(?, 1)", int64(7), int64(3)))
	require.Equal(t, "3.500000", rows("select greatest(?, 1) / 2", int64(7)))

	// IDENTIFIER(?) takes its bind out before the others are numbered.
	require.Equal(t, int64(1), exec("insert into bn values (1, 1)"))
	require.Equal(t, "5", rows("select greatest(a, ?) from identifier(?)", int64(5), "bn"))

	// An insert plan's step holds all the binds.
	require.Equal(t, int64(1), exec("insert overwrite into bn select greatest(?, 3), least(?, 0)", int64(7), int64(4)))
	require.Equal(t, "7|0", rows("select a, b from bn"))

	// Array binds: a copied placeholder and :n out of order take the bulk
	// path's columns by number.
	require.Equal(t, int64(2), exec("insert into bn values (?, greatest(?, 0))",
		mustArray(t, []int64{1, 2}), mustArray(t, []int64{-1, 5})))
	require.Equal(t, int64(2), exec("insert into bn values (:2, :1)",
		mustArray(t, []int64{10, 20}), mustArray(t, []int64{3, 4})))
	require.Equal(t, "1|0\n2|5\n3|10\n4|20\n7|0", rows("select a, b from bn order by a"))

	// Each statement of a multi-statement request numbers its own binds.
	mctx := sf.WithMultiStatement(ctx, 2)
	_, err = db.ExecContext(mctx, "update bn set b = greatest(?, b) where a = 1; delete from bn where a > least(?, 9)", int64(8), int64(3))
	require.NoError(t, err)
	require.Equal(t, "1|8\n2|5\n3|10", rows("select a, b from bn order by a"))
	// The request's binds are shared out by the ? the lexer reads as code:
	// not those in a backslash-escaped string or a // comment.
	_, err = db.ExecContext(mctx, "update bn set b = 0 where 'it\\'s ?' = 'x' // or?\n; update bn set b = greatest(?, b) where a = 2", int64(6))
	require.NoError(t, err)
	require.Equal(t, "1|8\n2|6\n3|10", rows("select a, b from bn order by a"))

	// SET evaluates its expression with the binds.
	_, err = db.ExecContext(ctx, "set bnv = greatest(?, 2)", int64(6))
	require.NoError(t, err)
	require.Equal(t, "6", rows("select $bnv"))

	// :n binds, repeated, and mixed with ? (the k-th ? is bind k).
	require.Equal(t, "5|5|2", rows("select greatest(:1, 2), :1, :2", int64(5), int64(2)))
	require.Equal(t, "1|2|2", rows("select ?, :2, least(?, 4)", int64(1), int64(2)))
}

// TestBulkTupleNumbered: the bulk insert path takes an INSERT ... VALUES
// whose tuple the rules numbered, and leaves the others to run per row.
func TestBulkTupleNumbered(t *testing.T) {
	for _, c := range []struct {
		q     string
		n     int
		tuple string // "" when not on the bulk path
	}{
		{"insert into t values (?, ?)", 2, "$1, $2"},
		{"insert into t values (?, greatest(?, 0))", 2, "$1, (CASE WHEN ($2) IS NULL OR (0) IS NULL THEN NULL ELSE greatest($2, 0) END)"},
		{"insert into t values (:2, :1)", 2, "$2, $1"},
		{"insert into t values (?, ?)", 1, ""},
		{"insert into t values (?, 1), (?, 2)", 2, ""},
		{"insert into t select ?", 1, ""},
	} {
		st, err := parseStatement(c.q, &rewriteEnv{})
		require.NoError(t, err, c.q)
		_, tuple, ok := singleValuesTuple(st.Duck[0], c.n)
		if c.tuple == "" {
			require.False(t, ok, c.q)
			continue
		}
		require.True(t, ok, c.q)
		require.Equal(t, c.tuple, joinTokens(tuple), c.q)
	}
}
