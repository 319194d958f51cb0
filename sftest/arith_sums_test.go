package sftest

import (
	"database/sql"
	"testing"

	"github.com/stretchr/testify/require"
)

// + - * of NUMBER columns come back as Snowflake types them (sum: max(L1,
// L2) + 1 leading digits, scale max(S1, S2); product: L1 + L2, scale
// min(S1 + S2, max(S1, S2, 12)); precision capped at 38), with the digits
// of that scale on the wire, in both result formats; a FLOAT or DATE
// operand keeps DuckDB's operator.
func TestExactSumsAndProducts(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	execAll(t, ctx, db,
		"create table m (i int, a number(20,8), b number(20,8), n number(10,2), d date, f float)",
		"insert into m values (3, 1.12345678, 2.5, 2.50, '2024-01-31', 0.5), (4, 0.00000005, 0.00000001, -1.25, '2024-02-01', 2)")
	arrowConn, jsonConn := formatConns(t, ctx, db)
	for _, c := range []struct {
		query string
		typ   string
		p, s  int64
		first string // on the wire
	}{
		{"select a * b from m order by i", "FIXED", 36, 12, "2.808641950000"},
		{"select n * 2 from m order by i", "FIXED", 11, 2, "5.00"},
		{"select n + 1 from m order by i", "FIXED", 11, 2, "3.50"},
		{"select n - a as x from m order by i", "FIXED", 21, 8, "1.37654322"},
		{"select i + 1 from m order by i", "FIXED", 38, 0, "4"},
		{"select i * n from m order by i", "FIXED", 38, 2, "7.50"},
		{"select a * b * n from m order by i", "FIXED", 38, 12, "7.021604875000"},
		{"select (1 + 2) * n from m order by i", "FIXED", 12, 2, "7.50"},
		{"select -a * b from m order by i", "FIXED", 36, 12, "-2.808641950000"},
		{"select sum(a * b) from m", "FIXED", 38, 12, "2.808641950000"},
		{"select n * n + a from m order by i", "FIXED", 25, 8, "7.37345678"},
		{"select f * n from m order by i", "REAL", 0, 0, "1.25"},
	} {
		t.Run(c.query, func(t *testing.T) {
			arrowRows, arrowTypes := readTyped(t, ctx, arrowConn, c.query)
			jsonRows, jsonTypes := readTyped(t, ctx, jsonConn, c.query)
			require.Equal(t, jsonRows, arrowRows)
			for _, ct := range []*sql.ColumnType{arrowTypes[0], jsonTypes[0]} {
				require.Equal(t, c.typ, ct.DatabaseTypeName())
				if c.typ == "FIXED" {
					p, s, ok := ct.DecimalSize()
					require.True(t, ok)
					require.Equal(t, [2]int64{c.p, c.s}, [2]int64{p, s})
				}
			}
			results := resultsOf(srv, c.query)
			require.Len(t, results, 2)
			for _, res := range results {
				require.Equal(t, c.first, *firstRow(res)[0], res.format)
			}
		})
	}
	var day string
	require.NoError(t, db.QueryRowContext(ctx, "select to_varchar(d - 1) from m order by i limit 1").Scan(&day))
	require.Equal(t, "2024-01-30", day, "DATE - 1 stays a DATE")

	// A table made from a product keeps Snowflake's type.
	execAll(t, ctx, db, "create table r as select a * b as p from m")
	rows, err := db.QueryContext(ctx, "select p from r")
	require.NoError(t, err)
	cts, err := rows.ColumnTypes()
	require.NoError(t, err)
	require.NoError(t, rows.Close())
	p, s, _ := cts[0].DecimalSize()
	require.Equal(t, [2]int64{36, 12}, [2]int64{p, s})
}

// Only a statement whose select lists hold arithmetic is retyped, and
// arithmetic on literals alone is typed without a probe.
func TestExactArithmeticProbesOnlyWhereNeeded(t *testing.T) {
	for _, q := range []string{
		"select * from t where d = '2024-01-01'",
		"select count(*), t.* from t",
		"select a from t where b - 1 > 0",
		"insert into t values (1, -2)",
	} {
		toks := tokenize(q)
		require.Nil(t, exactArithmetic(toks, nil), q)
	}
	noProbe := func(string, []int) ([]string, error) {
		t.Fatal("probed")
		return nil, nil
	}
	for _, q := range []string{"select 1 + 2 * 3 as x", "select -(7) - 2, count(*) + 1"} {
		retype := exactArithmetic(tokenize(q), nil)
		require.NotNil(t, retype, q)
		_, ok := retype(noProbe)
		require.True(t, ok, q)
	}
	// An operand with a column needs one.
	probed := 0
	retype := exactArithmetic(tokenize("select a * 2 from t"), nil)
	require.NotNil(t, retype)
	_, ok := retype(func(string, []int) ([]string, error) {
		probed++
		return []string{"DECIMAL(20,8)", "INTEGER", "DECIMAL(30,8)"}, nil
	})
	require.True(t, ok)
	require.Equal(t, 1, probed)
}
