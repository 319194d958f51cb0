package sftest

import (
	"errors"
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// Where DuckDB would fail in its own words, or quietly answer, sftest fails
// with Snowflake's code; TRY_CAST stays the quiet form.
func TestNumericErrorsAsSnowflake(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	_, err := db.ExecContext(ctx, "create table small_num (x number(5,2))")
	require.NoError(t, err)
	for _, c := range []struct {
		query string
		code  int
	}{
		{"insert into small_num values (12345.6)", 100039},
		{"select 12345.678::number(5,2)", 100039},
		{"select 99999999999999999999999999999999999999::number(38,0) * 10", 100046},
		{"select 'abc'::number(10,2)", 100038},
		{"select 1/0", 100051},
	} {
		t.Run(c.query, func(t *testing.T) {
			var v any
			err := db.QueryRowContext(ctx, c.query).Scan(&v)
			var se *sf.SnowflakeError
			require.True(t, errors.As(err, &se), "%v", err)
			require.Equal(t, c.code, se.Number, se.Message)
		})
	}
	for _, q := range []string{"select try_cast('abc' as number)", "select try_cast('2024-13-45' as date)"} {
		var v any
		require.NoError(t, db.QueryRowContext(ctx, q).Scan(&v), q)
		require.Nil(t, v, q)
	}
}
