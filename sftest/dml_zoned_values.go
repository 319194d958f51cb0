package sftest

import (
	"context"
	"database/sql"
	"regexp"
	"strings"
)

// zonedValueMark finds, cheaply, a string that may end in a UTC offset
// written after a space ('... 10:00:00 +05:00').
var zonedValueMark = regexp.MustCompile(`\d\s+[+-]\d{2}(?::?\d{2})?'`)

// zonedValue matches such a string literal whole: a timestamp, a space,
// then the offset. Snowflake reads it as that instant at that offset;
// DuckDB takes the offset for a time zone name and fails ("Unknown
// TimeZone '+05:00'").
var zonedValue = regexp.MustCompile(`^'(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s+([+-]\d{2}(?::?\d{2})?)'$`)

// zonedInsertValues rewrites, in the DuckDB statement q of an INSERT INTO
// t [(cols)] VALUES (...), ..., each string literal that is a timestamp
// with a space before its offset into DuckDB's spelling (no space), where
// the literal goes into a zoned timestamp column (TIMESTAMP_TZ or _LTZ);
// strings bound for other columns keep their text. It reads the target's
// column types through conn, and returns q unchanged when there is nothing
// to rewrite or q is not of that shape.
func zonedInsertValues(ctx context.Context, conn *sql.Conn, q string) string {
	if !zonedValueMark.MatchString(q) {
		return q
	}
	toks := tokenize(q)
	insert, i := codeAt(toks, 0)
	into, i := codeAt(toks, i+1)
	if !insert.isWord("INSERT") || !into.isWord("INTO") {
		return q
	}
	table, i := parseName(toks, i+1)
	if len(table) == 0 {
		return q
	}
	zoned, order, err := zonedColumns(ctx, conn, duckName(table))
	if err != nil || len(order) == 0 {
		return q
	}
	targets := order
	if open, oi := codeAt(toks, i); open.is("(") {
		cl := closeParen(toks, oi)
		if cl < 0 {
			return q
		}
		targets = nil
		for _, a := range splitArgs(toks, oi+1, cl) {
			targets = append(targets, strings.ToUpper(unquoteIdent(trimmed(a))))
		}
		i = cl + 1
	}
	values, vi := codeAt(toks, i)
	if !values.isWord("VALUES") {
		return q
	}
	changed := false
	for j := vi + 1; j < len(toks); {
		open, oj := codeAt(toks, j)
		if !open.is("(") {
			break
		}
		cl := closeParen(toks, oj)
		if cl < 0 {
			return q
		}
		for n, sp := range argSpans(toks, oj+1, cl) {
			if n >= len(targets) || !zoned[targets[n]] {
				continue
			}
			first := nextCode(toks, sp[0])
			if first >= sp[1] || nextCode(toks, first+1) < sp[1] {
				continue // not a lone literal
			}
			if m := zonedValue.FindStringSubmatch(toks[first].text); m != nil {
				toks[first].text = "'" + m[1] + m[2] + "'"
				changed = true
			}
		}
		comma, ci := codeAt(toks, cl+1)
		if !comma.is(",") {
			break
		}
		j = ci + 1
	}
	if !changed {
		return q
	}
	return joinTokens(toks)
}

// zonedColumns reads table's columns: which (upper-cased) are zoned
// timestamps, and all of them in order.
func zonedColumns(ctx context.Context, conn *sql.Conn, table string) (map[string]bool, []string, error) {
	rows, err := conn.QueryContext(ctx, "SELECT * FROM "+table+" LIMIT 0")
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	cts, err := rows.ColumnTypes()
	if err != nil {
		return nil, nil, err
	}
	zoned := map[string]bool{}
	order := make([]string, len(cts))
	for n, ct := range cts {
		order[n] = strings.ToUpper(ct.Name())
		switch ct.DatabaseTypeName() {
		case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE":
			zoned[order[n]] = true
		}
	}
	return zoned, order, rows.Err()
}
