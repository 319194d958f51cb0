package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestAlterColumnTypes changes column types the ways Snowflake allows and
// refuses, through the driver, and checks the table's data, its DESCRIBE
// and its length checks afterwards.
func TestAlterColumnTypes(t *testing.T) {
	c := newSQLCheck(t)
	c.exec("create table ac (id number autoincrement, name varchar(10), amt number(10,2), note varchar(5), other number)",
		"comment on table ac is 'the table'", "comment on column ac.other is 'kept'",
		"insert into ac (name, amt, note) values ('abcdefghij', 12345678.91, 'x')")
	// colType is a column's type as DESCRIBE TABLE shows it.
	colType := func(col string) string {
		return c.rows("select \"type\" from table(result_scan(last_query_id())) where \"name\" = '" + col + "'")
	}
	describe := func(col string) string {
		c.exec("describe table ac")
		return colType(col)
	}

	// A longer VARCHAR: the rows, identity, comments and the new limit hold.
	c.exec("alter table ac alter column name set data type varchar(20)")
	c.exec("insert into ac (name, note) values ('abcdefghijklmnopqrst', 'y')")
	c.fails("insert into ac (name) values ('abcdefghijklmnopqrstu')", "100074", "String")
	require.Equal(t, "1|abcdefghij|12345678.91\n2|abcdefghijklmnopqrst|NULL", c.rows("select id, name, amt from ac order by id"))
	require.Equal(t, "VARCHAR(20)", describe("NAME"))
	require.Equal(t, "the table", c.rows("select comment from information_schema.tables where table_name = 'AC'"))
	require.Equal(t, "kept", c.rows("select comment from information_schema.columns where table_name = 'AC' and column_name = 'OTHER'"))

	// MODIFY, a list in parentheses, a bare type, STRING: all or nothing.
	c.exec("alter table ac modify (column amt number(20,2), name string, note set not null)")
	c.exec("insert into ac (name, note) values (repeat('x', 100), 'y')")
	require.Equal(t, "NUMBER(20,2)", describe("AMT"))
	require.Equal(t, "VARCHAR(16777216)", describe("NAME"))
	c.fails("insert into ac (name) values ('z')", "100072", "NULL result in a non-nullable column")

	// Refused changes leave the table as it was, the whole list with them.
	c.fails("alter table ac alter column id set data type varchar(20)", "002108", "cannot change column ID from type NUMBER(38,0) to VARCHAR(20)")
	c.fails("alter table ac alter amt type number(20,4)", "002108", "because changing the scale of a number is not supported.")
	c.fails("alter table ac alter (note type varchar(3), amt type number(30,2))", "040050", "cannot change column NOTE from type VARCHAR(5) to VARCHAR(3) because reducing the byte-length of varchar is not supported.")
	require.Equal(t, "NUMBER(20,2)", describe("AMT"))
	require.Equal(t, "VARCHAR(5)", describe("NOTE"))
	c.fails("alter table ac alter column nosuch type number", "000904", "invalid identifier 'NOSUCH'")
	c.fails("alter table nosuch alter column a type number", "002003", "does not exist")
	c.exec("alter table if exists nosuch alter column a type number")

	// Comments of plain columns; the identity column goes on counting.
	c.exec("alter table ac alter column amt comment 'money'", "alter table ac alter id type int")
	require.Equal(t, "money", c.rows("select comment from information_schema.columns where table_name = 'AC' and column_name = 'AMT'"))
	c.exec("alter table ac alter column amt unset comment", "insert into ac (name, note) values ('last', 'n')")
	require.Equal(t, "NULL|4|4|true", c.rows("select (select comment from information_schema.columns where table_name = 'AC' and column_name = 'AMT'), "+
		"count(*), count(distinct id), max(id) > 3 from ac"))
}
