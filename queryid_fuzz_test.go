package sfasync_test

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/sfasync/sfasync"
)

// uuidShape is what a Snowflake query ID looks like.
var uuidShape = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// FuzzQueryID: whatever a caller passes as a query ID, NewAsyncJob never
// panics, refuses exactly the IDs not shaped like a Snowflake query ID with
// ErrInvalidQueryID, before any request, and quotes the ID it refuses. Only
// IDs that pass this check can become jobs, and so reach the
// SYSTEM$CANCEL_QUERY that Cancel sends (which checks again). The seed
// corpus runs in every go test.
func FuzzQueryID(f *testing.F) {
	for _, s := range []string{
		"01b2c3d4-0000-1234-0000-00000000abcd", "01B2C3D4-0000-1234-0000-00000000ABCD", "",
		"not-an-id", "01b2c3d4-0000-1234-0000-00000000abc", "01b2c3d4-0000-1234-0000-00000000abcde",
		"01b2c3d4x0000-1234-0000-00000000abcd", "01b2c3d4-0000-1234-0000-00000000abc'",
		"'); DROP TABLE T; --", "01b2c3d4-0000-1234-0000-00000000abcd\n", "０1b2c3d4-0000-1234-0000-00000000abcd",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		db, _ := newMock(t)
		c := sfasync.New(db)
		defer c.Close()
		_, err := c.NewAsyncJob(id)
		valid := uuidShape.MatchString(id)
		if valid != !errors.Is(err, sfasync.ErrInvalidQueryID) {
			t.Fatalf("NewAsyncJob(%q): valid shape %v, err %v", id, valid, err)
		}
		if !valid && !strings.Contains(err.Error(), fmt.Sprintf("%q", id)) {
			t.Fatalf("NewAsyncJob(%q): the error does not quote the ID: %v", id, err)
		}
		if valid && !errors.Is(err, sfasync.ErrUnsupported) {
			t.Fatalf("NewAsyncJob(%q) on a generic driver: %v", id, err)
		}
	})
}
