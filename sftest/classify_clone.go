package sftest

import (
	"context"
	"strings"
)

// CREATE [OR REPLACE] TABLE [IF NOT EXISTS] t CLONE src [COPY GRANTS] and
// CREATE ... TABLE t LIKE src [COPY GRANTS]: a new table with src's column
// definitions as DuckDB keeps them (types, NOT NULL, DEFAULTs, the length
// checks of VARCHAR(n)) and their recorded declared types (column
// comments, catalog_declared.go); CLONE also copies src's rows, LIKE does
// not. sftest's CLONE is a copy made when the statement runs, not
// Snowflake's zero-copy clone: it costs the rows' size, and later changes
// to either table never show in the other (as in Snowflake). An identity
// column gets a sequence of its own that continues where src's stands, so
// neither table hands out a value the other already has. A column DEFAULT
// on a sequence of the user's keeps using that sequence, as in Snowflake.

// createTableFrom classifies CREATE TABLE ... CLONE | LIKE; ok is false when
// the statement is another CREATE TABLE. next is the index in code after
// the new table's name.
func createTableFrom(st *stmt, code []token, target []namePart, next int, orReplace, ifNotExists bool) (ok bool, err error) {
	if next >= len(code) || !code[next].isWord("CLONE") && !code[next].isWord("LIKE") {
		return false, nil
	}
	verb := strings.ToUpper(code[next].text)
	src, i := parseName(code, next+1)
	if len(src) == 0 || len(src) > 3 || len(target) > 3 {
		return true, compileError("syntax error: CREATE TABLE ... %s needs a table name", verb)
	}
	if orReplace && ifNotExists {
		return true, compileError("OR REPLACE and IF NOT EXISTS are incompatible")
	}
	rest := code[i:]
	switch {
	case len(rest) == 0:
	case len(rest) == 2 && rest[0].isWord("COPY") && rest[1].isWord("GRANTS"):
	case verb == "CLONE" && (rest[0].isWord("AT") || rest[0].isWord("BEFORE")):
		return true, unsupported("time travel (" + strings.ToUpper(rest[0].text) + ")")
	default:
		return true, compileError("syntax error: unexpected '%s' after CREATE TABLE ... %s %s", rest[0].text, verb, plainName(src))
	}
	c := tableCopy{target: target, src: src, rows: verb == "CLONE", orReplace: orReplace, ifNotExists: ifNotExists}
	st.Program = c.run
	return true, nil
}

// tableCopy is one CLONE or LIKE.
type tableCopy struct {
	target, src                  []namePart
	rows, orReplace, ifNotExists bool
}

// run makes the copy (see createTableFrom).
func (c tableCopy) run(ctx context.Context, r *programRun) error {
	def, src, ok, err := r.tableSQL(ctx, r.key(c.src))
	if err != nil {
		return err
	}
	if !ok {
		return compilation("002003", "02000", "", "Object '"+displayParts(c.src)+"' does not exist or not authorized.")
	}
	tk := r.key(c.target)
	_, existing, exists, err := r.tableSQL(ctx, tk)
	if err != nil {
		return err
	}
	if exists && c.ifNotExists {
		return nil
	}
	cols := duckColumnList(def)
	if cols == "" {
		return unsupported("CLONE or LIKE of table " + displayParts(c.src) + " (its definition could not be read)")
	}
	cols, seqs, err := c.ownIdentities(ctx, r, cols)
	if err != nil {
		return err
	}
	comments, err := r.columnComments(ctx, src)
	if err != nil {
		return err
	}
	// The new table is made under its own name unless it replaces its
	// own source, which must be read before it goes.
	made := duckName(c.target)
	self := c.orReplace && exists && strings.EqualFold(duckKeyName(existing), duckKeyName(src))
	if self {
		made = quoteIdent(src.db) + "." + quoteIdent(src.schema) + "." + quoteIdent(src.table+"$SFTEST_COPY")
	}
	create := "CREATE TABLE "
	if c.orReplace && !self {
		create = "CREATE OR REPLACE TABLE "
	}
	qs := append(seqs, create+made+cols)
	if c.rows {
		qs = append(qs, "INSERT INTO "+made+" SELECT * FROM "+duckKeyName(src))
	}
	for _, cm := range comments {
		qs = append(qs, "COMMENT ON COLUMN "+made+"."+quoteIdent(cm[0])+" IS "+quoteString(cm[1]))
	}
	if self {
		qs = append(qs, "DROP TABLE "+duckKeyName(src), "ALTER TABLE "+made+" RENAME TO "+quoteIdent(src.table))
	}
	if err := r.exec(ctx, qs...); err != nil {
		return err
	}
	return sweepIdentity(ctx, r)
}

// duckColumnList is the column list of DuckDB's CREATE TABLE text: from the "("
// after the table's name to the end, without the final ";".
func duckColumnList(def string) string {
	toks := tokenize(def)
	at, _ := createHead(toks)
	if at < 0 {
		return ""
	}
	_, i := parseName(toks, at+1)
	open, oi := codeAt(toks, i)
	if !open.is("(") {
		return ""
	}
	return strings.TrimSuffix(strings.TrimSpace(joinTokens(toks[oi:])), ";")
}

// ownIdentities gives the copy its own identity sequences: each sftest
// identity sequence the column list cols names is replaced by a new one
// starting at the old one's next value, with its step. It returns the new
// column list and the statements creating the sequences.
func (c tableCopy) ownIdentities(ctx context.Context, r *programRun, cols string) (string, []string, error) {
	if !strings.Contains(cols, identitySeqPrefix) {
		return cols, nil, nil
	}
	toks := tokenize(cols)
	var seqs []string
	for _, sp := range argSpans(toks, 1, max(closeParen(toks, 0), 1)) {
		name, _ := codeAt(toks, sp[0])
		for i := sp[0]; i < sp[1]; i++ {
			old, isString := stringValue(toks[i])
			if !isString || !strings.Contains(old, identitySeqPrefix) {
				continue
			}
			var spec sequenceSpec
			var last *int64
			err := r.conn.QueryRowContext(ctx, "SELECT start_value, increment_by, last_value FROM duckdb_sequences() "+
				"WHERE contains(?, sequence_name) ORDER BY length(sequence_name) DESC LIMIT 1", old).Scan(&spec.start, &spec.step, &last)
			if err != nil {
				return "", nil, err
			}
			if last != nil {
				spec.start = *last + spec.step
			}
			seq := identitySequenceName(c.target, identPart(name), &rewriteEnv{Database: r.db, Schema: r.schema})
			seqs = append(seqs, duckSequence("CREATE SEQUENCE", duckName(seq), spec))
			toks[i].text = quoteString(duckName(seq))
		}
	}
	return joinTokens(toks), seqs, nil
}

// columnComments returns the column comments of table k (name, comment) in
// column order: the declared types sftest records there.
func (r *programRun) columnComments(ctx context.Context, k tableKey) ([][2]string, error) {
	rows, err := r.conn.QueryContext(ctx, `SELECT column_name, comment FROM duckdb_columns() `+
		`WHERE database_name = ? AND schema_name = ? AND table_name = ? AND comment IS NOT NULL ORDER BY column_index`,
		k.db, k.schema, k.table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var c [2]string
		if err := rows.Scan(&c[0], &c[1]); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
