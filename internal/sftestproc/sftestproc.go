// Package sftestproc runs sftest as a process of its own, for tests in
// which the server must outlive the processes that talk to it.
package sftestproc

import (
	"bufio"
	"context"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync/internal/testbuf"
)

// buildTimeout bounds a go build, which links DuckDB for cmd/sftest.
const buildTimeout = 10 * time.Minute

// Build compiles the package pkg into dir and returns the binary's path.
func Build(t *testing.T, dir, pkg, name string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	require.NoError(t, err)
	bin := filepath.Join(dir, name)
	ctx, cancel := context.WithTimeout(t.Context(), buildTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, goTool, "build", "-o", bin, pkg)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go build %s:\n%s", pkg, out)
	return bin
}

// Start builds cmd/sftest into a temporary folder, runs it with args
// (after -addr 127.0.0.1:0) and returns its DSN. The server is stopped
// with SIGTERM when the test ends, and must exit cleanly.
func Start(t *testing.T, args ...string) string {
	t.Helper()
	return StartBinary(t, Build(t, t.TempDir(), "github.com/sfasync/sfasync/cmd/sftest", "sftest"), args...)
}

// StartBinary is Start with an sftest binary already built.
func StartBinary(t *testing.T, bin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0"}, args...)...)
	stderr := &testbuf.Buffer{} // written by the process while the test reads it
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())

	first := make(chan string, 1)
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		r := bufio.NewReader(stdout)
		line, _ := r.ReadString('\n')
		first <- strings.TrimSpace(line)
		_, _ = io.Copy(io.Discard, r) // keep the pipe from filling up
	}()
	t.Cleanup(func() {
		require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
		<-drained
		require.NoError(t, cmd.Wait(), "sftest exits cleanly on SIGTERM; its stderr:\n%s", stderr.String())
	})

	select {
	case dsn := <-first:
		require.NotEmpty(t, dsn, "sftest printed no DSN; its stderr:\n%s", stderr.String())
		return dsn
	case <-time.After(time.Minute):
		t.Fatalf("sftest printed no DSN within a minute; its stderr:\n%s", stderr.String())
		return ""
	}
}
