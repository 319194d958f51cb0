package sftest

import "context"

// DDL inside a transaction. Snowflake autocommits DDL whatever the
// transaction state: "Executing a DDL statement within an open transaction
// does the following: Commits the open transaction. Executes the DDL
// statement and commits it." So a ROLLBACK after DDL undoes neither the DDL
// nor the statements before it, and the statements after it autocommit
// until the next BEGIN. TRUNCATE is DML in Snowflake's terms and stays in
// the transaction.

// commitBeforeDDL commits the open transaction p (a DDL statement) runs in,
// as Snowflake does, so p then runs on its own: h is the holder p was given
// (a multi-statement request's or a block's), nil for the session's own.
// The COMMIT's error (a lost transaction, txn_replay.go) is p's.
func (s *Server) commitBeforeDDL(ctx context.Context, sess *session, p *stmt, h *connHolder) *sqlError {
	if p.Kind != kindDDL || p.Verb == "TRUNCATE" {
		return nil
	}
	open := h
	if open == nil {
		s.mu.Lock()
		open = sess.txn
		s.mu.Unlock()
	}
	if open == nil || !open.inTxnLocked() {
		return nil
	}
	_, err := s.runTxn(ctx, sess, &stmt{Kind: kindTxn, Verb: "COMMIT"}, h)
	return err
}
