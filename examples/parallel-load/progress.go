package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sfasync/sfasync"
)

// progressInterval is how often the progress line asks for the jobs' status.
const progressInterval = 200 * time.Millisecond

// progress keeps one line up to date with how many jobs are running,
// queued, blocked and done, from job.Status. On a terminal it rewrites the
// line in place; elsewhere it prints a new line whenever the counts change.
type progress struct {
	w        io.Writer
	tty      bool
	jobs     []*sfasync.AsyncJob
	interval time.Duration
	start    time.Time

	stopc chan struct{}
	done  chan struct{}

	// Owned by the loop goroutine until done is closed.
	cur    []sfasync.Status   // last status known per job
	waited [][]sfasync.Status // waiting statuses seen per job, in order seen
	last   string             // the counts last printed
	width  int                // length of the line last printed, to blank it out
}

// startProgress starts the progress line; its goroutine runs until stop is
// called or ctx ends.
func startProgress(ctx context.Context, w io.Writer, tty bool, jobs []*sfasync.AsyncJob, interval time.Duration) *progress {
	p := &progress{
		w: w, tty: tty, jobs: jobs, interval: interval, start: time.Now(),
		stopc: make(chan struct{}), done: make(chan struct{}),
		cur: make([]sfasync.Status, len(jobs)), waited: make([][]sfasync.Status, len(jobs)),
	}
	go p.loop(ctx)
	return p
}

// stop shows the final counts, ends the line and waits for the goroutine to
// end. It returns, per job, the waiting statuses (QUEUED, BLOCKED) seen.
func (p *progress) stop() [][]sfasync.Status {
	close(p.stopc)
	<-p.done
	return p.waited
}

func (p *progress) loop(ctx context.Context) {
	defer close(p.done)
	t := time.NewTicker(p.interval)
	defer t.Stop()
	for {
		p.tick(ctx)
		select {
		case <-t.C:
		case <-p.stopc:
			p.tick(ctx) // every job has ended: answered without a request
			p.end()
			return
		case <-ctx.Done():
			p.end()
			return
		}
	}
}

// tick asks every job for its status at once and shows the counts.
func (p *progress) tick(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, 5*p.interval)
	defer cancel()
	var wg sync.WaitGroup
	for i, j := range p.jobs {
		if p.cur[i].Done() {
			continue
		}
		wg.Go(func() {
			// A failed check keeps the last known status: the next tick asks again.
			if st, err := j.Status(ctx); err == nil {
				p.cur[i] = st
			}
		})
	}
	wg.Wait()
	for i, st := range p.cur {
		if waiting(st) && !slices.Contains(p.waited[i], st) {
			p.waited[i] = append(p.waited[i], st)
		}
	}
	p.show()
}

// waiting reports whether st is a status in which a statement waits rather
// than runs.
func waiting(st sfasync.Status) bool {
	switch st {
	case sfasync.StatusQueued, sfasync.StatusBlocked, sfasync.StatusResumingWarehouse, sfasync.StatusQueuedRepairingWarehouse:
		return true
	}
	return false
}

func (p *progress) show() {
	var running, queued, blocked, done, failed int
	for _, st := range p.cur {
		switch {
		case st == sfasync.StatusBlocked:
			blocked++
		case st == sfasync.StatusRunning:
			running++
		case st.Done():
			done++
			if st.Failed() {
				failed++
			}
		default: // QUEUED and friends, or not known yet
			queued++
		}
	}
	counts := fmt.Sprintf("running %d  queued %d  blocked %d  done %d/%d", running, queued, blocked, done, len(p.cur))
	if failed > 0 {
		counts += fmt.Sprintf(" (%d failed)", failed)
	}
	line := fmt.Sprintf("  %5.1f s  %s", time.Since(p.start).Seconds(), counts)
	switch {
	case p.tty:
		fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", max(p.width-len(line), 0)))
		p.width = len(line)
	case counts != p.last:
		fmt.Fprintln(p.w, line)
	}
	p.last = counts
}

// end finishes the line on a terminal.
func (p *progress) end() {
	if p.tty {
		fmt.Fprintln(p.w)
	}
	fmt.Fprintln(p.w)
}

// isTerminal reports whether w is a character device, so that the progress
// line may be rewritten in place with a carriage return.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// syncWriter serialises writes from several goroutines.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(b)
}
