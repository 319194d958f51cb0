package sftest

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// sval is a scripting value: its text as DuckDB casts it to VARCHAR and its
// DuckDB type name. SQL sees it as a Snowflake literal (literal).
type sval struct {
	text string
	null bool
	typ  string // DuckDB type name, upper-case, e.g. BIGINT, DECIMAL(38,2), VARCHAR
}

var sNull = sval{null: true, typ: "VARCHAR"}

func sInt(n int64) sval  { return sval{text: strconv.FormatInt(n, 10), typ: "BIGINT"} }
func sBool(b bool) sval  { return sval{text: strconv.FormatBool(b), typ: "BOOLEAN"} }
func sStr(s string) sval { return sval{text: s, typ: "VARCHAR"} }

// literal writes v as a Snowflake SQL literal of its type.
func (v sval) literal() string {
	t := v.typ
	if v.null {
		return "NULL"
	}
	q := snowflakeString(v.text)
	switch {
	case t == "BOOLEAN", isIntegerType(t), strings.HasPrefix(t, "DECIMAL"):
		return v.text
	case t == "DOUBLE" || t == "FLOAT":
		return "CAST(" + q + " AS FLOAT)"
	case t == "DATE":
		return "CAST(" + q + " AS DATE)"
	case t == "TIME":
		return "CAST(" + q + " AS TIME)"
	case t == "TIMESTAMP":
		return "CAST(" + q + " AS TIMESTAMP_NTZ)"
	case t == "TIMESTAMP WITH TIME ZONE":
		return "CAST(" + q + " AS TIMESTAMP_TZ)"
	case t == "JSON":
		return "PARSE_JSON(" + q + ")"
	}
	return q
}

func isIntegerType(t string) bool {
	switch t {
	case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT":
		return true
	}
	return false
}

// snowflakeString quotes s as a Snowflake string literal (” and \\ escaped).
func snowflakeString(s string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", "''") + "'"
}

// truth is a condition's outcome: NULL is false.
func (v sval) truth() bool { return !v.null && strings.EqualFold(v.text, "true") }

// display is the value as SQLERRM or a message shows it.
func (v sval) display() string {
	if v.null {
		return "NULL"
	}
	return v.text
}

// fastValue evaluates the simplest expressions (one number or string
// literal) without the engine; ok is false for anything else.
func fastValue(expr string) (sval, bool) {
	code := codeOnly(tokenize(expr))
	neg := false
	if len(code) == 2 && code[0].is("-") {
		neg, code = true, code[1:]
	}
	if len(code) != 1 {
		return sval{}, false
	}
	t := code[0]
	switch {
	case t.kind == tkNumber && !strings.ContainsAny(t.text, ".eE"):
		n, err := strconv.ParseInt(t.text, 10, 64)
		if err != nil {
			return sval{}, false
		}
		if neg {
			n = -n
		}
		return sInt(n), true
	case t.kind == tkString && !neg:
		s, ok := stringValue(t)
		return sStr(s), ok
	case t.isWord("NULL") && !neg:
		return sNull, true
	case (t.isWord("TRUE") || t.isWord("FALSE")) && !neg:
		return sBool(t.isWord("TRUE")), true
	}
	return sval{}, false
}

// evalSQL evaluates a Snowflake expression (variables already bound as
// literals), cast to typ when typ is not empty, on the run's connection.
func (x *scriptRun) evalSQL(expr, typ string) (sval, *sqlError) {
	if v, ok := fastValue(expr); ok && (typ == "" || !strings.Contains(typ, "(") && baseType(typ) == baseType(v.typ)) {
		return v, nil
	}
	e := "(" + expr + ")"
	if typ != "" {
		e = "CAST(" + e + " AS " + typ + ")"
	}
	rewritten, err := applyRules("SELECT "+e, x.env())
	if err != nil {
		return sval{}, asSQLError(err)
	}
	q := "SELECT CAST(v AS VARCHAR), typeof(v) FROM (" + rewritten + ") AS _e(v)"
	var text sql.NullString
	var t string
	qerr := x.withConn(containsFold(expr, "FROM"), func(ctx context.Context, c *sql.Conn) error {
		return c.QueryRowContext(ctx, q).Scan(&text, &t)
	})
	if qerr != nil {
		return sval{}, x.s.stmtError(x.ctx, qerr, failedStmt{text: "SELECT " + e})
	}
	return sval{text: text.String, null: !text.Valid, typ: strings.ToUpper(t)}, nil
}

// asSQLError makes any front-end error an *sqlError (001003 when it is not one).
func asSQLError(err error) *sqlError {
	if se, ok := err.(*sqlError); ok {
		return se
	}
	return compileError("%s", err.Error())
}

// withConn runs f on the run's pinned connection, pointed at the session's
// database and schema when use is true.
func (x *scriptRun) withConn(use bool, f func(ctx context.Context, c *sql.Conn) error) error {
	x.h.mu.Lock()
	defer x.h.mu.Unlock()
	c, err := x.h.get(x.ctx, x.s.eng)
	if err != nil {
		return err
	}
	if use {
		st := x.s.stateOf(x.sess)
		if err := x.h.use(x.ctx, c, st.database, st.schema); err != nil {
			return err
		}
	}
	if err := x.h.lost(); err != nil {
		return err
	}
	// f may run anything on c; the next statement on it points it again.
	defer x.h.forget()
	err = f(x.ctx, c)
	x.s.afterTxnFailure(x.h, c, nil, err == nil) // a failed expression must not lose the transaction
	return err
}

// valuesResult answers rows of values with the given column names, typed
// as the values are, through the engine and the normal result encoding.
func (x *scriptRun) valuesResult(cols []string, rows [][]sval, casts []string) (*result, *sqlError) {
	var b strings.Builder
	for i, r := range rows {
		if i > 0 {
			b.WriteString(" UNION ALL ")
		}
		b.WriteString("SELECT ")
		for j, v := range r {
			if j > 0 {
				b.WriteString(", ")
			}
			lit := v.literal()
			if casts != nil && casts[j] != "" {
				lit = "CAST(" + lit + " AS " + casts[j] + ")"
			}
			b.WriteString(lit + " AS " + quoteIdent(cols[j]))
		}
	}
	if len(rows) == 0 {
		b.WriteString("SELECT ")
		for j, c := range cols {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("CAST(NULL AS VARCHAR) AS " + quoteIdent(c))
		}
	}
	text := b.String()
	q, err := applyRules(text, x.env())
	if err != nil {
		return nil, asSQLError(err)
	}
	if len(rows) == 0 {
		q = "SELECT * FROM (" + q + ") WHERE false"
	}
	var res *result
	qerr := x.withConn(false, func(ctx context.Context, c *sql.Conn) error {
		r, err := c.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		defer r.Close()
		res, err = readRows(r, text, x.s.encodingFor(x.owner, loadLocation(x.s.stateOf(x.sess).params["TIMEZONE"])), columnHints{})
		return err
	})
	if qerr != nil {
		return nil, x.s.stmtError(x.ctx, qerr, failedStmt{text: text})
	}
	st := x.s.stateOf(x.sess)
	res.finalDB, res.finalSchema = st.database, st.schema
	return res, nil
}
