package sftest

// corpusHandlersAndProcedures is the second half of the documentation
// corpus (see corpusBlocks): exceptions, resultsets and cursors, EXECUTE
// IMMEDIATE, stored procedures and asynchronous child jobs. It runs after
// corpusBlocks, on the tables that one creates.
var corpusHandlersAndProcedures = []scriptCase{
	// Exceptions.
	{name: "exceptions: a declared exception raised and not caught", setup: []string{`CREATE OR REPLACE PROCEDURE thrower()
RETURNS VARCHAR
LANGUAGE SQL
AS
$$
    DECLARE
        MY_EXCEPTION EXCEPTION;
    BEGIN
        RAISE MY_EXCEPTION;
    END;
$$`}, sql: "CALL thrower()", errCode: "-20000", errText: "Uncaught exception of type 'MY_EXCEPTION' on line 5 at position 8"},
	{name: "exceptions: a custom number and message", setup: []string{`CREATE OR REPLACE PROCEDURE thrower2()
RETURNS VARCHAR
LANGUAGE SQL
AS
$$
    DECLARE
        MY_EXCEPTION EXCEPTION (-20002, 'Raised MY_EXCEPTION.');
    BEGIN
        RAISE MY_EXCEPTION;
    END;
$$`}, sql: "CALL thrower2()", errCode: "-20002", errText: "Uncaught exception of type 'MY_EXCEPTION' on line 5 at position 8 : Raised MY_EXCEPTION."},
	{name: "exceptions: handled by name, SQLCODE, SQLERRM, SQLSTATE", sql: `DECLARE
  my_exception EXCEPTION (-20002, 'Raised MY_EXCEPTION.');
BEGIN
  LET counter := 0;
  LET should_raise_exception := true;
  IF (should_raise_exception) THEN
    RAISE my_exception;
  END IF;
  counter := counter + 1;
  RETURN counter;
EXCEPTION
  WHEN statement_error THEN
    RETURN 'STATEMENT_ERROR ' || sqlcode || ' ' || sqlerrm || ' ' || sqlstate;
  WHEN my_exception THEN
    RETURN 'MY_EXCEPTION ' || sqlcode || ' ' || sqlerrm || ' ' || sqlstate;
  WHEN other THEN
    RETURN 'Other error ' || sqlcode;
END;`, want: "anonymous block\nMY_EXCEPTION -20002 Raised MY_EXCEPTION. P0001"},
	{name: "exceptions: STATEMENT_ERROR of a failing query", sql: `BEGIN
  SELECT 1/0;
EXCEPTION
  WHEN STATEMENT_ERROR THEN
    RETURN sqlcode || ' ' || sqlerrm || ' ' || sqlstate;
END;`, want: "anonymous block\n100051 Division by zero 22012"},
	{name: "exceptions: STATEMENT_ERROR of a missing table", sql: `BEGIN
  DROP TABLE this_table_does_not_exist;
EXCEPTION
  WHEN STATEMENT_ERROR THEN
    RETURN sqlcode || ' ' || sqlstate;
END;`, want: "anonymous block\n2003 02000"},
	{name: "exceptions: EXPRESSION_ERROR", sql: `BEGIN
  LET n NUMBER := 'hello'::NUMBER;
  RETURN n;
EXCEPTION
  WHEN EXPRESSION_ERROR THEN
    RETURN 'expression error ' || sqlcode;
END;`, want: "anonymous block\nexpression error 100038"},
	{name: "exceptions: WHEN ... OR ...", sql: `BEGIN
  SELECT * FROM missing_table_2;
EXCEPTION
  WHEN STATEMENT_ERROR OR EXPRESSION_ERROR THEN
    RETURN 'caught';
END;`, want: "anonymous block\ncaught"},
	{name: "exceptions: OTHER catches a declared exception", sql: `DECLARE
  e1 EXCEPTION (-20010, 'first');
BEGIN
  RAISE e1;
EXCEPTION
  WHEN OTHER THEN
    RETURN 'other: ' || sqlerrm;
END;`, want: "anonymous block\nother: first"},
	{name: "exceptions: caught by the enclosing block", sql: `DECLARE
  e1 EXCEPTION (-20011, 'from inside');
BEGIN
  BEGIN
    RAISE e1;
  END;
  RETURN 'not reached';
EXCEPTION
  WHEN e1 THEN
    RETURN 'outer caught: ' || sqlerrm;
END;`, want: "anonymous block\nouter caught: from inside"},
	{name: "exceptions: handled inside, the outer block goes on", sql: `DECLARE
  e1 EXCEPTION (-20012, 'x');
  steps VARCHAR DEFAULT '';
BEGIN
  BEGIN
    RAISE e1;
  EXCEPTION
    WHEN e1 THEN
      steps := steps || 'handled;';
  END;
  steps := steps || 'continued';
  RETURN steps;
END;`, want: "anonymous block\nhandled;continued"},
	{name: "exceptions: RAISE again in a handler", sql: `DECLARE
  e1 EXCEPTION (-20013, 'again');
BEGIN
  BEGIN
    RAISE e1;
  EXCEPTION
    WHEN e1 THEN
      RAISE;
  END;
EXCEPTION
  WHEN e1 THEN
    RETURN 're-raised ' || sqlcode;
END;`, want: "anonymous block\nre-raised -20013"},
	{name: "exceptions: a CONTINUE handler", sql: `DECLARE
  steps VARCHAR DEFAULT '';
BEGIN
  steps := steps || 'a;';
  SELECT 1/0;
  steps := steps || 'b;';
  RETURN steps;
EXCEPTION
  WHEN STATEMENT_ERROR CONTINUE THEN
    steps := steps || 'handled ' || SQLCODE || ';';
END;`, want: "anonymous block\na;handled 100051;b;"},
	{name: "exceptions: an EXIT handler", sql: `DECLARE
  steps VARCHAR DEFAULT '';
BEGIN
  steps := steps || 'a;';
  SELECT 1/0;
  steps := steps || 'b;';
  RETURN steps;
EXCEPTION
  WHEN STATEMENT_ERROR EXIT THEN
    RETURN steps || 'exited';
END;`, want: "anonymous block\na;exited"},
	{name: "exceptions: a bad dynamic statement is a STATEMENT_ERROR", sql: `BEGIN
  EXECUTE IMMEDIATE 'SELEKT 1';
EXCEPTION
  WHEN STATEMENT_ERROR THEN
    RETURN 'caught ' || SQLCODE;
END;`, want: "anonymous block\ncaught 1003"},
	{name: "exceptions: uncaught statement error keeps its code", sql: "BEGIN\n  INSERT INTO nowhere VALUES (1);\nEND;", errCode: "002003", errText: "Uncaught exception of type 'STATEMENT_ERROR' on line 2 at position 2"},

	// RESULTSETs and cursors.
	{name: "resultsets: RETURN TABLE", sql: `BEGIN
  LET res RESULTSET := (SELECT id, price FROM invoices ORDER BY id);
  RETURN TABLE(res);
END;`, want: "ID|PRICE\n1|11.11\n2|22.22"},
	{name: "resultsets: declared with DEFAULT", sql: `DECLARE
  res RESULTSET DEFAULT (SELECT name FROM some_data ORDER BY id DESC);
BEGIN
  RETURN TABLE(res);
END;`, want: "NAME\nb\na"},
	{name: "resultsets: assigned after the declaration", sql: `DECLARE
  res RESULTSET;
BEGIN
  res := (SELECT COUNT(*) AS c FROM some_data);
  RETURN TABLE(res);
END;`, want: "C\n2"},
	{name: "resultsets: from EXECUTE IMMEDIATE of a variable", sql: `DECLARE
  query VARCHAR DEFAULT 'SELECT id FROM invoices ORDER BY id';
BEGIN
  LET rs RESULTSET := (EXECUTE IMMEDIATE :query);
  RETURN TABLE(rs);
END;`, want: "ID\n1\n2"},
	{name: "cursors: OPEN, FETCH, CLOSE", sql: `DECLARE
  c1 CURSOR FOR SELECT price FROM invoices ORDER BY id;
  price_1 NUMBER(12, 2);
  price_2 NUMBER(12, 2);
BEGIN
  OPEN c1;
  FETCH c1 INTO price_1;
  FETCH c1 INTO price_2;
  CLOSE c1;
  RETURN price_1 + price_2;
END;`, want: "anonymous block\n33.33"},
	{name: "cursors: a bind variable in OPEN ... USING", sql: `DECLARE
  price_to_search_for FLOAT;
  price_count INTEGER;
  c2 CURSOR FOR SELECT COUNT(*) FROM invoices WHERE price = ?;
BEGIN
  price_to_search_for := 11.11;
  OPEN c2 USING (price_to_search_for);
  FETCH c2 INTO price_count;
  RETURN price_count;
END;`, want: "anonymous block\n1"},
	{name: "cursors: declared with LET, RESULTSET_FROM_CURSOR", sql: `BEGIN
  LET c1 CURSOR FOR SELECT id, price FROM invoices WHERE id = 2;
  OPEN c1;
  RETURN TABLE(RESULTSET_FROM_CURSOR(c1));
END;`, want: "ID|PRICE\n2|22.22"},
	{name: "cursors: FETCH past the last row gives NULL", sql: `DECLARE
  c1 CURSOR FOR SELECT id FROM invoices WHERE id = 1;
  v INTEGER;
BEGIN
  OPEN c1;
  FETCH c1 INTO v;
  FETCH c1 INTO v;
  RETURN v;
END;`, want: "anonymous block\nNULL"},

	// EXECUTE IMMEDIATE.
	{name: "execute immediate: a quoted query", sql: "EXECUTE IMMEDIATE 'SELECT 1 + 1 AS two'", want: "TWO\n2"},
	{name: "execute immediate: a quoted block", sql: "EXECUTE IMMEDIATE 'DECLARE x INT DEFAULT 5; BEGIN RETURN x * x; END;'", want: "anonymous block\n25"},
	{name: "execute immediate: DDL", sql: "EXECUTE IMMEDIATE 'CREATE OR REPLACE TABLE ei_t (a INT)'", want: "status\nTable EI_T successfully created."},
	{name: "execute immediate: USING in a procedure", setup: []string{`CREATE OR REPLACE PROCEDURE execute_immediate_with_bind_variables()
RETURNS TABLE ()
LANGUAGE SQL
AS
$$
DECLARE
  rs RESULTSET;
  query VARCHAR DEFAULT 'SELECT * FROM invoices WHERE price > ? AND price < ?';
  minimum_price NUMBER(12,2) DEFAULT 20.00;
  maximum_price NUMBER(12,2) DEFAULT 30.00;
BEGIN
  rs := (EXECUTE IMMEDIATE :query USING (minimum_price, maximum_price));
  RETURN TABLE(rs);
END;
$$`}, sql: "CALL execute_immediate_with_bind_variables()", want: "ID|PRICE\n2|22.22"},

	// Stored procedures.
	{name: "procedures: CREATE", sql: `CREATE OR REPLACE PROCEDURE output_message(message VARCHAR)
RETURNS VARCHAR NOT NULL
LANGUAGE SQL
AS
$$
BEGIN
  RETURN message;
END;
$$`, want: "status\nFunction OUTPUT_MESSAGE successfully created."},
	{name: "procedures: CALL", sql: "CALL output_message('Hello World')", want: "OUTPUT_MESSAGE\nHello World"},
	{name: "procedures: WITH ... CALL, an anonymous procedure", sql: `WITH anonymous_output_message AS PROCEDURE (message VARCHAR)
  RETURNS VARCHAR NOT NULL
  LANGUAGE SQL
  AS
  $$
  BEGIN
    RETURN message;
  END;
  $$
CALL anonymous_output_message('Hello World');`, want: "ANONYMOUS_OUTPUT_MESSAGE\nHello World"},
	{name: "procedures: an anonymous procedure is not kept", sql: "CALL anonymous_output_message('again')", errCode: "002140"},
	{name: "procedures: a body without quotes", sql: `CREATE OR REPLACE PROCEDURE output_message_bare(message VARCHAR)
RETURNS VARCHAR NOT NULL
LANGUAGE SQL
AS
BEGIN
  RETURN message;
END;`, want: "status\nFunction OUTPUT_MESSAGE_BARE successfully created."},
	{name: "procedures: CALL the one without quotes", sql: "CALL output_message_bare('bare')", want: "OUTPUT_MESSAGE_BARE\nbare"},
	{name: "blocks: comments in a block", sql: `-- a leading comment
BEGIN
  -- a comment with a ; in it
  LET x := 1; /* and ; here */
  RETURN x;
END;`, want: "anonymous block\n1"},
	{name: "procedures: a body in single quotes", setup: []string{`CREATE OR REPLACE PROCEDURE output_message_quoted(message VARCHAR)
RETURNS VARCHAR
LANGUAGE SQL
AS
'
BEGIN
  RETURN message;
END;
'`}, sql: "CALL output_message_quoted('quoted')", want: "OUTPUT_MESSAGE_QUOTED\nquoted"},
	{name: "procedures: DEFAULT arguments and named arguments", setup: []string{`CREATE OR REPLACE PROCEDURE build_string_proc(
    word1 STRING,
    word2 STRING,
    word3 STRING DEFAULT 'test')
  RETURNS STRING
  LANGUAGE SQL
  AS
  $$
    BEGIN
      RETURN word1 || word2 || word3;
    END;
  $$`}, sql: "CALL build_string_proc(word1 => 'hello', word2 => 'world')", want: "BUILD_STRING_PROC\nhelloworldtest"},
	{name: "procedures: positional with the DEFAULT given", sql: "CALL build_string_proc('a', 'b', 'c')", want: "BUILD_STRING_PROC\nabc"},
	{name: "procedures: named out of order", sql: "CALL build_string_proc(word3 => '3', word1 => '1', word2 => '2')", want: "BUILD_STRING_PROC\n123"},
	{name: "procedures: an argument bound in SQL", setup: []string{`CREATE OR REPLACE PROCEDURE insert_value(v NUMBER)
RETURNS NUMBER
LANGUAGE SQL
AS
$$
BEGIN
  INSERT INTO my_values VALUES (:v);
  RETURN SQLROWCOUNT;
END;
$$`}, sql: "CALL insert_value(7)", want: "INSERT_VALUE\n1"},
	{name: "procedures: RETURNS TABLE", setup: []string{`CREATE OR REPLACE PROCEDURE get_top_invoices(n INT)
RETURNS TABLE (id INTEGER, top_price NUMBER(12, 2))
LANGUAGE SQL
AS
$$
DECLARE
  res RESULTSET DEFAULT (SELECT id, price FROM invoices ORDER BY price DESC LIMIT :n);
BEGIN
  RETURN TABLE(res);
END;
$$`}, sql: "CALL get_top_invoices(1)", want: "ID|TOP_PRICE\n2|22.22"},
	{name: "procedures: overloading by argument type", setup: []string{
		"CREATE OR REPLACE PROCEDURE describe_arg(a NUMBER) RETURNS VARCHAR LANGUAGE SQL AS $$ BEGIN RETURN 'number ' || a; END; $$",
		"CREATE OR REPLACE PROCEDURE describe_arg(a VARCHAR) RETURNS VARCHAR LANGUAGE SQL AS $$ BEGIN RETURN 'string ' || a; END; $$",
	}, sql: "CALL describe_arg('x')", want: "DESCRIBE_ARG\nstring x"},
	{name: "procedures: the other overload", sql: "CALL describe_arg(5)", want: "DESCRIBE_ARG\nnumber 5"},
	{name: "procedures: overloading by argument count", setup: []string{
		"CREATE OR REPLACE PROCEDURE describe_arg(a NUMBER, b NUMBER) RETURNS VARCHAR LANGUAGE SQL AS $$ BEGIN RETURN 'two numbers ' || (a + b); END; $$",
	}, sql: "CALL describe_arg(2, 3)", want: "DESCRIBE_ARG\ntwo numbers 5"},
	{name: "procedures: a procedure calls a procedure", setup: []string{`CREATE OR REPLACE PROCEDURE wrapper()
RETURNS VARCHAR
LANGUAGE SQL
EXECUTE AS CALLER
AS
$$
DECLARE
  r VARCHAR;
BEGIN
  CALL output_message('inner') INTO :r;
  RETURN 'wrapped ' || r;
END;
$$`}, sql: "CALL wrapper()", want: "WRAPPER\nwrapped inner"},
	{name: "procedures: the RETURNS type applies", setup: []string{
		"CREATE OR REPLACE PROCEDURE half(x FLOAT) RETURNS NUMBER(10, 1) LANGUAGE SQL AS $$ BEGIN RETURN x / 2; END; $$",
	}, sql: "CALL half(5)", want: "HALF\n2.5"},
	{name: "procedures: DESCRIBE PROCEDURE", sql: "DESCRIBE PROCEDURE half(FLOAT)", want: "property|value\nsignature|(X FLOAT)\nreturns|NUMBER(10, 1)\nlanguage|SQL\nnull handling|CALLED ON NULL INPUT\nvolatility|VOLATILE\nbody| BEGIN RETURN x / 2; END; \nexecute as|OWNER"},
	{name: "procedures: JavaScript is accepted", sql: `CREATE OR REPLACE PROCEDURE js_proc()
RETURNS VARCHAR
LANGUAGE JAVASCRIPT
AS
$$
  return "x";
$$`, want: "status\nFunction JS_PROC successfully created."},
	{name: "procedures: calling JavaScript is not emulated", sql: "CALL js_proc()", errCode: "001003", errText: "JAVASCRIPT procedure JS_PROC"},
	{name: "procedures: Python is accepted", sql: `CREATE OR REPLACE PROCEDURE py_proc(a INT)
RETURNS INT
LANGUAGE PYTHON
RUNTIME_VERSION = '3.11'
PACKAGES = ('snowflake-snowpark-python')
HANDLER = 'run'
AS
$$
def run(session, a):
    return a
$$`, want: "status\nFunction PY_PROC successfully created."},
	{name: "procedures: DROP PROCEDURE", sql: "DROP PROCEDURE output_message_quoted(VARCHAR)", want: "status\nOUTPUT_MESSAGE_QUOTED successfully dropped."},
	{name: "procedures: a dropped procedure is unknown", sql: "CALL output_message_quoted('x')", errCode: "002140", errText: "Unknown function OUTPUT_MESSAGE_QUOTED"},

	// Asynchronous child jobs.
	{name: "async: ASYNC and AWAIT ALL", setup: []string{"CREATE OR REPLACE TABLE orders_q (q INT, amount INT)"}, sql: `BEGIN
  ASYNC (INSERT INTO orders_q VALUES (1, 10), (1, 20));
  ASYNC (INSERT INTO orders_q VALUES (2, 30));
  AWAIT ALL;
  RETURN (SELECT SUM(amount) FROM orders_q);
END;`, want: "anonymous block\n60"},
	{name: "async: a RESULTSET and AWAIT", sql: `BEGIN
  LET res RESULTSET := ASYNC (SELECT q, SUM(amount) AS total FROM orders_q GROUP BY q ORDER BY q);
  AWAIT res;
  RETURN TABLE(res);
END;`, want: "Q|TOTAL\n1|30\n2|30"},
	{name: "async: a cursor over an awaited RESULTSET", sql: `BEGIN
  LET res RESULTSET := ASYNC (SELECT amount FROM orders_q);
  AWAIT res;
  LET c1 CURSOR FOR res;
  LET total := 0;
  FOR r IN c1 DO
    total := total + r.amount;
  END FOR;
  RETURN total;
END;`, want: "anonymous block\n60"},
	{name: "async: CANCEL", sql: `BEGIN
  LET res RESULTSET := ASYNC (CALL SYSTEM$WAIT(30));
  CANCEL res;
  RETURN SYSTEM$GET_RESULTSET_STATUS(res);
END;`, want: "anonymous block\nABORTED"},
	{name: "async: SYSTEM$GET_RESULTSET_STATUS after AWAIT", sql: `BEGIN
  LET res RESULTSET := ASYNC (SELECT 1);
  AWAIT res;
  RETURN SYSTEM$GET_RESULTSET_STATUS(res);
END;`, want: "anonymous block\nSUCCESS"},
	{name: "async: a failing child fails AWAIT", sql: `BEGIN
  LET res RESULTSET := ASYNC (SELECT * FROM no_such_orders);
  AWAIT res;
END;`, errCode: "002003", errText: "Uncaught exception of type 'STATEMENT_ERROR'"},
	{name: "async: in a procedure", setup: []string{`CREATE OR REPLACE PROCEDURE load_quarters()
RETURNS VARCHAR
LANGUAGE SQL
AS
$$
BEGIN
  ASYNC (INSERT INTO orders_q VALUES (3, 1));
  ASYNC (INSERT INTO orders_q VALUES (4, 1));
  AWAIT ALL;
  RETURN 'loaded ' || (SELECT COUNT(DISTINCT q) FROM orders_q);
END;
$$`}, sql: "CALL load_quarters()", want: "LOAD_QUARTERS\nloaded 4"},
}
