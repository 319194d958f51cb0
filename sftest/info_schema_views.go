package sftest

import (
	"strconv"
	"strings"
)

// The INFORMATION_SCHEMA views sftest answers, with Snowflake's columns in
// its order (Snowflake's Information Schema reference) and how each is
// filled from DuckDB's catalog. Columns Snowflake documents as "not
// applicable" are NULL; so are the times (CREATED, LAST_ALTERED, LAST_DDL)
// and sizes in bytes, which DuckDB does not record. ROW_COUNT is DuckDB's
// estimated_size (as SHOW TABLES' rows): exact after inserts, but it keeps
// counting the rows a DELETE removed.

// infoColumn is one column of an INFORMATION_SCHEMA view: Snowflake's name,
// its Snowflake type (a key of infoDuckTypes) and the DuckDB expression over
// the view's source row that fills it ("" for NULL).
type infoColumn struct{ name, typ, expr string }

// infoDuckTypes are the DuckDB types the views' Snowflake types are cast to,
// and infoFullTypes how COLUMNS spells them for the views' own columns.
var (
	infoDuckTypes = map[string]string{"TEXT": "VARCHAR", "NUMBER": "BIGINT", "TIMESTAMP_LTZ": "TIMESTAMPTZ",
		"OBJECT": "MAP(VARCHAR, VARCHAR)"}
	infoFullTypes = map[string]string{"TEXT": "VARCHAR(16777216)", "NUMBER": "NUMBER(38,0)",
		"TIMESTAMP_LTZ": "TIMESTAMP_LTZ(9)", "OBJECT": "OBJECT"}
)

// infoView is an INFORMATION_SCHEMA view: its columns, and the order of its
// rows (over the source's columns) when the query gives none.
type infoView struct {
	name  string
	cols  []infoColumn
	order string
}

// notApplicable are n NULL columns of type typ named names.
func notApplicable(typ string, names ...string) []infoColumn {
	out := make([]infoColumn, len(names))
	for i, n := range names {
		out[i] = infoColumn{name: n, typ: typ}
	}
	return out
}

// cat concatenates column lists.
func cat(lists ...[]infoColumn) []infoColumn {
	var out []infoColumn
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// infoTimes are the CREATED and LAST_ALTERED columns sftest cannot fill.
var infoTimes = notApplicable("TIMESTAMP_LTZ", "CREATED", "LAST_ALTERED")

// isTable is a condition on a TABLES source row: a table, not a view.
const isTable = "kind = 'BASE TABLE'"

// infoViews are the views sftest answers. The source rows (infoSource)
// have: TABLES db, sch, name, kind, owner, comment, row_count; VIEWS db,
// sch, name, owner, definition, comment; COLUMNS db, sch, tname, cname,
// pos, def, nullable, comment and the type's parts base, a1, a2; SCHEMATA
// db, sch, owner, comment; DATABASES db, comment.
var infoViews = []infoView{
	{name: "TABLES", order: "db, sch, name", cols: cat([]infoColumn{
		{"TABLE_CATALOG", "TEXT", "db"}, {"TABLE_SCHEMA", "TEXT", "sch"}, {"TABLE_NAME", "TEXT", "name"},
		{"TABLE_OWNER", "TEXT", "owner"}, {"TABLE_TYPE", "TEXT", "kind"}, {"IS_TRANSIENT", "TEXT", "'NO'"},
		{"CLUSTERING_KEY", "TEXT", ""}, {"ROW_COUNT", "NUMBER", "row_count"}, {"BYTES", "NUMBER", ""},
		{"RETENTION_TIME", "NUMBER", "CASE WHEN " + isTable + " THEN 1 END"}},
		notApplicable("TEXT", "SELF_REFERENCING_COLUMN_NAME", "REFERENCE_GENERATION", "USER_DEFINED_TYPE_CATALOG",
			"USER_DEFINED_TYPE_SCHEMA", "USER_DEFINED_TYPE_NAME", "IS_INSERTABLE_INTO", "IS_TYPED", "COMMIT_ACTION"),
		infoTimes, notApplicable("TIMESTAMP_LTZ", "LAST_DDL"), notApplicable("TEXT", "LAST_DDL_BY"),
		[]infoColumn{{"AUTO_CLUSTERING_ON", "TEXT", "CASE WHEN " + isTable + " THEN 'NO' END"}, {"COMMENT", "TEXT", "comment"},
			{"IS_TEMPORARY", "TEXT", "'NO'"}, {"IS_ICEBERG", "TEXT", "'NO'"}, {"IS_DYNAMIC", "TEXT", "'NO'"},
			{"IS_IMMUTABLE", "TEXT", "'NO'"}})},
	{name: "COLUMNS", order: "db, sch, tname, pos", cols: cat([]infoColumn{
		{"TABLE_CATALOG", "TEXT", "db"}, {"TABLE_SCHEMA", "TEXT", "sch"}, {"TABLE_NAME", "TEXT", "tname"},
		{"COLUMN_NAME", "TEXT", "cname"}, {"ORDINAL_POSITION", "NUMBER", "pos"}, {"COLUMN_DEFAULT", "TEXT", "def"},
		{"IS_NULLABLE", "TEXT", "CASE WHEN nullable THEN 'YES' ELSE 'NO' END"},
		{"DATA_TYPE", "TEXT", "CASE base WHEN 'VARCHAR' THEN 'TEXT' ELSE base END"},
		{"CHARACTER_MAXIMUM_LENGTH", "NUMBER", "CASE WHEN base IN ('VARCHAR', 'BINARY') THEN a1 END"},
		{"CHARACTER_OCTET_LENGTH", "NUMBER", "CASE base WHEN 'VARCHAR' THEN least(a1 * 4, " + strconv.Itoa(textLength) + ") WHEN 'BINARY' THEN a1 END"},
		{"NUMERIC_PRECISION", "NUMBER", "CASE WHEN base = 'NUMBER' THEN a1 END"},
		{"NUMERIC_PRECISION_RADIX", "NUMBER", "CASE WHEN base = 'NUMBER' THEN 10 END"},
		{"NUMERIC_SCALE", "NUMBER", "CASE WHEN base = 'NUMBER' THEN a2 END"},
		{"DATETIME_PRECISION", "NUMBER", "CASE WHEN base IN ('TIME', 'TIMESTAMP_NTZ', 'TIMESTAMP_LTZ', 'TIMESTAMP_TZ') THEN a1 END"}},
		notApplicable("TEXT", "INTERVAL_TYPE"), notApplicable("NUMBER", "INTERVAL_PRECISION"),
		notApplicable("TEXT", "CHARACTER_SET_CATALOG", "CHARACTER_SET_SCHEMA", "CHARACTER_SET_NAME", "COLLATION_CATALOG",
			"COLLATION_SCHEMA", "COLLATION_NAME", "DOMAIN_CATALOG", "DOMAIN_SCHEMA", "DOMAIN_NAME", "UDT_CATALOG", "UDT_SCHEMA",
			"UDT_NAME", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_NAME"),
		notApplicable("NUMBER", "MAXIMUM_CARDINALITY"), notApplicable("TEXT", "DTD_IDENTIFIER"),
		[]infoColumn{{"IS_SELF_REFERENCING", "TEXT", "'NO'"}, {"IS_IDENTITY", "TEXT", "'NO'"}},
		notApplicable("TEXT", "IDENTITY_GENERATION", "IDENTITY_START", "IDENTITY_INCREMENT", "IDENTITY_MAXIMUM",
			"IDENTITY_MINIMUM", "IDENTITY_CYCLE", "IDENTITY_ORDERED", "SCHEMA_EVOLUTION_RECORD"),
		[]infoColumn{{"COMMENT", "TEXT", "comment"}}, notApplicable("TEXT", "DATA_TYPE_ALIAS"))},
	{name: "SCHEMATA", order: "db, sch", cols: cat([]infoColumn{
		{"CATALOG_NAME", "TEXT", "db"}, {"SCHEMA_NAME", "TEXT", "sch"}, {"SCHEMA_OWNER", "TEXT", "owner"},
		{"IS_TRANSIENT", "TEXT", "'NO'"}, {"IS_MANAGED_ACCESS", "TEXT", "'NO'"}, {"RETENTION_TIME", "NUMBER", "1"}},
		notApplicable("TEXT", "DEFAULT_CHARACTER_SET_CATALOG", "DEFAULT_CHARACTER_SET_SCHEMA", "DEFAULT_CHARACTER_SET_NAME", "SQL_PATH"),
		infoTimes, []infoColumn{{"COMMENT", "TEXT", "comment"}}, notApplicable("OBJECT", "OBJECT_VISIBILITY"))},
	{name: "VIEWS", order: "db, sch, name", cols: cat([]infoColumn{
		{"TABLE_CATALOG", "TEXT", "db"}, {"TABLE_SCHEMA", "TEXT", "sch"}, {"TABLE_NAME", "TEXT", "name"},
		{"TABLE_OWNER", "TEXT", "owner"}, {"VIEW_DEFINITION", "TEXT", "definition"}},
		notApplicable("TEXT", "CHECK_OPTION", "IS_UPDATABLE", "INSERTABLE_INTO"),
		[]infoColumn{{"IS_SECURE", "TEXT", "'NO'"}}, infoTimes, notApplicable("TIMESTAMP_LTZ", "LAST_DDL"),
		notApplicable("TEXT", "LAST_DDL_BY"), []infoColumn{{"COMMENT", "TEXT", "comment"}})},
	{name: "DATABASES", order: "db", cols: cat([]infoColumn{
		{"DATABASE_NAME", "TEXT", "db"}, {"DATABASE_OWNER", "TEXT", quoteString(Role)}, {"IS_TRANSIENT", "TEXT", "'NO'"},
		{"COMMENT", "TEXT", "comment"}}, infoTimes, []infoColumn{{"RETENTION_TIME", "NUMBER", "1"},
		{"TYPE", "TEXT", "'STANDARD'"}, {"OWNER_ROLE_TYPE", "TEXT", "'ROLE'"}}, notApplicable("OBJECT", "OBJECT_VISIBILITY"))},
}

// infoViewNamed is the view called name (upper-case), or nil.
func infoViewNamed(name string) *infoView {
	for i := range infoViews {
		if infoViews[i].name == name {
			return &infoViews[i]
		}
	}
	return nil
}

// infoSchemaComment is the comment Snowflake gives INFORMATION_SCHEMA.
const infoSchemaComment = "Views describing the contents of schemas in this database"

// infoSource is the DuckDB query whose rows view name shows for database
// db: the database's own objects (not DuckDB's "main" schema, which no
// Snowflake statement can reach) and, in TABLES, VIEWS, COLUMNS and
// SCHEMATA, the INFORMATION_SCHEMA schema with the views sftest answers.
func infoSource(name, db string) string {
	dbq := quoteString(db)
	in := "database_name = " + dbq + " AND schema_name <> 'main'"
	role := quoteString(Role)
	switch name {
	case "TABLES":
		return "SELECT database_name AS db, schema_name AS sch, " + snowName("table_name") + " AS name, 'BASE TABLE' AS kind, " +
			role + " AS owner, comment, estimated_size AS row_count FROM duckdb_tables() WHERE " + in +
			" UNION ALL SELECT database_name, schema_name, " + snowName("view_name") + ", 'VIEW', " + role +
			", comment, NULL FROM duckdb_views() WHERE NOT internal AND " + in +
			" UNION ALL SELECT " + dbq + ", 'INFORMATION_SCHEMA', name, 'VIEW', NULL, NULL, NULL FROM " + infoViewNames()
	case "VIEWS":
		return "SELECT database_name AS db, schema_name AS sch, " + snowName("view_name") + " AS name, " + role +
			" AS owner, sql AS definition, comment FROM duckdb_views() WHERE NOT internal AND " + in +
			" UNION ALL SELECT " + dbq + ", 'INFORMATION_SCHEMA', name, NULL, NULL, NULL FROM " + infoViewNames()
	case "COLUMNS":
		typ := declaredTypeSQL()
		rows := "SELECT database_name AS db, schema_name AS sch, " + snowName("table_name") + " AS tname, " +
			snowName("column_name") + " AS cname, column_index AS pos, " + describeDefaultSQL("column_default") + " AS def, is_nullable AS nullable, " +
			typ + " AS typ, " + userCommentSQL + " AS comment FROM duckdb_columns() WHERE NOT internal AND " + in +
			" UNION ALL SELECT " + dbq + ", 'INFORMATION_SCHEMA', tname, cname, pos, NULL, true, typ, NULL FROM " + infoViewColumns()
		return "SELECT *, CASE WHEN instr(typ, '(') > 0 THEN left(typ, instr(typ, '(') - 1) ELSE typ END AS base, " +
			"TRY_CAST(NULLIF(regexp_extract(typ, '[(]([0-9]+)', 1), '') AS BIGINT) AS a1, " +
			"TRY_CAST(NULLIF(regexp_extract(typ, ',([0-9]+)', 1), '') AS BIGINT) AS a2 FROM (" + rows + ")"
	case "SCHEMATA":
		return "SELECT database_name AS db, schema_name AS sch, " + role + " AS owner, comment FROM duckdb_schemas() " +
			"WHERE NOT internal AND " + in + " UNION ALL SELECT " + dbq + ", 'INFORMATION_SCHEMA', NULL, " + quoteString(infoSchemaComment)
	}
	return "SELECT database_name AS db, comment FROM duckdb_databases() WHERE " + showCatalogs + " AND NOT internal"
}

// infoViewNameList names the views sftest answers.
func infoViewNameList() []string {
	names := make([]string, len(infoViews))
	for i, v := range infoViews {
		names[i] = v.name
	}
	return names
}

// infoViewNames is a DuckDB table of the names of the views sftest answers.
func infoViewNames() string {
	return "(SELECT unnest(string_split(" + quoteString(strings.Join(infoViewNameList(), ",")) + ", ',')) AS name) AS __sftest_views"
}

// infoViewColumns is a DuckDB table of the columns of the views sftest
// answers: view, column, position and type as COLUMNS spells it. One string
// literal split apart: DuckDB binds a VALUES list of a hundred rows a
// hundred times slower.
func infoViewColumns() string {
	var rows []string
	for _, v := range infoViews {
		for i, c := range v.cols {
			rows = append(rows, v.name+"|"+c.name+"|"+strconv.Itoa(i+1)+"|"+infoFullTypes[c.typ])
		}
	}
	return "(SELECT split_part(r, '|', 1) AS tname, split_part(r, '|', 2) AS cname, CAST(split_part(r, '|', 3) AS BIGINT) AS pos, " +
		"split_part(r, '|', 4) AS typ FROM (SELECT unnest(string_split(" + quoteString(strings.Join(rows, ";")) + ", ';')) AS r)) AS __sftest_view_columns"
}
