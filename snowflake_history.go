package sfasync

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// historyQuery finds the user's statements by the start of their tags, in
// INFORMATION_SCHEMA.QUERY_HISTORY_BY_USER, running ones included. The
// function reads the user's most recent 10,000 statements of the last 7
// days (its largest RESULT_LIMIT) before the tag filter applies, so a
// statement further back is not found. Both binds are values, never SQL.
const historyQuery = `SELECT QUERY_ID, QUERY_TAG FROM TABLE(INFORMATION_SCHEMA.QUERY_HISTORY_BY_USER(RESULT_LIMIT => 10000)) WHERE LEFT(QUERY_TAG, ?) = ? ORDER BY START_TIME`

// history lists the user's statements whose QUERY_TAG starts with prefix,
// oldest first.
func (b *snowflakeBackend) history(ctx context.Context, prefix string) ([]tagged, error) {
	var out []tagged
	err := b.do(ctx, func(s *session) error {
		out = out[:0]
		n := int64(utf8.RuneCountInString(prefix))
		rows, err := s.dc.(driver.QueryerContext).QueryContext(ctx, historyQuery,
			[]driver.NamedValue{{Ordinal: 1, Value: n}, {Ordinal: 2, Value: prefix}})
		if err != nil {
			return toQueryError("", err)
		}
		defer rows.Close()
		row := make([]driver.Value, 2)
		for {
			err := rows.Next(row)
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return toQueryError("", err)
			}
			id, _ := row[0].(string)
			tag, _ := row[1].(string)
			if validQueryID(id) {
				out = append(out, tagged{queryID: id, tag: tag})
			}
		}
	})
	if err != nil {
		return nil, fmt.Errorf("sfasync: query history: %w", err)
	}
	return out, nil
}
