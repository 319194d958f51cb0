package sftest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// sqlCheck runs Snowflake statements through the real driver on one sftest
// server, for the tests of single rules.
type sqlCheck struct {
	t   *testing.T
	ctx context.Context
	db  *sql.DB
}

func newSQLCheck(t *testing.T) *sqlCheck {
	t.Helper()
	_, db := newTestServer(t)
	return &sqlCheck{t: t, ctx: testCtx(t), db: db}
}

// exec runs each statement.
func (c *sqlCheck) exec(stmts ...string) {
	c.t.Helper()
	for _, s := range stmts {
		_, err := c.db.ExecContext(c.ctx, s)
		require.NoError(c.t, err, s)
	}
}

// rows is q's rows as queryText renders them, without the header line.
func (c *sqlCheck) rows(q string) string {
	c.t.Helper()
	text, err := queryText(c.ctx, c.db, q)
	require.NoError(c.t, err, q)
	_, rows, _ := strings.Cut(text, "\n")
	return rows
}

// header is q's column names joined by '|'.
func (c *sqlCheck) header(q string) string {
	c.t.Helper()
	text, err := queryText(c.ctx, c.db, q)
	require.NoError(c.t, err, q)
	head, _, _ := strings.Cut(text, "\n")
	return head
}

// types is q's column types as the driver names them (FIXED, TEXT, ...),
// with precision and scale for FIXED: FIXED(38,6).
func (c *sqlCheck) types(q string) string {
	c.t.Helper()
	rows, err := c.db.QueryContext(c.ctx, q)
	require.NoError(c.t, err, q)
	defer rows.Close()
	cts, err := rows.ColumnTypes()
	require.NoError(c.t, err)
	var out []string
	for _, ct := range cts {
		name := ct.DatabaseTypeName()
		if p, s, ok := ct.DecimalSize(); ok && name == "FIXED" {
			name = fmt.Sprintf("FIXED(%d,%d)", p, s)
		}
		out = append(out, name)
	}
	return strings.Join(out, ", ")
}

// fails runs q and requires Snowflake's error code with text in its message.
func (c *sqlCheck) fails(q, code, text string) {
	c.t.Helper()
	rows, err := c.db.QueryContext(c.ctx, q)
	if err == nil {
		for rows.Next() {
		}
		err = rows.Err()
		_ = rows.Close()
	}
	var se *sf.SnowflakeError
	require.True(c.t, errors.As(err, &se), "%s: want a Snowflake error, got %v", q, err)
	require.Equal(c.t, code, fmt.Sprintf("%06d", se.Number), "%s: %s", q, se.Message)
	require.Contains(c.t, se.Message, text, q)
}
