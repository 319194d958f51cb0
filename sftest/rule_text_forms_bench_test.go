package sftest

import (
	"context"
	"database/sql"
	"strconv"
	"testing"
)

// BenchmarkRuleTextForms measures what ruleTextForms adds to rewriting a
// statement, side by side with all the rules (applyRules) on the same text:
// a statement that converts nothing to text (the prefilter answers), one
// with casts to text and one with a || chain.
func BenchmarkRuleTextForms(b *testing.B) {
	for _, bc := range []struct{ name, sql string }{
		{"no text", "select region, sum(amount) from sales where sold > '2024-01-01'::date and amount::number(10,2) > 1 group by region"},
		{"casts", "select region::varchar, sold::string, cast(amount as text), to_varchar(sold) from sales"},
		{"concat", "select 'on ' || sold || ' in ' || region || ': ' || amount from sales"},
	} {
		b.Run(bc.name+"/textForms", func(b *testing.B) {
			for b.Loop() {
				if _, err := ruleTextForms(bc.sql, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(bc.name+"/allRules", func(b *testing.B) {
			for b.Loop() {
				if _, err := applyRules(bc.sql, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTextFormExecution measures the engine writing 1 and 100,000
// values as text through textFormFunc against DuckDB's own cast: a number
// (which textFormFunc casts as before) and a timestamp (which it writes with
// strftime). One row shows what binding the macro costs a statement.
func BenchmarkTextFormExecution(b *testing.B) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	if err := registerEngineFunctions(ctx, db); err != nil {
		b.Fatal(err)
	}
	for _, q := range createTextFormMacros {
		if _, err := db.ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	args, err := textFormArgs(nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct{ name, value, rows string }{
		{"number 1 row", "i", "1"},
		{"number", "i", "100000"},
		{"timestamp 1 row", "TIMESTAMP '2024-01-01' + to_seconds(i)", "1"},
		{"timestamp", "TIMESTAMP '2024-01-01' + to_seconds(i)", "100000"},
	} {
		rowsN := bc.rows
		for _, form := range []struct{ name, expr string }{
			{"duckdb cast", "CAST(" + bc.value + " AS VARCHAR)"},
			{"textForm", "CAST(" + textFormFunc + "(" + bc.value + args + ") AS VARCHAR)"},
		} {
			q := "SELECT count(x) FROM (SELECT " + form.expr + " AS x FROM range(" + rowsN + ") t(i))"
			b.Run(bc.name+"/"+form.name, func(b *testing.B) {
				for b.Loop() {
					var n int
					if err := db.QueryRowContext(ctx, q).Scan(&n); err != nil || strconv.Itoa(n) != rowsN {
						b.Fatal(n, err)
					}
				}
			})
		}
	}
}
