package sfasync_test

import (
	"os"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	// gosnowflake probes cloud metadata addresses on its first connection to
	// report the platform it runs on; against a local sftest there is
	// nothing to find, and tests send traffic to loopback only.
	_ = os.Setenv("SNOWFLAKE_DISABLE_PLATFORM_DETECTION", "true")
	goleak.VerifyTestMain(m,
		// gosnowflake keeps idle keep-alive connections in a package-level
		// HTTP transport that closing a *sql.DB does not close; they are the
		// driver's, not ours.
		goleak.IgnoreAnyFunction("net/http.(*persistConn).readLoop"),
		goleak.IgnoreAnyFunction("net/http.(*persistConn).writeLoop"),
	)
}
