package sftest

import (
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// writeFile writes a test's local file and returns its path.
func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	return p
}

// gunzipFile reads a gzip file's contents.
func gunzipFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	zr, err := gzip.NewReader(bytes.NewReader(b))
	require.NoError(t, err)
	out, err := io.ReadAll(zr)
	require.NoError(t, err)
	return string(out)
}

// TestStagePutListCopyGetRemove drives the bulk-load path through the
// driver: PUT (gzip by the driver into the LOCAL_FS stage), LIST, COPY INTO,
// the load metadata skipping a second COPY, FORCE, GET back and REMOVE.
func TestStagePutListCopyGetRemove(t *testing.T) {
	srv, db := newTestServer(t)
	c := &sqlCheck{t: t, ctx: testCtx(t), db: db}
	dir := t.TempDir()
	body := "id,name\n1,a\n2,\"b, c\"\n3,\n"
	src := writeFile(t, dir, "data.csv", body)

	require.Equal(t, "Stage area S successfully created.", c.rows("CREATE STAGE s FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '\"')"))
	require.Equal(t, "source|target|source_size|target_size|source_compression|target_compression|status|message",
		c.header("PUT file://"+src+" @s"))
	put := strings.Split(c.rows("PUT file://"+src+" @s"), "|")
	// The first PUT uploaded; this second one finds the file and skips it.
	require.Equal(t, []string{src, "data.csv.gz", fmt.Sprint(len(body))}, put[:3]) // the driver shows the source as it found it
	require.Equal(t, []string{"NONE", "GZIP", "SKIPPED", ""}, put[4:])
	// OVERWRITE with a smaller file leaves no tail of the larger one.
	require.NoError(t, os.WriteFile(src, []byte(strings.Repeat("x", 5000)), 0o644))
	c.rows("PUT 'file://" + src + "' @s OVERWRITE = TRUE AUTO_COMPRESS = FALSE")
	require.NoError(t, os.WriteFile(src, []byte(body), 0o644))
	c.rows("PUT 'file://" + src + "' @s OVERWRITE = TRUE AUTO_COMPRESS = FALSE")
	require.Equal(t, "s/data.csv|"+fmt.Sprint(len(body)), strings.Join(strings.Split(c.rows("LIST @s PATTERN = '.*csv'"), "|")[:2], "|"))
	require.Equal(t, "s/data.csv|removed", c.rows("REMOVE @s/data.csv PATTERN = '.*csv'"))
	put = strings.Split(c.rows("PUT 'file://"+src+"' @s OVERWRITE = TRUE"), "|")
	require.Equal(t, []string{"NONE", "GZIP", "UPLOADED", ""}, put[4:])

	// The stored file is the driver's gzip of the CSV.
	loc, serr := srv.stages.resolve("@s", stageScope{sessionState{database: "SFTEST", schema: "PUBLIC"}, 0})
	require.Nil(t, serr)
	got := filepath.Join(loc.dir, "data.csv.gz")
	require.Equal(t, body, gunzipFile(t, got))
	raw, err := os.ReadFile(got)
	require.NoError(t, err)
	require.Equal(t, put[3], fmt.Sprint(len(raw)))
	sum := md5.Sum(raw)
	// GET it back through the presigned URLs sftest serves.
	out := t.TempDir()
	require.Equal(t, "file|size|status|message", c.header("GET @s file://"+out+"/"))
	require.Equal(t, "data.csv.gz|"+put[3]+"|DOWNLOADED|", c.rows("GET '@s/data' 'file://"+out+"/' PATTERN = '.*gz'"))
	back, err := os.ReadFile(filepath.Join(out, "data.csv.gz"))
	require.NoError(t, err)
	require.Equal(t, raw, back)

	require.Equal(t, "name|size|md5|last_modified", c.header("LIST @s"))
	list := strings.Split(c.rows("LIST @s PATTERN = '.*[.]gz'"), "|")
	require.Equal(t, []string{"s/data.csv.gz", put[3], hex.EncodeToString(sum[:])}, list[:3])
	require.True(t, strings.HasSuffix(list[3], " GMT"), list[3])
	require.Equal(t, "", c.rows("LIST @s/other"))

	c.exec("CREATE TABLE t (id NUMBER, name STRING)")
	require.Equal(t, "file|status|rows_parsed|rows_loaded|error_limit|errors_seen|first_error|first_error_line|first_error_character|first_error_column_name",
		c.header("COPY INTO t FROM @s FILE_FORMAT = (SKIP_HEADER = 1)"))
	require.Equal(t, "1|a\n2|b, c\n3|NULL", c.rows("SELECT id, name FROM t ORDER BY id"))
	// Loaded before: nothing to do.
	require.Equal(t, "Copy executed with 0 files processed.", c.rows("COPY INTO t FROM @s FILE_FORMAT = (SKIP_HEADER = 1)"))
	require.Equal(t, "s/data.csv.gz|LOADED|3|3|1|0|NULL|NULL|NULL|NULL",
		c.rows("COPY INTO t FROM @s FILES = ('data.csv.gz') FILE_FORMAT = (SKIP_HEADER = 1) FORCE = TRUE"))
	require.Equal(t, "6", c.rows("SELECT COUNT(*) FROM t"))
	// The load metadata is the table's: a table created again loads the file.
	c.exec("CREATE OR REPLACE TABLE t (id NUMBER, name STRING)")
	require.Equal(t, "s/data.csv.gz|LOADED|3|3|1|0|NULL|NULL|NULL|NULL", c.rows("COPY INTO t FROM @s FILE_FORMAT = (SKIP_HEADER = 1)"))

	require.Equal(t, "s/data.csv.gz|removed", c.rows("REMOVE @s"))
	require.Equal(t, "", c.rows("LIST @s"))
	require.Equal(t, "COPY\nGET_FILES\nLIST_FILES\nPUT_FILES\nREMOVE_FILES", c.rows(
		"SELECT DISTINCT query_type FROM TABLE(INFORMATION_SCHEMA.QUERY_HISTORY()) WHERE query_type LIKE '%FILES' OR query_type = 'COPY' ORDER BY 1"))
}

// TestCopyOnError: a bad value fails the whole COPY by default, with
// Snowflake's message; ON_ERROR = CONTINUE loads the rest and reports it.
func TestCopyOnError(t *testing.T) {
	c := newSQLCheck(t)
	dir := t.TempDir()
	src := writeFile(t, dir, "bad.csv", "1|x\nabc|y\n3|z\n")
	c.exec("CREATE TABLE t2 (id NUMBER, s STRING)")
	put := strings.Split(c.rows("PUT file://"+src+" @~/in/ AUTO_COMPRESS = FALSE"), "|")
	require.Equal(t, []string{src, "bad.csv", "14", "14", "NONE", "NONE", "UPLOADED", ""}, put)
	require.Equal(t, "in/bad.csv|14", strings.Join(strings.Split(c.rows("LIST @~"), "|")[:2], "|"))

	c.fails("COPY INTO t2 FROM @~/in/ FILE_FORMAT = (TYPE = CSV FIELD_DELIMITER = '|')", "100038",
		"Numeric value 'abc' is not recognized\n  File 'in/bad.csv', line 2, character 1\n  Row 2, column \"T2\"[\"ID\":1]")
	require.Equal(t, "0", c.rows("SELECT COUNT(*) FROM t2"))

	require.Equal(t, `in/bad.csv|PARTIALLY_LOADED|3|2|3|1|Numeric value 'abc' is not recognized|2|1|"T2"["ID":1]`,
		c.rows("COPY INTO t2 FROM @~/in/ FILE_FORMAT = (TYPE = CSV FIELD_DELIMITER = '|') ON_ERROR = CONTINUE"))
	require.Equal(t, "1|x\n3|z", c.rows("SELECT id, s FROM t2 ORDER BY id"))

	c.exec("CREATE TABLE t3 (id NUMBER, s STRING)")
	require.Equal(t, `in/bad.csv|LOAD_FAILED|3|0|1|1|Numeric value 'abc' is not recognized|2|1|"T3"["ID":1]`,
		c.rows("COPY INTO t3 FROM @~ PATTERN = '.*bad.*' FILE_FORMAT = (TYPE = CSV FIELD_DELIMITER = '|') ON_ERROR = SKIP_FILE PURGE = TRUE"))
	require.Equal(t, "in/bad.csv|14", strings.Join(strings.Split(c.rows("LIST @~"), "|")[:2], "|"), "a failed file is not purged")
}

// TestCopyJSONIntoVariant loads JSON documents from a table stage into a
// VARIANT column, and by column name into typed columns.
func TestCopyJSONIntoVariant(t *testing.T) {
	c := newSQLCheck(t)
	dir := t.TempDir()
	src := writeFile(t, dir, "docs.json", "{\"a\": 1, \"b\": \"x\"}\n{\"a\": 2, \"c\": [1, 2]}\n")
	c.exec("CREATE TABLE j (v VARIANT)", "CREATE TABLE k (A NUMBER, B STRING)")
	c.rows("PUT file://" + src + " @%j")
	require.Equal(t, "j/docs.json.gz|LOADED|2|2|1|0|NULL|NULL|NULL|NULL", c.rows("COPY INTO j FROM @%j FILE_FORMAT = (TYPE = JSON) PURGE = TRUE"))
	require.Equal(t, "1|x|NULL\n2|NULL|2", c.rows("SELECT v:a::int, v:b::string, v:c[1] FROM j ORDER BY 1"))
	require.Equal(t, "", c.rows("LIST @%j"), "PURGE removed the loaded file")

	c.exec("CREATE FILE FORMAT jf TYPE = JSON")
	c.rows("PUT file://" + src + " @~")
	c.fails("COPY INTO k FROM @~/docs.json FILE_FORMAT = (FORMAT_NAME = jf)", "002019", "JSON file format can produce one and only one column")
	require.Equal(t, "docs.json.gz|LOADED|2|2|1|0|NULL|NULL|NULL|NULL",
		c.rows("COPY INTO k FROM @~/docs.json FILE_FORMAT = (FORMAT_NAME = jf) MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE"))
	require.Equal(t, "1|x\n2|NULL", c.rows("SELECT a, b FROM k ORDER BY a"))
}

// TestStageDDL: named stages are created, listed, dropped; a temporary one
// ends with its session; external stages and missing stages fail as
// Snowflake does.
func TestStageDDL(t *testing.T) {
	srv, db := newTestServer(t)
	db.SetMaxOpenConns(1) // one session
	c := &sqlCheck{t: t, ctx: testCtx(t), db: db}
	other := openDB(t, srv)
	other.SetMaxOpenConns(1)
	o := &sqlCheck{t: t, ctx: c.ctx, db: other}
	// Each session's temporary stage of one name is its own.
	o.exec("CREATE TEMPORARY STAGE tmp")
	c.exec("CREATE TEMPORARY STAGE tmp")
	o.rows("PUT file://" + writeFile(t, t.TempDir(), "o.csv", "1\n") + " @tmp")
	require.Equal(t, "tmp/o.csv.gz", firstColumn(o.rows("LIST @tmp")))
	require.Equal(t, "", c.rows("LIST @tmp"))
	require.Len(t, strings.Split(o.rows("SHOW STAGES LIKE 'TMP'"), "\n"), 1)
	require.NoError(t, other.Close()) // logs its session out: its stage goes
	srv.stages.mu.Lock()
	require.Len(t, srv.stages.named, 1, "only this session's TMP is left")
	srv.stages.mu.Unlock()
	c.exec("DROP STAGE tmp")

	c.exec("CREATE STAGE s1", "CREATE TEMPORARY STAGE s2")
	require.Equal(t, "S1 already exists, statement succeeded.", c.rows("CREATE STAGE IF NOT EXISTS s1"))
	c.fails("CREATE STAGE s1", "002002", "Object 'S1' already exists.")
	lines := strings.Split(c.rows("SHOW STAGES LIKE 's%'"), "\n")
	require.Len(t, lines, 2)
	for i, want := range [][]string{{"S1", "SFTEST", "PUBLIC", "INTERNAL"}, {"S2", "SFTEST", "PUBLIC", "INTERNAL TEMPORARY"}} {
		cells := strings.Split(lines[i], "|")
		require.Equal(t, want, []string{cells[1], cells[2], cells[3], cells[10]})
	}
	require.Equal(t, "S1 successfully dropped.", c.rows("DROP STAGE s1"))
	require.Equal(t, "Drop statement executed successfully (S1 already dropped).", c.rows("DROP STAGE IF EXISTS s1"))
	c.fails("LIST @s1", "002003", "Stage 'SFTEST.PUBLIC.S1' does not exist or not authorized.")
	c.fails("CREATE STAGE ext URL = 's3://bucket/path/'", "001003", "unsupported by sftest: external stage (URL = ...)")
	c.fails("SELECT $1 FROM @s2", "001003", "unsupported by sftest: stage reference (@s2)")
}

// TestCopyPathsAndFormats: a PUT under a path, FILES, a Parquet file, a
// field count that is not the table's, NULL into NOT NULL, and the
// statements that stay refused.
func TestCopyPathsAndFormats(t *testing.T) {
	srv, db := newTestServer(t)
	c := &sqlCheck{t: t, ctx: testCtx(t), db: db}
	dir := t.TempDir()
	c.exec("CREATE OR REPLACE STAGE st", "CREATE TABLE p (a NUMBER NOT NULL, b STRING)")
	c.rows("PUT file://" + writeFile(t, dir, "one.csv", "1,x\n2,y,extra\n,z\n") + " @st/in/2024/")
	c.rows("PUT file://" + writeFile(t, dir, "two.csv", "5,w\n") + " @st/in/2024/")
	require.Equal(t, "st/in/2024/one.csv.gz\nst/in/2024/two.csv.gz", firstColumn(c.rows("LIST @st/in")))

	require.Equal(t, "st/in/2024/one.csv.gz|PARTIALLY_LOADED|3|1|3|2|"+
		"Number of columns in file (3) does not match that of the corresponding table (2), use file format option error_on_column_count_mismatch=false to ignore this error|2|5|\"P\"[\"B\":2]",
		c.rows("COPY INTO p FROM @st/in/2024 FILES = ('one.csv.gz') ON_ERROR = CONTINUE"))
	c.exec("CREATE TABLE p2 (a NUMBER NOT NULL, b STRING)")
	require.Equal(t, "st/in/2024/one.csv.gz|LOAD_FAILED|3|0|2|2|"+
		"Number of columns in file (3) does not match that of the corresponding table (2), use file format option error_on_column_count_mismatch=false to ignore this error|2|5|\"P2\"[\"B\":2]\n"+
		"st/in/2024/two.csv.gz|LOADED|1|1|2|0|NULL|NULL|NULL|NULL",
		c.rows("COPY INTO p2 FROM @st/in/ ON_ERROR = SKIP_FILE_2"))
	c.exec("CREATE TABLE p3 (a NUMBER NOT NULL, b STRING)")
	require.Equal(t, "st/in/2024/one.csv.gz|PARTIALLY_LOADED|3|2|3|1|NULL result in a non-nullable column|3|1|\"P3\"[\"A\":1]",
		c.rows("COPY INTO p3 FROM @st PATTERN = '.*one[.]csv[.]gz' FILE_FORMAT = (ERROR_ON_COLUMN_COUNT_MISMATCH = FALSE) ON_ERROR = CONTINUE"))
	require.Equal(t, "1|x\n2|y", c.rows("SELECT a, b FROM p3 ORDER BY a"))

	// Parquet, written by DuckDB, into typed columns by name and into a VARIANT.
	pq := filepath.Join(dir, "rows.parquet")
	_, err := srv.eng.db.ExecContext(c.ctx, "COPY (SELECT 7 AS a, 'seven' AS b UNION ALL SELECT 8, NULL) TO '"+pq+"' (FORMAT PARQUET)")
	require.NoError(t, err)
	put := strings.Split(c.rows("PUT file://"+pq+" @st/pq/"), "|")
	require.Equal(t, []string{"rows.parquet", "PARQUET", "PARQUET"}, []string{put[1], put[4], put[5]}, "Parquet is compressed already: kept as is")
	c.exec("CREATE TABLE pq (A NUMBER, B STRING)", "CREATE TABLE pv (v VARIANT)")
	require.Equal(t, "st/pq/rows.parquet|LOADED|2|2|1|0|NULL|NULL|NULL|NULL",
		c.rows("COPY INTO pq FROM @st/pq/ FILE_FORMAT = (TYPE = PARQUET) MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE"))
	require.Equal(t, "7|seven\n8|NULL", c.rows("SELECT a, b FROM pq ORDER BY a"))
	c.exec("COPY INTO pv FROM @st/pq/ FILE_FORMAT = (TYPE = PARQUET)")
	require.Equal(t, "7|seven\n8|NULL", c.rows("SELECT v:a, v:b::string FROM pv ORDER BY 1"))

	// A file gzipped already goes up as it is, and COPY reads it.
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, err = zw.Write([]byte("9,nine\n"))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	pre := writeFile(t, dir, "pre.csv.gz", gz.String())
	put = strings.Split(c.rows("PUT file://"+pre+" @st/gz/ SOURCE_COMPRESSION = GZIP"), "|")
	require.Equal(t, []string{"pre.csv.gz", fmt.Sprint(gz.Len()), fmt.Sprint(gz.Len()), "GZIP", "GZIP", "UPLOADED"}, put[1:7])
	require.Equal(t, "st/gz/pre.csv.gz|LOADED|1|1|1|0|NULL|NULL|NULL|NULL", c.rows("COPY INTO pq FROM @st/gz/ FILE_FORMAT = (COMPRESSION = GZIP)"))
	require.Equal(t, "st/gz/pre.csv.gz|removed", c.rows("REMOVE @st PATTERN = '.*pre.*'"))
	require.Equal(t, "st/in/2024/one.csv.gz\nst/in/2024/two.csv.gz\nst/pq/rows.parquet", firstColumn(c.rows("LIST @st")))

	c.fails("COPY INTO missing FROM @st", "002003", "Table 'SFTEST.PUBLIC.MISSING' does not exist or not authorized.")
	c.fails("COPY INTO @st FROM p", "001003", "unsupported by sftest: COPY INTO <location> (unloading")
	c.fails("COPY INTO p FROM @st VALIDATION_MODE = RETURN_ERRORS", "001003", "unsupported by sftest: COPY INTO <table> ... VALIDATION_MODE")
	c.fails("COPY INTO p FROM 's3://bucket/x/'", "001003", "unsupported by sftest: COPY from an external location")
	c.fails("COPY INTO p FROM @st ON_ERROR = SOMETIMES", "001003", "invalid value ['SOMETIMES'] for parameter 'ON_ERROR'")
}

// firstColumn keeps each row's first cell.
func firstColumn(rows string) string {
	lines := strings.Split(rows, "\n")
	for i, l := range lines {
		lines[i], _, _ = strings.Cut(l, "|")
	}
	return strings.Join(lines, "\n")
}

// TestCopyTransform loads through a SELECT over the staged files: CSV
// fields by position with Snowflake functions and the file's metadata,
// JSON paths on $1.
func TestCopyTransform(t *testing.T) {
	c := newSQLCheck(t)
	dir := t.TempDir()
	c.exec("CREATE STAGE st", "CREATE TABLE tr (id NUMBER, d DATE, f STRING, n NUMBER)", "CREATE TABLE tj (a NUMBER, b STRING)")
	c.rows("PUT file://" + writeFile(t, dir, "t.csv", "1|05/01/2024|x\n2|06/02/2024|y\n") + " @st/tr/")
	require.Equal(t, "st/tr/t.csv.gz|LOADED|2|2|1|0|NULL|NULL|NULL|NULL", c.rows(
		"COPY INTO tr (id, d, f, n) FROM (SELECT s.$1, TO_DATE($2, 'DD/MM/YYYY'), METADATA$FILENAME, METADATA$FILE_ROW_NUMBER FROM @st/tr/ s) "+
			"FILE_FORMAT = (FIELD_DELIMITER = '|')"))
	require.Equal(t, "1|2024-01-05|tr/t.csv.gz|1\n2|2024-02-06|tr/t.csv.gz|2", c.rows("SELECT id, TO_VARCHAR(d), f, n FROM tr ORDER BY id"))

	c.rows("PUT file://" + writeFile(t, dir, "t.json", `{"a": 1, "b": {"c": "x"}}`+"\n"+`{"a": 2}`) + " @st/js/")
	require.Equal(t, "st/js/t.json.gz|LOADED|2|2|1|0|NULL|NULL|NULL|NULL", c.rows(
		"COPY INTO tj FROM (SELECT $1:a::int, $1:b.c::string FROM @st/js/) FILE_FORMAT = (TYPE = JSON)"))
	require.Equal(t, "1|x\n2|NULL", c.rows("SELECT a, b FROM tj ORDER BY a"))

	c.exec("CREATE TABLE tbad (id NUMBER)")
	// A value the insert cannot convert fails the file (not row by row).
	got := strings.Split(c.rows("COPY INTO tbad FROM (SELECT $3 FROM @st/tr/) FILE_FORMAT = (FIELD_DELIMITER = '|') ON_ERROR = CONTINUE"), "|")
	require.Equal(t, []string{"st/tr/t.csv.gz", "LOAD_FAILED", "2", "0", "2", "1"}, got[:6])
	require.Contains(t, got[6], "'x'")
	require.Equal(t, "0", c.rows("SELECT COUNT(*) FROM tbad"))
	c.fails("COPY INTO tbad FROM (SELECT $3 FROM @st/tr/) FILE_FORMAT = (FIELD_DELIMITER = '|')", "100038", "File 'st/tr/t.csv.gz'")
}

// TestCopyBinaryAsCSV: a file that is not text fails its rows as Snowflake
// words it, not with an engine error.
func TestCopyBinaryAsCSV(t *testing.T) {
	c := newSQLCheck(t)
	src := writeFile(t, t.TempDir(), "bin.csv", "1,ok\n2,\xff\xfe\n")
	c.exec("CREATE TABLE b (id NUMBER, s STRING)")
	c.rows("PUT file://" + src + " @%b AUTO_COMPRESS = FALSE")
	require.Equal(t, "b/bin.csv|PARTIALLY_LOADED|2|1|2|1|Invalid UTF8 detected in string '\uFFFD'|2|3|\"B\"[\"S\":2]",
		c.rows("COPY INTO b FROM @%b ON_ERROR = CONTINUE"))
	require.Equal(t, "1|ok", c.rows("SELECT id, s FROM b"))
}

// TestCopyInTransaction: a COPY into a table the session's transaction has
// locked (by an UPDATE) runs instead of waiting for its own session.
func TestCopyInTransaction(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	c := &sqlCheck{t: t, ctx: ctx, db: db}
	c.exec("CREATE TABLE tx (id NUMBER)", "INSERT INTO tx VALUES (1)")
	c.rows("PUT file://" + writeFile(t, t.TempDir(), "tx.csv", "2\n") + " @%tx")
	tx, err := db.BeginTx(ctx, nil)
	require.NoError(t, err)
	_, err = tx.ExecContext(ctx, "UPDATE tx SET id = 10 WHERE id = 1")
	require.NoError(t, err)
	var file, status string
	var parsed, loaded, limit, seen int
	var a, b, d, e any
	require.NoError(t, tx.QueryRowContext(ctx, "COPY INTO tx FROM @%tx").Scan(&file, &status, &parsed, &loaded, &limit, &seen, &a, &b, &d, &e))
	require.Equal(t, []any{"tx/tx.csv.gz", "LOADED", 1}, []any{file, status, loaded})
	require.NoError(t, tx.Commit())
	require.Equal(t, "2\n10", c.rows("SELECT id FROM tx ORDER BY id"))
}
