package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRuleUnpivot(t *testing.T) {
	checkRule(t, ruleUnpivot, nil, []ruleCase{
		{name: "names", in: `select * from t unpivot (v for n in (a, "b", c as 'x'))`, want: `select * from t unpivot (v for n in (a AS 'A', "b" AS 'b', c as 'x'))`},
		{name: "include nulls", in: "select * from t unpivot include nulls (v for n in (a))", want: "select * from t unpivot include nulls (v for n in (a AS 'A'))"},
	})
	c := newSQLCheck(t)
	c.exec(`create table sales_q (id number, q1 number, "q2" number)`,
		`insert into sales_q values (1, 10, 20), (2, null, 40)`)
	q := `select * from sales_q unpivot (amount for quarter in (q1, "q2")) order by id, quarter`
	require.Equal(t, "ID|QUARTER|AMOUNT", c.header(q))
	require.Equal(t, "1|Q1|10\n1|q2|20\n2|q2|40", c.rows(q))
	require.Equal(t, "FIXED(38,0), TEXT, FIXED(38,0)", c.types(q))
	require.Equal(t, "1|A|10\n1|B|20",
		c.rows("select * from (select 1 as id, 10 as a, 20 as b) unpivot (val for col in (a, b)) order by col"))
}
