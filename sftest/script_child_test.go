package sftest

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// decodedCount is the rows a DML result's encoded row says were affected:
// the sum of its count columns, of an UPDATE's first column only (the
// multi-joined rows are not rows updated).
func decodedCount(t *testing.T, res *result) int64 {
	t.Helper()
	var n int64
	rows := 0
	require.NoError(t, res.eachRow(func(r []*string) error {
		rows++
		for i, v := range r {
			if v == nil || res.stmtType == stmtTypeUpdate && i > 0 {
				continue
			}
			k, err := strconv.ParseInt(*v, 10, 64)
			require.NoError(t, err)
			n += k
		}
		return nil
	}))
	require.Equal(t, 1, rows, "a DML answer is one row of counts")
	return n
}

// TestDMLCountIsTheEncodedCounts: dmlCount reads a DML answer's produced
// rows instead of decoding it; for every DML answer sftest builds, that is
// what its encoded count row says. Other answers have no DML count.
func TestDMLCountIsTheEncodedCounts(t *testing.T) {
	var dml []*result
	for _, verb := range []string{"INSERT", "update", "DELETE", "MERGE"} {
		for _, n := range []int64{0, 1, 12345} {
			dml = append(dml, dmlResult(verb, n))
		}
	}
	merge := []string{"number of rows inserted", "number of rows updated", "number of rows deleted"}
	dml = append(dml,
		countsResult(merge, stmtTypeMerge, []int64{3, 4, 5}),
		countsResult(merge[1:], stmtTypeMerge, []int64{7, 0}),
		countsResult(merge[:1], stmtTypeMerge, []int64{2}))
	for _, res := range dml {
		got := dmlCount(res)
		require.NotNil(t, got, "stmtType %#x", res.stmtType)
		require.Equal(t, decodedCount(t, res), *got, "stmtType %#x", res.stmtType)
		require.Equal(t, *got, activityCount(res))
	}
	sel := smallResult([]rowType{{Name: "N", Type: "fixed"}}, stmtTypeSelect, []any{int64(42)})
	for _, res := range []*result{nil, sel, textResult("status", "ok", stmtTypeDDL), textResult("status", "ok", stmtTypeSession)} {
		require.Nil(t, dmlCount(res))
	}
	require.Equal(t, int64(1), activityCount(sel), "a query's activity is the rows it returned")
	require.Zero(t, activityCount(nil))
}

// TestScriptRowCountAfterEachDML: SQLROWCOUNT and ACTIVITY_COUNT after each
// DML verb, through the driver.
func TestScriptRowCountAfterEachDML(t *testing.T) {
	_, db := newTestServer(t)
	runScriptCases(t, db, []scriptCase{
		{name: "insert", setup: []string{"CREATE TABLE rc (a INT, b INT)"},
			sql: "BEGIN INSERT INTO rc VALUES (1, 0), (2, 0), (3, 0); RETURN SQLROWCOUNT; END;", want: "anonymous block\n3"},
		{name: "update", sql: "BEGIN UPDATE rc SET b = 1 WHERE a >= 2; RETURN SQLROWCOUNT; END;", want: "anonymous block\n2"},
		{name: "merge", setup: []string{"CREATE TABLE rc_src (a INT)", "INSERT INTO rc_src VALUES (1), (4), (5)"},
			sql:  `BEGIN MERGE INTO rc USING rc_src s ON rc.a = s.a WHEN MATCHED THEN UPDATE SET b = 2 WHEN NOT MATCHED THEN INSERT (a, b) VALUES (s.a, 3); RETURN SQLROWCOUNT || ' ' || ACTIVITY_COUNT; END;`,
			want: "anonymous block\n3 3"},
		{name: "delete", sql: "BEGIN DELETE FROM rc WHERE b > 0; RETURN ACTIVITY_COUNT; END;", want: "anonymous block\n5"},
	})
}
