package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestExistsMessages(t *testing.T) {
	c := newSQLCheck(t)
	for _, tc := range [][2]string{
		{"create table if not exists em_t (s varchar(3))", "Table EM_T successfully created."},
		{"create table if not exists em_t (n number)", "EM_T already exists, statement succeeded."},
		{"create view if not exists em_v as select 1 as one", "View EM_V successfully created."},
		{"create view if not exists em_v as select 2 as two", "EM_V already exists, statement succeeded."},
		{"create schema if not exists em_s", "Schema EM_S successfully created."},
		{"create schema if not exists em_s", "EM_S already exists, statement succeeded."},
		{"use schema public", ""},
		{"drop schema if exists em_s", "EM_S successfully dropped."},
		{"drop schema if exists em_s", "Drop statement executed successfully (EM_S already dropped)."},
		{"drop table if exists em_missing", "Drop statement executed successfully (EM_MISSING already dropped)."},
		{"drop view if exists em_v", "EM_V successfully dropped."},
		{"drop view if exists em_v", "Drop statement executed successfully (EM_V already dropped)."},
	} {
		if tc[1] == "" {
			c.exec(tc[0])
			continue
		}
		require.Equal(t, tc[1], c.rows(tc[0]), tc[0])
	}
	// The existing table keeps its definition: VARCHAR(3) still limits.
	c.fails("insert into em_t values ('abcd')", "100074", "")
	require.Equal(t, "1", c.rows("insert into em_t values ('abc')"))
}
