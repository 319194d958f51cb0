package sftest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// queryText runs q with args through the driver and renders its result as
// text: the column names joined by '|' on the first line, then one line per
// row.
func queryText(ctx context.Context, db *sql.DB, q string, args ...any) (string, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return "", err
	}
	lines := []string{strings.Join(cols, "|")}
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return "", err
		}
		cells := make([]string, len(cols))
		for i, v := range vals {
			cells[i] = "NULL"
			if v.Valid {
				cells[i] = v.String
			}
		}
		lines = append(lines, strings.Join(cells, "|"))
	}
	return strings.Join(lines, "\n"), rows.Err()
}

// scriptCase is a statement and what it answers: want is queryText's
// rendering, or errCode/errText (a substring) for a failure.
type scriptCase struct {
	name    string
	setup   []string
	sql     string
	want    string
	errCode string
	errText string
}

// runScriptCase runs c on db and reports a mismatch as an error.
func runScriptCase(ctx context.Context, db *sql.DB, c scriptCase) error {
	for _, s := range c.setup {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("setup %q: %w", s, err)
		}
	}
	got, err := queryText(ctx, db, c.sql)
	if c.errCode != "" || c.errText != "" {
		if err == nil {
			return fmt.Errorf("want error %s %q, got result %q", c.errCode, c.errText, got)
		}
		if !strings.Contains(err.Error(), c.errCode) || !strings.Contains(err.Error(), c.errText) {
			return fmt.Errorf("want error %s %q, got %v", c.errCode, c.errText, err)
		}
		return nil
	}
	if err != nil {
		return err
	}
	if got != c.want {
		return fmt.Errorf("got\n%s\nwant\n%s", got, c.want)
	}
	return nil
}

func runScriptCases(t *testing.T, db *sql.DB, cases []scriptCase) {
	t.Helper()
	ctx := testCtx(t)
	for _, c := range cases {
		require.NoError(t, runScriptCase(ctx, db, c), c.name)
	}
}
