// Package sftest is a local Snowflake for tests: an HTTP server on the
// loopback interface that speaks the part of Snowflake's REST protocol the
// gosnowflake v2 driver uses, backed by one embedded DuckDB database.
//
// Like net/http/httptest:
//
//	srv, err := sftest.NewServer()
//	...
//	defer srv.Close()
//	db, err := sql.Open("snowflake", srv.DSN())
//
// It runs statements like a warehouse (a fixed number of concurrent slots,
// table locks for UPDATE/DELETE/MERGE, async execution, monitoring, cancel),
// keeps a query history (Queries) and counts requests per endpoint (Counts).
//
// It answers like Snowflake where a client can tell the difference:
//
//   - Query context: every answer about a statement (the query answer, the
//     333333 and 333334 "still running" answers, the answers of GET
//     /queries/{id}/result, a statement's error) carries the session's query
//     context, one entry with ID 0 whose timestamp grows with every statement
//     the session runs. The driver caches it per connection and sends it back;
//     Query.QueryContext records what a request sent, Query.ReturnedContext
//     what the answers carried.
//   - Monitoring: WithMonitoringDelay answers "no status" (success, no
//     entry) for a statement accepted a moment ago; WithRestartedStatus
//     reports a running statement as RESTARTED.
//
// Failures carry Snowflake's codes, SQLSTATEs and words, never the embedded
// engine's: a missing table is 002003 "Object 'T' does not exist or not
// authorized.", an unknown column 000904 "invalid identifier 'C'" with its
// line and position, a zero divisor 100051 "Division by zero", and so on
// (README.md lists them). An engine error without a Snowflake equivalent
// gets Snowflake's generic shape, and the engine's text goes to the logger.
//
// Faults can be injected, deterministically from a seed, at start
// (WithFaults) or at run time (InjectFaults, ClearFaults): per endpoint,
// HTTP 503/429/500, a connection reset, an answer lost after the request
// took effect, a delay, an expired session token or a dropped session, for
// a fraction of the requests or the next N. Faults counts them.
//
// Results come as Snowflake sends them to the Go driver: Arrow by default,
// JSON under GO_QUERY_RESULT_FORMAT, large ones as a first rowset plus chunks
// the driver downloads from the server (WithChunkRows).
//
// What it does not emulate: external stages and unloading (COPY INTO
// @stage), hybrid tables (the query context carries no data),
// authenticators other than user and password.
//
// Stages and loading run before the SQL front end (exec.go's hook):
// internal stages and PUT/GET/LIST/REMOVE in stage_statements.go and
// stage_store.go (the driver moves the files: LOCAL_FS, or presigned URLs
// served by stage_gcs.go), CREATE/DROP/SHOW STAGE and FILE FORMAT in
// stage_ddl.go, COPY INTO <table> in copy_*.go, array binds the driver
// stages in stage_binds.go.
//
// Beside the path below, SHOW and DESCRIBE are answered from DuckDB's
// catalog (rule_show.go, rule_describe.go), as are the INFORMATION_SCHEMA
// views (rule_information_schema.go, info_schema_views.go), the QUERY_HISTORY table
// functions from the history (history.go, history_function.go,
// rule_query_history.go); array
// binds run in bindings_array.go and bindings_bulk.go, MERGE's counts in
// dml_merge.go, INSERT OVERWRITE and multi-table inserts in
// dml_insert_multi.go (parsed) and dml_insert_plan.go (run); SET/UNSET, $v and SHOW VARIABLES in
// session_variables.go and show_variables.go, IDENTIFIER() in
// rule_identifier.go.
//
// A request's path through the files: handlers.go routes it and writes the
// JSON answer (wire.go holds the shapes); faults.go decides whether it gets
// an injected fault and faults_inject.go carries the fault out (faults_spec.go
// reads faults written as text); handlers_session.go and session.go
// log in, renew and log out; handlers_query.go takes query-requests and
// result requests, monitoring.go status requests; submit.go makes the
// statement (statement.go, its life and history; query_context.go, the
// session's query context); sqlsplit.go splits the text, sqlparse.go and
// classify_*.go classify each statement (sqlvalues.go reads its literals), rules.go and rule_*.go rewrite Snowflake SQL for DuckDB; exec.go
// admits it to the warehouse (scheduler.go, locks.go) and runs it on DuckDB
// (exec_duck.go, engine.go, exec_use.go, cancel.go; transactions: txn.go,
// txn_replay.go rolls back a failed statement alone, with txn_clock.go for
// the time it read, txn_volatile.go and txn_writes.go to tell whether a
// replay is faithful, txn_ddl.go commits before DDL; DDL that reads the catalog as
// it runs, CLONE, SWAP and the like, as one transaction: ddl_program.go),
// first typing a select list's
// divisions and AVGs as Snowflake's NUMBERs (arith_*.go); exec_errors.go words a
// failure as Snowflake would, finding names where the client wrote them
// (sqlnames.go). rowset.go reads the rows into a result: result_types.go
// and result_infer.go give each column its Snowflake type (result_columns.go
// reads the select list; a column read from a table as it is takes the type
// CREATE TABLE declared, which catalog_declared.go records and
// result_sources.go traces), result_build*.go hold the values in Snowflake's
// Arrow encodings, result_format.go picks the format, result_arrow.go and
// result_json.go write the chunks, and result_chunks.go answers with the
// first and serves the rest.
// A Snowflake Scripting block, EXECUTE IMMEDIATE and the procedure
// statements leave runOne for script_entry.go (script_kind.go picks them
// out): script_split.go keeps a block one statement, script_parse*.go parse
// it (script_parse_stmt.go its statements, script_parse_flow.go branches
// and loops, script_parse_into.go SELECT ... INTO), script_exec.go and its
// siblings run it (each SQL statement a child statement), procedure_*.go
// hold procedures.
package sftest
