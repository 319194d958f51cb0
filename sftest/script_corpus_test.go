package sftest

import "testing"

// corpusBlocks, corpusHandlers (script_corpus_handlers_test.go) and
// corpusProcedures (script_corpus_procedures_test.go) hold Snowflake
// Scripting and stored procedure cases adapted from the examples of
// Snowflake's documentation (developer guide pages
// "Working with loops", "Working with cursors", "Working with variables",
// "Working with branching constructs", "Handling exceptions", "Working with
// RESULTSETs", "Determining the number of rows affected by DML commands",
// "EXECUTE IMMEDIATE", "Working with asynchronous child jobs", "Writing
// stored procedures in Snowflake Scripting", and the reference pages of
// RAISE, AWAIT, CANCEL, OPEN, FETCH and CALL), each with the answer the
// documentation shows. The cases run in order on one server: later ones
// use the tables earlier ones create.
var corpusBlocks = []scriptCase{
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

// scriptCorpus is the whole documentation corpus, its parts in the order
// they must run.
func scriptCorpus() []scriptCase {
	return append(append(append([]scriptCase(nil), corpusBlocks...), corpusHandlers...), corpusProcedures...)
}

// TestScriptCorpus runs the documentation corpus: every case must give the
// documented answer. README.md (sftest) reports the count.
func TestScriptCorpus(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	failed := 0
	scriptCorpus := scriptCorpus()
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
