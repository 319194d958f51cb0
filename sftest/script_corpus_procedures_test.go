package sftest

// corpusProcedures is the third part of the documentation corpus (see
// corpusBlocks): stored procedures and asynchronous child jobs. It runs
// after corpusHandlers, on the tables the earlier parts create.
var corpusProcedures = []scriptCase{
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
