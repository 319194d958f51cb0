package main

import (
	"fmt"
	"strings"
	"time"
)

// kind tells a regional load from a segment update.
type kind string

const (
	kindLoad   kind = "load"
	kindUpdate kind = "update"
)

// step is one job of the pipeline: a multi-statement request.
type step struct {
	Name  string // what the output calls it, e.g. "Europe sales load"
	Key   string // its name as a pipeline step, e.g. "load_eu" (-pipeline)
	Kind  kind
	SQL   string // Count statements, separated by semicolons
	Count int    // declared to gosnowflake with WithMultiStatement
	// Table is the table the job writes, fully qualified. Updates of one
	// table wait for each other's lock; the summary's lower bound adds
	// them up.
	Table string
	// Segment is, for an update, the segment it updates; the timeline finds
	// the job's UPDATE statement in the query history by it.
	Segment string
	// Returns is set for a CALL of a procedure: the one value it returns is
	// the rows the step loaded or updated.
	Returns bool
}

// Durations of the steps at -scale 1: SYSTEM$WAIT stands in for the work of
// a load and of an update on a real warehouse.
const (
	loadWait   = 2 * time.Second
	updateWait = 1 * time.Second
)

// customerRows is how many customers the seed creates; SEQ4() modulo 3
// splits them into the three segments 33,334 / 33,333 / 33,333.
const customerRows = 100_000

// names builds the fully qualified table names in the configured database
// and schema.
type names struct{ database, schema string }

func (n names) table(t string) string { return n.database + "." + n.schema + "." + t }

// seedSQL creates and fills CUSTOMER_DATA: the seed statement of the
// article. It is two statements.
func seedSQL(n names) string {
	t := n.table("CUSTOMER_DATA")
	return fmt.Sprintf(`CREATE OR REPLACE TRANSIENT TABLE %[1]s (CUSTOMER_ID INT, SEGMENT VARCHAR(50), LOYALTY_SCORE INT, PURCHASE_TRENDS VARCHAR(100), UPDATED_TS TIMESTAMP);
INSERT INTO %[1]s SELECT SEQ4() AS CUSTOMER_ID, CASE WHEN MOD(SEQ4(), 3) = 0 THEN 'High Value' WHEN MOD(SEQ4(), 3) = 1 THEN 'Medium Value' ELSE 'Low Value' END AS SEGMENT, NULL AS LOYALTY_SCORE, NULL AS PURCHASE_TRENDS, CURRENT_TIMESTAMP AS UPDATED_TS FROM TABLE(GENERATOR(ROWCOUNT => %[2]d));`, t, customerRows)
}

// regions are the three regional loads: the region and the rows it loads.
var regions = []struct {
	name, key string // key: its name as a pipeline step
	rows      int
}{
	{"North America", "load_na", 60_000},
	{"Europe", "load_eu", 45_000},
	{"Asia", "load_asia", 30_000},
}

// segments are the three segment updates: the segment, its purchase trend
// and the range its loyalty scores are drawn from.
var segments = []struct {
	name, key, trend string // key: its name as a pipeline step
	lo, hi           int
}{
	{"High Value", "update_high", "Frequent, high-margin purchases", 80, 100},
	{"Medium Value", "update_medium", "Regular purchases, price-sensitive", 50, 79},
	{"Low Value", "update_low", "Occasional purchases", 0, 49},
}

// salesTable is a region's sales table, fully qualified.
func (n names) salesTable(region string) string {
	return n.table(strings.ReplaceAll(strings.ToUpper(region), " ", "_") + "_SALES")
}

// steps returns the six jobs of the pipeline, loads first, with durations
// multiplied by scale.
func steps(n names, scale float64) []step {
	wait := func(d time.Duration) time.Duration { return time.Duration(float64(d) * scale) }
	var out []step
	for _, r := range regions {
		t := n.salesTable(r.name)
		out = append(out, step{
			Name:  r.name + " sales load",
			Key:   r.key,
			Kind:  kindLoad,
			Count: 3,
			Table: t,
			SQL: fmt.Sprintf(`CREATE OR REPLACE TRANSIENT TABLE %[1]s (SALE_ID INT, CUSTOMER_ID INT, REGION VARCHAR(50), AMOUNT INT, LOADED_TS TIMESTAMP);
INSERT INTO %[1]s SELECT SEQ4() AS SALE_ID, UNIFORM(0, %[2]d, RANDOM()) AS CUSTOMER_ID, '%[3]s' AS REGION, UNIFORM(5, 500, RANDOM()) AS AMOUNT, CURRENT_TIMESTAMP AS LOADED_TS FROM TABLE(GENERATOR(ROWCOUNT => %[4]d));
%[5]s;`, t, customerRows-1, r.name, r.rows, waitSQL(wait(loadWait))),
		})
	}
	customers := n.table("CUSTOMER_DATA")
	for _, s := range segments {
		// The explicit transaction keeps the table lock of the UPDATE for
		// the whole step, as a long UPDATE would: in autocommit mode the
		// UPDATE would commit, and unlock, at once.
		out = append(out, step{
			Name:    s.name + " update",
			Key:     s.key,
			Kind:    kindUpdate,
			Count:   4,
			Table:   customers,
			Segment: s.name,
			SQL: fmt.Sprintf(`BEGIN;
UPDATE %[1]s SET LOYALTY_SCORE = UNIFORM(%[2]d, %[3]d, RANDOM()), PURCHASE_TRENDS = '%[4]s', UPDATED_TS = CURRENT_TIMESTAMP WHERE SEGMENT = '%[5]s';
%[6]s;
COMMIT;`, customers, s.lo, s.hi, s.trend, s.name, waitSQL(wait(updateWait))),
		})
	}
	return out
}

// waitSQL is a statement that lasts d on the warehouse: whole seconds as
// CALL SYSTEM$WAIT(n), anything else in milliseconds.
func waitSQL(d time.Duration) string {
	if d%time.Second == 0 {
		return fmt.Sprintf("CALL SYSTEM$WAIT(%d)", d/time.Second)
	}
	return fmt.Sprintf("CALL SYSTEM$WAIT(%d, 'MILLISECONDS')", max(d.Milliseconds(), 1))
}
