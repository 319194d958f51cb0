package sftest

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// The mapping table, fed the engine's messages as DuckDB words them (class
// prefix, hints and LINE excerpt included).
func TestMapEngineError(t *testing.T) {
	cases := []struct {
		name, engine, text  string
		code, state, answer string
		generic             bool
	}{
		{"missing table", "Catalog Error: Table with name missing_t does not exist!\nDid you mean \"pg_settings\"?\n\nLINE 1: select * from missing_t\n                      ^",
			"select * from missing_t", "002003", "42S02", "SQL compilation error:\nObject 'MISSING_T' does not exist or not authorized.", false},
		{"qualified as written", "Catalog Error: Table with name t does not exist!",
			`select * from db."my Schema".t`, "002003", "42S02", "SQL compilation error:\nObject 'DB.\"my Schema\".T' does not exist or not authorized.", false},
		{"quoted upper-case prints bare", "Catalog Error: Table with name T does not exist!",
			`select * from "T"`, "002003", "42S02", "SQL compilation error:\nObject 'T' does not exist or not authorized.", false},
		{"table position preferred over a column of the same name", "Catalog Error: Table with name x does not exist!",
			"select x from s.x", "002003", "42S02", "SQL compilation error:\nObject 'S.X' does not exist or not authorized.", false},
		{"missing schema in a query", `Catalog Error: Table with name "noschema.t" does not exist because schema "noschema" does not exist.`,
			"select * from noschema.t", "002003", "42S02", "SQL compilation error:\nObject 'NOSCHEMA.T' does not exist or not authorized.", false},
		{"drop names by kind, qualified", "Catalog Error: Table with name t does not exist!",
			"drop table t", "002003", "02000", "SQL compilation error:\nTable 'DB.SCH.T' does not exist or not authorized.", false},
		{"create in a missing schema", "Catalog Error: Schema with name s does not exist!",
			"create table s.t (a int)", "002003", "02000", "SQL compilation error:\nSchema 'DB.S' does not exist or not authorized.", false},
		{"create in a missing database", "Catalog Error: Catalog with name d does not exist!",
			"create table d.s.t (a int)", "002003", "02000", "SQL compilation error:\nDatabase 'D' does not exist or not authorized.", false},
		{"already exists", `Catalog Error: Table with name "T" already exists!`,
			"create table db.sch.t (a int)", "002002", "42710", "SQL compilation error:\nObject 'T' already exists.", false},
		{"unknown column", "Binder Error: Referenced column \"zz\" not found in FROM clause!\nCandidate bindings: \"a\"",
			"select a,\n  zz from t", "000904", "42000", "SQL compilation error: error line 2 at position 2\ninvalid identifier 'ZZ'", false},
		{"unknown qualified column", `Binder Error: Table "t" does not have a column named "nosuch"`,
			"select t.nosuch from t", "000904", "42000", "SQL compilation error: error line 1 at position 7\ninvalid identifier 'T.NOSUCH'", false},
		{"position counts characters", "Binder Error: Referenced column \"zz\" not found in FROM clause!",
			"select 'é', zz from t", "000904", "42000", "SQL compilation error: error line 1 at position 12\ninvalid identifier 'ZZ'", false},
		{"column not in the text", "Binder Error: Referenced column \"zz\" not found in FROM clause!",
			"select 1", "000904", "42000", "SQL compilation error: error line 0 at position -1\ninvalid identifier 'ZZ'", false},
		{"unknown table qualifier", "Binder Error: Referenced table \"x\" not found!\nCandidate tables: \"t\"",
			"select x.a from t", "000904", "42000", "SQL compilation error: error line 1 at position 7\ninvalid identifier 'X.A'", false},
		{"ambiguous column", `Binder Error: Ambiguous reference to column name "a" (use: "x.a" or "y.a")`,
			"select a from x, y", "002028", "42601", "SQL compilation error:\nambiguous column name 'A'", false},
		{"syntax error", "Parser Error: syntax error at or near \"frm\"\n\nLINE 1: select 1 frm\n                 ^",
			"select 1\nfrm t", "001003", "42000", "SQL compilation error:\nsyntax error line 2 at position 0 unexpected 'frm'.", false},
		{"syntax error at the end", "Parser Error: syntax error at end of input",
			"create table foo;", "001003", "42000", "SQL compilation error:\nsyntax error line 1 at position 16 unexpected '<EOF>'.", false},
		{"syntax error in rewritten text", `Parser Error: syntax error at or near "AS"`,
			"select 1 +", "001003", "42000", "SQL compilation error:\nsyntax error line 1 at position 10 unexpected '<EOF>'.", false},
		{"division by zero", "Invalid Input Error: Division by zero", "select 1/0", "100051", "22012", "Division by zero", false},
		{"numeric value", "Conversion Error: Could not convert string 'abc' to INT64\n\nLINE 1: ...", "", "100038", "22018", "Numeric value 'abc' is not recognized", false},
		{"decimal value", `Conversion Error: Could not convert string "x1" to DECIMAL(38,0)`, "", "100038", "22018", "Numeric value 'x1' is not recognized", false},
		{"boolean value", "Conversion Error: Could not convert string 'abc' to BOOL", "", "100037", "22018", "Boolean value 'abc' is not recognized", false},
		{"date value", `Conversion Error: invalid date field format: "abc", expected format is (YYYY-MM-DD)`, "", "100040", "22007", "Date 'abc' is not recognized", false},
		{"timestamp value", `Conversion Error: invalid timestamp field format: "x", expected format is (YYYY-MM-DD HH:MM:SS)`, "", "100035", "22007", "Timestamp 'x' is not recognized", false},
		{"out of range", "Conversion Error: Type INT64 with value 99999999999 can't be cast because the value is out of range for the destination type INT32", "", "100039", "22003", "Numeric value '99999999999' is out of range", false},
		{"not null", "Constraint Error: NOT NULL constraint failed: t.a", "", "100072", "22000", "NULL result in a non-nullable column", false},
		{"nanosecond timestamp not recognized", "Conversion Error: Could not convert string 'garbage' to INT64",
			"select 'garbage'::timestamp_ntz", "100035", "22007", "Timestamp 'garbage' is not recognized", false},
		{"cast to a narrower NUMBER", "Conversion Error: Could not cast value 99999 to DECIMAL(4,0)", "", "100039", "22003", "Numeric value '99999' is out of range", false},
		{"not grouped, one table", "Binder Error: column \"id\" must appear in the GROUP BY clause or must be part of an aggregate function.\nEither add it to the GROUP BY list, or use \"ANY_VALUE(id)\" if the exact value of \"id\" is not important.",
			"select id, count(*)\nfrom src group by v", "001104", "42601", "SQL compilation error: error line 1 at position 7\n'SRC.ID' in select clause is neither an aggregate nor in the group by clause.", false},
		{"not grouped, qualified", `Binder Error: column "t1.product_id" must appear in the GROUP BY clause or must be part of an aggregate function.`,
			"select t1.product_id from a t1 join b t2 on true group by t2.x", "001104", "42601", "SQL compilation error: error line 1 at position 7\n'T1.PRODUCT_ID' in select clause is neither an aggregate nor in the group by clause.", false},
		{"unknown function", "Catalog Error: Scalar Function with name nosuchfunc does not exist!\nDid you mean \"cosh\"?",
			"select nosuchfunc(1)", "002140", "42601", "SQL compilation error:\nUnknown function NOSUCHFUNC", false},
		{"malformed JSON", `Invalid Input Error: Malformed JSON at byte 1 of input: unexpected end of data.  Input: "{"`, "", "100069", "22P02", "Error parsing JSON: unexpected end of data", false},
		{"generic compilation", "Binder Error: Could not choose a best candidate function for the function call \"+(STRING_LITERAL, INTEGER_LITERAL)\".\n\tCandidate functions:",
			"select 'a' + 1", "001003", "42000", "SQL compilation error:\nCould not choose a best candidate function for the function call \"+(STRING_LITERAL, INTEGER_LITERAL)\".", true},
		{"generic execution", "Out of Range Error: Cannot take logarithm of zero",
			"", "000603", "XX000", "SQL execution internal error: Cannot take logarithm of zero", true},
		{"arithmetic overflow", "Out of Range Error: Overflow in addition of INT64 (1 + 9223372036854775807)!",
			"", "100046", "22003", "Number out of representable range: type FIXEDSB16 {nullable=true}, value 1 + 9223372036854775807", false},
		{"not the engine's", "sql: connection is already closed", "", "000603", "XX000", "SQL execution internal error: sql: connection is already closed", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			se, matched := mapEngineError(errors.New(c.engine), failedStmt{text: c.text, database: "DB", schema: "SCH"})
			require.Equal(t, c.code, se.Code)
			require.Equal(t, c.state, se.SQLState)
			require.Equal(t, c.answer, se.Message)
			require.Equal(t, !c.generic, matched)
		})
	}
}

func TestEngineErrorRuleNames(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range engineErrorRules {
		require.NotEmpty(t, r.name)
		require.False(t, seen[r.name], "duplicate rule %s", r.name)
		seen[r.name] = true
	}
}

// Through the driver, failures carry Snowflake's code, SQLSTATE and words.
func TestSnowflakeErrorsThroughDriver(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	for _, q := range []string{"create table t1 (a int not null, b varchar)", "insert into t1 values (1, 'x'), (0, 'y')"} {
		_, err := db.ExecContext(ctx, q)
		require.NoError(t, err, q)
	}
	cases := []struct {
		sql     string
		number  int
		state   string
		message string
	}{
		{"select * from missing_t", 2003, "42S02", "SQL compilation error:\nObject 'MISSING_T' does not exist or not authorized."},
		{`select * from sftest.public."lower_t"`, 2003, "42S02", "SQL compilation error:\nObject 'SFTEST.PUBLIC.\"lower_t\"' does not exist or not authorized."},
		{"insert into missing_t values (1)", 2003, "42S02", "SQL compilation error:\nObject 'MISSING_T' does not exist or not authorized."},
		{"drop table missing_t", 2003, "02000", "SQL compilation error:\nTable 'SFTEST.PUBLIC.MISSING_T' does not exist or not authorized."},
		{"select nosuch from t1", 904, "42000", "SQL compilation error: error line 1 at position 7\ninvalid identifier 'NOSUCH'"},
		{"select a\nfrom t1\nwhere t1.zz = 1", 904, "42000", "SQL compilation error: error line 3 at position 6\ninvalid identifier 'T1.ZZ'"},
		{"update t1 set zz = 1", 904, "42000", "SQL compilation error: error line 1 at position 14\ninvalid identifier 'ZZ'"},
		{"select * from t1 where", 1003, "42000", "SQL compilation error:\nsyntax error line 1 at position 22 unexpected '<EOF>'."},
		{"select 1/0", 100051, "22012", "Division by zero"},
		{"select 10 / a from t1", 100051, "22012", "Division by zero"},
		{"select 'abc'::int", 100038, "22018", "Numeric value 'abc' is not recognized"},
		{"insert into t1 values ('zz', 'y')", 100038, "22018", "Numeric value 'zz' is not recognized"},
		{"select cast('x1' as number(10, 2))", 100038, "22018", "Numeric value 'x1' is not recognized"},
		{"select '2024-13-45'::date", 100040, "22007", "Date '2024-13-45' is not recognized"},
		{"create table t1 (a int)", 2002, "42710", "SQL compilation error:\nObject 'T1' already exists."},
		{"insert into t1 values (null, 'x')", 100072, "22000", "NULL result in a non-nullable column"},
		{"select nosuchfunc(a) from t1", 2140, "42601", "SQL compilation error:\nUnknown function NOSUCHFUNC"},
	}
	for _, c := range cases {
		_, err := db.ExecContext(ctx, c.sql)
		var se *sf.SnowflakeError
		require.ErrorAs(t, err, &se, c.sql)
		require.Equal(t, c.number, se.Number, c.sql)
		require.Equal(t, c.state, se.SQLState, c.sql)
		require.Equal(t, c.message, se.Message, c.sql)
		require.NotEmpty(t, se.QueryID, c.sql)
	}

	// What divides by zero only where the divisor is not zero still runs.
	for _, q := range []string{
		"select case when a = 0 then null else 10 / a end from t1",
		"select 10 / a from t1 where a <> 0",
		"select 10 / nullif(a, 0) from t1",
		"select div0(10, a) from t1",
		"select a / sum(a) over (partition by b) from t1 where a > 0",
		"select b, sum(a) / count(*) from t1 group by b order by 2 / count(*)",
		"select a / ? from t1",
	} {
		var args []any
		if strings.Contains(q, "?") {
			args = append(args, 2)
		}
		rows, err := db.QueryContext(ctx, q, args...)
		require.NoError(t, err, q)
		require.NoError(t, rows.Close())
	}
}

// An engine error no rule knows is answered in Snowflake's shape, without
// DuckDB's class prefix, and the engine's own text goes to the logger.
func TestUnmappedEngineErrorIsLogged(t *testing.T) {
	var logs syncBuffer
	_, db := newTestServer(t, WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	_, err := db.ExecContext(testCtx(t), "select true + 1")
	var se *sf.SnowflakeError
	require.ErrorAs(t, err, &se)
	require.Equal(t, 1003, se.Number)
	require.True(t, strings.HasPrefix(se.Message, "SQL compilation error:\nNo function matches"), se.Message)
	require.NotContains(t, se.Message, "Binder Error")
	require.Contains(t, logs.String(), "engine error without a Snowflake equivalent")
	require.Contains(t, logs.String(), "Binder Error: No function matches")
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines to log into.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
