package sftest

import (
	"testing"
)

// TestImplicitText: the string functions read a number as its text (a
// NUMBER's scale kept), a VARIANT as the text it holds, and a BINARY as its
// bytes; strings, NULL and SELECT * REPLACE are left alone.
func TestImplicitText(t *testing.T) {
	requireAnswers(t,
		corpusCase{sql: "select length(12345), substr(12345, 2, 2), left(12345, 2), lpad(7, 3, '0'), replace(123, '2', 'x'), length(-12), length(1.50)",
			types: "FIXED, TEXT, TEXT, TEXT, TEXT, FIXED, FIXED", rows: "5 | 23 | 12 | 007 | 1x3 | 3 | 4"},
		corpusCase{sql: "create table n (id number, amt number(10,2), v variant)", types: "TEXT", rows: "Table N successfully created."},
		corpusCase{sql: "insert into n select 42, 65000.50, parse_json('{\"name\": \"Ann\", \"n\": 7, \"o\": {\"a\": 1}, \"z\": null}')", types: "FIXED", rows: "1"},
		corpusCase{sql: "select lpad(id, 5, '0'), length(amt), md5(id), startswith(id, '4') from n",
			types: "TEXT, FIXED, TEXT, BOOLEAN", rows: "00042 | 8 | a1d0c6e83f027327d8461063f4ac58a6 | true"},
		corpusCase{sql: "select upper(v:name), length(v:name), trim(v:n), lower(v:o), length(v:z), contains(v:name, 'nn') from n",
			types: "TEXT, FIXED, TEXT, TEXT, FIXED, BOOLEAN", rows: "ANN | 3 | 7 | {\"a\":1} | NULL | true"},
		corpusCase{sql: "select md5(to_binary('61')) = md5('a'), hex_encode(to_binary('6162')), upper(null), length('abc')",
			types: "BOOLEAN, TEXT, TEXT, FIXED", rows: "true | 6162 | NULL | 3"},
		corpusCase{sql: "select position('b' in 'abc'), * replace ('x' as id) from (select 1 as id)", types: "FIXED, TEXT", rows: "2 | x"},
	)
}
