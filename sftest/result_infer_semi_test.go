package sftest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestInferSemiStructured(t *testing.T) {
	variants := func(n int) []rowType {
		rts := make([]rowType, n)
		for i := range rts {
			rts[i] = rowType{Type: "variant"}
		}
		return rts
	}
	cases := []struct{ name, sql, want string }{
		{"calls", "select object_construct('a', 1), array_construct(1), parse_json('1'), object_keys(v), strtok_to_array('a b')", "object array variant array array"},
		{"aliases", "select object_construct_keep_null('a', null) as o, array_agg(x) within group (order by x) a, \"Q\".v w from t", "object array variant"},
		{"window", "select array_agg(x) over (partition by y) from t", "array"},
		{"casts", "select parse_json('[1]')::array, cast(parse_json('{}') as object), parse_json('1')::variant, (parse_json('[]')::array)", "array object variant array"},
		{"cte", "with c as (select array_construct(1) as arr, parse_json('{}') as v) select arr, v, c.arr from c", "array variant array"},
		{"cte from cte", "with a as (select object_construct('k', 1) o), b as (select o as p from a) select p from b", "object"},
		{"subquery", "select s.o, s.\"q\" from (select object_construct('k', 1) o, array_construct() \"q\") s", "object array"},
		{"quoted name is case-sensitive", "select q from (select array_construct() \"q\") s", "variant"},
		{"set operation agreeing", "select array_construct(1) union all select array_agg(x) from t", "array"},
		{"set operation disagreeing", "select array_construct(1) union all select parse_json('[1]')", "variant"},
		{"name defined two ways", "select x from (select array_construct(1) x union all select parse_json('1') x)", "variant"},
		{"star", "select * from (select array_construct(1) a)", "variant"},
		{"an expression around the call", "select coalesce(array_construct(1), null), array_construct(1)[0]", "variant variant"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := strings.Fields(c.want)
			rts := variants(len(want))
			inferSemiStructured(rts, c.sql)
			var got []string
			for _, rt := range rts {
				got = append(got, rt.Type)
			}
			require.Equal(t, want, got)
		})
	}
	// Columns DuckDB does not type JSON keep their type.
	rts := []rowType{{Type: "fixed"}, {Type: "text"}}
	inferSemiStructured(rts, "select array_size(array_construct(1)), to_json(object_construct())")
	require.Equal(t, []rowType{{Type: "fixed"}, {Type: "text"}}, rts)
}

// Through the driver, OBJECT and ARRAY columns are reported as such, in
// both result formats, with the same values (NULLs, empty and nested
// values included).
func TestSemiStructuredColumnTypes(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	arrowConn, jsonConn := formatConns(t, ctx, db)
	const q = `with c as (select array_construct(1, 'two', parse_json('{"n": [true, null]}')) a,
		object_construct('k', array_construct(), 'z', null) o, null::array n)
		select a, o, n, object_construct(), array_agg(x) within group (order by x), parse_json('[1]'), typeof(a), to_json(o)
		from c, (select 2 x union all select 1) group by all`
	want := []string{"ARRAY", "OBJECT", "ARRAY", "OBJECT", "ARRAY", "VARIANT", "TEXT", "TEXT"}
	wantRow := `[1,"two",{"n":[true,null]}] | {"k":[]} | NULL | {} | [1,2] | [1] | ARRAY | {"k":[]}`
	var formats [][]string
	for _, conn := range []*sql.Conn{arrowConn, jsonConn} {
		types, rows := semiRows(t, ctx, conn, q)
		require.Equal(t, want, types)
		require.Equal(t, []string{wantRow}, rows)
		vals, cts := readTyped(t, ctx, conn, q)
		for _, ct := range cts[:6] {
			require.Equal(t, "string", ct.ScanType().String(), ct.Name())
		}
		require.Contains(t, vals[0][1], "\n", "semi-structured values are indented JSON text")
		var raw []string
		for _, v := range vals[0] {
			raw = append(raw, fmt.Sprint(v))
		}
		formats = append(formats, raw)
	}
	require.Equal(t, formats[0], formats[1], "Arrow and JSON give the same values")
}

// semiRows runs q and returns its column types as the driver names them and
// its rows spelled as the corpus spells them (corpusValue).
func semiRows(t *testing.T, ctx context.Context, conn *sql.Conn, q string) ([]string, []string) {
	t.Helper()
	rows, err := conn.QueryContext(ctx, q)
	require.NoError(t, err, q)
	defer rows.Close()
	cts, err := rows.ColumnTypes()
	require.NoError(t, err)
	var types, out []string
	for _, ct := range cts {
		types = append(types, ct.DatabaseTypeName())
	}
	for rows.Next() {
		vals := make([]any, len(cts))
		ptrs := make([]any, len(cts))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		require.NoError(t, rows.Scan(ptrs...))
		cells := make([]string, len(vals))
		for i, v := range vals {
			cells[i] = corpusValue(v, types[i])
		}
		out = append(out, strings.Join(cells, " | "))
	}
	require.NoError(t, rows.Err())
	return types, out
}
