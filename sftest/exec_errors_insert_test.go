package sftest

import "testing"

func TestInsertValueCountMismatch(t *testing.T) {
	c := newSQLCheck(t)
	c.exec("create table ivc (a number, b number)")
	c.fails("insert into ivc values (1, 2, 3)", "002020", "Insert value list does not match column list expecting 2 but got 3")
	c.fails("insert into ivc (a, b) values (1)", "002020", "Insert value list does not match column list expecting 2 but got 1")
	c.fails("insert into ivc (a) values (1, 2)", "002020", "expecting 1 but got 2")
}
