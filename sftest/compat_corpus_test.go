package sftest

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// corpusCase is one statement from Snowflake's documentation examples with
// the answer Snowflake gives: types are the column types as the driver
// reports them (FIXED, REAL, TEXT, BOOLEAN, DATE, TIME, TIMESTAMP_NTZ,
// TIMESTAMP_LTZ, VARIANT, OBJECT, ARRAY, BINARY), comma-separated; rows are
// separated by newlines and values by " | ", NULL for NULL (see corpusValue
// for how values are spelled), or "*" where only the types are compared
// (SHOW's created_on differs every run). A case with code instead expects that
// Snowflake error code. cols, when set, are the column names Snowflake
// gives, comma-separated (a DML count's "number of rows inserted", ...).
type corpusCase struct {
	name, sql, types, rows string
	code, cols             string
}

// corpusFixture creates the tables the cases read, after the documentation's
// examples.
const corpusFixture = `create or replace table employees (id number, name varchar, dept varchar, salary number(10,2), hired date, manager_id number);
insert into employees values
 (1, 'Alice', 'ENG', 120000, '2019-03-01', null), (2, 'Bob', 'ENG', 95000, '2020-07-15', 1),
 (3, 'Carol', 'SALES', 70000, '2021-01-10', 1), (4, 'Dan', 'SALES', 65000.50, '2022-11-30', 3),
 (5, 'Eve', null, 50000, '2023-05-05', 1);
create or replace table sales (region varchar, product varchar, amount number(10,2), sold date);
insert into sales values ('EU', 'A', 100.00, '2024-01-05'), ('EU', 'B', 50.50, '2024-02-10'),
 ('US', 'A', 200.00, '2024-01-20'), ('US', 'A', 25.25, '2024-03-01'), ('APAC', 'C', 75.00, '2024-02-28');
create or replace table docs (id number, v variant);
insert into docs select 1, parse_json('{"name": "Ann", "age": 31, "tags": ["a", "b"], "address": {"city": "Oslo", "zip": "0150"}}');
insert into docs select 2, parse_json('{"name": "Ben", "age": 45, "tags": [], "address": {"city": "Lima"}}')`

// corpusPublished is the README line the pass count must not drop below.
var corpusPublished = regexp.MustCompile(`Compatibility corpus: (\d+) of (\d+) cases pass`)

// TestCompatibilityCorpus runs every case through the driver, compares types
// and rows with Snowflake's, and fails when a case outside knownGaps fails
// or the pass count drops below the figure in README.md.
func TestCompatibilityCorpus(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	n := len(splitStatements(corpusFixture))
	_, err = conn.ExecContext(sf.WithMultiStatement(ctx, n), corpusFixture)
	require.NoError(t, err)

	require.GreaterOrEqual(t, len(corpusCases), 200)
	names := map[string]bool{}
	passed := 0
	var failures []string
	for _, c := range corpusCases {
		require.False(t, names[c.name], "duplicate case %q", c.name)
		names[c.name] = true
		why := runCorpusCase(ctx, conn, c)
		if why == "" {
			passed++
			if _, gap := knownGaps[c.name]; gap {
				t.Logf("known gap %q now passes: remove it from knownGaps and raise the README figure", c.name)
			}
			continue
		}
		if _, gap := knownGaps[c.name]; !gap {
			failures = append(failures, fmt.Sprintf("%s: %s", c.name, why))
		}
		if testing.Verbose() {
			t.Logf("gap %s: %s", c.name, why)
		}
	}
	for name := range knownGaps {
		require.True(t, names[name], "knownGaps names no case %q", name)
	}
	sort.Strings(failures)
	require.Empty(t, failures, "cases failing that are not known gaps")

	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	m := corpusPublished.FindSubmatch(readme)
	require.NotNil(t, m, "README.md must publish the corpus pass rate")
	published, _ := strconv.Atoi(string(m[1]))
	total, _ := strconv.Atoi(string(m[2]))
	t.Logf("compatibility corpus: %d of %d cases pass (%.1f%%)", passed, len(corpusCases), 100*float64(passed)/float64(len(corpusCases)))
	require.Equal(t, len(corpusCases), total, "README.md's case count is out of date")
	require.GreaterOrEqual(t, passed, published, "fewer cases pass than README.md publishes")
}

// runCorpusCase runs c and says how its answer differs from Snowflake's; "" when it does not.
func runCorpusCase(ctx context.Context, conn *sql.Conn, c corpusCase) string {
	rows, err := conn.QueryContext(ctx, c.sql)
	if c.code != "" {
		var se *sf.SnowflakeError
		if err == nil {
			_ = rows.Close()
			return "succeeded; Snowflake fails with " + c.code
		}
		if !errors.As(err, &se) || fmt.Sprintf("%06d", se.Number) != c.code {
			return fmt.Sprintf("error %v; Snowflake's code is %s", err, c.code)
		}
		return ""
	}
	if err != nil {
		return "error: " + err.Error()
	}
	defer rows.Close()
	cts, err := rows.ColumnTypes()
	if err != nil {
		return "column types: " + err.Error()
	}
	var types, names []string
	for _, ct := range cts {
		types = append(types, ct.DatabaseTypeName())
		names = append(names, ct.Name())
	}
	var got []string
	for rows.Next() {
		vals := make([]any, len(cts))
		ptrs := make([]any, len(cts))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return "scan: " + err.Error()
		}
		cells := make([]string, len(vals))
		for i, v := range vals {
			cells[i] = corpusValue(v, types[i])
		}
		got = append(got, strings.Join(cells, " | "))
	}
	if err := rows.Err(); err != nil {
		return "rows: " + err.Error()
	}
	var why []string
	if gotCols := strings.Join(names, ", "); c.cols != "" && gotCols != c.cols {
		why = append(why, fmt.Sprintf("columns %s, Snowflake's %s", gotCols, c.cols))
	}
	if gotTypes := strings.Join(types, ", "); gotTypes != c.types {
		why = append(why, fmt.Sprintf("types %s, Snowflake's %s", gotTypes, c.types))
	}
	if gotRows := strings.Join(got, "\n"); c.rows != "*" && gotRows != c.rows {
		why = append(why, fmt.Sprintf("rows %q, Snowflake's %q", gotRows, c.rows))
	}
	return strings.Join(why, "; ")
}

// corpusValue spells a scanned value the same whichever result format
// carried it (JSON gives the driver's raw text for NUMBER with a scale and
// BOOLEAN, Arrow typed values): numbers in their shortest form, booleans as
// true/false, dates
// as 2006-01-02, times as 15:04:05, timestamps as 2006-01-02 15:04:05 with
// any fraction, binary as upper-case hex, semi-structured values as compact
// JSON (Snowflake indents them; the layout is not compared).
func corpusValue(v any, typ string) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		switch typ {
		case "FIXED":
			if strings.Contains(x, ".") {
				x = strings.TrimRight(strings.TrimRight(x, "0"), ".")
			}
		case "BOOLEAN":
			switch x {
			case "1":
				return "true"
			case "0":
				return "false"
			}
		case "VARIANT", "OBJECT", "ARRAY":
			var b bytes.Buffer
			if json.Compact(&b, []byte(x)) == nil {
				return b.String()
			}
		}
		return x
	case []byte:
		return strings.ToUpper(hex.EncodeToString(x))
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		switch typ {
		case "DATE":
			return x.Format("2006-01-02")
		case "TIME":
			return x.Format("15:04:05.999999999")
		}
		return x.Format("2006-01-02 15:04:05.999999999")
	}
	return fmt.Sprint(v)
}
