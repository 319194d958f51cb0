package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCommentsKeepDeclaredTypes sets comments on tables and on columns
// whose declared type sftest records in the column's comment, every way
// Snowflake offers, and checks both the comment and the type survive.
func TestCommentsKeepDeclaredTypes(t *testing.T) {
	c := newSQLCheck(t)
	c.exec("create table cm (code varchar(3) comment 'ISO code', n number comment 'plain', ts timestamp_tz) comment = 'countries'",
		"create view cmv comment = 'a view' as select code from cm")
	colInfo := func(col string) string {
		return c.rows("select data_type, character_maximum_length, comment from information_schema.columns " +
			"where table_name = 'CM' and column_name = '" + col + "'")
	}
	require.Equal(t, "TEXT|3|ISO code", colInfo("CODE"))
	require.Equal(t, "NUMBER|NULL|plain", colInfo("N"))
	require.Equal(t, "countries", c.rows("select comment from information_schema.tables where table_name = 'CM'"))
	require.Equal(t, "a view", c.rows("select comment from information_schema.tables where table_name = 'CMV'"))

	c.exec("comment on column cm.ts is 'when'", "alter table cm alter column code comment 'country code'")
	require.Equal(t, "TIMESTAMP_TZ|NULL|when", colInfo("TS"))
	require.Equal(t, "TEXT|3|country code", colInfo("CODE"))
	c.fails("insert into cm (code) values ('ABCD')", "100074", "String")

	// A longer VARCHAR keeps the comment; UNSET and IS NULL drop only it.
	c.exec("alter table cm alter column code set data type varchar(5)")
	require.Equal(t, "TEXT|5|country code", colInfo("CODE"))
	c.exec("alter table cm alter column code unset comment", "comment on column cm.ts is null")
	require.Equal(t, "TEXT|5|NULL", colInfo("CODE"))
	require.Equal(t, "TIMESTAMP_TZ|NULL|NULL", colInfo("TS"))
	require.Equal(t, "TIMESTAMP_TZ", c.types("select ts from cm"))
	c.exec("describe table cm")
	require.Equal(t, "CODE|VARCHAR(5)|NULL\nN|NUMBER(38,0)|plain\nTS|TIMESTAMP_TZ(9)|NULL",
		c.rows(`select "name", "type", "comment" from table(result_scan(last_query_id()))`))
	c.fails("comment on column cm.nosuch is 'x'", "000904", "invalid identifier 'NOSUCH'")
}
