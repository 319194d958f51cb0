package sftest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
)

// Identity columns: `c NUMBER AUTOINCREMENT | IDENTITY [(start, step) |
// START n INCREMENT m] [ORDER | NOORDER]` in CREATE TABLE and ALTER TABLE
// ... ADD COLUMN become a DEFAULT nextval(...) of a DuckDB sequence made
// for the column (identitySeqPrefix names it), created first by the same
// statement. A row inserted without the column takes the next value. When
// the table goes (DROP TABLE, CREATE OR REPLACE, DROP COLUMN) its sequence
// is dropped too (sweepIdentity).

// identitySeqPrefix starts the name of every sequence sftest makes for an
// identity column.
const identitySeqPrefix = "SFTEST$IDENTITY$"

// identityClause is one AUTOINCREMENT/IDENTITY clause: the token range
// [from, to) it covers, the column it belongs to and its values.
type identityClause struct {
	from, to int
	column   namePart
	spec     sequenceSpec
}

// parseIdentity reads an AUTOINCREMENT or IDENTITY clause at toks[at]: its
// values and the index after it.
func parseIdentity(toks []token, at int) (sequenceSpec, int, error) {
	spec := sequenceSpec{start: 1, step: 1}
	end := at + 1
	t, i := codeAt(toks, end)
	switch {
	case t.is("("):
		c := closeParen(toks, i)
		args := splitArgs(toks, i+1, max(c, i+1))
		if c < 0 || len(args) != 2 {
			return spec, 0, compileError("syntax error: %s takes (start, step)", strings.ToUpper(toks[at].text))
		}
		for k, a := range args {
			n, next, ok := signedInt(codeOnly(a), 0)
			if !ok || next != len(codeOnly(a)) {
				return spec, 0, compileError("syntax error: %s takes (start, step)", strings.ToUpper(toks[at].text))
			}
			if k == 0 {
				spec.start = n
			} else {
				spec.step = n
			}
		}
		end = c + 1
	case t.isWord("START") || t.isWord("INCREMENT"):
		code := codeOnly(toks[i:])
		k := 0
		for k < len(code) && (code[k].isWord("START") || code[k].isWord("INCREMENT")) {
			w := code[k]
			k++
			for k < len(code) && (code[k].isWord("WITH") || code[k].isWord("BY") || code[k].is("=")) {
				k++
			}
			n, next, ok := signedInt(code, k)
			if !ok {
				return spec, 0, compileError("syntax error: %s needs an integer", strings.ToUpper(w.text))
			}
			if w.isWord("START") {
				spec.start = n
			} else {
				spec.step = n
			}
			k = next
		}
		end = skipCode(toks, i, k)
	}
	if o, oi := codeAt(toks, end); o.isWord("ORDER") || o.isWord("NOORDER") {
		end = oi + 1
	}
	if spec.step == 0 {
		return spec, 0, compileError("invalid value [0] for parameter 'INCREMENT': an identity's step is not zero")
	}
	return spec, end, nil
}

// identityIn finds the identity clause of the column definition
// toks[from:to] (never its first word, which names the column).
func identityIn(toks []token, from, to int) (*identityClause, error) {
	name, ni := codeAt(toks, from)
	if ni >= to {
		return nil, nil
	}
	depth := 0
	for i := ni + 1; i < to; i++ {
		t := toks[i]
		switch {
		case t.is("("):
			depth++
		case t.is(")"):
			depth--
		case depth == 0 && (t.isWord("AUTOINCREMENT") || t.isWord("IDENTITY")):
			spec, end, err := parseIdentity(toks[:to], i)
			if err != nil {
				return nil, err
			}
			return &identityClause{from: i, to: end, column: identPart(name), spec: spec}, nil
		}
	}
	return nil, nil
}

// identityClauses finds the identity clauses of a CREATE TABLE's column
// list or of an ALTER TABLE ... ADD [COLUMN] c ...; table is the table's
// name as written.
func identityClauses(toks []token) (table []namePart, out []identityClause, err error) {
	if open, cl := createTableColumns(toks); open >= 0 {
		at, _ := createHead(toks)
		i := at + 1
		if t, _ := codeAt(toks, i); t.isWord("IF") {
			i = skipCode(toks, i, 3)
		}
		table, _ = parseName(toks, i)
		for _, sp := range argSpans(toks, open+1, cl) {
			c, err := identityIn(toks, sp[0], sp[1])
			if err != nil {
				return nil, nil, err
			}
			if c != nil {
				out = append(out, *c)
			}
		}
		return table, out, nil
	}
	first, i := codeAt(toks, 0)
	if second, j := codeAt(toks, i+1); !first.isWord("ALTER") || !second.isWord("TABLE") {
		return nil, nil, nil
	} else {
		i = j + 1
	}
	if t, _ := codeAt(toks, i); t.isWord("IF") {
		i = skipCode(toks, i, 2)
	}
	table, i = parseName(toks, i)
	add, ai := codeAt(toks, i)
	if !add.isWord("ADD") {
		return nil, nil, nil
	}
	from := ai + 1
	if t, ti := codeAt(toks, from); t.isWord("COLUMN") {
		from = ti + 1
	}
	c, err := identityIn(toks, from, len(toks))
	if err != nil || c == nil {
		return nil, nil, err
	}
	return table, []identityClause{*c}, nil
}

// withIdentities rewrites the identity clauses of toks into DEFAULTs on new
// sequences: the statement's text without them and the statements creating
// the sequences, to run first. env qualifies the sequences as the table is.
func withIdentities(toks []token, env *rewriteEnv) ([]token, []string, error) {
	table, clauses, err := identityClauses(toks)
	if err != nil || len(clauses) == 0 {
		return toks, nil, err
	}
	var seqs []string
	var b strings.Builder
	last := 0
	for _, c := range clauses {
		seq := identitySequenceName(table, c.column, env)
		seqs = append(seqs, duckSequence("CREATE SEQUENCE", duckName(seq), c.spec))
		b.WriteString(joinTokens(toks[last:c.from]))
		b.WriteString("DEFAULT nextval(" + quoteString(duckName(seq)) + ")")
		last = c.to
	}
	b.WriteString(joinTokens(toks[last:]))
	return tokenize(b.String()), seqs, nil
}

// identitySequenceName names a new sequence for the identity column col of
// table: in the table's schema, unique (a random suffix), recognisable by
// identitySeqPrefix.
func identitySequenceName(table []namePart, col namePart, env *rewriteEnv) []namePart {
	var b [4]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	name := identitySeqPrefix + table[len(table)-1].text + "$" + col.text + "$" + hex.EncodeToString(b[:])
	return qualifySequence(append(table[:len(table)-1:len(table)-1], namePart{text: name, quoted: true}), env)
}

// sweepIdentity drops the identity sequences no column DEFAULT uses any
// longer (their table or column is gone). It runs inside the statement's
// transaction (or the session's), so any failure is the statement's: a
// failed DuckDB statement aborts the transaction, and a COMMIT after it
// would quietly undo the statement's own work. Without identity sequences
// it costs one look at DuckDB's (short) list of sequences.
func sweepIdentity(ctx context.Context, r *programRun) error {
	seqs, err := r.names(ctx, `SELECT database_name, schema_name, sequence_name FROM duckdb_sequences() `+
		`WHERE starts_with(sequence_name, ?)`, identitySeqPrefix)
	if err != nil || len(seqs) == 0 {
		return err
	}
	used, err := r.names(ctx, `SELECT DISTINCT database_name, schema_name, column_default FROM duckdb_columns() `+
		`WHERE contains(column_default, ?)`, identitySeqPrefix)
	if err != nil {
		return err
	}
	for _, k := range seqs {
		inUse := false
		for _, u := range used {
			inUse = inUse || strings.Contains(u.table, k.table)
		}
		if !inUse {
			if err := r.exec(ctx, "DROP SEQUENCE IF EXISTS "+duckKeyName(k)); err != nil {
				return err
			}
		}
	}
	return nil
}

// describeDefaultSQL is a DuckDB expression showing the column DEFAULT held
// in column col as DESCRIBE TABLE shows it in Snowflake: an identity column's
// as IDENTITY START n INCREMENT m (n as its sequence stands), a sequence's
// nextval('"DB"."S"."Q"') as DB.S.Q.NEXTVAL, any other as DuckDB keeps it.
func describeDefaultSQL(col string) string {
	return `CASE WHEN contains(` + col + `, ` + quoteString(identitySeqPrefix) + `) THEN ` +
		`(SELECT 'IDENTITY START ' || start_value || ' INCREMENT ' || increment_by FROM duckdb_sequences() ` +
		`WHERE contains(` + col + `, sequence_name) ORDER BY length(sequence_name) DESC LIMIT 1) ` +
		`WHEN regexp_matches(` + col + `, '^nextval\(''[^'']*''\)$') THEN ` +
		`replace(regexp_extract(` + col + `, '^nextval\(''([^'']*)''\)$', 1), '"', '') || '.NEXTVAL' ` +
		`ELSE ` + col + ` END`
}
