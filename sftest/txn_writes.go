package sftest

import (
	"context"
	"strings"
	"sync"
)

// What others wrote while a transaction was open. A replay (txn_replay.go)
// runs in a new DuckDB transaction, which sees every commit made since the
// first run began: if one of them touched a table the transaction's
// statements read, the replay would not repeat them. So the server counts
// the writes that commit outside a transaction (autocommitted DML and DDL,
// COMMITs) by the tables they write, and a replay is refused when a table
// its statements name, or any table when that cannot be told, was written
// since the transaction began.

// maxStampedTables bounds the tables a writeClock remembers by name.
const maxStampedTables = 4096

// writeClock counts writes outside transactions. Each write bumps gen when
// it starts and when it ends and stamps its tables (or "any", when its
// tables are not known) with it.
type writeClock struct {
	mu          sync.Mutex
	gen         uint64
	anyAt       uint64 // gen of the last start or end of a write of unknown tables
	anyInflight int
	tableAt     map[tableKey]uint64 // gen of the last start or end of a write of the table
	inflight    map[tableKey]int    // writes of the table running now
}

// writing marks a write of tables (nil: not known) as started; done marks it ended.
func (w *writeClock) writing(tables []tableKey) (done func()) {
	w.stamp(tables, 1)
	return func() { w.stamp(tables, -1) }
}

func (w *writeClock) stamp(tables []tableKey, delta int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.gen++
	if tables == nil {
		w.anyAt, w.anyInflight = w.gen, w.anyInflight+delta
		return
	}
	if w.tableAt == nil {
		w.tableAt, w.inflight = map[tableKey]uint64{}, map[tableKey]int{}
	}
	if len(w.tableAt) >= maxStampedTables {
		// Bound the memory: forget which tables, as if all were written now
		// (a replay of a transaction begun before then is refused).
		w.anyAt = w.gen
		clear(w.tableAt)
	}
	for _, t := range tables {
		w.tableAt[t] = w.gen
		if w.inflight[t] += delta; w.inflight[t] == 0 {
			delete(w.inflight, t)
		}
	}
}

// now reads the clock.
func (w *writeClock) now() uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.gen
}

// unchangedSince reports whether no write of the tables reads (nil: of any
// table) started or ended since the clock read g, and none is running.
func (w *writeClock) unchangedSince(g uint64, reads []tableKey) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.anyAt > g || w.anyInflight > 0 {
		return false
	}
	if reads == nil {
		for _, at := range w.tableAt {
			if at > g {
				return false
			}
		}
		return len(w.inflight) == 0
	}
	for _, t := range reads {
		if w.tableAt[t] > g || w.inflight[t] > 0 {
			return false
		}
	}
	return true
}

// upperKey is k with its parts upper-cased: how writes and reads compare
// names (a quoted lower-case name may collide with an unquoted one: only
// a replay more is refused).
func upperKey(k tableKey) tableKey {
	return tableKey{strings.ToUpper(k.db), strings.ToUpper(k.schema), strings.ToUpper(k.table)}
}

// writeTargets are the tables p, run outside a transaction in state,
// writes; nil when it may write something else too (most DDL, a
// multi-table insert) or cannot be told. CREATE and DROP of a table or view
// write that one.
func writeTargets(p *stmt, state sessionState) []tableKey {
	if p.Kind == kindDDL {
		verb, kind, parts, ok := ddlTarget(p.Text)
		if ok && (verb == "CREATE" || verb == "DROP") && (kind == "TABLE" || kind == "VIEW") && len(parts) <= 3 {
			return []tableKey{upperKey(qualifiedKey(parts, state.database, state.schema))}
		}
		return nil
	}
	if p.Kind != kindDML || p.Insert != nil {
		return nil
	}
	var parts []namePart
	if p.LockTable != "" { // UPDATE, DELETE, MERGE
		for _, s := range strings.Split(p.LockTable, ".") {
			parts = append(parts, namePart{text: s})
		}
	} else if p.Verb == "INSERT" {
		parts = insertTarget(p.Text)
	}
	if len(parts) == 0 || len(parts) > 3 {
		return nil
	}
	return []tableKey{upperKey(qualifiedKey(parts, state.database, state.schema))}
}

// insertTarget reads the table of INSERT [OVERWRITE] INTO t from the head of
// text; nil when it is not there.
func insertTarget(text string) []namePart {
	if len(text) > 2048 {
		text = text[:2048] // the name comes first: do not tokenize the rows
	}
	code := codeOnly(tokenize(text))
	i := 1
	if i < len(code) && code[i].isWord("OVERWRITE") {
		i++
	}
	if len(code) == 0 || !code[0].isWord("INSERT") || i >= len(code) || !code[i].isWord("INTO") {
		return nil
	}
	parts, _ := parseName(code, i+1)
	return parts
}

// targets are the tables the transaction's COMMIT writes; nil when not known.
func (l *txnLog) targets() []tableKey {
	if l == nil || l.unfaithful != "" {
		return nil
	}
	out := []tableKey{}
	for _, st := range l.steps {
		t := writeTargets(st.p, st.state)
		if t == nil {
			return nil
		}
		out = append(out, t...)
	}
	return out
}

// readSet is every table the steps' DuckDB statements name, by upper-case
// key; nil (any table) when one of them reads tables it does not name: a
// view, or a macro with a query.
func (v *volatility) readSet(ctx context.Context, steps []txnStep) ([]tableKey, error) {
	seen := map[tableKey]bool{}
	out := []tableKey{} // not nil: nil means any table
	for _, st := range steps {
		for _, q := range duckTexts(st.p) {
			if err := v.load(ctx, calledNames(q)); err != nil {
				return nil, err
			}
			for _, r := range nameRefs(q) {
				if len(r.parts) > 3 {
					continue
				}
				if k := upperKey(qualifiedKey(r.parts, st.state.database, st.state.schema)); !seen[k] {
					seen[k] = true
					out = append(out, k)
				}
			}
		}
	}
	for _, defs := range v.macros {
		for _, d := range defs {
			if containsFold(d, "FROM") {
				return nil, nil
			}
		}
	}
	rows, err := v.conn.QueryContext(ctx, "SELECT upper(database_name), upper(schema_name), upper(view_name) FROM duckdb_views() WHERE NOT internal")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k tableKey
		if err := rows.Scan(&k.db, &k.schema, &k.table); err != nil {
			return nil, err
		}
		if seen[k] {
			return nil, rows.Close()
		}
	}
	return out, rows.Err()
}

// mayWrite reports whether p, run outside a transaction, may commit a
// change others' replays would read: not a query or variable assignment,
// and some DuckDB work other than SELECTs (GRANT only looks its table up,
// CREATE WAREHOUSE has none).
func mayWrite(p *stmt) bool {
	if p.Kind == kindQuery || p.Kind == kindVariables {
		return false
	}
	if p.Program != nil || p.Insert != nil {
		return true
	}
	for _, q := range p.Duck { // a leading comment counts as a write: safe
		if q = strings.TrimSpace(q); len(q) < 7 || !strings.EqualFold(q[:7], "SELECT ") {
			return true
		}
	}
	return false
}
