package sftest

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// declaredTable is a table whose column types DuckDB's types cannot hold.
const declaredTable = `create or replace table decl (
	id int,
	tz timestamp_tz,
	ltz3 timestamp_ltz(3),
	t3 time(3),
	ntz6 timestamp_ntz(6),
	v10 varchar(10),
	c char,
	b4 binary(4),
	o object,
	a array,
	n number(10,2),
	primary key (id))`

func createDeclared(t *testing.T, ctx context.Context, db *sql.DB) {
	t.Helper()
	_, err := db.ExecContext(ctx, declaredTable)
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, `insert into decl select 1, '2024-03-01 10:11:12.123456789 +05:00'::timestamp_tz,
		'2024-03-01 10:11:12.123456+00:00'::timestamp_ltz, '13:14:15.123456'::time, '2024-03-01 10:11:12.1234567'::timestamp_ntz,
		'abc', 'x', to_binary('0A0B'), object_construct('k', 1), array_construct(1, 2), 1.5`)
	require.NoError(t, err)
}

// declaredConn is a connection to a new server holding the declared table.
func declaredConn(t *testing.T) (context.Context, *sql.Conn) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	createDeclared(t, ctx, db)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return ctx, conn
}

// columnsOf runs query on conn and returns the driver's column types and
// the first row.
func columnsOf(t *testing.T, ctx context.Context, conn *sql.Conn, query string) ([]*sql.ColumnType, []any) {
	t.Helper()
	rows, cts := readTyped(t, ctx, conn, query)
	require.NotEmpty(t, rows, query)
	return cts, rows[0]
}

// A result column that reads a table column as it is takes the column's
// declared type: TIMESTAMP_TZ (not LTZ), the declared scales (values cut
// to them), VARCHAR/BINARY lengths, OBJECT and ARRAY; in both formats.
func TestDeclaredColumnTypesReachResults(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	createDeclared(t, ctx, db)
	arrowConn, jsonConn := formatConns(t, ctx, db)
	const star = "select * from decl"
	const named = "select d.tz, d.ltz3 as l, decl.t3, d.v10 from sftest.public.decl d join decl on d.id = decl.id"
	wantTypes := []string{"FIXED", "TIMESTAMP_TZ", "TIMESTAMP_LTZ", "TIME", "TIMESTAMP_NTZ", "TEXT", "TEXT", "BINARY", "OBJECT", "ARRAY", "FIXED"}
	for _, conn := range []*sql.Conn{arrowConn, jsonConn} {
		cts, vals := columnsOf(t, ctx, conn, star)
		var types []string
		for _, ct := range cts {
			types = append(types, ct.DatabaseTypeName())
		}
		require.Equal(t, wantTypes, types)
		n, ok := cts[5].Length()
		require.True(t, ok)
		require.Equal(t, int64(10), n, "VARCHAR(10)")
		n, _ = cts[6].Length()
		require.Equal(t, int64(1), n, "CHAR is VARCHAR(1)")
		n, _ = cts[7].Length()
		require.Equal(t, int64(4), n, "BINARY(4)")
		p, _, ok := cts[3].DecimalSize()
		require.True(t, ok)
		require.Equal(t, int64(3), p, "TIME(3)")
		require.Equal(t, 123000000, vals[2].(time.Time).Nanosecond(), "TIMESTAMP_LTZ(3) keeps 3 digits")
		require.Equal(t, 123000000, vals[3].(time.Time).Nanosecond(), "TIME(3) keeps 3 digits")
		require.Equal(t, 123456000, vals[4].(time.Time).Nanosecond(), "TIMESTAMP_NTZ(6) keeps 6 digits")
		require.True(t, time.Date(2024, 3, 1, 5, 11, 12, 123456000, time.UTC).Equal(vals[1].(time.Time)), vals[1])

		cts, _ = columnsOf(t, ctx, conn, named)
		types = types[:0]
		for _, ct := range cts {
			types = append(types, ct.DatabaseTypeName())
		}
		require.Equal(t, []string{"TIMESTAMP_TZ", "TIMESTAMP_LTZ", "TIME", "TEXT"}, types)
	}
	for _, q := range []string{star, named} {
		results := resultsOf(srv, q)
		require.Len(t, results, 2)
		for _, res := range results {
			var scales []int64
			for _, rt := range res.rowType {
				if strings.HasPrefix(rt.Type, "time") {
					scales = append(scales, rt.Scale)
				}
			}
			if q == star {
				require.Equal(t, []int64{9, 3, 3, 6}, scales, res.format)
				require.Equal(t, int64(40), res.rowType[5].ByteLength, "VARCHAR(10) bytes")
			} else {
				require.Equal(t, []int64{9, 3, 3}, scales, res.format)
			}
		}
	}
}

// Expressions keep DuckDB's types, as before: only a column read as it is
// takes the declared type.
func TestDeclaredTypesOnlyForPlainColumns(t *testing.T) {
	ctx, conn := declaredConn(t)
	cts, _ := columnsOf(t, ctx, conn, "select v10 || 'x', t3, (select max(v10) from decl) from decl")
	n, _ := cts[0].Length()
	require.Equal(t, int64(textLength), n)
	require.Equal(t, "TIME", cts[1].DatabaseTypeName())
	n, _ = cts[2].Length()
	require.Equal(t, int64(textLength), n, "a subquery's column is not traced")
}

// DESCRIBE TABLE shows the declared types; ALTER TABLE records added and
// retyped columns; a rename keeps the record; a rolled-back ADD leaves none.
func TestDeclaredTypesFollowDDL(t *testing.T) {
	ctx, conn := declaredConn(t)
	describe := func() map[string]string {
		rows, err := conn.QueryContext(ctx, "describe table decl")
		require.NoError(t, err)
		defer rows.Close()
		cols, err := rows.Columns()
		require.NoError(t, err)
		out := map[string]string{}
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			require.NoError(t, rows.Scan(ptrs...))
			require.False(t, vals[9].Valid, "comment of %s", vals[0].String)
			out[vals[0].String] = vals[1].String
		}
		require.NoError(t, rows.Err())
		return out
	}
	got := describe()
	require.Equal(t, map[string]string{
		"ID": "NUMBER(38,0)", "TZ": "TIMESTAMP_TZ(9)", "LTZ3": "TIMESTAMP_LTZ(3)", "T3": "TIME(3)",
		"NTZ6": "TIMESTAMP_NTZ(6)", "V10": "VARCHAR(10)", "C": "VARCHAR(1)", "B4": "BINARY(4)",
		"O": "OBJECT", "A": "ARRAY", "N": "NUMBER(10,2)",
	}, got)

	for _, q := range []string{
		"alter table decl add column z timestamp_tz(3)",
		"alter table decl rename column tz to tz2",
		"alter table decl alter column ntz6 set data type timestamp_ntz",
		"begin",
		"alter table decl add column gone object",
		"rollback",
	} {
		_, err := conn.ExecContext(ctx, q)
		require.NoError(t, err, q)
	}
	got = describe()
	require.Equal(t, "TIMESTAMP_TZ(3)", got["Z"])
	require.Equal(t, "TIMESTAMP_TZ(9)", got["TZ2"])
	require.Equal(t, "TIMESTAMP_NTZ(9)", got["NTZ6"])
	require.Equal(t, "OBJECT", got["GONE"], "DDL commits the transaction and itself: ROLLBACK undoes neither")

	cts, _ := columnsOf(t, ctx, conn, "select z, tz2, v10 from decl")
	require.Equal(t, "TIMESTAMP_TZ", cts[0].DatabaseTypeName())
	require.Equal(t, "TIMESTAMP_TZ", cts[1].DatabaseTypeName())
	n, _ := cts[2].Length()
	require.Equal(t, int64(10), n)

	// A table made again without the declarations reads as DuckDB types it.
	_, err := conn.ExecContext(ctx, "create or replace table decl (tz timestamp_ltz)")
	require.NoError(t, err)
	_, err = conn.ExecContext(ctx, "insert into decl values (current_timestamp())")
	require.NoError(t, err)
	cts, _ = columnsOf(t, ctx, conn, "select tz from decl")
	require.Equal(t, "TIMESTAMP_LTZ", cts[0].DatabaseTypeName())
}

func TestSelectSources(t *testing.T) {
	for _, c := range []struct {
		sql    string
		ok     bool
		items  int
		tables []string // qualifiers; "?" for a table not known
	}{
		{"select * from t", true, 1, []string{"T"}},
		{"select a, b as x, t.c from db.s.t where a > 1 order by 1", true, 3, []string{"T"}},
		{"select x.a from t x join u on x.id = u.id left outer join v as w on w.id = x.id", true, 1, []string{"X", "U", "W"}},
		{"select a from t, (select 1 as a) s", true, 1, []string{"T", "?"}},
		{"select value from t, lateral flatten(input => t.v) f", true, 1, []string{"T", "?"}},
		{"select a from t join u using (id)", false, 0, nil},
		{"select a from t union all select a from u", false, 0, nil},
		{"with c as (select 1) select * from c", false, 0, nil},
		{"select 1", false, 0, nil},
		{"select a from t sample (10)", false, 0, nil},
	} {
		items, tables, ok := selectSources(c.sql)
		require.Equal(t, c.ok, ok, c.sql)
		require.Len(t, items, c.items, c.sql)
		var qs []string
		for _, ft := range tables {
			if ft.known {
				qs = append(qs, ft.qualifier.text)
			} else {
				qs = append(qs, "?")
			}
		}
		require.Equal(t, c.tables, qs, c.sql)
	}
}

// CREATE TABLE|VIEW ... AS SELECT gives the new columns the types a SELECT
// of its query reports: the declared types of the table columns it reads
// as they are, and what sftest infers (OBJECT_CONSTRUCT is an OBJECT).
func TestDeclaredTypesCarryThroughCTAS(t *testing.T) {
	ctx, conn := declaredConn(t)
	for _, q := range []string{
		"create or replace table decl_copy as select id, tz, t3 as t, v10 || '' as v, object_construct('k', id) as obj from decl",
		"create view decl_view as select * from decl_copy",
	} {
		_, err := conn.ExecContext(ctx, q)
		require.NoError(t, err, q)
	}
	for _, from := range []string{"decl_copy", "decl_view"} {
		cts, vals := columnsOf(t, ctx, conn, "select * from "+from)
		var types []string
		for _, ct := range cts {
			types = append(types, ct.DatabaseTypeName())
		}
		require.Equal(t, []string{"FIXED", "TIMESTAMP_TZ", "TIME", "TEXT", "OBJECT"}, types, from)
		p, _, _ := cts[2].DecimalSize()
		require.Equal(t, int64(3), p, "%s: TIME(3)", from)
		n, _ := cts[3].Length()
		require.Equal(t, int64(textLength), n, "%s: an expression's length is the default", from)
		require.Equal(t, 123000000, vals[2].(time.Time).Nanosecond(), from)
	}
}

// BenchmarkDeclaredResultTypes is what tracing a query's columns to their
// declared types costs a SELECT once some table declared one: parsing
// the select list and FROM clause, and the cached catalog (a miss reads
// DuckDB's catalog; DDL forgets the tables it names).
func BenchmarkDeclaredResultTypes(b *testing.B) {
	srv, db := newTestServer(b)
	ctx := testCtx(b)
	_, err := db.ExecContext(ctx, declaredTable)
	require.NoError(b, err)
	conn, err := srv.eng.db.Conn(ctx)
	require.NoError(b, err)
	defer conn.Close()
	const q = "select d.tz, d.ltz3 as l, t3, v10, n from decl d where id > 0 order by id"
	b.Run("cached", func(b *testing.B) {
		for b.Loop() {
			if srv.eng.declared.declaredResultTypes(ctx, conn, q, Database, Schema, false) == nil {
				b.Fatal("no declared types")
			}
		}
	})
	b.Run("after-ddl", func(b *testing.B) {
		for b.Loop() {
			srv.eng.declared.invalidate()
			if srv.eng.declared.declaredResultTypes(ctx, conn, q, Database, Schema, false) == nil {
				b.Fatal("no declared types")
			}
		}
	})
}

// DDL on one table forgets that table's columns (in any schema), and
// what it cannot name, everything.
func TestDeclaredCatalogInvalidateFor(t *testing.T) {
	for _, c := range []struct {
		ddl  string
		kept []string
	}{
		{"create or replace table a (x int)", []string{"B"}},
		{"drop table if exists s.a", []string{"B"}},
		{"alter table db.s.a add column y time(3)", []string{"B"}},
		{"create view \"a\" as select 1", []string{"B"}},
		{"alter table a rename to c", nil},
		{"drop schema s", nil},
		{"truncate table a", []string{"A", "A", "B"}},
	} {
		var cat declaredCatalog
		cat.tables = map[tableKey][]tableColumn{
			{"DB", "S", "A"}: nil, {"DB", "PUBLIC", "A"}: nil, {"DB", "S", "B"}: nil,
		}
		cat.invalidateFor(c.ddl)
		var kept []string
		for k := range cat.tables {
			kept = append(kept, k.table)
		}
		slices.Sort(kept)
		require.Equal(t, c.kept, kept, c.ddl)
	}
}

// DDL in a multi-statement request's transaction commits, as in Snowflake:
// the retyped column keeps its new type after the request ends with its
// transaction open (which rolls back only what came after the DDL).
func TestDeclaredTypesAfterDDLInTransaction(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, "create table d2 (x varchar(10))")
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, "insert into d2 values ('a')")
	require.NoError(t, err)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(sf.WithMultiStatement(ctx, 3),
		"begin; alter table d2 alter column x set data type varchar(20); select x from d2")
	require.NoError(t, err)
	cts, _ := columnsOf(t, ctx, conn, "select x from d2")
	n, ok := cts[0].Length()
	require.True(t, ok)
	require.Equal(t, int64(20), n)
}

// An identity column's internal sequence is sftest's: GET_DDL, SHOW
// COLUMNS and INFORMATION_SCHEMA.COLUMNS show it as DESCRIBE does, never
// by its name.
func TestIdentitySequenceNameStaysInside(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, "create table idn (id int autoincrement start 5 increment 2, v varchar)")
	require.NoError(t, err)
	var ddl string
	require.NoError(t, db.QueryRowContext(ctx, "select get_ddl('table', 'idn')").Scan(&ddl))
	require.Contains(t, ddl, "IDENTITY START 5 INCREMENT 2")
	var def string
	require.NoError(t, db.QueryRowContext(ctx,
		"select column_default from information_schema.columns where table_name = 'IDN' and column_name = 'ID'").Scan(&def))
	require.Equal(t, "IDENTITY START 5 INCREMENT 2", def)
	rows, err := db.QueryContext(ctx, "show columns in table idn")
	require.NoError(t, err)
	cols, err := rows.Columns()
	require.NoError(t, err)
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		require.NoError(t, rows.Scan(ptrs...))
		for _, v := range vals {
			require.NotContains(t, fmt.Sprint(v), identitySeqPrefix)
		}
	}
	require.NoError(t, rows.Err())
	require.NoError(t, rows.Close())
	require.NotContains(t, ddl+def, identitySeqPrefix)
}
