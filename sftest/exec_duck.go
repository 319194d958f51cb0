package sftest

import (
	"context"
	"database/sql"
	"strings"
)

// duckRun is one statement's DuckDB work, ready to run on a connection:
// the parsed statement, its binds and the session state it runs in. st and
// sess are nil when a transaction replays the work (txn_replay.go): a
// replay runs only the statements that change data or the catalog.
type duckRun struct {
	st    *statement
	sess  *session
	p     *stmt
	binds []any
	state sessionState
	inTxn bool // conn is in a transaction of the session or request
}

// duckWork runs r's DuckDB statements on conn, in order: the statement's
// Duck text (the last one with the binds), then its DDL program and the
// declared-type records. It answers the last statement's result (nil when
// no DuckDB statement answers) and, for IF [NOT] EXISTS with nothing to do,
// Snowflake's message. Errors are the engine's, unmapped.
//
// Outside a transaction, a DDL statement of several DuckDB steps, or any
// statement with a DDL program, runs them in one DuckDB transaction of its
// own: the statement happens whole or not at all, and no other session sees
// it half made (a table without its declared types; an identity column's
// sequence without its table, which another session's sweepIdentity would
// take for an orphan and drop).
func (s *Server) duckWork(ctx context.Context, conn *sql.Conn, r duckRun) (res *result, existsMsg string, err error) {
	several := len(r.p.Duck)+len(r.p.Declare) >= 2 || r.p.DeclareFrom != nil
	if r.inTxn || r.p.Program == nil && (r.p.Kind != kindDDL || !several) {
		return s.duckSteps(ctx, conn, r)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return nil, "", err
	}
	r.inTxn = true
	res, existsMsg, err = s.duckSteps(ctx, conn, r)
	if err == nil {
		_, err = conn.ExecContext(ctx, "COMMIT")
	}
	if err != nil {
		// The connection goes back to the pool: never leave a transaction
		// open on it, whatever the context says.
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return nil, "", err
	}
	return res, existsMsg, nil
}

// duckSteps runs r's DuckDB statements on conn, in order (see duckWork).
func (s *Server) duckSteps(ctx context.Context, conn *sql.Conn, r duckRun) (res *result, existsMsg string, err error) {
	p, state, binds := r.p, r.state, r.binds
	existsMsg, err = p.Exists.message(ctx, conn, state.database, state.schema) // IF [NOT] EXISTS with nothing to do
	if err != nil {
		return nil, "", err
	}
	for i, q := range p.Duck {
		last := i == len(p.Duck)-1
		args := []any(nil)
		if last {
			args = binds
		}
		if last && p.Exact != nil {
			if exact, ok := p.Exact(probeTypes(ctx, conn, args)); ok {
				q = exact
			}
		}
		switch {
		case !last:
			if _, err := conn.ExecContext(ctx, q); err != nil {
				return nil, "", err
			}
		case p.Kind == kindQuery:
			loc := loadLocation(state.params["TIMEZONE"])
			hints := columnHints{asTZ: tzColumns(p.Text),
				declared: s.eng.declared.declaredResultTypes(ctx, conn, p.Text, state.database, state.schema, r.inTxn)}
			rows, err := conn.QueryContext(ctx, q, args...)
			if err != nil {
				return nil, "", err
			}
			res, err = readRows(rows, p.Text, s.encodingFor(r.st, loc), hints)
			_ = rows.Close()
			if err != nil {
				return nil, "", err
			}
		case p.Kind == kindVariables:
			if res, err = s.assignVariables(ctx, conn, r.sess, p.Vars, q, args); err != nil {
				return nil, "", err
			}
		case p.Kind == kindDML && p.Insert != nil:
			if res, err = execInsertPlan(ctx, conn, p.Insert, args, r.inTxn); err != nil {
				return nil, "", err
			}
		case p.Kind == kindDML:
			if p.Verb == "INSERT" {
				q = zonedInsertValues(ctx, conn, q)
			}
			strict := !strings.EqualFold(state.params["ERROR_ON_NONDETERMINISTIC_MERGE"], "FALSE")
			if res, err = runDML(ctx, conn, p.Verb, q, args, r.inTxn, strict); err != nil {
				return nil, "", err
			}
		default:
			if _, err := conn.ExecContext(ctx, q, args...); err != nil {
				return nil, "", err
			}
			msg := p.Message
			if msg == "" {
				msg = "Statement executed successfully."
			}
			res = textResult("status", msg, stmtTypeDDL)
		}
	}
	if p.Program != nil { // catalog-dependent DDL (ddl_program.go)
		if err := p.Program(ctx, &programRun{conn: conn, db: state.database, schema: state.schema}); err != nil {
			return nil, "", err
		}
		res = textResult("status", p.Message, stmtTypeDDL)
	}
	for _, q := range p.Declare {
		if existsMsg != "" {
			break // CREATE IF NOT EXISTS kept the table as it was
		}
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return nil, "", err
		}
	}
	if len(p.Declare) > 0 {
		s.eng.declared.recorded()
	}
	if p.DeclareFrom != nil && existsMsg == "" {
		if err := s.eng.declared.declareFromQuery(ctx, conn, p.DeclareFrom, state.database, state.schema, r.inTxn); err != nil {
			return nil, "", err
		}
	}
	return res, existsMsg, nil
}
