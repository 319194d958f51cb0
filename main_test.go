package sfasync_test

import (
	"testing"

	"github.com/sfasync/sfasync/internal/drivertest"
)

func TestMain(m *testing.M) {
	drivertest.Main(m)
}
