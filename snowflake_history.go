package sfasync

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strconv"
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
		return nil, fmt.Errorf("reading the query history: %w", err)
	}
	return out, nil
}

// existsQuery counts the user's statements with a query ID in the query
// history; the ID is a bind.
const existsQuery = `SELECT COUNT(*) FROM TABLE(INFORMATION_SCHEMA.QUERY_HISTORY_BY_USER(RESULT_LIMIT => 10000)) WHERE QUERY_ID = ?`

// exists reports whether the user's query history has the statement
// queryID. Unlike monitoring, whose "no status" answer gosnowflake gives
// for an unknown ID and for a failed session alike, a query-request tells
// a session failure (which do survives) from an answer.
func (b *snowflakeBackend) exists(ctx context.Context, queryID string) (bool, error) {
	var n int64
	err := b.do(ctx, func(s *session) error {
		rows, err := s.dc.(driver.QueryerContext).QueryContext(ctx, existsQuery, []driver.NamedValue{{Ordinal: 1, Value: queryID}})
		if err != nil {
			return toQueryError("", err)
		}
		defer rows.Close()
		row := make([]driver.Value, 1)
		if err := rows.Next(row); err != nil {
			return toQueryError("", err)
		}
		n, err = asInt64(row[0])
		return err
	})
	if err != nil {
		return false, fmt.Errorf("reading the query history: %w", err)
	}
	return n > 0, nil
}

// asInt64 reads a count as the driver gives it (text, for JSON results).
func asInt64(v driver.Value) (int64, error) {
	switch x := v.(type) {
	case int64:
		return x, nil
	case string:
		return strconv.ParseInt(x, 10, 64)
	}
	return 0, fmt.Errorf("a count of type %T", v)
}
