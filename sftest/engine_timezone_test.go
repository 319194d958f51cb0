package sftest

import (
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestEngineIgnoresHostTimeZone runs sftest in a process whose TZ is New
// York: a TIMESTAMP_LTZ written without an offset is read at the session's
// TIMEZONE (UTC), not at the host's, so answers are the same on every
// machine. DuckDB takes the host's zone when it starts, hence the child
// process.
func TestEngineIgnoresHostTimeZone(t *testing.T) {
	if os.Getenv("SFTEST_HOST_TZ_CHILD") == "1" {
		_, db := newTestServer(t)
		var ltz, text string
		var hour int
		require.NoError(t, db.QueryRowContext(testCtx(t),
			"select '2024-01-01 10:00:00'::timestamp_ltz, '2024-01-01 10:00:00'::timestamp_ltz::varchar, hour('2024-01-01 10:00:00'::timestamp_ltz)").
			Scan(&ltz, &text, &hour))
		fmt.Printf("LTZ=%s TEXT=%s HOUR=%d\n", ltz, text, hour)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestEngineIgnoresHostTimeZone$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "SFTEST_HOST_TZ_CHILD=1", "TZ=America/New_York")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Contains(t, string(out), "LTZ=2024-01-01T10:00:00Z TEXT=2024-01-01 10:00:00.000 +0000 HOUR=10")
}
