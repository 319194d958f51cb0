// Package drivertest is the TestMain every test binary here shares when it
// talks to sftest through gosnowflake.
package drivertest

import (
	"os"
	"testing"

	"go.uber.org/goleak"
)

// Main runs m's tests with gosnowflake's platform detection off and fails
// them if any goroutine outlives them, except the ones the driver keeps for
// itself. Call it from TestMain; it does not return.
//
// gosnowflake probes cloud metadata addresses on its first connection to
// report the platform it runs on; against a loopback sftest there is
// nothing to find, and tests send traffic to loopback only.
func Main(m *testing.M) {
	_ = os.Setenv("SNOWFLAKE_DISABLE_PLATFORM_DETECTION", "true")
	goleak.VerifyTestMain(m, IgnoreDriver()...)
}

// IgnoreDriver lists the goroutines gosnowflake owns: idle keep-alive
// connections in its package-level HTTP transport, which closing a *sql.DB
// does not close, and what it starts on package init and first use.
func IgnoreDriver() []goleak.Option {
	return []goleak.Option{
		goleak.IgnoreAnyFunction("net/http.(*persistConn).readLoop"),
		goleak.IgnoreAnyFunction("net/http.(*persistConn).writeLoop"),
		goleak.IgnoreAnyFunction("github.com/snowflakedb/gosnowflake/v2.init.0.func1"),
		goleak.IgnoreAnyFunction("github.com/snowflakedb/gosnowflake/v2.getMiniCore.func1.1"),
		goleak.IgnoreAnyFunction("github.com/snowflakedb/gosnowflake/v2.initPlatformDetection.func1.1"),
	}
}
