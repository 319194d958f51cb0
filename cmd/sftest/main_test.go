package main

import (
	"bufio"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	_ "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync/internal/drivertest"
)

func TestMain(m *testing.M) {
	drivertest.Main(m)
}

// The command, built and run as a process, prints a DSN the driver can use,
// then exits 0 on SIGTERM.
func TestCommandServesUntilSIGTERM(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "sftest")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run())

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-addr", "127.0.0.1:0", "-max-concurrency", "2", "-latency", "1ms")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	defer func() { _ = cmd.Process.Kill() }()

	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)
	dsn := line[:len(line)-1]
	require.Contains(t, dsn, "protocol=http")

	db, err := sql.Open("snowflake", dsn)
	require.NoError(t, err)
	var x int
	require.NoError(t, db.QueryRowContext(ctx, "select 41 + 1").Scan(&x))
	require.Equal(t, 42, x)
	require.NoError(t, db.Close())

	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	require.NoError(t, cmd.Wait())
	require.Equal(t, 0, cmd.ProcessState.ExitCode())
}
