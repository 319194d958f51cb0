package sftest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// copyTransform is COPY INTO t FROM (SELECT <items> FROM @stage [alias]):
// the select list over the file's fields ($1, $2, ...; for JSON and
// Parquet $1 is the document as a VARIANT).
type copyTransform struct {
	items string
	alias string
}

// parseTransform reads "(SELECT <items> FROM @stage [alias])" at toks[i]
// (the open parenthesis) of text; it returns the transform, the index of
// the stage token and the index after the closing parenthesis.
func parseTransform(toks []stok, text string, i int) (*copyTransform, int, int, *sqlError) {
	if i+1 >= len(toks) || !toks[i+1].word("SELECT") {
		return nil, 0, 0, compileError("syntax error: COPY INTO <table> FROM ( needs SELECT")
	}
	k := i + 2
	for k < len(toks) && !(toks[k-1].word("FROM") && stageText(toks[k]) != "") {
		k++
	}
	if k >= len(toks) {
		return nil, 0, 0, compileError("syntax error: a COPY transformation selects FROM @<stage>")
	}
	tr := &copyTransform{items: text[toks[i+1].end:toks[k-1].off]}
	j := k + 1
	if j < len(toks) && toks[j].kind == sName && len(toks[j].parts) == 1 {
		tr.alias = toks[j].text
		j++
	}
	if j >= len(toks) || !toks[j].punct(")") {
		return nil, 0, 0, compileError("syntax error: a COPY transformation ends with ')' after its stage")
	}
	return tr, k, j + 1, nil
}

// loadTransformed loads a file's records through the transformation: the
// records go as text (JSON for JSON and Parquet documents) into a view
// with columns c1..cn, the select list ($n as cn, METADATA$FILENAME,
// METADATA$FILE_ROW_NUMBER) goes through sftest's rules, and its rows are
// inserted. Values are not checked one by one: a failing insert is the
// file's one error (the statement's, with ABORT_STATEMENT).
func (s *Server) loadTransformed(ctx context.Context, conn *sql.Conn, c *copyStmt, cols []copyColumn, tableText string,
	fl fileLoad, rel string, recs []record, ferr *rowError, n int) (fileLoad, *sqlError) {
	width := 1
	for _, r := range recs {
		width = max(width, len(r.vals))
	}
	tmp, drop, err := recordTable(ctx, conn, n, width)
	if err != nil {
		return fl, err
	}
	defer drop()
	if err := insertRecords(ctx, conn, tmp, recs, width, false, nil); err != nil {
		return fl, err
	}
	view := fmt.Sprintf("sftest_copy_src_%d", n)
	exprs := make([]string, 0, width+1)
	for i := 1; i <= width; i++ {
		if c.format.typ == "CSV" {
			exprs = append(exprs, fmt.Sprintf("c%d", i))
		} else {
			exprs = append(exprs, fmt.Sprintf("CAST(c%d AS JSON) AS c%d", i, i))
		}
	}
	exprs = append(exprs, "rn")
	if _, e := conn.ExecContext(ctx, "CREATE TEMP VIEW "+view+" AS SELECT "+strings.Join(exprs, ", ")+" FROM "+tmp); e != nil {
		return fl, duckError(e)
	}
	defer func() { _, _ = conn.ExecContext(context.Background(), "DROP VIEW IF EXISTS "+view) }()

	q := "SELECT " + transformItems(c.transform.items, rel) + " FROM " + view + " " + c.transform.alias
	p, perr := parseStatement(q, c.env)
	if perr != nil {
		if se, ok := perr.(*sqlError); ok {
			return fl, se
		}
		return fl, compileError("%v", perr)
	}
	if p.Kind != kindQuery || len(p.Duck) == 0 {
		return fl, compileError("syntax error: a COPY transformation must be a SELECT")
	}
	for _, pre := range p.Duck[:len(p.Duck)-1] {
		if _, e := conn.ExecContext(ctx, pre); e != nil {
			return fl, duckError(e)
		}
	}
	names := make([]string, len(cols))
	for i, col := range cols {
		names[i] = `"` + strings.ReplaceAll(col.name, `"`, `""`) + `"`
	}
	fl.parsed = int64(len(recs))
	fl.limit = 1
	if c.onError == "CONTINUE" {
		fl.limit = fl.parsed
	} else if c.onError == "SKIP_FILE" {
		fl.limit = int64(c.skipN)
	}
	if ferr != nil {
		return transformFailed(c, fl, ferr.code, ferr.state, ferr.msg)
	}
	r, e := conn.ExecContext(ctx, "INSERT INTO "+tableText+" ("+strings.Join(names, ", ")+") "+p.Duck[len(p.Duck)-1])
	if e != nil {
		se := duckError(e)
		return transformFailed(c, fl, se.Code, se.SQLState, se.Message)
	}
	fl.loaded, _ = r.RowsAffected()
	fl.status = "LOADED"
	return fl, nil
}

// transformFailed is a transformed file whose insert failed: the
// statement's error with ABORT_STATEMENT, else the file LOAD_FAILED with
// the error as its first.
func transformFailed(c *copyStmt, fl fileLoad, code, state, msg string) (fileLoad, *sqlError) {
	if c.onError == "ABORT_STATEMENT" {
		return fl, &sqlError{Code: code, SQLState: state, Message: msg + "\n  File '" + fl.file + "'"}
	}
	fl.status, fl.errors, fl.firstErr = "LOAD_FAILED", 1, &msg
	return fl, nil
}

// transformItems writes a transformation's select list over the view:
// $n as cn, METADATA$FILENAME as the file's path in the stage, METADATA$FILE_ROW_NUMBER
// as the row's number in the file.
func transformItems(items, file string) string {
	toks := tokenize(items)
	for i, t := range toks {
		switch {
		case t.kind == tkParam:
			toks[i].text = "c" + t.text[1:]
		case t.isWord("METADATA$FILENAME"):
			toks[i] = token{kind: tkString, text: "'" + strings.ReplaceAll(file, "'", "''") + "'"}
		case t.isWord("METADATA$FILE_ROW_NUMBER"):
			toks[i] = token{kind: tkWord, text: "(rn + 1)"}
		}
	}
	return joinTokens(toks)
}
