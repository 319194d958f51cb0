package sftest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Nondeterministic MERGE. When a target row joins several source rows and
// more than one of them satisfies a WHEN MATCHED clause, one of them an
// UPDATE, Snowflake cannot tell which source row updates the target row:
// with ERROR_ON_NONDETERMINISTIC_MERGE (TRUE by default) the MERGE fails
// with 100090 "Duplicate row detected during DML action". Several source
// rows that all only DELETE the target row are deterministic. DuckDB's
// MERGE updates such a row once per source row instead, so sftest looks for
// such a target row before the MERGE runs.

// mergeDuplicateQuery is a DuckDB query returning the rowid of the first
// target row of the MERGE q that joins more than one source row satisfying
// a WHEN MATCHED clause, one of them an UPDATE, and the target's name; ok
// is false when q has no WHEN MATCHED ... UPDATE clause or sftest cannot
// read its parts.
func mergeDuplicateQuery(q string) (check, target string, ok bool) {
	toks := tokenize(q)
	m, mi := codeAt(toks, 0)
	into, ii := codeAt(toks, mi+1)
	if !m.isWord("MERGE") || !into.isWord("INTO") {
		return "", "", false
	}
	name, ni := parseName(toks, ii+1)
	if len(name) == 0 {
		return "", "", false
	}
	qualifier := toks[prevCode(toks, ni)].text // the table's own name qualifies its columns
	target = strings.TrimSpace(joinTokens(toks[nextCode(toks, ii+1):ni]))
	using := scopeEnd(toks, ni, map[string]bool{"USING": true})
	if using == len(toks) {
		return "", "", false
	}
	alias := codeOnly(toks[ni:using])
	switch {
	case len(alias) == 2 && alias[0].isWord("AS"):
		qualifier = alias[1].text
	case len(alias) == 1:
		qualifier = alias[0].text
	case len(alias) != 0:
		return "", "", false
	}
	on := scopeEnd(toks, using+1, map[string]bool{"ON": true})
	when := scopeEnd(toks, min(on+1, len(toks)), whenWord)
	if when == len(toks) {
		return "", "", false
	}
	cond := strings.TrimSpace(joinTokens(toks[on+1 : when]))
	var cases []string
	updates := false
	for when < len(toks) {
		next := scopeEnd(toks, when+1, whenWord)
		c := codeOnly(toks[when:next])
		then := -1
		for k, t := range c {
			if t.isWord("THEN") {
				then = k
				break
			}
		}
		if len(c) > 1 && c[1].isWord("MATCHED") && then > 0 && then+1 < len(c) {
			pred := "true"
			if then > 2 && c[2].isWord("AND") {
				pred = "(" + joinTokensSpaced(c[3:then]) + ")"
			}
			action := "'D'"
			if c[then+1].isWord("UPDATE") {
				action, updates = "'U'", true
			}
			cases = append(cases, "WHEN "+pred+" THEN "+action)
		}
		when = next
	}
	if !updates {
		return "", "", false // no row is updated: deleting it more than once is deterministic
	}
	check = "SELECT rid FROM (SELECT " + qualifier + ".rowid AS rid, CASE " + strings.Join(cases, " ") + " END AS act FROM " +
		strings.TrimSpace(joinTokens(toks[nextCode(toks, ii+1):using])) + " JOIN " + strings.TrimSpace(joinTokens(toks[using+1:on])) +
		" ON " + cond + ") GROUP BY rid HAVING count(act) > 1 AND bool_or(act = 'U') ORDER BY rid LIMIT 1"
	return check, target, true
}

// whenWord ends a MERGE's ON condition and each of its WHEN clauses.
var whenWord = map[string]bool{"WHEN": true}

// checkMergeDeterministic fails the MERGE q with Snowflake's 100090 when a
// target row would be updated from more than one source row.
func checkMergeDeterministic(ctx context.Context, conn *sql.Conn, q string, args []any) error {
	check, target, ok := mergeDuplicateQuery(q)
	if !ok {
		return nil
	}
	var rowid int64
	err := conn.QueryRowContext(ctx, check, args...).Scan(&rowid)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	values, err := rowValues(ctx, conn, target, rowid)
	if err != nil {
		return err
	}
	return &sqlError{Code: "100090", SQLState: "42P18",
		Message: "Duplicate row detected during DML action\nRow Values: [" + values + "]"}
}

// rowValues spells the values of the row rowid of table target as
// Snowflake's duplicate-row message lists them: numbers as they are,
// strings quoted, NULL.
func rowValues(ctx context.Context, conn *sql.Conn, target string, rowid int64) (string, error) {
	rows, err := conn.QueryContext(ctx, "SELECT * FROM "+target+" WHERE rowid = ?", rowid)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil || !rows.Next() {
		return "", errors.Join(err, rows.Err())
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return "", err
	}
	parts := make([]string, len(vals))
	for i, v := range vals {
		switch v := v.(type) {
		case nil:
			parts[i] = "NULL"
		case string:
			parts[i] = `"` + v + `"`
		case time.Time:
			parts[i] = `"` + v.Format("2006-01-02 15:04:05.000") + `"`
		default:
			parts[i] = fmt.Sprint(v)
		}
	}
	return strings.Join(parts, ", "), rows.Err()
}
