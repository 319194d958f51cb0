package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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
// serves with the faults its flags inject (the driver retries the 503), then
// exits 0 on SIGTERM.
func TestCommandServesUntilSIGTERM(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "sftest")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run())

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-addr", "127.0.0.1:0", "-max-concurrency", "2", "-latency", "1ms",
		"-fault", "query:503:next=1", "-fault-seed", "7", "-v")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr bytes.Buffer // written by exec's copying goroutine; read after Wait
	cmd.Stderr = &stderr
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
	require.Contains(t, stderr.String(), `msg="sftest: injecting fault" endpoint=query kind=503`)
	require.Equal(t, 1, strings.Count(stderr.String(), "injecting fault"), "next=1 injects one fault")
}

// Bad fault flags fail before the server starts, naming what is wrong.
func TestFaultFlagsAreChecked(t *testing.T) {
	for args, want := range map[string]string{
		"-fault query:503":                "want endpoint:kind:fraction",
		"-fault query:teapot:0.5":         "unknown fault kind",
		"-fault nowhere:503:0.5":          "unknown endpoint",
		"-fault query:503:2":              "not in (0, 1]",
		"-fault query:503:next=0":         "not a positive count",
		"-fault login:token-expired:0.5":  "no session token",
		"-fault query:delay:0.5":          "delay=DURATION",
		"-fault-seed x":                   "invalid value",
		"-fault query:503:0.5 stray-word": "unexpected arguments: stray-word",
	} {
		var stdout, stderr bytes.Buffer
		err := run(strings.Fields(args), &stdout, &stderr)
		require.ErrorContains(t, err, want, args)
		require.Empty(t, stdout.String(), "%s: no DSN printed", args)
	}
}

// TestHelpIsNoFailure: -h prints every flag and run says so with
// flag.ErrHelp, which main turns into exit status 0.
func TestHelpIsNoFailure(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run([]string{"-h"}, &stdout, &stderr)
	require.ErrorIs(t, err, flag.ErrHelp)
	for _, f := range []string{"-addr", "-latency", "-fault", "-mixed-faults", "-chunk-rows"} {
		require.Contains(t, stderr.String(), f)
	}
}
