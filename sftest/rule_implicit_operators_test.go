package sftest

import (
	"testing"
)

// TestImplicitOperators: || and CONCAT join the strings VARIANTs hold, and
// LIKE/ILIKE (NOT, ANY) read a number or a VARIANT subject as text; CREATE
// TABLE ... LIKE, SELECT * ILIKE and NULL subjects are left alone.
func TestImplicitOperators(t *testing.T) {
	requireAnswers(t,
		corpusCase{sql: "create table p (id number, amt number(10,2), v variant)", types: "TEXT", rows: "Table P successfully created."},
		corpusCase{sql: "insert into p select 12, 650.50, parse_json('{\"first\": \"Ann\", \"last\": \"Lee\", \"age\": 31}')", types: "FIXED", rows: "1"},
		corpusCase{sql: "select v:first || ' ' || v:last, concat(v:first, '-', v:age), v:first || null from p",
			types: "TEXT, TEXT, TEXT", rows: "Ann Lee | Ann-31 | NULL"},
		corpusCase{sql: "select id like '1%', id not like '1%', amt like '%.50', v:first ilike 'a%', id like any ('9%', '%2') from p",
			types: "BOOLEAN, BOOLEAN, BOOLEAN, BOOLEAN, BOOLEAN", rows: "true | false | true | true | true"},
		corpusCase{sql: "select null like 'a%', 'ab' like 'a%', (case when id > 1 then 'x' end) like 'x' from p",
			types: "BOOLEAN, BOOLEAN, BOOLEAN", rows: "NULL | true | true"},
		corpusCase{sql: "create table p2 like p", types: "TEXT", rows: "Table P2 successfully created."},
		corpusCase{sql: "select * ilike 'a%' from p", types: "FIXED", rows: "650.5"},
	)
}

// TestImplicitNumberComparison: a VARCHAR column compared for equality with
// a number is read as a number, and a value that is none fails with 100038
// (DuckDB names the column in its message, which must not hide the code).
func TestImplicitNumberComparison(t *testing.T) {
	requireAnswers(t,
		corpusCase{sql: "create table c (s varchar)", types: "TEXT", rows: "Table C successfully created."},
		corpusCase{sql: "insert into c values ('7'), ('12')", types: "FIXED", rows: "2"},
		corpusCase{sql: "select s from c where s = 12", types: "TEXT", rows: "12"},
		corpusCase{sql: "insert into c values ('x')", types: "FIXED", rows: "1"},
		corpusCase{sql: "select count(*) from c where s = 1", code: "100038"},
	)
}
