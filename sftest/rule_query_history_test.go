package sftest

import (
	"context"
	"database/sql"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

func TestRuleQueryHistoryOnDuckDB(t *testing.T) {
	db := openDuck(t)
	t0 := time.Now().UTC().Add(-time.Hour).Truncate(time.Second)
	rows := []historyRow{
		{QueryID: "q1", QueryText: "select 'a'", Status: StatusSuccess, SessionID: 1, Start: t0, End: t0.Add(1500 * time.Millisecond),
			QueryTag: "tag", User: "SFTEST", Database: "D", Schema: "PUBLIC", Role: "SYSADMIN", Warehouse: "WH", RowsProduced: 1,
			Running: t0.Add(500 * time.Millisecond), Queued: 400 * time.Millisecond},
		{QueryID: "q2", QueryText: "insert into t values (1)", Status: StatusFailedWithError, SessionID: 2, Start: t0.Add(time.Second),
			End: t0.Add(2 * time.Second), User: "OTHER", ErrorCode: "002003", ErrorMessage: "Object 'T' does not exist or not authorized."},
		{QueryID: "q3", QueryText: "select system$wait(10)", Status: StatusRunning, SessionID: 1, Start: t0.Add(2 * time.Second), User: "SFTEST", QueryTag: "tag"},
		{QueryID: "q4", QueryText: "update t set a = 1", Status: StatusAborted, SessionID: 1, Start: t0.Add(2 * time.Second),
			End: t0.Add(3 * time.Second), User: "SFTEST", ErrorCode: "000604", ErrorMessage: "SQL execution canceled", Blocked: 700 * time.Millisecond},
	}
	require.NoError(t, registerHistoryFunction(context.Background(), db, func() []historyRow { return rows }))
	env := &rewriteEnv{SessionID: 1, History: true}
	run := func(s string) [][]string { t.Helper(); return runSnowflake(t, db, env, s) }

	// Most recent first; equal start times: the later submission first.
	require.Equal(t, [][]string{{"q4"}, {"q3"}, {"q2"}, {"q1"}}, run("select query_id from table(information_schema.query_history())"))
	require.Equal(t, [][]string{{"q4"}, {"q3"}}, run("select query_id from table(demo.information_schema.query_history(result_limit => 2))"))
	require.Equal(t, [][]string{{"q1", "D", "PUBLIC", "SELECT", "1", "SFTEST", "SYSADMIN", "WH", "tag", "SUCCESS", "NULL", "NULL", "1500", "1", "1000", "400", "0"}},
		run(`select query_id, database_name, schema_name, query_type, session_id, user_name, role_name, warehouse_name, query_tag,
			execution_status, error_code, error_message, total_elapsed_time, rows_produced, execution_time, queued_overload_time,
			transaction_blocked_time from table(information_schema.query_history()) where query_id = 'q1'`))
	require.Equal(t, [][]string{{"q2", "INSERT", "FAILED_WITH_ERROR", "002003"}, {"q4", "UPDATE", "FAILED_WITH_ERROR", "000604"}},
		run(`select query_id, query_type, execution_status, error_code from information_schema.query_history() where error_code is not null order by query_id`))
	require.Equal(t, [][]string{{"q3", "RUNNING", "true", "true"}},
		run(`select query_id, execution_status, end_time is null, rows_produced is null from table(information_schema.query_history()) where execution_status = 'RUNNING'`))
	require.Equal(t, [][]string{{"700"}}, run(`select transaction_blocked_time from table(information_schema.query_history()) where query_id = 'q4'`))

	// BY_SESSION: this session by default, another by SESSION_ID.
	require.Equal(t, [][]string{{"q4"}, {"q3"}, {"q1"}}, run("select query_id from table(information_schema.query_history_by_session())"))
	require.Equal(t, [][]string{{"q4"}, {"q3"}, {"q1"}}, run("select query_id from table(information_schema.query_history_by_session(session_id => current_session()))"))
	require.Equal(t, [][]string{{"q2"}}, run("select query_id from table(information_schema.query_history_by_session(SESSION_ID => 2, RESULT_LIMIT => 10))"))

	// BY_USER: the current user by default; names are upper-cased unless double-quoted.
	require.Equal(t, [][]string{{"q4"}, {"q3"}, {"q1"}}, run("select query_id from table(information_schema.query_history_by_user())"))
	require.Equal(t, [][]string{{"q4"}, {"q3"}, {"q1"}}, run("select query_id from table(information_schema.query_history_by_user(user_name => current_user()))"))
	require.Equal(t, [][]string{{"q2"}}, run("select query_id from table(information_schema.query_history_by_user(user_name => 'other'))"))
	require.Equal(t, [][]string{{"0"}}, run(`select count(*) from table(information_schema.query_history_by_user(user_name => '"other"'))`))

	// Time ranges: a running statement passes a start bound, never an end bound.
	require.Equal(t, [][]string{{"q4"}, {"q3"}}, run(`select query_id from table(information_schema.query_history(
		end_time_range_start => dateadd('seconds', 3, '`+t0.Format("2006-01-02 15:04:05")+`+00:00'::timestamp_ltz)))`))
	require.Equal(t, [][]string{{"q4"}, {"q2"}, {"q1"}}, run(`select query_id from table(information_schema.query_history(end_time_range_end => current_timestamp()))`))

	// A call scanned more than once (a recursive CTE's step) gives its rows each time.
	require.Equal(t, [][]string{{"1"}, {"2"}, {"3"}}, run(`with recursive r(n) as (select 1 union all select n + 1 from r
		where n < 3 and exists (select 1 from table(information_schema.query_history()) where query_type = 'INSERT')) select n from r`))

	// WHERE on the columns, including QUERY_TAG.
	require.Equal(t, [][]string{{"q3"}, {"q1"}}, run("select query_id from table(information_schema.query_history()) where query_tag = 'tag'"))
	require.Equal(t, [][]string{{""}}, run("select query_tag from table(information_schema.query_history()) where query_id = 'q2'"))

	for _, bad := range []string{
		"select * from table(information_schema.query_history(result_limit => 0))",
		"select * from table(information_schema.query_history(result_limit => 10001))",
		"select * from table(information_schema.query_history(session_id => 1))",
		"select * from table(information_schema.query_history(warehouse_name => 'WH'))",
		"select * from table(information_schema.query_history(10))",
	} {
		_, err := parseStatement(bad, env)
		var se *sqlError
		require.ErrorAs(t, err, &se, bad)
		require.Equal(t, "001003", se.Code, bad)
	}

	// No history at all: the columns, no rows.
	require.Equal(t, [][]string(nil), runSnowflake(t, db, nil, "select query_id, query_tag from table(information_schema.query_history())"))
}

func TestQueryTypeNames(t *testing.T) {
	for text, want := range map[string]string{
		"select 1": "SELECT", "with a as (select 1) select * from a": "SELECT", "insert into t values (1)": "INSERT",
		"create or replace table t (a int)": "CREATE_TABLE", "create table t as select 1 a": "CREATE_TABLE_AS_SELECT",
		"create temporary view v as select 1": "CREATE_VIEW", "create database d": "CREATE", "alter session set query_tag = 'x'": "ALTER_SESSION",
		"alter table t add column b int": "ALTER_TABLE", "begin": "BEGIN_TRANSACTION", "truncate table t": "TRUNCATE_TABLE",
		"desc table t": "DESCRIBE", "select 1; select 2": "MULTI_STATEMENT", "frobnicate": "UNKNOWN", "": "UNKNOWN", "alter": "UNKNOWN",
	} {
		require.Equal(t, want, queryType(text, ""), text)
	}
	require.Equal(t, "UNKNOWN", queryType("select nope(", "001003"))
}

// TestQueryHistoryFindsTaggedStatement is the exactly-once pattern: a
// statement submitted with WithQueryTag is found by its tag, with its query
// ID and status, while it runs and after it ended.
func TestQueryHistoryFindsTaggedStatement(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	const tag = "run-7/step-3"
	id := submitAsync(t, sf.WithQueryTag(ctx, tag), db, "select system$wait(20)")
	waitFor(t, srv, id, hasStatus(StatusRunning))
	require.Equal(t, tag, waitFor(t, srv, id, hasStatus(StatusRunning)).QueryTag)

	byTag := func() [][]string {
		t.Helper()
		rows, err := db.QueryContext(ctx, `select query_id, execution_status, query_tag, user_name, query_type, error_code
			from table(information_schema.query_history_by_user(user_name => 'sftest', result_limit => 1000))
			where query_tag = ? order by start_time`, tag)
		require.NoError(t, err)
		defer rows.Close()
		var out [][]string
		for rows.Next() {
			var qid, status, qtag, user, typ string
			var code sql.NullString
			require.NoError(t, rows.Scan(&qid, &status, &qtag, &user, &typ, &code))
			out = append(out, []string{qid, status, qtag, user, typ, code.String})
		}
		require.NoError(t, rows.Err())
		return out
	}
	require.Equal(t, [][]string{{id, "RUNNING", tag, "SFTEST", "SELECT", ""}}, byTag())

	// Ended: canceled shows as FAILED_WITH_ERROR with 000604, as in Snowflake.
	_, err := db.ExecContext(ctx, "select system$cancel_query('"+id+"')")
	require.NoError(t, err)
	waitFor(t, srv, id, hasStatus(StatusAborted))
	require.Equal(t, [][]string{{id, "FAILED_WITH_ERROR", tag, "SFTEST", "SELECT", "000604"}}, byTag())

	// A second tagged statement that succeeds is listed after the first.
	var one int64
	require.NoError(t, db.QueryRowContext(sf.WithQueryTag(ctx, tag), "select 1").Scan(&one))
	done := waitForSQL(t, srv, "select 1", hasStatus(StatusSuccess))
	got := byTag()
	require.Len(t, got, 2)
	require.Equal(t, []string{done.ID, "SUCCESS", tag, "SFTEST", "SELECT", ""}, got[1])
}

// TestQueryHistorySessionTag: ALTER SESSION SET QUERY_TAG tags the session's
// next statements (the history record's QueryTag and QUERY_TAG), a request's
// tag wins over it, and the other columns carry the session's names.
func TestQueryHistorySessionTag(t *testing.T) {
	srv, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	for _, q := range []string{"create database hist_db", "use warehouse hist_wh", "alter session set query_tag = 'nightly'", "select 42", "select 43"} {
		_, err := conn.ExecContext(ctx, q)
		require.NoError(t, err, q)
	}
	_, err = conn.ExecContext(sf.WithQueryTag(ctx, "adhoc"), "select 44")
	require.NoError(t, err)
	require.Equal(t, "nightly", waitForSQL(t, srv, "select 42", hasStatus(StatusSuccess)).QueryTag)
	q := waitForSQL(t, srv, "select 44", hasStatus(StatusSuccess))
	require.Equal(t, "adhoc", q.QueryTag)
	require.Equal(t, "HIST_DB", q.Database)
	require.Equal(t, "HIST_WH", q.Warehouse)

	// A multi-statement request's child records the names as it starts.
	_, err = conn.ExecContext(sf.WithMultiStatement(ctx, 3), "create database hist_two; use database hist_db; select 57")
	require.NoError(t, err)
	require.Equal(t, "HIST_DB", waitForSQL(t, srv, "select 57", hasStatus(StatusSuccess)).Database)
	require.Equal(t, "HIST_TWO", waitForSQL(t, srv, "use database hist_db", hasStatus(StatusSuccess)).Database)

	rows, err := conn.QueryContext(ctx, `select query_text, query_tag, database_name, warehouse_name, rows_produced
		from table(information_schema.query_history_by_session()) where query_tag in ('nightly', 'adhoc') and query_text like 'select 4_'`)
	require.NoError(t, err)
	defer rows.Close()
	var got [][]string
	for rows.Next() {
		var text, tag, dbName, wh string
		var n int64
		require.NoError(t, rows.Scan(&text, &tag, &dbName, &wh, &n))
		got = append(got, []string{text, tag, dbName, wh})
		require.Equal(t, int64(1), n)
	}
	require.NoError(t, rows.Err())
	require.Equal(t, [][]string{
		{"select 44", "adhoc", "HIST_DB", "HIST_WH"},
		{"select 43", "nightly", "HIST_DB", "HIST_WH"},
		{"select 42", "nightly", "HIST_DB", "HIST_WH"},
	}, got)
}

// TestQueryHistoryWaits: a statement that waited for a warehouse slot has
// QUEUED_OVERLOAD_TIME; one that found a slot free has none (the QUEUED it
// starts in is compilation, not a wait).
func TestQueryHistoryWaits(t *testing.T) {
	srv, db := newTestServer(t, WithMaxConcurrency(1))
	ctx := testCtx(t)
	first := submitAsync(t, ctx, db, "select system$wait(300, 'MILLISECONDS')")
	waitFor(t, srv, first, hasStatus(StatusRunning))
	second := submitAsync(t, ctx, db, "select 2")
	waitFor(t, srv, second, hasStatus(StatusQueued))
	waitFor(t, srv, second, hasStatus(StatusSuccess))
	waitFor(t, srv, first, hasStatus(StatusSuccess))
	var queuedFirst, queuedSecond int64
	require.NoError(t, db.QueryRowContext(ctx, `select max(iff(query_id = ?, queued_overload_time, null)), max(iff(query_id = ?, queued_overload_time, null))
		from table(information_schema.query_history())`, first, second).Scan(&queuedFirst, &queuedSecond))
	require.Zero(t, queuedFirst)
	require.Positive(t, queuedSecond)
	require.Zero(t, waitFor(t, srv, first, hasStatus(StatusSuccess)).Queued)
}
