package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/sfasync/sfasync"
)

// The -procedures mode: the seed's loads and updates as SQL stored
// procedures (Snowflake Scripting), created once, and the six jobs as their
// CALLs, submitted together through sfasync like any statement. Each CALL
// is one statement for the client: one query ID, RUNNING while its body
// runs, a one-row result (the rows it loaded or updated). The statements of
// the bodies are the CALLs' children in the query history.

// procedureSQL creates LOAD_REGION_SALES and UPDATE_SEGMENT in the
// configured database and schema. The constants GENERATOR and UNIFORM
// need are written in; the rest are arguments.
func procedureSQL(n names) []string {
	load := fmt.Sprintf(`CREATE OR REPLACE PROCEDURE %[1]s(TBL VARCHAR, REGION VARCHAR, ROW_COUNT INT, WAIT_MS INT)
RETURNS INT
LANGUAGE SQL
AS
$$
BEGIN
  CREATE OR REPLACE TRANSIENT TABLE IDENTIFIER(:TBL) (SALE_ID INT, CUSTOMER_ID INT, REGION VARCHAR(50), AMOUNT INT, LOADED_TS TIMESTAMP);
  INSERT INTO IDENTIFIER(:TBL) SELECT SEQ4() AS SALE_ID, UNIFORM(0, %[2]d, RANDOM()) AS CUSTOMER_ID, :REGION AS REGION, UNIFORM(5, 500, RANDOM()) AS AMOUNT, CURRENT_TIMESTAMP AS LOADED_TS FROM TABLE(GENERATOR(ROWCOUNT => %[3]d)) LIMIT :ROW_COUNT;
  LET LOADED INT := SQLROWCOUNT;
  CALL SYSTEM$WAIT(:WAIT_MS, 'MILLISECONDS');
  RETURN LOADED;
END;
$$`, n.table("LOAD_REGION_SALES"), customerRows-1, customerRows)
	update := fmt.Sprintf(`CREATE OR REPLACE PROCEDURE %[1]s(SEGMENT_NAME VARCHAR, LO INT, HI INT, TREND VARCHAR, WAIT_MS INT)
RETURNS INT
LANGUAGE SQL
AS
$$
BEGIN
  BEGIN TRANSACTION;
  UPDATE %[2]s SET LOYALTY_SCORE = :LO + MOD(ABS(RANDOM()), :HI - :LO + 1), PURCHASE_TRENDS = :TREND, UPDATED_TS = CURRENT_TIMESTAMP WHERE SEGMENT = :SEGMENT_NAME;
  LET UPDATED INT := SQLROWCOUNT;
  CALL SYSTEM$WAIT(:WAIT_MS, 'MILLISECONDS');
  COMMIT;
  RETURN UPDATED;
END;
$$`, n.table("UPDATE_SEGMENT"), n.table("CUSTOMER_DATA"))
	return []string{load, update}
}

// createProcedures runs procedureSQL.
func createProcedures(ctx context.Context, out io.Writer, t *target, n names) error {
	for _, q := range procedureSQL(n) {
		if _, err := t.DB.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("create procedure: %w", err)
		}
	}
	fmt.Fprintf(out, "created procedures %s and %s\n\n", n.table("LOAD_REGION_SALES"), n.table("UPDATE_SEGMENT"))
	return nil
}

// procedureSteps are the six jobs as CALLs, with durations multiplied by scale.
func procedureSteps(n names, scale float64) []step {
	ms := func(d time.Duration) int64 { return max(time.Duration(float64(d)*scale).Milliseconds(), 1) }
	var out []step
	for _, r := range regions {
		t := n.salesTable(r.name)
		out = append(out, step{
			Name: r.name + " sales load", Kind: kindLoad, Count: 1, Table: t, Returns: true,
			SQL: fmt.Sprintf("CALL %s(%s, %s, %d, %d)", n.table("LOAD_REGION_SALES"), quote(t), quote(r.name), r.rows, ms(loadWait)),
		})
	}
	for _, s := range segments {
		out = append(out, step{
			Name: s.name + " update", Kind: kindUpdate, Count: 1, Table: n.table("CUSTOMER_DATA"), Segment: s.name, Returns: true,
			SQL: fmt.Sprintf("CALL %s(%s, %d, %d, %s, %d)", n.table("UPDATE_SEGMENT"), quote(s.name), s.lo, s.hi, quote(s.trend), ms(updateWait)),
		})
	}
	return out
}

// returnedRows reads the rows a CALL step reports: its one returned value.
func returnedRows(res *sfasync.Result) (int64, error) {
	if len(res.Rows) != 1 || len(res.Rows[0]) != 1 {
		return 0, fmt.Errorf("the procedure returned %d rows, want one value", len(res.Rows))
	}
	var n int64
	if _, err := fmt.Sscan(strings.TrimSpace(fmt.Sprint(res.Rows[0][0])), &n); err != nil {
		return 0, fmt.Errorf("the procedure returned %v, want a row count", res.Rows[0][0])
	}
	return n, nil
}

// quote makes s a SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
