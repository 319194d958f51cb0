package sftest

import (
	"context"
	"database/sql"
	"strings"
)

// Volatility: whether a logged statement would give another value when a
// replay runs it again (txn_replay.go). A function is volatile when DuckDB
// does not call it CONSISTENT (random, uuid, nextval, the clock) or it is a
// macro (an sftest function, a SQL UDF) calling a volatile one; a table's
// column default is volatile when it calls one (an IDENTITY's nextval, a
// DEFAULT of the current time). DuckDB's catalog is read once per replay,
// for only the names its statements call.

// niladicVolatile are the time keywords DuckDB evaluates without
// parentheses (the transaction's start time, different in a replay).
var niladicVolatile = map[string]bool{
	"current_timestamp": true, "current_time": true, "current_date": true, "localtime": true, "localtimestamp": true,
}

// extraVolatile are clock functions duckdb_functions() calls CONSISTENT.
var extraVolatile = map[string]bool{"current_localtimestamp": true, "current_localtime": true}

// volatility answers for one replay, reading DuckDB's catalog on conn.
type volatility struct {
	conn     *sql.Conn
	funcs    map[string]bool     // lower-case function name -> volatile, once read
	macros   map[string][]string // the definitions of the macros read
	defaults map[tableKey][]string
	haveDefs bool // defaults was read
}

func newVolatility(conn *sql.Conn) *volatility {
	return &volatility{conn: conn, funcs: map[string]bool{}, macros: map[string][]string{}}
}

// notCalls are the words a "(" follows that are syntax, not functions
// (reading them from the catalog is a slow scan of every function).
var notCalls = map[string]bool{
	"values": true, "in": true, "exists": true, "cast": true, "try_cast": true, "any": true, "all": true,
	"some": true, "over": true, "filter": true, "within": true, "as": true, "and": true, "or": true,
	"not": true, "using": true, "on": true, "select": true, "from": true, "where": true, "returning": true,
	"when": true, "then": true, "else": true, "by": true, "set": true, "partition": true,
}

// calledNames lists the lower-case names DuckDB text q calls: not syntax,
// not the table of INSERT INTO t (a, b).
func calledNames(q string) []string {
	var out []string
	for _, r := range nameRefs(q) {
		if name, ok := calledName(r); ok {
			out = append(out, name)
		}
	}
	return out
}

// calledName is the lower-case name r calls, if it is a call.
func calledName(r nameRef) (string, bool) {
	name := strings.ToLower(r.parts[len(r.parts)-1].text)
	return name, r.call && !notCalls[name] && r.prev != "INTO" && r.prev != "TABLE"
}

// load reads from DuckDB's catalog whether the names not read yet, and the
// functions their macros call, are volatile.
func (v *volatility) load(ctx context.Context, names []string) error {
	for len(names) > 0 {
		var ask []string
		for _, n := range names {
			if _, ok := v.funcs[n]; !ok {
				v.funcs[n] = extraVolatile[n]
				ask = append(ask, quoteString(n))
			}
		}
		names = nil
		if len(ask) == 0 {
			break
		}
		rows, err := v.conn.QueryContext(ctx, "SELECT lower(function_name), coalesce(stability, 'CONSISTENT'), "+
			"coalesce(macro_definition, '') FROM duckdb_functions() WHERE lower(function_name) IN ("+strings.Join(ask, ", ")+")")
		if err != nil {
			return err
		}
		for rows.Next() {
			var name, stability, def string
			if err := rows.Scan(&name, &stability, &def); err != nil {
				_ = rows.Close()
				return err
			}
			if def == "" {
				v.funcs[name] = v.funcs[name] || stability != "CONSISTENT"
				continue
			}
			v.macros[name] = append(v.macros[name], def)
			names = append(names, calledNames(def)...)
		}
		if err := rows.Close(); err != nil {
			return err
		}
	}
	for changed := true; changed; { // a macro calling a volatile one is volatile
		changed = false
		for name, defs := range v.macros {
			for _, d := range defs {
				if !v.funcs[name] && v.known(d, false) != "" {
					v.funcs[name], changed = true, true
				}
			}
		}
	}
	return nil
}

// known returns the first volatile function DuckDB text q calls, "" if
// none, from the names already loaded; clockOK passes the clock functions
// (txn_clock.go).
func (v *volatility) known(q string, clockOK bool) string {
	for _, r := range nameRefs(q) {
		name := strings.ToLower(r.parts[len(r.parts)-1].text)
		if clockOK && isClockRef(r) {
			continue
		}
		if fn, call := calledName(r); call && v.funcs[fn] || !r.call && len(r.parts) == 1 && niladicVolatile[name] {
			return name
		}
	}
	return ""
}

// calls returns the first volatile function DuckDB text q calls, "" if none.
func (v *volatility) calls(ctx context.Context, q string, clockOK bool) (string, error) {
	if err := v.load(ctx, calledNames(q)); err != nil {
		return "", err
	}
	return v.known(q, clockOK), nil
}

// stepCalls returns the first volatile function p's work calls, "" if none.
func (v *volatility) stepCalls(ctx context.Context, p *stmt, clockOK bool) (string, error) {
	for _, q := range duckTexts(p) {
		if fn, err := v.calls(ctx, q, clockOK); fn != "" || err != nil {
			return fn, err
		}
	}
	return "", nil
}

// duckTexts are the DuckDB statements of p's work.
func duckTexts(p *stmt) []string {
	out := append(append([]string(nil), p.Duck...), p.Declare...)
	if p.Insert != nil {
		for _, st := range p.Insert.steps {
			out = append(out, st.sql)
		}
	}
	return out
}

// tableDefault returns a table st's work names whose column defaults are
// volatile, "" if none.
func (v *volatility) tableDefault(ctx context.Context, st txnStep) (string, error) {
	if !v.haveDefs {
		if err := v.readDefaults(ctx); err != nil {
			return "", err
		}
	}
	for _, q := range duckTexts(st.p) {
		for _, r := range nameRefs(q) { // "INSERT INTO t (a)" reads as a call of t
			if len(r.parts) > 3 {
				continue
			}
			k := qualifiedKey(r.parts, st.state.database, st.state.schema)
			for _, def := range v.defaults[tableKey{strings.ToUpper(k.db), strings.ToUpper(k.schema), strings.ToUpper(k.table)}] {
				if fn, err := v.calls(ctx, "SELECT "+def, false); fn != "" || err != nil {
					return r.display(), err
				}
			}
		}
	}
	return "", nil
}

// readDefaults reads every column default of the catalog, by upper-case table.
func (v *volatility) readDefaults(ctx context.Context) error {
	rows, err := v.conn.QueryContext(ctx, "SELECT upper(database_name), upper(schema_name), upper(table_name), column_default "+
		"FROM duckdb_columns() WHERE column_default IS NOT NULL")
	if err != nil {
		return err
	}
	defer rows.Close()
	v.defaults = map[tableKey][]string{}
	for rows.Next() {
		var k tableKey
		var def string
		if err := rows.Scan(&k.db, &k.schema, &k.table, &def); err != nil {
			return err
		}
		v.defaults[k] = append(v.defaults[k], def)
	}
	v.haveDefs = true
	return rows.Err()
}
