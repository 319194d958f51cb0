package report

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/sfasync/sfasync"
)

// Progress keeps one line up to date with what line returns. On a terminal
// it rewrites the line in place every tick; elsewhere it prints a new line
// whenever the text changes. Build line from [sfasync.Client.Stats] (see
// [StatsLine]), which sends no request, so a tick costs nothing on the
// server.
type Progress struct {
	w     io.Writer
	tty   bool
	line  func() string
	start time.Time

	stopOnce sync.Once
	stopc    chan struct{}
	done     chan struct{}
	last     string // owned by the loop
	width    int
}

// StartProgress shows line every interval on w until Stop; tty says w is
// a terminal ([IsTerminal]). Its goroutine ends when Stop returns.
func StartProgress(w io.Writer, tty bool, interval time.Duration, line func() string) *Progress {
	p := &Progress{w: w, tty: tty, line: line, start: time.Now(), stopc: make(chan struct{}), done: make(chan struct{})}
	go p.loop(interval)
	return p
}

// Stop shows the line a last time, ends it and waits for the goroutine to
// end. It is idempotent.
func (p *Progress) Stop() {
	p.stopOnce.Do(func() { close(p.stopc) })
	<-p.done
}

func (p *Progress) loop(interval time.Duration) {
	defer close(p.done)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		p.show()
		select {
		case <-t.C:
		case <-p.stopc:
			p.show()
			if p.tty {
				fmt.Fprintln(p.w)
			}
			return
		}
	}
}

func (p *Progress) show() {
	text := p.line()
	line := fmt.Sprintf("  %6.1f s  %s", time.Since(p.start).Seconds(), text)
	switch {
	case p.tty:
		fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", max(p.width-len(line), 0)))
		p.width = len(line)
	case text != p.last:
		fmt.Fprintln(p.w, line)
	}
	p.last = text
}

// StatsLine is a progress line from a client's stats: statements running
// (submitted, end not known: running, QUEUED or BLOCKED on the server),
// waiting for an in-flight slot, and done out of total (0: not shown); and,
// once the client has had to get past failed requests, how often
// (Recoveries.Total).
func StatsLine(st sfasync.Stats, total int) string {
	s := fmt.Sprintf("running %d  waiting %d  done %d", st.Running, st.Waiting, st.Done())
	if total > 0 {
		s += fmt.Sprintf("/%d", total)
	}
	if f := st.Failed + st.Canceled; f > 0 {
		s += fmt.Sprintf(" (%d failed)", f)
	}
	if n := st.Recovered.Total(); n > 0 {
		s += fmt.Sprintf("  recovered %d", n)
	}
	return s
}

// IsTerminal reports whether w is a terminal, so that a progress line may
// be rewritten in place with a carriage return.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
