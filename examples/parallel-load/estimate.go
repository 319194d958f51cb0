package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// chain is jobs that run one after another however they are submitted:
// one job on its own, or the updates of one table, which wait for each
// other's lock (an UPDATE locks its table until its transaction commits).
type chain struct {
	name string        // the job's name, or the name of the table the updates write
	jobs int           // how many jobs
	ran  time.Duration // the sum of their run times, not counting time BLOCKED
}

// estimate is what the jobs' run times in the query history say the
// pipeline takes one by one, and at the least when run together.
type estimate struct {
	oneByOne time.Duration // the sum of every job's run time
	// longestJob is the longest job that waits for no other; serial is
	// the longest chain of updates of one table. Either may be empty.
	longestJob, serial chain
}

// bound is the least the jobs can take run together: the longest chain.
func (e estimate) bound() time.Duration { return max(e.longestJob.ran, e.serial.ran) }

// estimateOf groups the spans into chains and sums their run times. Loads
// write their own tables, and even on one table INSERTs do not take its
// lock, so every load is a chain of its own.
func estimateOf(spans []span) estimate {
	var e estimate
	updates := map[string][]span{} // by the table they write
	for _, s := range spans {
		e.oneByOne += s.ran()
		if s.Kind == kindUpdate && s.Table != "" {
			updates[s.Table] = append(updates[s.Table], s)
			continue
		}
		e.longestJob = longer(e.longestJob, chain{name: s.Name, jobs: 1, ran: s.ran()})
	}
	for _, table := range slices.Sorted(maps.Keys(updates)) {
		us := updates[table]
		c := chain{name: table[strings.LastIndex(table, ".")+1:], jobs: len(us)}
		for _, u := range us {
			c.ran += u.ran()
		}
		if len(us) == 1 {
			c.name = us[0].Name
			e.longestJob = longer(e.longestJob, c)
			continue
		}
		e.serial = longer(e.serial, c)
	}
	return e
}

// longer is the longer of two chains; b if a is empty.
func longer(a, b chain) chain {
	if a.jobs == 0 || b.ran > a.ran {
		return b
	}
	return a
}

// lines state the estimate one by one and the speed-up over it, then the
// lower bound run together and why. serverSpan is the server's first start
// to last end: a bound above it means the history did not show the updates
// waiting for each other.
func (e estimate) lines(wall, serverSpan time.Duration) []string {
	lines := []string{
		fmt.Sprintf("one by one: about %.1f s, the sum of the jobs' run times in the query history (%.3f s, not counting time BLOCKED)",
			e.oneByOne.Seconds(), e.oneByOne.Seconds()),
		fmt.Sprintf("speed-up: %.2fx over one by one: %.3f s of run time took %.3f s of wall time",
			e.oneByOne.Seconds()/max(wall.Seconds(), 1e-9), e.oneByOne.Seconds(), wall.Seconds()),
	}
	of := "from the query history"
	if e.longestJob.jobs > 0 && e.serial.jobs > 0 {
		of = "the longer of two run times from the query history:"
	}
	lines = append(lines, fmt.Sprintf("lower bound: about %.1f s run together with the table lock, %s", e.bound().Seconds(), of))
	if e.longestJob.jobs > 0 {
		lines = append(lines, fmt.Sprintf("  the longest independent job, %s: %.3f s", e.longestJob.name, e.longestJob.ran.Seconds()))
	}
	if e.serial.jobs > 0 {
		lines = append(lines, fmt.Sprintf("  the %d updates of %s, one after another: %.3f s",
			e.serial.jobs, e.serial.name, e.serial.ran.Seconds()))
		if e.serial.ran > serverSpan {
			lines = append(lines, fmt.Sprintf("  yet the server ran every job within %.3f s: the history did not show the updates waiting for each other",
				serverSpan.Seconds()))
		}
	}
	var why []string
	if e.serial.jobs > 0 {
		why = append(why, "updates of one table wait for each other's lock")
	}
	if e.longestJob.jobs > 0 {
		why = append(why, "loads of different tables overlap")
	}
	if len(why) == 0 {
		return lines
	}
	return append(lines, "why: run together, "+strings.Join(why, "; "))
}
