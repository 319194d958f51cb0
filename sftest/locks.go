package sftest

import (
	"context"
	"strings"
	"sync"
)

// tableLocks emulates the table lock Snowflake takes for UPDATE, DELETE and
// MERGE: at most one such statement per table runs at a time; the others are
// BLOCKED until it ends. INSERT and SELECT take no lock.
//
// Lock order, to rule out deadlock: a statement takes at most one table lock,
// and takes it BEFORE its warehouse slot (BLOCKED, then QUEUED, then RUNNING).
// A lock holder waits only for a slot, and slots are freed by running
// statements that wait for nothing, so every wait ends.
type tableLocks struct {
	mu sync.Mutex
	m  map[string]chan struct{}
}

func newTableLocks() *tableLocks { return &tableLocks{m: map[string]chan struct{}{}} }

func (l *tableLocks) ch(table string) chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	c, ok := l.m[table]
	if !ok {
		c = make(chan struct{}, 1)
		l.m[table] = c
	}
	return c
}

// tryLock takes the lock on table if it is free.
func (l *tableLocks) tryLock(table string) bool {
	select {
	case l.ch(table) <- struct{}{}:
		return true
	default:
		return false
	}
}

// lock waits for the lock on table until ctx ends.
func (l *tableLocks) lock(ctx context.Context, table string) error {
	select {
	case l.ch(table) <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// unlock releases a lock taken by tryLock or lock.
func (l *tableLocks) unlock(table string) { <-l.ch(table) }

// qualifyTable names a lock target fully: db.schema.table, upper-case, from a
// name written with one, two or three parts.
func qualifyTable(name, db, schema string) string {
	parts := strings.Split(strings.ToUpper(strings.TrimSpace(name)), ".")
	switch len(parts) {
	case 1:
		parts = []string{strings.ToUpper(db), strings.ToUpper(schema), parts[0]}
	case 2:
		parts = []string{strings.ToUpper(db), parts[0], parts[1]}
	}
	return strings.Join(parts, ".")
}
