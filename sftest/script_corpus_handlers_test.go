package sftest

// corpusHandlers is the second part of the documentation corpus (see
// corpusBlocks): exceptions, resultsets and cursors, and EXECUTE IMMEDIATE.
// It runs after corpusBlocks, on the tables that one creates.
var corpusHandlers = []scriptCase{
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
}
