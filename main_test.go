package sfasync_test

import (
	"os"
	"testing"

	"github.com/sfasync/sfasync/internal/drivertest"
)

func TestMain(m *testing.M) {
	if spec := os.Getenv(resumeChildEnv); spec != "" {
		// This process is the child the kill-and-restart test starts.
		os.Exit(resumeChild(spec))
	}
	drivertest.Main(m)
}
