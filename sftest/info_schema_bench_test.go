package sftest

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// BenchmarkInformationSchemaColumns is the ETL check "which columns does
// SRC have" through the driver, in a database of 50 tables of 10 columns:
// from INFORMATION_SCHEMA.COLUMNS, and from DESCRIBE TABLE, the other way
// to ask, side by side.
func BenchmarkInformationSchemaColumns(b *testing.B) {
	_, db := newTestServer(b)
	ctx := testCtx(b)
	for k := range 50 {
		_, err := db.ExecContext(ctx, fmt.Sprintf(`create table t%02d (c0 int, c1 varchar(10), c2 number(12,2), c3 timestamp_tz,
			c4 date, c5 float, c6 boolean, c7 variant, c8 binary, c9 time(3))`, k))
		require.NoError(b, err)
	}
	for name, query := range map[string]string{
		"information_schema": "select column_name, data_type from information_schema.columns where table_name = 'T07' order by ordinal_position",
		"describe":           "describe table t07",
	} {
		b.Run(name, func(b *testing.B) {
			for range b.N {
				rows, err := db.QueryContext(ctx, query)
				require.NoError(b, err)
				n := 0
				for rows.Next() {
					n++
				}
				require.NoError(b, rows.Err())
				require.NoError(b, rows.Close())
				require.Equal(b, 10, n)
			}
		})
	}
}
