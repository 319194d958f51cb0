package sftest

import (
	"context"
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// Sequences: CREATE [OR REPLACE] SEQUENCE [IF NOT EXISTS] s [WITH]
// [START [WITH] [=] n] [INCREMENT [BY] [=] m] [ORDER | NOORDER]
// [COMMENT = '...'] and DROP SEQUENCE map onto DuckDB's sequences;
// s.NEXTVAL is the sequences rule (rule_sequences.go).

// sequenceSpec is a sequence's first value and step.
type sequenceSpec struct{ start, step int64 }

// duckSequence is the DuckDB statement creating a sequence named name (a
// DuckDB name, quoted) that yields spec's values over the whole int64
// range, as Snowflake's do (DuckDB's default range starts at 1 for an
// ascending sequence and ends at -1 for a descending one).
func duckSequence(head, name string, spec sequenceSpec) string {
	return head + " " + name + " START WITH " + strconv.FormatInt(spec.start, 10) +
		" INCREMENT BY " + strconv.FormatInt(spec.step, 10) +
		" MINVALUE " + strconv.FormatInt(math.MinInt64, 10) + " MAXVALUE " + strconv.FormatInt(math.MaxInt64, 10)
}

// createSequence classifies CREATE SEQUENCE; rest are the code tokens after
// the name.
func createSequence(st *stmt, parts []namePart, orReplace, ifNotExists bool, rest []token) error {
	if len(parts) > 3 {
		return compileError("invalid sequence name %s", plainName(parts))
	}
	if orReplace && ifNotExists {
		return compileError("OR REPLACE and IF NOT EXISTS are incompatible")
	}
	spec, err := parseSequenceOptions(rest)
	if err != nil {
		return err
	}
	head := "CREATE SEQUENCE"
	switch {
	case orReplace:
		head = "CREATE OR REPLACE SEQUENCE"
	case ifNotExists:
		head = "CREATE SEQUENCE IF NOT EXISTS"
	}
	q := duckSequence(head, duckName(parts), spec)
	st.Program = func(ctx context.Context, r *programRun) error {
		return sequenceInUse(r.exec(ctx, q), parts)
	}
	return nil
}

// parseSequenceOptions reads CREATE SEQUENCE's options (defaults: START 1,
// INCREMENT 1).
func parseSequenceOptions(rest []token) (sequenceSpec, error) {
	spec := sequenceSpec{start: 1, step: 1}
	i := 0
	if i < len(rest) && rest[i].isWord("WITH") {
		i++
	}
	for i < len(rest) {
		t := rest[i]
		switch {
		case t.isWord("START") || t.isWord("INCREMENT"):
			i++
			for i < len(rest) && (rest[i].isWord("WITH") || rest[i].isWord("BY") || rest[i].is("=")) {
				i++
			}
			n, next, ok := signedInt(rest, i)
			if !ok {
				return spec, compileError("syntax error: %s needs an integer", strings.ToUpper(t.text))
			}
			if t.isWord("START") {
				spec.start = n
			} else {
				spec.step = n
			}
			i = next
		case t.isWord("ORDER") || t.isWord("NOORDER"):
			i++
		case t.isWord("COMMENT") && i+2 < len(rest) && rest[i+1].is("=") && rest[i+2].kind == tkString:
			i += 3
		default:
			return spec, compileError("syntax error: unexpected '%s' in CREATE SEQUENCE", t.text)
		}
	}
	if spec.step == 0 {
		return spec, compileError("invalid value [0] for parameter 'INCREMENT': a sequence's step is not zero")
	}
	return spec, nil
}

// signedInt reads an optionally signed integer literal at code[i]: its value
// and the index after it.
func signedInt(code []token, i int) (int64, int, bool) {
	sign := ""
	if i < len(code) && (code[i].is("-") || code[i].is("+")) {
		sign, i = code[i].text, i+1
	}
	if i >= len(code) || code[i].kind != tkNumber {
		return 0, i, false
	}
	n, err := strconv.ParseInt(sign+code[i].text, 10, 64)
	return n, i + 1, err == nil
}

// dropSequence classifies DROP SEQUENCE [IF EXISTS] s [CASCADE | RESTRICT].
func dropSequence(st *stmt, parts []namePart, ifExists bool, rest []token) error {
	if len(rest) > 1 || len(rest) == 1 && !rest[0].isWord("CASCADE") && !rest[0].isWord("RESTRICT") {
		return compileError("syntax error in DROP SEQUENCE")
	}
	q := "DROP SEQUENCE "
	if ifExists {
		q += "IF EXISTS "
	}
	q += duckName(parts) // never CASCADE: DuckDB would drop the tables using it
	st.Program = func(ctx context.Context, r *programRun) error {
		return sequenceInUse(r.exec(ctx, q), parts)
	}
	return nil
}

// sequenceInUse turns DuckDB's refusal to drop or replace a sequence that a
// column DEFAULT uses into a clear answer (Snowflake lets the DEFAULT
// dangle; DuckDB keeps the dependency).
func sequenceInUse(err error, parts []namePart) error {
	var de *duckdb.Error
	if errors.As(err, &de) && de.Type == duckdb.ErrorTypeDependency {
		return unsupported("dropping or replacing sequence " + plainName(parts) + " while a column DEFAULT uses it")
	}
	return err
}
