package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRuleSample(t *testing.T) {
	c := newSQLCheck(t)
	c.exec("create table st as select seq4() as i from table(generator(rowcount => 200))")
	require.Equal(t, "0", c.rows("select count(*) from st sample (0)"))
	require.Equal(t, "0", c.rows("select count(*) from st sample row (0)"))
	require.Equal(t, "200", c.rows("select count(*) from st tablesample (100)"))
	require.Equal(t, "200", c.rows("select count(*) from st sample bernoulli (100)"))
	require.Equal(t, "200", c.rows("select count(*) from st sample system (100)"))
	require.Equal(t, "10", c.rows("select count(*) from st sample (10 rows)"))
	require.Equal(t, "200", c.rows("select count(*) from st sample (1000 rows)"))
	require.Equal(t, "0", c.rows("select count(*) from st s sample (0 rows)"))
	// A seed makes a fraction sample repeatable.
	first := c.rows("select sum(i) from st sample (50) seed (7)")
	require.Equal(t, first, c.rows("select sum(i) from st sample (50) repeatable (7)"))
	// On a join's table and on a subquery.
	require.Equal(t, "0", c.rows("select count(*) from st a sample (0) join st b on a.i = b.i"))
	require.Equal(t, "200", c.rows("select count(*) from (select * from st) sample (100)"))
	// Not a sample clause: a column named sample.
	c.exec("create table sc (sample number)", "insert into sc values (1)")
	require.Equal(t, "1", c.rows("select sample from sc"))

	c.fails("select * from st sample (101)", "001003", "invalid sample probability 101")
	c.fails("select * from st sample system (10 rows)", "001003", "not supported with SYSTEM or BLOCK")
	c.fails("select * from st sample (10 rows) seed (1)", "001003", "does not support a seed")
	c.fails("select * from st sample (1000001 rows)", "001003", "invalid sample size")
	c.fails("select * from st sample ($p)", "002211", "Session variable '$P' does not exist")
}
