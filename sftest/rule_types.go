package sftest

import "strings"

// Snowflake's column types mapped to DuckDB's.

// columnConstraintStarts begin a table constraint, not a column, in a
// column list.
var columnConstraintStarts = map[string]bool{
	"CONSTRAINT": true, "PRIMARY": true, "UNIQUE": true, "FOREIGN": true, "CHECK": true,
}

// ruleTypes maps Snowflake data types to DuckDB ones where a type is
// expected: after ::, after AS in CAST/TRY_CAST, in a CREATE TABLE column
// list, and in ALTER TABLE ... ADD [COLUMN] c T / ... TYPE T. Words
// elsewhere (a column named text or date) are left alone.
func ruleTypes(s string, _ *rewriteEnv) (string, error) {
	if !strings.Contains(s, "::") && !containsFold(s, "CAST") && !containsFold(s, "CREATE") && !containsFold(s, "ALTER") {
		return s, nil
	}
	toks := tokenize(s)
	var starts []int
	// :: and CAST(x AS T).
	var castParens []bool // per open paren: is it a CAST's
	for i, t := range toks {
		switch {
		case t.is("::"):
			if _, j := codeAt(toks, i+1); j < len(toks) {
				starts = append(starts, j)
			}
		case t.is("("):
			p := prevCode(toks, i)
			castParens = append(castParens, p >= 0 && (toks[p].isWord("CAST") || toks[p].isWord("TRY_CAST")))
		case t.is(")"):
			if len(castParens) > 0 {
				castParens = castParens[:len(castParens)-1]
			}
		case t.isWord("AS") && len(castParens) > 0 && castParens[len(castParens)-1]:
			if _, j := codeAt(toks, i+1); j < len(toks) {
				starts = append(starts, j)
			}
		}
	}
	starts = append(starts, columnDefTypes(toks)...)
	type repl struct {
		to   int // the type is toks[from:to+1]
		text string
	}
	reps := map[int]repl{} // by from
	for _, p := range starts {
		to, text, ok, err := mapType(toks, p)
		if err != nil {
			return "", err
		}
		if ok {
			reps[p] = repl{to, text}
		}
	}
	if len(reps) == 0 {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(toks); i++ {
		if r, ok := reps[i]; ok {
			b.WriteString(r.text)
			i = r.to
			continue
		}
		b.WriteString(toks[i].text)
	}
	return b.String(), nil
}

// columnDefTypes returns the token indexes where column types start in a
// CREATE TABLE column list or an ALTER TABLE ADD/ALTER COLUMN.
func columnDefTypes(toks []token) []int {
	var out []int
	if at, object := createHead(toks); at >= 0 && object == "TABLE" {
		i := at + 1
		if t, _ := codeAt(toks, i); t.isWord("IF") {
			i = skipCode(toks, i, 3) // IF NOT EXISTS
		}
		_, i = parseName(toks, i)
		open, oi := codeAt(toks, i)
		if !open.is("(") {
			return nil
		}
		close := closeParen(toks, oi)
		if close < 0 {
			return nil
		}
		for _, sp := range argSpans(toks, oi+1, close) {
			name, ni := codeAt(toks, sp[0])
			if ni >= sp[1] || name.kind == tkWord && columnConstraintStarts[strings.ToUpper(name.text)] {
				continue
			}
			if name.kind != tkWord && name.kind != tkQuoted {
				continue
			}
			if _, ti := codeAt(toks, ni+1); ti < sp[1] {
				out = append(out, ti)
			}
		}
		return out
	}
	first, i := codeAt(toks, 0)
	if second, _ := codeAt(toks, i+1); !first.isWord("ALTER") || !second.isWord("TABLE") {
		return nil
	}
	for i := range toks {
		t := toks[i]
		switch {
		case t.isWord("ADD"):
			j := i + 1
			if n, k := codeAt(toks, j); n.isWord("COLUMN") {
				j = k + 1
			}
			if n, _ := codeAt(toks, j); n.isWord("IF") {
				j = skipCode(toks, j, 3) // IF NOT EXISTS
			}
			if n, k := codeAt(toks, j); n.kind == tkWord || n.kind == tkQuoted {
				if _, ti := codeAt(toks, k+1); ti < len(toks) {
					out = append(out, ti)
				}
			}
		case t.isWord("TYPE"):
			if _, ti := codeAt(toks, i+1); ti < len(toks) {
				out = append(out, ti)
			}
		}
	}
	return out
}

// mapType maps the Snowflake type starting at toks[p]. It returns the index
// of the type's last token and DuckDB's spelling, or ok false when the type
// needs no change (or p is not a type name).
func mapType(toks []token, p int) (to int, text string, ok bool, err error) {
	if p >= len(toks) || toks[p].kind != tkWord {
		return 0, "", false, nil
	}
	w := strings.ToUpper(toks[p].text)
	to = p
	var args []string
	if open, oi := codeAt(toks, p+1); open.is("(") {
		if c := closeParen(toks, oi); c > 0 {
			for _, a := range splitArgs(toks, oi+1, c) {
				args = append(args, trimmed(a))
			}
			to = c
		}
	}
	// nextWord extends the type over a following word (DOUBLE PRECISION).
	nextWord := func(words ...string) bool {
		k, ok := wordsAfter(toks, to, words...)
		if ok {
			to = k
		}
		return ok
	}
	switch w {
	case "NUMBER", "NUMERIC", "DECIMAL", "DEC":
		// Snowflake's default is NUMBER(38,0); DuckDB's DECIMAL is (18,3).
		switch {
		case len(args) == 0:
			return to, "DECIMAL(38,0)", true, nil
		case len(args) == 1 && isInteger(args[0]):
			return to, "DECIMAL(" + args[0] + ",0)", true, nil
		case len(args) == 2 && isInteger(args[0]) && isInteger(args[1]):
			return to, "DECIMAL(" + args[0] + "," + args[1] + ")", true, nil
		}
		return 0, "", false, compileError("invalid type %s", trimmed(toks[p:to+1]))
	case "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT":
		// All are NUMBER(38,0) in Snowflake; BIGINT holds every value
		// short of 19 digits, which is what tests use, and is much faster
		// than DECIMAL(38,0).
		return to, "BIGINT", true, nil
	case "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "REAL":
		// All are 64-bit in Snowflake; DuckDB's FLOAT and REAL are 32-bit.
		nextWord("PRECISION")
		return to, "DOUBLE", true, nil
	case "STRING", "TEXT", "VARCHAR", "CHAR", "CHARACTER", "NCHAR", "NVARCHAR", "NVARCHAR2", "NCHAR_VARYING":
		if len(args) == 0 && nextWord("VARYING") {
			if open, oi := codeAt(toks, to+1); open.is("(") {
				if c := closeParen(toks, oi); c > 0 {
					to = c
				}
			}
		}
		return to, "VARCHAR", true, nil
	case "BINARY", "VARBINARY":
		return to, "BLOB", true, nil
	case "DATETIME", "TIMESTAMP_NTZ":
		return to, ntzType(args), true, nil
	case "TIMESTAMP":
		switch {
		case nextWord("WITH", "LOCAL", "TIME", "ZONE"), nextWord("WITH", "TIME", "ZONE"):
			return to, "TIMESTAMPTZ", true, nil
		case nextWord("WITHOUT", "TIME", "ZONE"):
		}
		return to, ntzType(args), true, nil
	case "TIMESTAMP_LTZ", "TIMESTAMP_TZ":
		return to, "TIMESTAMPTZ", true, nil
	case "TIME":
		return to, "TIME", true, nil
	case "VARIANT", "OBJECT", "ARRAY":
		return to, "JSON", true, nil
	case "GEOGRAPHY", "GEOMETRY", "VECTOR", "FILE":
		return 0, "", false, unsupported("data type " + w)
	}
	return 0, "", false, nil
}

// wordsAfter reports whether the code tokens after toks[k] are the words
// given, in order, and returns the index of the last of them.
func wordsAfter(toks []token, k int, words ...string) (int, bool) {
	for _, want := range words {
		n, j := codeAt(toks, k+1)
		if !n.isWord(want) {
			return 0, false
		}
		k = j
	}
	return k, true
}

// isInteger reports whether s is a non-empty string of ASCII digits.
func isInteger(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
