package sftest

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// Array binds are gosnowflake's bulk form (sf.Array): each binding's value
// is a JSON array, one element per row, and Snowflake runs the statement
// once per row as one statement: one result with the summed row counts,
// all rows or none. At CLIENT_STAGE_ARRAY_BINDING_THRESHOLD values (rows
// times columns; sftest announces Snowflake's 65280) the driver instead
// uploads the rows to a temporary stage and sends the statement with its
// location as bindStage (stage_binds.go).

// arrayBindStageThreshold is Snowflake's CLIENT_STAGE_ARRAY_BINDING_THRESHOLD.
const arrayBindStageThreshold = 65280

// errArrayBindKind answers array binds on a statement that is not DML.
var errArrayBindKind = compileError("Array bind currently not supported for this query type.")

// bindArray is one array binding: its Snowflake type and its values, one per row.
type bindArray struct {
	typ  string
	vals []any
}

// arrayValue decodes the elements of an array binding with the binding's type.
func arrayValue(bv bindValue, elems []any) (any, *sqlError) {
	out := bindArray{typ: strings.ToUpper(bv.Type), vals: make([]any, len(elems))}
	for i, e := range elems {
		v, err := bindValueOf(bindValue{Type: bv.Type, Value: e})
		if err != nil {
			return nil, err
		}
		out.vals[i] = v
	}
	return out, nil
}

// arrayBinds are a statement's array bindings: n rows, each taking one
// value from every binding in order. Rows are read one at a time (row),
// never built all at once.
type arrayBinds struct {
	cols []bindArray
	n    int
}

// arrayBindsOf reads args' array bindings; ok is false when args holds no
// array. All bindings must be arrays of one length.
func arrayBindsOf(args []any) (ab arrayBinds, ok bool, err *sqlError) {
	n := -1
	for _, a := range args {
		arr, isArr := a.(bindArray)
		switch {
		case !isArr && n >= 0, isArr && n == -2:
			return arrayBinds{}, true, bindError("array and single-value bindings mixed in one statement")
		case !isArr:
			n = -2
		case n >= 0 && len(arr.vals) != n:
			return arrayBinds{}, true, bindError("array bindings of different lengths (%d and %d)", n, len(arr.vals))
		default:
			n = len(arr.vals)
		}
	}
	if n < 0 {
		return arrayBinds{}, false, nil
	}
	ab = arrayBinds{cols: make([]bindArray, len(args)), n: n}
	for j, a := range args {
		ab.cols[j] = a.(bindArray)
	}
	return ab, true, nil
}

// row stores row i's arguments in dst, one per binding, and returns it.
func (ab arrayBinds) row(i int, dst []any) []any {
	for j, c := range ab.cols {
		dst[j] = c.vals[i]
	}
	return dst
}

// checkArrayBinds refuses array binds where Snowflake does: on anything but
// INSERT, UPDATE, DELETE and MERGE.
func checkArrayBinds(p *stmt, binds []any) *sqlError {
	if _, ok, err := arrayBindsOf(binds); err != nil || !ok {
		return err
	}
	if p.Kind != kindDML {
		return errArrayBindKind
	}
	return nil
}

// execDML runs a DML statement and returns the rows it affected. With array
// binds it runs once per row, inside a transaction of its own unless inTxn
// (the connection is in the session's transaction), so a failing row leaves
// no row of the statement behind.
func execDML(ctx context.Context, conn *sql.Conn, q string, args []any, inTxn bool) (int64, error) {
	rows, isArray, aerr := arrayBindsOf(args)
	if aerr != nil {
		return 0, aerr
	}
	if !isArray {
		r, err := conn.ExecContext(ctx, q, args...)
		if err != nil {
			return 0, err
		}
		n, _ := r.RowsAffected()
		return n, nil
	}
	if head, tuple, ok := singleValuesTuple(q, len(args)); ok {
		return bulkInsert(ctx, conn, head, tuple, rows)
	}
	if !inTxn {
		if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
			return 0, err
		}
	}
	n, err := execRows(ctx, conn, q, rows)
	if inTxn {
		return n, err
	}
	if err != nil {
		_, _ = conn.ExecContext(context.Background(), "ROLLBACK")
		return 0, err
	}
	_, err = conn.ExecContext(ctx, "COMMIT")
	return n, err
}

// execRows runs q once per row of arguments with one prepared statement.
func execRows(ctx context.Context, conn *sql.Conn, q string, rows arrayBinds) (int64, error) {
	ps, err := conn.PrepareContext(ctx, q)
	if err != nil {
		return 0, err
	}
	defer ps.Close()
	var total int64
	args := make([]any, len(rows.cols))
	for i := range rows.n {
		res, err := ps.ExecContext(ctx, rows.row(i, args)...)
		if err != nil {
			return 0, err
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}

// singleValuesTuple splits the DuckDB text "INSERT ... VALUES (t)" with
// exactly one tuple at its end, whose placeholders are numbered ($k, as the
// rules leave them) and name binds 1..n, into the text up to VALUES and the
// tuple's tokens between its parentheses. A $k may come more than once or
// out of order; a ? (not numbered) or a placeholder before VALUES keeps the
// statement off the bulk path.
func singleValuesTuple(q string, n int) (head string, tuple []token, ok bool) {
	toks := tokenize(q)
	code := codeOnly(toks)
	if len(code) == 0 || !code[0].isWord("INSERT") {
		return "", nil, false
	}
	for i, t := range toks {
		if !t.isWord("VALUES") {
			continue
		}
		open := nextCode(toks, i+1)
		if open >= len(toks) || !toks[open].is("(") {
			return "", nil, false
		}
		close := closeParen(toks, open)
		if close < 0 || nextCode(toks, close+1) < len(toks) {
			return "", nil, false
		}
		for j, t := range toks[:close] {
			k, isBind := bindNumber(t)
			if t.is("?") || isBind && (j < open || k < 1 || k > n) {
				return "", nil, false
			}
		}
		return joinTokens(toks[:i]), toks[open+1 : close], true
	}
	return "", nil, false
}

// bindNumber is k for a numbered placeholder $k.
func bindNumber(t token) (int, bool) {
	if t.kind != tkParam {
		return 0, false
	}
	k, err := strconv.Atoi(t.text[1:])
	return k, err == nil
}
