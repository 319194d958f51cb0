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

// alterColumnCases change column types as Snowflake's ALTER TABLE ... ALTER
// COLUMN reference allows and refuses.
var alterColumnCases = []corpusCase{
	{name: "ALTER COLUMN table", sql: "create or replace table cx_alter (id number, name varchar(10), amt number(10,2))", types: "TEXT", rows: "Table CX_ALTER successfully created."},
	{name: "ALTER COLUMN longer VARCHAR", sql: "alter table cx_alter alter column name set data type varchar(50)", types: "TEXT", cols: colsStatus, rows: stmtOK},
	{name: "MODIFY COLUMN precision", sql: "alter table cx_alter modify column amt number(20,2)", types: "TEXT", rows: stmtOK},
	{name: "ALTER COLUMN new types", sql: "select column_name, character_maximum_length, numeric_precision from information_schema.columns where table_name = 'CX_ALTER' and column_name <> 'ID' order by 1",
		types: "TEXT, FIXED, FIXED", rows: "AMT | NULL | 20\nNAME | 50 | NULL"},
	{name: "ALTER COLUMN other type family", sql: "alter table cx_alter alter column id set data type varchar", code: "002108"},
	{name: "ALTER COLUMN shorter VARCHAR", sql: "alter table cx_alter alter column name set data type varchar(5)", code: "040050"},
}
