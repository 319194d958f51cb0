package sfasync

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
)

// Journal keeps which of a run's named statements were submitted, as which
// query IDs, so that a client started again with the same run ID
// ([WithRunID]) attaches to them instead of running them twice. See
// [WithJournal]; [FileJournal] and [TableJournal] are two.
//
// On Snowflake the client also finds the run's statements by their query
// tags in the query history, so a journal is not needed to resume; it is a
// record that does not depend on the history's retention or limits, and it
// is read first.
type Journal interface {
	// Load returns what the journal holds for run: statement name → query ID.
	Load(ctx context.Context, run string) (map[string]string, error)
	// Record notes that run's statement name was accepted as queryID. It
	// returns once the entry is durable.
	Record(ctx context.Context, run, name, queryID string) error
}

// WithJournal makes the client record every named statement it submits in
// j, and consult j before submitting one.
func WithJournal(j Journal) Option {
	return func(o *options) { o.journal = j }
}

// FileJournal is a [Journal] in an append-only file of JSON lines, one per
// submitted statement, each synced to disk before Record returns. A line
// torn by a crash while it was written is ignored. It is safe for
// concurrent use by one process; processes must not share the file.
type FileJournal struct {
	mu sync.Mutex
	f  *os.File
}

// journalEntry is one line of a FileJournal.
type journalEntry struct {
	Run     string `json:"run"`
	Name    string `json:"name"`
	QueryID string `json:"query_id"`
}

// OpenFileJournal opens the journal in the file at path, creating it if
// need be. Close it when done.
func OpenFileJournal(path string) (*FileJournal, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("sfasync: journal: %w", err)
	}
	return &FileJournal{f: f}, nil
}

// Load implements [Journal].
func (j *FileJournal) Load(_ context.Context, run string) (map[string]string, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if _, err := j.f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("sfasync: journal: %w", err)
	}
	out := map[string]string{}
	sc := bufio.NewScanner(j.f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		var e journalEntry
		if len(line) == 0 || json.Unmarshal(line, &e) != nil {
			continue // a line torn by a crash
		}
		if e.Run == run && e.Name != "" && e.QueryID != "" {
			out[e.Name] = e.QueryID
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("sfasync: journal: %w", err)
	}
	return out, nil
}

// Record implements [Journal]: it appends one line and syncs the file.
func (j *FileJournal) Record(_ context.Context, run, name, queryID string) error {
	line, err := json.Marshal(journalEntry{Run: run, Name: name, QueryID: queryID})
	if err != nil {
		return fmt.Errorf("sfasync: journal: %w", err)
	}
	// A leading newline ends a line a crash may have torn, so this entry
	// is whole on a line of its own.
	line = append([]byte("\n"), append(line, '\n')...)
	j.mu.Lock()
	defer j.mu.Unlock()
	if _, err := j.f.Write(line); err != nil {
		return fmt.Errorf("sfasync: journal: %w", err)
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("sfasync: journal: %w", err)
	}
	return nil
}

// Close closes the journal's file.
func (j *FileJournal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if err := j.f.Close(); err != nil && !errors.Is(err, os.ErrClosed) {
		return fmt.Errorf("sfasync: journal: %w", err)
	}
	return nil
}
