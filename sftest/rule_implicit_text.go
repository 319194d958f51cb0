package sftest

import (
	"strings"
)

// Implicit casts to text.
//
// Snowflake's string functions read a number as its text (LENGTH(12345) is
// 5, LPAD(7, 3, '0') is '007', MD5(id) hashes the id's digits) and a
// VARIANT as the text it holds (UPPER(v:name) is 'ANN', not the JSON
// '"ANN"'). DuckDB finds no string function for a number and reads JSON as
// its JSON text. A number literal becomes a string literal of its text;
// any other argument goes through a macro overloaded by the argument's
// type: a VARCHAR or BINARY passes unchanged, a JSON value the text it holds
// (a string's characters, an object's or array's JSON, NULL for JSON
// null), any other value its cast to VARCHAR (a NUMBER's scale kept: 1.50
// is '1.50'). String literals and arguments with a bind placeholder are
// left as written.

// implicitTextFunc is the macro that reads a value as text.
const implicitTextFunc = "memory.main.sftest_text"

// createTextMacro creates implicitTextFunc. A BLOB passes unchanged (MD5,
// LENGTH, HEX_ENCODE ... of a BINARY read its bytes). The JSON case sits
// inside the untyped overload: a JSON overload would also take DECIMALs
// (DuckDB casts them to JSON implicitly, dropping their trailing zeros),
// and a VARCHAR one JSON values (cast to their JSON text).
const createTextMacro = "CREATE MACRO " + implicitTextFunc + "(x BLOB) AS x, (x) AS CASE " + variantTextCase + " END"

// variantTextCase is the CASE branches (WHEN ... ELSE ...) that read a
// value x as text: a VARIANT (DuckDB's JSON) as the text it holds, a
// string's characters without JSON quotes; anything else its cast to
// VARCHAR.
const variantTextCase = "WHEN typeof(x) = 'JSON' THEN json_extract_string(CAST(x AS VARCHAR), '$') ELSE CAST(x AS VARCHAR)"

// implicitTextArgs are the string functions whose arguments Snowflake
// reads as text, by name, with the 1-based positions of those arguments
// (0: every argument).
var implicitTextArgs = func() map[string][]int {
	m := map[string][]int{
		"LPAD": {1, 3}, "RPAD": {1, 3}, "REPLACE": {1, 2, 3}, "TRANSLATE": {1, 2, 3},
		"SPLIT_PART": {1, 2}, "SPLIT": {1, 2}, "CONTAINS": {1, 2}, "STARTSWITH": {1, 2}, "ENDSWITH": {1, 2},
		"CHARINDEX": {1, 2}, "POSITION": {1, 2}, "EDITDISTANCE": {1, 2}, "STRTOK": {1}, "CONCAT": {0},
	}
	for _, f := range []string{"LENGTH", "LEN", "CHAR_LENGTH", "CHARACTER_LENGTH", "UPPER", "LOWER", "INITCAP",
		"TRIM", "LTRIM", "RTRIM", "SUBSTR", "SUBSTRING", "LEFT", "RIGHT", "REVERSE", "REPEAT", "ASCII",
		"MD5", "MD5_HEX", "SHA1", "SHA1_HEX", "SHA2", "SHA2_HEX", "BASE64_ENCODE", "HEX_ENCODE",
		"REGEXP_REPLACE", "REGEXP_SUBSTR", "REGEXP_COUNT", "REGEXP_INSTR", "SOUNDEX"} {
		m[f] = []int{1}
	}
	return m
}()

// textArg is arg read as Snowflake reads a string function's argument.
func textArg(arg string) string {
	code := codeOnly(tokenize(arg))
	switch {
	case len(code) == 0 || placeholderIn(code):
		return arg
	case len(code) == 1 && code[0].kind == tkString:
		return arg
	case len(code) == 1 && code[0].kind == tkNumber && !strings.ContainsAny(code[0].text, "eE"):
		return quoteString(code[0].text)
	case len(code) == 1 && code[0].isWord("NULL"):
		return arg
	}
	return implicitTextFunc + "(" + arg + ")"
}
