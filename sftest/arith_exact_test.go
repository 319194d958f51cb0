package sftest

import (
	"database/sql"
	"fmt"
	"math/big"
	"strconv"
	"testing"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/stretchr/testify/require"
)

// Divisions and AVG of NUMBERs come back as Snowflake types them (scale
// max(S1, min(S1+6, 12)), leading digits L1+S2, precision capped at 38),
// with the exact quotient rounded half away from zero, in both result
// formats; FLOAT operands keep FLOAT.
func TestExactDivision(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, `create table q (i int, n number(10,2), f float, c number(38,0), z int)`)
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, `insert into q values (7, 2.50, 2.0, 1234567890123456789012, 0), (8, 3.75, 4.0, -5, 0)`)
	require.NoError(t, err)

	arrowConn, jsonConn := formatConns(t, ctx, db)

	for _, c := range []struct {
		query string
		name  string // the column's name
		typ   string // as the driver reports it
		p, s  int64
		first string // the first row's value on the wire
	}{
		{"select 7/2", "7/2", "FIXED", 7, 6, "3.500000"},
		{"select 2/3 as x", "X", "FIXED", 7, 6, "0.666667"},
		{"select -2/3 as x", "X", "FIXED", 7, 6, "-0.666667"},
		{"select 10.1 / 2.1 as x", "X", "FIXED", 10, 7, "4.8095238"},
		{"select 1 / 100000000 as x", "X", "FIXED", 7, 6, "0.000000"},
		{"select (7/2)/2 as x", "X", "FIXED", 13, 12, "1.750000000000"},
		{"select i / n as x from q order by i", "X", "FIXED", 38, 6, "2.800000"},
		{"select n / i as x from q order by i", "X", "FIXED", 16, 8, "0.35714286"},
		{"select c / 10 as x from q order by i", "X", "FIXED", 38, 6, "123456789012345678901.200000"},
		{"select sum(n) / count(*) as x from q", "X", "FIXED", 38, 8, "3.12500000"},
		{"select avg(n) as x from q", "X", "FIXED", 38, 8, "3.12500000"},
		{"select avg(i) from q", "AVG(I)", "FIXED", 38, 6, "7.500000"},
		{"select i, avg(n) over (partition by i) as x from q order by i", "X", "FIXED", 38, 8, "2.50000000"},
		{"select div0(i, z) as x from q order by i", "X", "FIXED", 38, 6, "0.000000"},
		{"select div0(10, 4) as x", "X", "FIXED", 8, 6, "2.500000"},
		{"select div0null(n, null) as x from q order by i", "X", "FIXED", 16, 8, "0.00000000"},
		// 2 * (n / i), not (2 * n) / i (0.71428571); precision 17 (1 + 8
		// leading digits), as Snowflake types the product.
		{"select 2 * div0(n, i) as x from q order by i", "X", "FIXED", 17, 8, "0.71428572"},
		{"select f / i as x from q order by i", "X", "REAL", 0, 0, "0.2857142857142857"},
		{"select avg(f) as x from q", "X", "REAL", 0, 0, "3"},
	} {
		t.Run(c.query, func(t *testing.T) {
			arrowRows, arrowTypes := readTyped(t, ctx, arrowConn, c.query)
			jsonRows, jsonTypes := readTyped(t, ctx, jsonConn, c.query)
			col := len(arrowTypes) - 1
			for _, ct := range []*sql.ColumnType{arrowTypes[col], jsonTypes[col]} {
				require.Equal(t, c.name, ct.Name())
				require.Equal(t, c.typ, ct.DatabaseTypeName())
				p, s, ok := ct.DecimalSize()
				require.Equal(t, c.typ == "FIXED", ok)
				if c.p >= 0 {
					require.Equal(t, []int64{c.p, c.s}, []int64{p, s})
				}
				require.Equal(t, c.s, s)
			}
			// The driver gives both formats' values as the same Go value:
			// float64 for a NUMBER with a scale and a FLOAT.
			require.Equal(t, jsonRows, arrowRows)
			if c.s > 0 || c.typ == "REAL" {
				want, err := strconv.ParseFloat(c.first, 64)
				require.NoError(t, err)
				require.Equal(t, want, arrowRows[0][col])
			}
			for _, res := range resultsOf(srv, c.query) {
				require.Equal(t, c.first, *firstRow(res)[col], "the wire carries the exact value (%s)", res.format)
			}
		})
	}

	// A zero divisor still fails as in Snowflake; a NULL one gives NULL.
	for _, q := range []string{"select i / z from q", "select n / (i - 7) from q", "select 1/0"} {
		_, err := db.QueryContext(ctx, q)
		require.ErrorContains(t, err, "100051", q)
	}
	// A quotient past NUMBER(38) is Snowflake's 100046, not an engine error.
	for _, q := range []string{"select 12345678901234567890123456789012345678 / 1", "select 1234567890123456789012345678901234567 / 0.1"} {
		_, err := db.QueryContext(ctx, q)
		require.ErrorContains(t, err, "100046", q)
		require.ErrorContains(t, err, "Number out of representable range", q)
	}
	var got *string
	require.NoError(t, db.QueryRowContext(ctx, "select n / null::int from q limit 1").Scan(&got))
	require.Nil(t, got)
}

// CREATE TABLE ... AS SELECT and CREATE VIEW ... AS SELECT keep the NUMBER
// a division or AVG gives, so the table's column reads back as Snowflake's.
func TestExactDivisionInCTAS(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	for _, q := range []string{
		`create table q (i int, n number(10,2))`,
		`insert into q values (7, 2.50), (8, 3.75)`,
		`create table r as select i, n / i as ratio, avg(n) over () as mean from q`,
		`create view v as with w as (select * from q) select i, n / i as ratio from w`,
		`create table r2 (i number, ratio number(20,4)) as select i, n / i from q`,
	} {
		_, err := db.ExecContext(ctx, q)
		require.NoError(t, err, q)
	}
	for _, c := range []struct {
		query string
		p, s  []int64 // of the columns after the first
		vals  []string
	}{
		{"select i, ratio, mean from r order by i", []int64{16, 38}, []int64{8, 8}, []string{"0.35714286", "3.12500000"}},
		{"select i, ratio from v order by i", []int64{16}, []int64{8}, []string{"0.35714286"}},
		{"select i, ratio from r2 order by i", []int64{20}, []int64{4}, []string{"0.3571"}},
	} {
		rows, err := db.QueryContext(ctx, c.query)
		require.NoError(t, err, c.query)
		cts, err := rows.ColumnTypes()
		require.NoError(t, err)
		for k := range c.p {
			p, s, ok := cts[k+1].DecimalSize()
			require.True(t, ok, c.query)
			require.Equal(t, []int64{c.p[k], c.s[k]}, []int64{p, s}, c.query)
		}
		require.True(t, rows.Next())
		got := make([]string, len(cts))
		ptrs := make([]any, len(cts))
		for i := range got {
			ptrs[i] = &got[i]
		}
		require.NoError(t, rows.Scan(ptrs...))
		require.NoError(t, rows.Close())
		for k, want := range c.vals {
			w, _ := strconv.ParseFloat(want, 64)
			g, err := strconv.ParseFloat(got[k+1], 64)
			require.NoError(t, err)
			require.Equal(t, w, g, c.query)
		}
	}
}

// Divisions are typed in every select list: the main one, CTE bodies,
// subqueries, each branch of a set operation, innermost first; ORDER BY,
// QUALIFY and WHERE binds do not stop the exact form; a numeric bind as an
// operand is typed by its value (a FLOAT one gives FLOAT). A probe that
// cannot type the operands (a correlated subquery) leaves DuckDB's DOUBLE
// division.
func TestExactDivisionStatementShapes(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, `create table q (i int, n number(10,2))`)
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, `insert into q values (7, 2.50), (8, 3.75)`)
	require.NoError(t, err)
	for _, c := range []struct {
		query string
		args  []any
		typ   string // of the last column
		first string // the last column of the first row, as the driver gives it as a string
	}{
		{"select i, sum(n) / count(*) as r from q group by i order by r desc", nil, "FIXED", "3.75"},
		{"select i, n / 2 as h from q qualify row_number() over (order by i) = 1", nil, "FIXED", "1.25"},
		{"select n / 2 as h from q where i = ?", []any{8}, "FIXED", "1.875"},
		{"select n / ? as h from q order by i", []any{2}, "FIXED", "1.25"},
		{"select n / ? as h from q order by i", []any{2.0}, "REAL", "1.25"},
		{"select n / 2 as h from q union all select n / 4 from q", nil, "FIXED", "1.25"},
		{"with w as (select n from q) select n / 2 as h from w order by n", nil, "FIXED", "1.25"},
		{"with w as (select n / 2 as h from q), v as (select h / 2 as g from w) select g from v order by g", nil, "FIXED", "0.625"},
		{"select h from (select n / 2 as h from q) order by h", nil, "FIXED", "1.25"},
		{"select * from (select n / 2 from q) order by 1", nil, "FIXED", "1.25"},
		{"select (select max(n) / 2 from q) as h", nil, "FIXED", "1.875"},
		{"select i, (select max(n) / q.i from q q2) as h from q order by i", nil, "REAL", "0.5357142857142857"},
		{"with w as (select n / 2 as h from q where i = ?) select h from w", []any{7}, "FIXED", "1.25"},
		{"select div0(n, 0) as h, div0null(n, null) as g from q order by i", nil, "FIXED", "0"},
		{"select div0(null::int, 0) as h, div0null(null::int, null) as g", nil, "FIXED", "0"},
		{"select distinct n / 5 as h from q order by h", nil, "FIXED", "0.5"},
		{"select i, sum(n / i) as s from q group by i order by i", nil, "FIXED", "0.35714286"},
		{"select sum(n / 2) + count(*) as s from q", nil, "FIXED", "5.125"},
		{"select i, max(n / 5) over (order by i) as s from q order by i", nil, "FIXED", "0.5"},
		{"select i, max(sum(n) / count(*)) over () as s from q group by i order by i", nil, "FIXED", "3.75"},
		{"select q.n / q.i as h from q order by i", nil, "FIXED", "0.35714286"},
		{"select n::float / 2 as h from q order by i", nil, "REAL", "1.25"},
	} {
		rows, err := db.QueryContext(ctx, c.query, c.args...)
		require.NoError(t, err, c.query)
		cts, err := rows.ColumnTypes()
		require.NoError(t, err)
		require.Equal(t, c.typ, cts[len(cts)-1].DatabaseTypeName(), c.query)
		require.True(t, rows.Next(), c.query)
		vals := make([]any, len(cts))
		ptrs := make([]any, len(cts))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		require.NoError(t, rows.Scan(ptrs...))
		got, err := strconv.ParseFloat(fmt.Sprint(vals[len(vals)-1]), 64)
		require.NoError(t, err, c.query)
		want, _ := strconv.ParseFloat(c.first, 64)
		require.Equal(t, want, got, c.query)
		require.NoError(t, rows.Close())
	}
	// A subquery's unaliased quotient is named by its text, as in Snowflake.
	rows, err := db.QueryContext(ctx, "select * from (select n / 2 from q)")
	require.NoError(t, err)
	cols, err := rows.Columns()
	require.NoError(t, err)
	require.NoError(t, rows.Close())
	require.Equal(t, []string{"N / 2"}, cols)
}

// Arithmetic on number literals is typed as Snowflake types it (sum: one
// more leading digit than the wider operand; product: the leading digits
// added, the scale capped at max(S1, S2, 12)), so SELECT 1 + 2 is
// NUMBER(2,0) and scans into an int64, in both result formats.
func TestLiteralArithmeticTypes(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	arrowConn, jsonConn := formatConns(t, ctx, db)
	const query = "select 1 + 2 as a, 2 * 3 - 1 as b, 10.01 * 1.1 as c, .1 * .0000000000001 as d, count(*) + 1 as e, -(7) as f"
	arrowRows, arrowTypes := readTyped(t, ctx, arrowConn, query)
	jsonRows, jsonTypes := readTyped(t, ctx, jsonConn, query)
	require.Equal(t, jsonRows, arrowRows)
	want := [][2]int64{{2, 0}, {3, 0}, {6, 3}, {13, 13}, {19, 0}, {1, 0}}
	for _, cts := range [][]*sql.ColumnType{arrowTypes, jsonTypes} {
		for i, w := range want {
			p, s, ok := cts[i].DecimalSize()
			require.True(t, ok)
			require.Equal(t, w, [2]int64{p, s}, cts[i].Name())
		}
		require.Equal(t, "int64", cts[0].ScanType().String())
	}
	require.Equal(t, []any{int64(3), int64(5), 11.011, 0.0, "2", int64(-7)}, arrowRows[0])
	for _, res := range resultsOf(srv, query) {
		require.Equal(t, "0.0000000000000", *firstRow(res)[3], res.format)
	}
}

// divideExact rounds half away from zero on both paths (int64 and big).
func TestDivideExactRounding(t *testing.T) {
	for _, c := range []struct{ a, b, want int64 }{
		{5, 2, 3}, {-5, 2, -3}, {5, -2, -3}, {-5, -2, 3}, {7, 3, 2}, {-7, 3, -2}, {8, 3, 3}, {-8, -3, 3}, {6, 3, 2},
	} {
		require.Equal(t, c.want, roundQuo(c.a, c.b), "%d / %d", c.a, c.b)
		got, err := divideExact(duckdb.Decimal{Width: 38, Scale: 0, Value: new(big.Int).Mul(big.NewInt(c.a), bigPow10(20))}, duckdb.Decimal{Width: 38, Scale: 0, Value: new(big.Int).Mul(big.NewInt(c.b), bigPow10(20))}, 0, false)
		require.NoError(t, err)
		require.Equal(t, c.want, got, "big %d / %d", c.a, c.b)
	}
	thirds, err := divideExact(duckdb.Decimal{Width: 38, Scale: 2, Value: bigPow10(32)}, int32(3), 6, false)
	require.NoError(t, err)
	require.Equal(t, "333333333333333333333333333333333333", fmt.Sprint(thirds)) // 10^30 / 3 at scale 6
	_, err = divideExact(int64(1), int64(0), 6, false)
	require.ErrorContains(t, err, "division by zero")
	zero, err := divideExact(int64(1), int64(0), 6, true)
	require.NoError(t, err)
	require.Equal(t, int64(0), zero)
}

// A probe that fails (a correlated subquery) inside a transaction leaves
// the transaction usable: its later statements and COMMIT succeed.
func TestExactDivisionProbeInTransaction(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	for _, q := range []string{
		"create table q (i int, n number(10,2))",
		"insert into q values (7, 2.50), (8, 3.75)",
		"begin",
		"insert into q values (9, 1)",
	} {
		_, err := conn.ExecContext(ctx, q)
		require.NoError(t, err, q)
	}
	rows, err := conn.QueryContext(ctx, "select i, (select max(n) / q.i from q q2) as h from q order by i")
	require.NoError(t, err)
	rows.Close()
	_, err = conn.ExecContext(ctx, "insert into q values (10, 1)")
	require.NoError(t, err)
	_, err = conn.ExecContext(ctx, "commit")
	require.NoError(t, err)
	var n int
	require.NoError(t, conn.QueryRowContext(ctx, "select count(*) from q").Scan(&n))
	require.Equal(t, 4, n)
}
