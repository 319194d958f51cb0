package sftest

import (
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
			for range b.N {
				rows, err := db.QueryContext(ctx, c.query)
				if err != nil {
					b.Fatal(err)
				}
				for rows.Next() {
				}
				if err := rows.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100000, "ns/row")
		})
	}
}
