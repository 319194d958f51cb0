// Package syncwriter serialises the writes of several goroutines to one
// output, for the programs here that print from a run's goroutines and a
// progress line at once.
package syncwriter

import (
	"io"
	"sync"
)

// Writer passes each Write to the writer it wraps, one at a time.
type Writer struct {
	mu sync.Mutex
	w  io.Writer
}

// New wraps w.
func New(w io.Writer) *Writer { return &Writer{w: w} }

// Write writes b to the wrapped writer while no other Write does.
func (s *Writer) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(b)
}
