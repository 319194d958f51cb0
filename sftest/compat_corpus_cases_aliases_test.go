package sftest

// aliasCases are select lists whose implicit aliases (no AS) are words
// Snowflake does not reserve but DuckDB treats as keywords.
var aliasCases = []corpusCase{
	{name: "implicit alias YEAR", sql: "select year(hired) year, count(*) hires from employees group by 1 order by 1 limit 2",
		types: "FIXED, FIXED", cols: "YEAR, HIRES", rows: "2019 | 1\n2020 | 1"},
	{name: "implicit alias NAME VALUE", sql: "select name name, salary value from employees where id = 4",
		types: "TEXT, FIXED", cols: "NAME, VALUE", rows: "Dan | 65000.5"},
	{name: "implicit alias in a subquery", sql: "select max(value) from (select amount value from sales) s",
		types: "FIXED", rows: "200"},
}
