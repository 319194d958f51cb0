package sftest

import (
	"context"
	"fmt"
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// The sequence: statements that fail inside an explicit transaction
// (at compile time or at run time) are rolled back by themselves, the
// transaction stays open, and COMMIT keeps every statement that succeeded.
func TestTxnFailedStatementRollsBackAlone(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn := pinned(t, db)
	run(t, ctx, conn, "create or replace table tx (a int not null)", "begin", "insert into tx values (1)")
	requireCode(t, ctx, conn, "select nosuchcol from tx", 904)
	run(t, ctx, conn, "insert into tx values (2)")
	requireCode(t, ctx, conn, "insert into tx values (null)", 100072)
	run(t, ctx, conn, "insert into tx values (3)")
	_, err := conn.ExecContext(ctx, "select cast('x' as int)")
	require.Error(t, err)
	requireCodeNot(t, err, 603)
	run(t, ctx, conn, "insert into tx values (4)")
	requireCode(t, ctx, conn, "select 1/0", 100051)
	run(t, ctx, conn, "update tx set a = a * 10 where a = 4", "commit")
	require.Equal(t, []int64{1, 2, 3, 40}, int64s(t, ctx, conn, "select a from tx order by a"))
}

// requireCodeNot asserts err is a Snowflake error other than code.
func requireCodeNot(t *testing.T, err error, code int) {
	t.Helper()
	var se *sf.SnowflakeError
	require.ErrorAs(t, err, &se)
	require.NotEqual(t, code, se.Number, err.Error())
}

// A failed statement inside the transaction leaves none of its own rows:
// a multi-row insert that fails on its last row, an array-bind insert that
// fails on one row, an UPDATE that fails half-way, a multi-table insert.
func TestTxnFailedStatementLeavesNothing(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn := pinned(t, db)
	run(t, ctx, conn, "create table tn (a int not null, b varchar)", "create table tn2 (a int not null)", "begin",
		"insert into tn values (1, 'x'), (2, 'y')")
	requireCode(t, ctx, conn, "insert into tn values (5, 'z'), (null, 'w')", 100072)
	_, err := conn.ExecContext(ctx, "insert into tn (a, b) values (?, ?)", mustArray(t, []int{6, 7}), mustArray(t, []string{"q", "r"}))
	require.NoError(t, err)
	_, err = conn.ExecContext(ctx, "insert into tn (a, b) values (?, ?)", mustArray(t, []string{"8", "bad"}), mustArray(t, []string{"s", "t"}))
	var se *sf.SnowflakeError
	require.ErrorAs(t, err, &se, "the array bind's second row is no number")
	require.Equal(t, 100038, se.Number, err.Error())
	_, err = conn.ExecContext(ctx, "update tn set a = a / (a - 2)")
	require.Error(t, err, "2/0 fails the update after it changed rows")
	_, err = conn.ExecContext(ctx, "insert all into tn2 values (a) into tn values (a, b) select a, b from tn union all select null, 'n'")
	require.Error(t, err)
	run(t, ctx, conn, "commit")
	require.Equal(t, []int64{1, 2, 6, 7}, int64s(t, ctx, conn, "select a from tn order by a"))
	require.Empty(t, int64s(t, ctx, conn, "select a from tn2"))
}

// Array binds inside the transaction are replayed with their values.
func TestTxnReplaysArrayBinds(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn := pinned(t, db)
	run(t, ctx, conn, "create table tb (a int not null, s varchar)", "begin")
	_, err := conn.ExecContext(ctx, "insert into tb values (?, ?)", mustArray(t, []int{1, 2, 3}), mustArray(t, []string{"a", "b", "c"}))
	require.NoError(t, err)
	_, err = conn.ExecContext(ctx, "insert into tb values (?, ?)", 4, "d")
	require.NoError(t, err)
	requireCode(t, ctx, conn, "insert into tb values (null, 'e')", 100072)
	run(t, ctx, conn, "commit")
	var got []string
	rows, err := conn.QueryContext(ctx, "select a || s from tb order by a")
	require.NoError(t, err)
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		got = append(got, s)
	}
	require.NoError(t, rows.Close())
	require.Equal(t, []string{"1a", "2b", "3c", "4d"}, got)
}

// requireLost asserts err is the answer of a lost transaction, with why in it.
func requireLost(t *testing.T, err error, why string) {
	t.Helper()
	se := requireSFError(t, err, "000603")
	require.Contains(t, se.Message, "lost this transaction's work")
	require.Contains(t, se.Message, why)
}

// A transaction that cannot be replayed faithfully is lost, loudly: its
// later statements and its COMMIT fail, COMMIT ends it, and the session
// then autocommits again.
func TestTxnLostWhenReplayNotFaithful(t *testing.T) {
	cases := []struct {
		name, setup, write, why, valid string
	}{
		{"random", "create table tv (a double not null)", "insert into tv select random()", "calls random", "1"},
		{"uuid", "create table tv (a varchar not null)", "insert into tv select uuid_string()", "calls uuid", "'u'"},
		{"udf", "create table tv (a double not null); create function rnd() returns float as 'random()'",
			"insert into tv select rnd()", "calls rnd", "1"},
		{"sequence", "create sequence sq; create table tv (a int not null)", "insert into tv select sq.nextval", "calls nextval", "1"},
		{"identity", "create table tv (id int identity, a int not null)", "insert into tv (a) values (1)", "column defaults change", "1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, db := newTestServer(t)
			ctx := testCtx(t)
			conn := pinned(t, db)
			_, err := conn.ExecContext(sf.WithMultiStatement(ctx, 0), c.setup)
			require.NoError(t, err)
			run(t, ctx, conn, "begin", c.write)
			_, err = conn.ExecContext(ctx, "insert into tv (a) values (null)")
			require.Error(t, err)
			requireCodeNot(t, err, 603) // the failed statement answers its own error
			_, err = conn.ExecContext(ctx, "select count(*) from tv")
			requireLost(t, err, c.why)
			_, err = conn.ExecContext(ctx, "commit")
			requireLost(t, err, c.why)
			require.Equal(t, []int64{0}, int64s(t, ctx, conn, "select count(*) from tv"))
			// The transaction ended: the session autocommits again.
			run(t, ctx, conn, "insert into tv (a) values ("+c.valid+")", "commit")
			require.Equal(t, []int64{1}, int64s(t, ctx, conn, "select count(*) from tv"))
		})
	}
}

// A write committed by another session after BEGIN to a table the
// transaction's statements name (or read through a view) would be read by
// a replay: the transaction is lost rather than replayed over it. Writes
// of other tables, reads, SET and GRANT do not stop a replay. ROLLBACK of
// a lost transaction succeeds.
func TestTxnReplayAfterOtherSessionWrote(t *testing.T) {
	cases := []struct {
		name, read string
		other      []string
		lost       bool
	}{
		{"reads and grants", "src", []string{"select count(*) from src", "set v = 1", "grant select on table src to role public"}, false},
		{"other tables", "src", []string{"insert into unrelated values (1)", "create table fresh (a int)", "drop table fresh",
			"update unrelated set a = 2", "begin", "insert into unrelated values (3)", "commit"}, false},
		{"insert into a read table", "src", []string{"insert into src values (2)"}, true},
		{"update of a read table", "src", []string{"update src set a = 5"}, true},
		{"commit writing a read table", "src", []string{"begin", "delete from src", "commit"}, true},
		{"write under a view", "v", []string{"insert into src values (2)"}, true},
		{"ddl of another kind", "src", []string{"create schema s9"}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, db := newTestServer(t)
			ctx := testCtx(t)
			a, b := pinned(t, db), pinned(t, db)
			run(t, ctx, a, "create table src (a int)", "create table unrelated (a int)", "create view v as select a from src",
				"create table dst (a int not null)", "insert into src values (1)",
				"begin", "insert into dst select a from "+c.read)
			run(t, ctx, b, c.other...)
			requireCode(t, ctx, a, "insert into dst values (null)", 100072)
			_, err := a.ExecContext(ctx, "insert into dst values (3)")
			if !c.lost {
				require.NoError(t, err)
				run(t, ctx, a, "commit")
				require.Equal(t, []int64{1, 3}, int64s(t, ctx, a, "select a from dst order by a"))
				return
			}
			requireLost(t, err, "data changed outside the transaction")
			run(t, ctx, a, "rollback")
			require.Equal(t, []int64{0}, int64s(t, ctx, a, "select count(*) from dst"))
		})
	}
}

// A Snowflake Scripting block inside the transaction: a statement that fails
// in it and is caught by its handler does not lose the block's other work
// nor the transaction's; an expression that fails at run time neither.
func TestTxnScriptingBlockCatchesFailure(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn := pinned(t, db)
	run(t, ctx, conn, "create table tk (a int not null)", "begin", "insert into tk values (1)",
		`BEGIN
		   INSERT INTO tk VALUES (2);
		   INSERT INTO tk VALUES (NULL);
		 EXCEPTION WHEN OTHER THEN
		   INSERT INTO tk VALUES (3);
		 END;`,
		`DECLARE x INT;
		 BEGIN
		   x := CAST('nope' AS INT);
		 EXCEPTION WHEN OTHER THEN
		   INSERT INTO tk VALUES (4);
		 END;`,
		"commit")
	require.Equal(t, []int64{1, 2, 3, 4}, int64s(t, ctx, conn, "select a from tk order by a"))
}

// A multi-statement request that opens a transaction: a block in it that
// catches a failed statement keeps the request's transaction and its
// earlier rows; its first uncaught failure still ends the request, whose
// open transaction is rolled back at its end.
func TestTxnMultiStatementRequest(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn := pinned(t, db)
	run(t, ctx, conn, "create table tm (a int not null)")
	_, err := conn.ExecContext(sf.WithMultiStatement(ctx, 0), `begin; insert into tm values (1);
		BEGIN INSERT INTO tm VALUES (NULL); EXCEPTION WHEN OTHER THEN INSERT INTO tm VALUES (3); END;
		insert into tm values (4); commit`)
	require.NoError(t, err)
	require.Equal(t, []int64{1, 3, 4}, int64s(t, ctx, conn, "select a from tm order by a"))
	_, err = conn.ExecContext(sf.WithMultiStatement(ctx, 0), "begin; insert into tm values (5); insert into tm values (null); commit")
	require.Error(t, err)
	require.Equal(t, []int64{1, 3, 4}, int64s(t, ctx, conn, "select a from tm order by a"))
}

// The log keeps at most txnReplayMaxValues bind values: past them it lets
// its steps go and says why a replay cannot be faithful.
func TestTxnLogBoundsBindValues(t *testing.T) {
	ins := &stmt{Kind: kindDML, Verb: "INSERT", Duck: []string{"INSERT INTO t VALUES (?)"}}
	l := &txnLog{}
	l.record(context.Background(), nil, ins, []any{bindArray{typ: "FIXED", vals: make([]any, txnReplayMaxValues-1)}}, sessionState{})
	l.record(context.Background(), nil, &stmt{Kind: kindQuery, Duck: []string{"SELECT ?"}}, []any{1, 2}, sessionState{})
	l.record(context.Background(), nil, ins, []any{1}, sessionState{})
	require.Len(t, l.steps, 2, "queries are not logged")
	require.Equal(t, txnReplayMaxValues, l.values)
	require.Empty(t, l.unfaithful)
	l.record(context.Background(), nil, ins, []any{2}, sessionState{})
	require.Nil(t, l.steps)
	require.Contains(t, l.unfaithful, "bound more than")
}

// A statement that read the current time is replayed with the time it
// read (DuckDB's is the transaction's start, later in a replay), through
// any number of replays, and the clock runs again after each.
func TestTxnReplaysTheTransactionClock(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn := pinned(t, db)
	run(t, ctx, conn, "create table tc (k int not null, ts timestamp_ltz, d date, ntz timestamp_ntz, t time)", "begin",
		"insert into tc select 1, current_timestamp(), current_date(), sysdate(), current_time()")
	read := func() []string {
		_, rows := queryStrings(t, conn, "select k || ' ' || ts || ' ' || d || ' ' || ntz || ' ' || t from tc order by k")
		out := make([]string, len(rows))
		for i, r := range rows {
			out[i] = r[0]
		}
		return out
	}
	first := read()
	requireCode(t, ctx, conn, "insert into tc (k) values (null)", 100072)
	require.Equal(t, first, read(), "the replay kept the time the insert read")
	var later bool
	require.NoError(t, conn.QueryRowContext(ctx, "select current_timestamp() > (select ts from tc where k = 1)").Scan(&later))
	require.True(t, later, "after the replay the clock is DuckDB's again")
	run(t, ctx, conn, "insert into tc select 2, current_timestamp(), current_date, localtimestamp(), localtime()")
	both := read()
	require.Len(t, both, 2)
	require.NotEqual(t, both[0][2:], both[1][2:], "the second insert ran in the replayed transaction, later")
	requireCode(t, ctx, conn, "insert into tc (k) values (null)", 100072)
	run(t, ctx, conn, "commit")
	require.Equal(t, both, read())
}

// A statement canceled inside a transaction (its DuckDB query interrupted)
// is rolled back alone: the transaction's earlier and later rows commit.
func TestTxnCanceledStatementRollsBackAlone(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	conn := pinned(t, db)
	run(t, ctx, conn, "create table tq (a int not null)", "begin", "insert into tq values (1)")
	const slow = "insert into tq select count(*) from range(100000000000)"
	qctx, cancel := context.WithCancel(ctx)
	errc := make(chan error, 1)
	go func() {
		_, err := conn.ExecContext(qctx, slow)
		errc <- err
	}()
	waitForSQL(t, srv, slow, hasStatus(StatusRunning))
	cancel()
	require.Error(t, <-errc)
	waitForSQL(t, srv, slow, func(q Query) bool { return q.Status != StatusRunning })
	run(t, ctx, conn, "insert into tq values (2)", "commit")
	require.Equal(t, []int64{1, 2}, int64s(t, ctx, conn, "select a from tq order by a"))
}

// The write clock answers by table, and forgets the tables' names past
// maxStampedTables as if every table had just been written.
func TestWriteClockByTable(t *testing.T) {
	var w writeClock
	k := func(n int) tableKey { return tableKey{"D", "S", fmt.Sprint("T", n)} }
	g := w.now()
	done := w.writing([]tableKey{k(1)})
	require.False(t, w.unchangedSince(g, []tableKey{k(1)}), "a write of T1 is running")
	require.True(t, w.unchangedSince(g, []tableKey{k(2)}))
	done()
	require.False(t, w.unchangedSince(g, []tableKey{k(1)}))
	require.False(t, w.unchangedSince(g, nil), "nil reads: any table")
	g = w.now()
	for i := range maxStampedTables + 1 {
		w.writing([]tableKey{k(i + 10)})()
	}
	require.False(t, w.unchangedSince(g, []tableKey{k(2)}), "forgotten names count as written")
	g = w.now()
	require.True(t, w.unchangedSince(g, []tableKey{k(2)}))
	w.writing(nil)()
	require.False(t, w.unchangedSince(g, []tableKey{k(2)}), "a write of unknown tables counts for all")
}
