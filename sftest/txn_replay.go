package sftest

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// Statement rollback inside a transaction. In Snowflake a statement that
// fails inside an explicit transaction is rolled back by itself and the
// transaction stays open: its other statements still commit. DuckDB has no
// savepoints: a runtime error (a constraint, a cast, a division by zero)
// aborts its whole transaction, and its COMMIT then quietly rolls back.
//
// So while a transaction is open its holder logs the statements that
// changed data or the catalog (txnLog, with their binds and the session's
// database and schema). When a statement fails and DuckDB's transaction is
// aborted (or the statement may have done part of its work), the holder
// rolls DuckDB back, begins again and replays the log: the transaction is as
// it was before the failed statement, which answers its own error.
//
// A replay must repeat exactly what the client was told. It is refused when
// it could not: a logged statement calls a function whose value changes
// between runs (random, UUIDs, sequences, which DuckDB does not roll back
// either; the current time is replayed as it was read, txn_clock.go), or
// inserts into a table whose defaults do;
// another session wrote since the transaction began (the replay would read
// its rows); or the log outgrew txnReplayMaxValues bind values. Then the
// transaction is lost: every later statement in it and its COMMIT fail
// with errTxnLost's message, and COMMIT ends the transaction, so the
// session never claims work it no longer has. ROLLBACK ends it as usual.

// txnReplayMaxValues bounds the bind values a transaction's log keeps for a
// replay (array binds count each row's values). Past it the log is dropped
// and a failure inside the transaction loses it.
const txnReplayMaxValues = 1 << 20

// txnLog is what an open transaction did, for a replay. Guarded by the
// holder's mu.
type txnLog struct {
	gen    uint64    // the write clock when the transaction began
	steps  []txnStep // the statements that changed data or the catalog
	values int       // bind values the steps hold
	// unfaithful says why a replay could not repeat the steps; "" while it can.
	unfaithful string
	// lostErr is set once DuckDB's transaction was aborted and could not be
	// replayed: the transaction's work is gone.
	lostErr *sqlError
	// clock is the current DuckDB transaction's start as a TIMESTAMPTZ
	// literal, once a logged statement read it (txn_clock.go).
	clock string
}

// txnStep is one logged statement: its DuckDB work and where it ran.
type txnStep struct {
	p     *stmt
	binds []any
	state sessionState
	clock string // the clock the statement read, "" if none (txn_clock.go)
}

// record logs a statement that succeeded on conn inside the transaction.
// Queries and variable assignments change nothing a replay must repeat.
func (l *txnLog) record(ctx context.Context, conn *sql.Conn, p *stmt, binds []any, state sessionState) {
	if l == nil || l.lostErr != nil || l.unfaithful != "" || p.Kind == kindQuery || p.Kind == kindVariables {
		return
	}
	n := len(binds)
	if rows, isArray, _ := arrayBindsOf(binds); isArray {
		n = rows.n * len(rows.cols)
	}
	if l.values+n > txnReplayMaxValues {
		l.unfaithful = fmt.Sprintf("its statements bound more than %d values, more than sftest keeps to replay", txnReplayMaxValues)
		l.steps = nil // nothing will replay: let the values go
		return
	}
	step := txnStep{p: p, binds: binds, state: state}
	if slices.ContainsFunc(duckTexts(p), readsClock) {
		c, err := l.clockOf(ctx, conn)
		if err != nil {
			l.unfaithful, l.steps = "reading the transaction's time failed: "+err.Error(), nil
			return
		}
		step.clock = c
	}
	l.values += n
	l.steps = append(l.steps, step)
}

// errTxnLost answers every statement of a transaction whose work is gone.
func errTxnLost(why string) *sqlError {
	return &sqlError{Code: "000603", SQLState: "25P02", Message: "SQL execution internal error: " +
		"sftest lost this transaction's work: a statement failed inside it, and undoing that statement alone " +
		"means replaying the transaction's earlier statements, which sftest cannot do faithfully (" + why + "). " +
		"Every statement of the transaction fails until ROLLBACK or COMMIT, and COMMIT fails; run the transaction again."}
}

// lost is the error a statement of a lost transaction answers; nil while
// the transaction has its work. h.mu must be held.
func (h *connHolder) lost() *sqlError {
	if h.log == nil {
		return nil
	}
	return h.log.lostErr
}

// afterTxnFailure restores h's transaction after one of its statements
// failed (ok false) on conn: when DuckDB aborted the transaction, or p (nil
// for a scripting expression) may have done part of its work, the
// transaction is replayed up to before p. h.mu must be held.
func (s *Server) afterTxnFailure(h *connHolder, conn *sql.Conn, p *stmt, ok bool) {
	if ok || !h.inTxn || h.log == nil || h.log.lostErr != nil {
		return
	}
	// The statement's own context may have ended (a cancel); the restore
	// runs until the server closes.
	ctx := s.ctx
	if !txnAborted(ctx, conn) && (p == nil || !partialWork(p)) {
		return // nothing of the failed statement is left
	}
	s.replayTxn(ctx, h, conn)
}

// txnAborted reports whether conn's DuckDB transaction refuses statements
// until ROLLBACK.
func txnAborted(ctx context.Context, conn *sql.Conn) bool {
	var one int
	return conn.QueryRowContext(ctx, "SELECT 1").Scan(&one) != nil
}

// partialWork reports whether p changes data with more than one DuckDB
// statement, so a failure may leave the work of the ones before it. (A
// query's first statements only prepare it.)
func partialWork(p *stmt) bool {
	if p.Kind == kindQuery || p.Kind == kindVariables {
		return false
	}
	return len(p.Duck) > 1 || p.Program != nil || p.Insert != nil || len(p.Declare) > 0 || p.DeclareFrom != nil
}

// replayTxn rolls h's DuckDB transaction back and replays its log in a new
// one; when the replay cannot be faithful the transaction is lost (an empty
// DuckDB transaction stays open so nothing autocommits on the connection).
// h.mu must be held.
func (s *Server) replayTxn(ctx context.Context, h *connHolder, conn *sql.Conn) {
	l := h.log
	l.clock = "" // the next DuckDB transaction starts later
	_, _ = conn.ExecContext(ctx, "ROLLBACK")
	h.forget()
	why := l.unfaithful
	if why == "" {
		why = s.replaySteps(ctx, h, conn, l)
	}
	if why == "" {
		return
	}
	_, _ = conn.ExecContext(ctx, "ROLLBACK")
	h.forget()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		// Without a transaction the connection would autocommit: drop it.
		_ = h.c.Close()
		h.c = nil
	}
	l.steps, l.lostErr = nil, errTxnLost(why)
	s.cfg.logger.Debug("sftest: transaction lost after a failed statement", "why", why)
}

// replaySteps begins a DuckDB transaction on conn and runs l's steps in it.
// It answers why the replay is not faithful, "" when it is.
func (s *Server) replaySteps(ctx context.Context, h *connHolder, conn *sql.Conn, l *txnLog) string {
	const others = "data changed outside the transaction after it began (another session, or a stored " +
		"procedure, whose statements sftest runs outside the transaction), so a replay would read it"
	v := newVolatility(conn)
	reads, err := v.readSet(ctx, l.steps)
	if err != nil {
		return "reading the catalog failed: " + err.Error()
	}
	if !s.eng.writes.unchangedSince(l.gen, reads) {
		return others
	}
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return "beginning it again failed: " + err.Error()
	}
	shadow := "" // the clock the clock functions answer
	for _, st := range l.steps {
		fn, err := v.stepCalls(ctx, st.p, st.clock != "")
		if err != nil {
			return "reading the functions failed: " + err.Error()
		}
		if fn != "" {
			return fmt.Sprintf("the statement %q calls %s, whose value changes from one run to the next", clip(st.p.Text), fn)
		}
		if st.p.Kind == kindDML {
			tbl, err := v.tableDefault(ctx, st)
			if err != nil {
				return "reading the column defaults failed: " + err.Error()
			}
			if tbl != "" {
				return fmt.Sprintf("the statement %q writes %s, whose column defaults change from one run to the next "+
					"(an IDENTITY or AUTOINCREMENT sequence, the current time, a random value)", clip(st.p.Text), tbl)
			}
		}
		if err := h.use(ctx, conn, st.state.database, st.state.schema); err != nil {
			return "its USE failed: " + err.Error()
		}
		if st.clock != "" && st.clock != shadow {
			if err := setClock(ctx, conn, st.clock); err != nil {
				return "setting the transaction's time failed: " + err.Error()
			}
			shadow = st.clock
		}
		if _, _, err := s.duckWork(ctx, conn, duckRun{p: st.p, binds: st.binds, state: st.state, inTxn: true}); err != nil {
			return fmt.Sprintf("replaying %q failed: %v", clip(st.p.Text), err)
		}
		if st.p.Kind == kindDDL {
			h.forget()
			v = newVolatility(conn) // a function or table may have come or changed
		}
	}
	if shadow != "" {
		if err := dropClock(ctx, conn); err != nil {
			return "resetting the transaction's time failed: " + err.Error()
		}
	}
	if !s.eng.writes.unchangedSince(l.gen, reads) {
		return others
	}
	return ""
}

// clip shortens a statement's text for a message.
func clip(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > 80 {
		return string(r[:77]) + "..."
	}
	return text
}
