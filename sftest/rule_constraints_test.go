package sftest

import (
	"errors"
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

func TestRuleConstraints(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"column constraints", "create table t (id int primary key, n varchar(3) unique, d string(5) not null references o (x))",
			"create table t (id int , n varchar(3)  CHECK (length(n) <= 3), d string(5) not null  CHECK (length(d) <= 5))"},
		{"table constraints", "create table t (id int, constraint t_pk primary key (id) not enforced, foreign key (id) references o (id) rely, unique (id))",
			"create table t (id int)"},
		{"first entry", "create table t (primary key (a), a int)", "create table t ( a int)"},
		{"char is char(1)", `create table t ("c" char, v character varying(2), w varchar)`,
			`create table t ("c" char CHECK (length("c") <= 1), v character varying(2) CHECK (length(v) <= 2), w varchar)`},
		{"not null stays", "create table t (a int not null)", "create table t (a int not null)"},
		{"ctas list left alone", "create table t (a varchar(3) primary key) as select 'x'", "create table t (a varchar(3) primary key) as select 'x'"},
		{"not a table", "create view v as select 1", "create view v as select 1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := ruleConstraints(c.in, nil)
			require.NoError(t, err)
			require.Equal(t, c.want, got)
		})
	}
}

// Snowflake records PRIMARY KEY, UNIQUE and FOREIGN KEY but does not enforce
// them; it does enforce a VARCHAR's length (100074).
func TestConstraintsAsSnowflake(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, "create table keyed (id int primary key, name varchar(3) unique, flag char)")
	require.NoError(t, err)
	for range 2 {
		_, err = db.ExecContext(ctx, "insert into keyed values (1, 'abc', 'y')")
		require.NoError(t, err, "duplicate keys insert fine")
	}
	for _, q := range []string{"insert into keyed values (2, 'abcd', 'y')", "update keyed set flag = 'no'"} {
		_, err = db.ExecContext(ctx, q)
		var se *sf.SnowflakeError
		require.True(t, errors.As(err, &se), "%v", err)
		require.Equal(t, 100074, se.Number, q)
		require.Equal(t, "22001", se.SQLState)
	}
	var n int
	require.NoError(t, db.QueryRowContext(ctx, "select count(*) from keyed").Scan(&n))
	require.Equal(t, 2, n)
}
