package sftest

import (
	"context"
	"database/sql"
	"strings"
)

// runDML runs a DML statement and returns Snowflake's answer for it: the
// count columns of its verb; for MERGE, the rows inserted, updated and
// deleted, each counted. inTxn says the connection is in the session's
// transaction (see execDML); strictMerge is the session's
// ERROR_ON_NONDETERMINISTIC_MERGE (dml_merge_duplicates.go).
func runDML(ctx context.Context, conn *sql.Conn, verb, q string, args []any, inTxn, strictMerge bool) (*result, error) {
	if strings.EqualFold(verb, "MERGE") {
		if _, isArray, _ := arrayBindsOf(args); !isArray {
			if strictMerge {
				if err := checkMergeDeterministic(ctx, conn, q, args); err != nil {
					return nil, err
				}
			}
			return execMerge(ctx, conn, q, args)
		}
	}
	n, err := execDML(ctx, conn, q, args, inTxn)
	if err != nil {
		return nil, err
	}
	return dmlResult(verb, n), nil
}

// mergeActions are MERGE's count columns in Snowflake's order, by the
// action DuckDB's merge_action names.
var mergeActions = []struct{ action, column string }{
	{"INSERT", "number of rows inserted"}, {"UPDATE", "number of rows updated"}, {"DELETE", "number of rows deleted"},
}

// execMerge runs a MERGE with RETURNING merge_action and counts each action.
// Like Snowflake, the answer has a column only for the actions the
// statement's WHEN clauses name.
func execMerge(ctx context.Context, conn *sql.Conn, q string, args []any) (*result, error) {
	rows, err := conn.QueryContext(ctx, q+" RETURNING merge_action", args...)
	if err != nil {
		return nil, err
	}
	counts := map[string]int64{}
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			_ = rows.Close()
			return nil, err
		}
		counts[strings.ToUpper(a)]++
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	named := mergeClauses(q)
	var names []string
	var vals []int64
	for _, m := range mergeActions {
		if named[m.action] {
			names = append(names, m.column)
			vals = append(vals, counts[m.action])
		}
	}
	return countsResult(names, stmtTypeMerge, vals), nil
}

// countsResult is a one-row answer of count columns (NUMBER(19,0)), as a
// DML statement gets; its produced rows are the counts' sum.
func countsResult(names []string, stmtType int64, counts []int64) *result {
	rts := make([]rowType, len(names))
	row := make([]any, len(names))
	var sum int64
	for i, name := range names {
		rts[i] = rowType{Name: name, Type: "fixed", Precision: 19}
		row[i] = counts[i]
		sum += counts[i]
	}
	res := smallResult(rts, stmtType, row)
	res.producedRows = sum
	return res
}

// mergeClauses reports which actions MERGE's WHEN ... THEN clauses name.
func mergeClauses(q string) map[string]bool {
	out := map[string]bool{}
	code := codeOnly(tokenize(q))
	for i := 0; i+1 < len(code); i++ {
		if code[i].isWord("THEN") {
			out[strings.ToUpper(code[i+1].text)] = true
		}
	}
	return out
}

// ruleMergeSet drops the table qualifier from the columns MERGE's UPDATE SET
// assigns (SET t.v = s.v), which Snowflake allows and DuckDB refuses.
func ruleMergeSet(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "MERGE") {
		return s, nil
	}
	toks := tokenize(s)
	if c, _ := codeAt(toks, 0); !c.isWord("MERGE") {
		return s, nil
	}
	changed := false
	for i := range toks {
		if !toks[i].isWord("SET") {
			continue
		}
		if p := prevCode(toks, i); p < 0 || !toks[p].isWord("UPDATE") {
			continue
		}
		end := len(toks)
		for k := i + 1; k < len(toks); k++ {
			if toks[k].isWord("WHEN") {
				end = k
				break
			}
		}
		for _, sp := range argSpans(toks, i+1, end) {
			// In "a.b = expr", blank the "a." before the assigned column.
			parts, after := parseName(toks, sp[0])
			if eq, _ := codeAt(toks, after); len(parts) < 2 || !eq.is("=") {
				continue
			}
			last := prevCode(toks, after)
			for k := sp[0]; k < last; k++ {
				if toks[k].isCode() {
					toks[k].text = ""
				}
			}
			changed = true
		}
	}
	if !changed {
		return s, nil
	}
	return joinTokens(toks), nil
}
