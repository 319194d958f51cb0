package sftest

import (
	"context"
	"database/sql"
	"testing"
)

// BenchmarkExactDivision reads 100,000 rows of two computed columns through
// the driver: exact NUMBER division (sftest_div_s) against multiplication
// (DuckDB's own decimal arithmetic) and FLOAT division, per row.
func BenchmarkExactDivision(b *testing.B) {
	_, db := newTestServer(b)
	ctx := testCtx(b)
	_, err := db.ExecContext(ctx, "create table q as select i, (i % 100)::number(10,2) as n from range(1, 100001) t(i)")
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, query string }{
		{"multiply", "select i * 3, n * 3 from q"},
		{"exact-divide", "select i / 3, n / 3 from q"},
		{"float-divide", "select i::float / 3, n::float / 3 from q"},
	} {
		b.Run(c.name, func(b *testing.B) {
			readQuery(b, ctx, db, c.query, b.N)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100000, "ns/row")
		})
	}
}

// BenchmarkExactArithmeticStatements measures what typing costs a
// statement that returns one row: a plain one (no arithmetic: no probe), a
// sum and product of NUMBER columns (one probe of the select list before
// it runs), the same on literals (typed from the text, no probe), and a
// DATEADD of a DATE column (a macro DuckDB picks when it binds, no probe).
func BenchmarkExactArithmeticStatements(b *testing.B) {
	_, db := newTestServer(b)
	ctx := testCtx(b)
	_, err := db.ExecContext(ctx, "create table q as select i, (i % 100)::number(20,8) as n, dateadd(day, i % 365, '2024-01-01'::date) as d from range(1, 1001) t(i)")
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, query string }{
		{"plain", "select i, n from q where i = 5"},
		{"sum-product", "select n + 1, n * n from q where i = 5"},
		{"literals", "select 1 + 2, 3 * 4.5 from q where i = 5"},
		{"dateadd", "select dateadd(day, 1, d), d + interval '1 month' from q where i = 5"},
	} {
		b.Run(c.name, func(b *testing.B) {
			readQuery(b, ctx, db, c.query, 20) // warm: connections and DuckDB's caches
			b.ResetTimer()
			readQuery(b, ctx, db, c.query, b.N)
		})
	}
}

// readQuery runs query n times through db, reading every row.
func readQuery(b *testing.B, ctx context.Context, db *sql.DB, query string, n int) {
	for range n {
		rows, err := db.QueryContext(ctx, query)
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
		}
		if err := rows.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExactArithmeticCheck measures what deciding that a statement
// needs no retyping costs, beside parsing it: a statement without + - * /
// stops at a text check; one with a * or - that is no arithmetic (SELECT *,
// a date string) scans its select lists for sites and finds none.
func BenchmarkExactArithmeticCheck(b *testing.B) {
	for _, c := range []struct{ name, query string }{
		{"no-operator", "select id, name, salary from employees where id = 5 and dept = 'ENG'"},
		{"star-and-date", "select * from employees where hired >= '2024-01-01' and dept = 'ENG'"},
	} {
		toks := tokenize(c.query)
		b.Run(c.name+"/check", func(b *testing.B) {
			for range b.N {
				if exactArithmetic(toks, nil) != nil {
					b.Fatal("retyped")
				}
			}
		})
		b.Run(c.name+"/parse", func(b *testing.B) {
			for range b.N {
				if _, err := parseStatement(c.query, &rewriteEnv{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
