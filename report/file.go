package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
)

// WriteFile creates the file at path (emptying one that exists) and
// writes it with write, such as a report's [Report.WriteSVG] or
// [Report.WriteJSON], through a buffer. It fails, naming path, if the file
// cannot be created, written or closed.
func WriteFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err // names the path
	}
	bw := bufio.NewWriter(f)
	if err := errors.Join(write(bw), bw.Flush(), f.Close()); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
