package sftest

import "testing"

// scriptCorpus holds Snowflake Scripting and stored procedure cases adapted
// from the examples of Snowflake's documentation (developer guide pages
// "Working with loops", "Working with cursors", "Working with variables",
// "Working with branching constructs", "Handling exceptions", "Working with
// RESULTSETs", "Determining the number of rows affected by DML commands",
// "EXECUTE IMMEDIATE", "Working with asynchronous child jobs", "Writing
// stored procedures in Snowflake Scripting", and the reference pages of
// RAISE, AWAIT, CANCEL, OPEN, FETCH and CALL), each with the answer the
// documentation shows. The cases run in order on one server: later ones
// use the tables earlier ones create.
var scriptCorpus = []scriptCase{
	// Setting up the data the documentation's examples share.
	{name: "setup invoices", setup: []string{
		"CREATE OR REPLACE TABLE invoices (id INTEGER, price NUMBER(12, 2))",
		"INSERT INTO invoices (id, price) VALUES (1, 11.11), (2, 22.22)",
		"CREATE OR REPLACE TABLE my_values (value NUMBER)",
		"CREATE OR REPLACE TABLE some_data (id INTEGER, name VARCHAR)",
		"INSERT INTO some_data VALUES (1, 'a'), (2, 'b')",
	}, sql: "SELECT COUNT(*) AS n FROM invoices", want: "N\n2"},

	// Loops.
	{name: "loops: counter-based FOR", sql: forLoopExample, want: "anonymous block\n5"},
	{name: "loops: FOR through EXECUTE IMMEDIATE", sql: "EXECUTE IMMEDIATE $$\n" + forLoopExample + "\n$$\n;", want: "anonymous block\n5"},
	{name: "loops: FOR with an INSERT", sql: `DECLARE
  counter INTEGER DEFAULT 0;
  maximum_count INTEGER default 5;
BEGIN
  CREATE OR REPLACE TABLE test_for_loop_insert(i INTEGER);
  FOR i IN 1 TO maximum_count DO
    INSERT INTO test_for_loop_insert VALUES (:i);
    counter := counter + 1;
  END FOR;
  RETURN counter || ' rows inserted';
END;`, want: "anonymous block\n5 rows inserted"},
	{name: "loops: the inserted rows", sql: "SELECT SUM(i) AS s FROM test_for_loop_insert", want: "S\n15"},
	{name: "loops: cursor-based FOR", sql: `DECLARE
  total_price FLOAT;
  c1 CURSOR FOR SELECT price FROM invoices;
BEGIN
  total_price := 0.0;
  FOR record IN c1 DO
    total_price := total_price + record.price;
  END FOR;
  RETURN total_price;
END;`, want: "anonymous block\n33.33"},
	{name: "loops: FOR over a RESULTSET's cursor", sql: `DECLARE
  total_price FLOAT;
  rs RESULTSET DEFAULT (SELECT price FROM invoices);
  c1 CURSOR FOR rs;
BEGIN
  total_price := 0.0;
  FOR record IN c1 DO
    total_price := total_price + record.price;
  END FOR;
  RETURN total_price;
END;`, want: "anonymous block\n33.33"},
	{name: "loops: WHILE", sql: `BEGIN
  LET counter := 0;
  WHILE (counter < 5) DO
    counter := counter + 1;
  END WHILE;
  RETURN counter;
END;`, want: "anonymous block\n5"},
	{name: "loops: WHILE ... LOOP", sql: `DECLARE
  power_of_2 INTEGER DEFAULT 1;
BEGIN
  WHILE (power_of_2 < 8) LOOP
    power_of_2 := power_of_2 * 2;
  END LOOP;
  RETURN power_of_2;
END;`, want: "anonymous block\n8"},
	{name: "loops: REPEAT", sql: `BEGIN
  LET counter := 5;
  LET number_of_iterations := 0;
  REPEAT
    counter := counter - 1;
    number_of_iterations := number_of_iterations + 1;
  UNTIL (counter = 0)
  END REPEAT;
  RETURN number_of_iterations;
END;`, want: "anonymous block\n5"},
	{name: "loops: LOOP with BREAK", sql: `BEGIN
  LET counter := 5;
  LET number_of_iterations := 0;
  LOOP
    IF (counter = 0) THEN
      BREAK;
    END IF;
    counter := counter - 1;
    number_of_iterations := number_of_iterations + 1;
  END LOOP;
  RETURN number_of_iterations;
END;`, want: "anonymous block\n5"},
	{name: "loops: labels with BREAK and CONTINUE", sql: `BEGIN
  LET inner_counter := 0;
  LET outer_counter := 0;
  LOOP
    LOOP
      IF (inner_counter < 5) THEN
        inner_counter := inner_counter + 1;
        CONTINUE OUTER;
      ELSE
        BREAK OUTER;
      END IF;
    END LOOP INNER;
    outer_counter := outer_counter + 1;
    BREAK;
  END LOOP OUTER;
  RETURN outer_counter || ', ' || inner_counter;
END;`, want: "anonymous block\n0, 5"},
	{name: "loops: FOR REVERSE", sql: `BEGIN
  LET s := '';
  FOR i IN REVERSE 1 TO 4 DO
    s := s || i;
  END FOR;
  RETURN s;
END;`, want: "anonymous block\n4321"},
	{name: "loops: the counter variable shadows an outer one", sql: `DECLARE
  i INTEGER DEFAULT 100;
  s INTEGER DEFAULT 0;
BEGIN
  FOR i IN 1 TO 3 DO
    s := s + i;
  END FOR;
  RETURN i || ' ' || s;
END;`, want: "anonymous block\n100 6"},
	{name: "loops: end below start runs zero times", sql: `BEGIN
  LET n := 0;
  FOR i IN 5 TO 1 DO
    n := n + 1;
  END FOR;
  RETURN n;
END;`, want: "anonymous block\n0"},
	{name: "loops: ITERATE and EXIT synonyms", sql: `BEGIN
  LET n := 0;
  LET s := 0;
  LOOP
    n := n + 1;
    IF (n > 6) THEN EXIT; END IF;
    IF (n % 2 = 0) THEN ITERATE; END IF;
    s := s + n;
  END LOOP;
  RETURN s;
END;`, want: "anonymous block\n9"},

	// Branching.
	{name: "branching: IF ... ELSE", sql: `BEGIN
  LET count := 4;
  IF (count % 2 = 0) THEN
    RETURN 'even value';
  ELSE
    RETURN 'odd value';
  END IF;
END;`, want: "anonymous block\neven value"},
	{name: "branching: ELSEIF", sql: `DECLARE
  count INTEGER DEFAULT 2;
BEGIN
  IF (count = 1) THEN
    RETURN 'one';
  ELSEIF (count = 2) THEN
    RETURN 'two';
  ELSE
    RETURN 'Unexpected input.';
  END IF;
END;`, want: "anonymous block\ntwo"},
	{name: "branching: simple CASE", sql: `DECLARE
  expression_to_evaluate VARCHAR DEFAULT 'default value';
BEGIN
  CASE (expression_to_evaluate)
    WHEN 'value a' THEN
      RETURN 'x';
    WHEN 'default value' THEN
      RETURN 'y';
    WHEN 'value b' THEN
      RETURN 'z';
    ELSE
      RETURN 'other';
  END;
END;`, want: "anonymous block\ny"},
	{name: "branching: searched CASE", sql: `DECLARE
  a VARCHAR DEFAULT 'x';
  b VARCHAR DEFAULT 'y';
  c VARCHAR DEFAULT 'z';
BEGIN
  CASE
    WHEN a = 'x' THEN
      RETURN 'a is x';
    WHEN b = 'y' THEN
      RETURN 'b is y';
    WHEN c = 'z' THEN
      RETURN 'c is z';
  END CASE;
END;`, want: "anonymous block\na is x"},
	{name: "branching: CASE with no match and no ELSE", sql: `BEGIN
  LET v := 9;
  CASE (v) WHEN 1 THEN RETURN 'one'; END CASE;
  RETURN 'fell through';
END;`, want: "anonymous block\nfell through"},

	// Variables.
	{name: "variables: declared types and defaults", sql: `DECLARE
  profit number(38, 2) DEFAULT 0.0;
BEGIN
  LET cost number(38, 2) := 100.0;
  LET revenue number(38, 2) DEFAULT 110.0;
  profit := revenue - cost;
  RETURN profit;
END;`, want: "anonymous block\n10.00"},
	{name: "variables: bound in a query", sql: `DECLARE
  max_price NUMBER(12, 2) DEFAULT 15.00;
BEGIN
  LET res RESULTSET := (SELECT id, price FROM invoices WHERE price < :max_price ORDER BY id);
  RETURN TABLE(res);
END;`, want: "ID|PRICE\n1|11.11"},
	{name: "variables: SELECT ... INTO", sql: `DECLARE
  id INTEGER;
  name VARCHAR;
BEGIN
  SELECT id, name INTO :id, :name FROM some_data WHERE id = 1;
  RETURN id || ' ' || name;
END;`, want: "anonymous block\n1 a"},
	{name: "variables: type inferred from the value", sql: `BEGIN
  LET x := 3.5;
  RETURN x * 2;
END;`, want: "anonymous block\n7.0"},
	{name: "variables: functions in expressions", sql: `BEGIN
  LET s := UPPER('abc') || LENGTH('xy');
  RETURN s;
END;`, want: "anonymous block\nABC2"},
	{name: "variables: scope of nested blocks", sql: `DECLARE
  pv_1 VARCHAR DEFAULT 'outer';
BEGIN
  DECLARE
    pv_1 VARCHAR DEFAULT 'inner';
  BEGIN
    pv_1 := pv_1 || ' changed';
  END;
  RETURN pv_1;
END;`, want: "anonymous block\nouter"},
	{name: "variables: an inner block changes an outer variable", sql: `DECLARE
  total INTEGER DEFAULT 1;
BEGIN
  BEGIN
    total := total + 41;
  END;
  RETURN total;
END;`, want: "anonymous block\n42"},
	{name: "variables: IDENTIFIER(:name)", sql: `DECLARE
  table_name VARCHAR DEFAULT 'invoices';
  n INTEGER;
BEGIN
  SELECT COUNT(*) INTO :n FROM IDENTIFIER(:table_name);
  RETURN n;
END;`, want: "anonymous block\n2"},
	{name: "variables: a subquery as a value", sql: `BEGIN
  LET top_price NUMBER(12, 2) := (SELECT MAX(price) FROM invoices);
  RETURN top_price;
END;`, want: "anonymous block\n22.22"},
	{name: "variables: DATE arithmetic", sql: `DECLARE
  d DATE DEFAULT '2024-01-30';
BEGIN
  d := DATEADD(day, 3, d);
  RETURN d::VARCHAR;
END;`, want: "anonymous block\n2024-02-02"},

	// DML status.
	{name: "dml status: SQLROWCOUNT saved before a SELECT", sql: `BEGIN
  LET sql_row_count_var INT := 0;
  INSERT INTO my_values VALUES (1), (2), (3);
  sql_row_count_var := SQLROWCOUNT;
  SELECT * from my_values;
  RETURN sql_row_count_var;
END;`, want: "anonymous block\n3"},
	{name: "dml status: SQLFOUND after an UPDATE", sql: `BEGIN
  UPDATE my_values SET value = 4 WHERE value = 3;
  IF (SQLFOUND = true) THEN
    RETURN 'Updated ' || SQLROWCOUNT || ' rows.';
  ELSEIF (SQLNOTFOUND = true) THEN
    RETURN 'No rows updated.';
  ELSE
    RETURN 'SQLFOUND and SQLNOTFOUND are not true.';
  END IF;
END;`, want: "anonymous block\nUpdated 1 rows."},
	{name: "dml status: SQLNOTFOUND when nothing matched", sql: `BEGIN
  UPDATE my_values SET value = 5 WHERE value = 99;
  IF (SQLFOUND = true) THEN
    RETURN 'Updated ' || SQLROWCOUNT || ' rows.';
  ELSEIF (SQLNOTFOUND = true) THEN
    RETURN 'No rows updated.';
  END IF;
END;`, want: "anonymous block\nNo rows updated."},
	{name: "dml status: NULL after a non-DML statement (2025_01)", sql: `EXECUTE IMMEDIATE
$$
BEGIN
  CREATE OR REPLACE TABLE test_snowflake_scripting_gv (i INT);
  INSERT INTO test_snowflake_scripting_gv VALUES (1);
  SELECT 1;
  RETURN SQLROWCOUNT;
END;
$$;`, want: "anonymous block\nNULL"},
	{name: "dml status: DELETE count", sql: `BEGIN
  DELETE FROM my_values WHERE value < 3;
  RETURN SQLROWCOUNT;
END;`, want: "anonymous block\n2"},
	{name: "dml status: ACTIVITY_COUNT after a query", sql: `BEGIN
  SELECT * FROM invoices;
  RETURN ACTIVITY_COUNT;
END;`, want: "anonymous block\n2"},
	{name: "dml status: ACTIVITY_COUNT after DML", sql: `BEGIN
  INSERT INTO my_values VALUES (10), (11);
  RETURN ACTIVITY_COUNT;
END;`, want: "anonymous block\n2"},
	{name: "dml status: SQLID names the last statement", sql: `BEGIN
  SELECT 1;
  RETURN LENGTH(SQLID);
END;`, want: "anonymous block\n36"},

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

// forLoopExample is the loops page's first example; the documentation
// shows it both as a block and inside EXECUTE IMMEDIATE.
const forLoopExample = `DECLARE
  counter INTEGER DEFAULT 0;
  maximum_count INTEGER default 5;
BEGIN
  FOR i IN 1 TO maximum_count DO
    counter := counter + 1;
  END FOR;
  RETURN counter;
END;`

// TestScriptCorpus runs the documentation corpus: every case must give the
// documented answer. README.md (sftest) reports the count.
func TestScriptCorpus(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	failed := 0
	for i, c := range scriptCorpus {
		if err := runScriptCase(ctx, db, c); err != nil {
			failed++
			t.Errorf("case %d %q: %v", i, c.name, err)
		}
	}
	t.Logf("corpus: %d of %d cases pass", len(scriptCorpus)-failed, len(scriptCorpus))
	if len(scriptCorpus) < 60 {
		t.Fatalf("the corpus has %d cases; it must hold at least 60", len(scriptCorpus))
	}
}
