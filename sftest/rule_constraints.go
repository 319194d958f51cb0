package sftest

import (
	"strconv"
	"strings"
)

// ruleConstraints makes a CREATE TABLE's constraints behave as on a
// Snowflake standard table. PRIMARY KEY, UNIQUE and FOREIGN KEY are recorded
// by Snowflake but not enforced (duplicates insert fine), so they are
// dropped, with their NOT ENFORCED/RELY/... properties; DuckDB would enforce
// them. NOT NULL is enforced by both. The length of VARCHAR(n), STRING(n),
// CHAR(n) (CHAR alone is CHAR(1)) is enforced by Snowflake and ignored by
// DuckDB: it becomes a CHECK that fails as Snowflake does (100074). A CTAS
// column list is left to ruleCTASColumns.
func ruleConstraints(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "CREATE") {
		return s, nil
	}
	toks := tokenize(s)
	oi, cl := createTableColumns(toks)
	if oi < 0 {
		return s, nil
	}
	if next, _ := codeAt(toks, cl+1); next.isWord("AS") {
		return s, nil
	}
	drop := map[int]bool{}
	after := map[int]string{}
	spans := argSpans(toks, oi+1, cl)
	for k, sp := range spans {
		first, fi := codeAt(toks, sp[0])
		if fi >= sp[1] {
			continue
		}
		if first.kind == tkWord && columnConstraintStarts[strings.ToUpper(first.text)] {
			if constraintKind(toks, fi) != "CHECK" {
				from, to := sp[0], sp[1]-1
				if k > 0 {
					from-- // the comma before
				} else if to+1 < cl {
					to++ // the comma after
				}
				dropRange(drop, from, to)
			}
			continue
		}
		_, ti := codeAt(toks, fi+1)
		dropColumnConstraints(toks, ti, sp[1], drop)
		if n, ok := declaredLength(toks, ti); ok {
			after[prevCode(toks, sp[1])] = " CHECK (length(" + first.text + ") <= " + strconv.Itoa(n) + ")"
		}
	}
	if len(drop) == 0 && len(after) == 0 {
		return s, nil
	}
	var b strings.Builder
	for i, t := range toks {
		if !drop[i] {
			b.WriteString(t.text)
		}
		b.WriteString(after[i])
	}
	return b.String(), nil
}

// createTableColumns returns the indexes of the parentheses around a CREATE
// TABLE's column list, or -1, -1.
func createTableColumns(toks []token) (int, int) {
	at, object := createHead(toks)
	if at < 0 || object != "TABLE" {
		return -1, -1
	}
	i := at + 1
	if t, _ := codeAt(toks, i); t.isWord("IF") {
		i = skipCode(toks, i, 3) // IF NOT EXISTS
	}
	_, i = parseName(toks, i)
	open, oi := codeAt(toks, i)
	if !open.is("(") {
		return -1, -1
	}
	cl := closeParen(toks, oi)
	if cl < 0 {
		return -1, -1
	}
	return oi, cl
}

// constraintKind is PRIMARY, UNIQUE, FOREIGN, REFERENCES or CHECK for the
// constraint starting at toks[i] ([CONSTRAINT name] kind ...), else "".
func constraintKind(toks []token, i int) string {
	t, j := codeAt(toks, i)
	if t.isWord("CONSTRAINT") {
		_, j = codeAt(toks, j+1) // the name
		t, _ = codeAt(toks, j+1)
	}
	if t.kind != tkWord {
		return ""
	}
	switch w := strings.ToUpper(t.text); w {
	case "PRIMARY", "UNIQUE", "FOREIGN", "REFERENCES", "CHECK":
		return w
	}
	return ""
}

// constraintProperties may follow a constraint in Snowflake's syntax.
var constraintProperties = map[string]bool{
	"ENFORCED": true, "DEFERRABLE": true, "INITIALLY": true, "DEFERRED": true, "IMMEDIATE": true,
	"ENABLE": true, "DISABLE": true, "VALIDATE": true, "NOVALIDATE": true, "RELY": true, "NORELY": true,
	"MATCH": true, "FULL": true, "PARTIAL": true, "SIMPLE": true,
}

// dropColumnConstraints marks for dropping the unenforced constraints in a
// column definition's tokens [from, end): [CONSTRAINT n] PRIMARY KEY,
// UNIQUE, [FOREIGN KEY] REFERENCES t [(c)], and their properties.
func dropColumnConstraints(toks []token, from, end int, drop map[int]bool) {
	for i := from; i < end; i++ {
		switch constraintKind(toks, i) {
		case "PRIMARY", "UNIQUE", "FOREIGN", "REFERENCES":
		default:
			continue
		}
		if !toks[i].isCode() {
			continue
		}
		j := i
		for j < end {
			t, k := codeAt(toks, j+1)
			if k >= end {
				break
			}
			switch {
			case t.is("("):
				if c := closeParen(toks, k); c > 0 && c < end {
					j = c
					continue
				}
			case t.isWord("NOT"):
				if n, _ := codeAt(toks, k+1); n.isWord("ENFORCED") || n.isWord("DEFERRABLE") {
					j = k
					continue
				}
			case t.kind == tkWord && (t.isWord("KEY") || t.isWord("REFERENCES") || t.isWord("ON") ||
				constraintProperties[strings.ToUpper(t.text)]):
				j = k
				continue
			case t.kind == tkWord || t.kind == tkQuoted || t.is("."):
				// the constraint's name or the referenced table's
				if p, _ := codeAt(toks, prevCode(toks, k)); p.isWord("CONSTRAINT") || p.isWord("REFERENCES") || p.is(".") || t.is(".") {
					j = k
					continue
				}
			}
			break
		}
		dropRange(drop, i, j)
		i = j
	}
}

func dropRange(drop map[int]bool, from, to int) {
	for i := from; i <= to; i++ {
		drop[i] = true
	}
}

// declaredLength is the length of a character type at toks[ti] that
// declares one (CHAR and CHARACTER alone are length 1, as in Snowflake).
func declaredLength(toks []token, ti int) (int, bool) {
	t := toks[ti]
	if t.kind != tkWord {
		return 0, false
	}
	w := strings.ToUpper(t.text)
	switch w {
	case "VARCHAR", "STRING", "TEXT", "CHAR", "CHARACTER", "NCHAR", "NVARCHAR", "NVARCHAR2":
	default:
		return 0, false
	}
	next, ni := codeAt(toks, ti+1)
	if next.isWord("VARYING") {
		next, ni = codeAt(toks, ni+1)
	} else if !next.is("(") && (w == "CHAR" || w == "CHARACTER" || w == "NCHAR") {
		return 1, true
	}
	if !next.is("(") {
		return 0, false
	}
	arg, ai := codeAt(toks, ni+1)
	if c, _ := codeAt(toks, ai+1); !c.is(")") || !isInteger(arg.text) {
		return 0, false
	}
	n, err := strconv.Atoi(arg.text)
	return n, err == nil
}

// stringTooLong answers a failed length CHECK as Snowflake answers a string
// longer than its column (Snowflake names the value, which the engine's
// message does not carry).
func stringTooLong([]string, failedStmt) *sqlError {
	return &sqlError{Code: "100074", SQLState: "22001", Message: "String is too long and would be truncated"}
}
