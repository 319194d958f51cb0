package sfasync_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync"
)

// TestQueryErrorText: the message names the query ID, the code and
// SQLSTATE and the server's words, and says so when there is no query ID
// (a request the server refused before naming a statement).
func TestQueryErrorText(t *testing.T) {
	for _, tc := range []struct {
		err  sfasync.QueryError
		want string
	}{
		{sfasync.QueryError{QueryID: "01b2c3d4-0000-0000-0000-000000000001", Code: "002003", SQLState: "42S02", Message: "Object 'T' does not exist or not authorized."},
			"sfasync: query 01b2c3d4-0000-0000-0000-000000000001 failed with 002003 (42S02): Object 'T' does not exist or not authorized."},
		{sfasync.QueryError{Code: "390111", Message: "Session no longer exists."},
			"sfasync: submission (no query ID) failed with 390111: Session no longer exists."},
		{sfasync.QueryError{QueryID: "01b2c3d4-0000-0000-0000-000000000002"},
			"sfasync: query 01b2c3d4-0000-0000-0000-000000000002 failed"},
	} {
		require.Equal(t, tc.want, tc.err.Error())
	}
}
