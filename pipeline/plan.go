package pipeline

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Plan is how a pipeline would run, worked out without running it: what a
// dry run prints.
type Plan struct {
	// Levels groups the step names by level, each in the order given to
	// [New]: level 0 comes after nothing, level n after some step of level
	// n-1. A stage-by-stage run would run them level by level; [Run] does
	// not wait for a level to end.
	Levels [][]string
	// CriticalPath is the chain of dependent steps with the longest total
	// duration, in running order, and CriticalTime that total: the least a
	// run can take. Empty unless every step has a duration.
	CriticalPath []string
	CriticalTime time.Duration
	// Durations are the durations the plan was worked out with, by step.
	Durations map[string]time.Duration
	after     map[string][]string
}

// Plan works out the pipeline's levels and, if every step has a duration
// (from durations, else from its [Step.Estimate]), its critical path.
// durations may be nil.
func (p *Pipeline) Plan(durations map[string]time.Duration) Plan {
	pl := Plan{Durations: map[string]time.Duration{}, after: map[string][]string{}}
	known := true
	for _, s := range p.steps {
		d, ok := durations[s.Name]
		if !ok {
			d = s.Estimate
		}
		if d > 0 {
			pl.Durations[s.Name] = d
		} else {
			known = false
		}
		pl.after[s.Name] = s.After
	}
	for i, l := range p.levels() {
		for len(pl.Levels) <= l {
			pl.Levels = append(pl.Levels, nil)
		}
		pl.Levels[l] = append(pl.Levels[l], p.steps[i].Name)
	}
	if known && len(p.steps) > 0 {
		path, total := p.longestPath(func(i int) time.Duration { return pl.Durations[p.steps[i].Name] })
		for _, i := range path {
			pl.CriticalPath = append(pl.CriticalPath, p.steps[i].Name)
		}
		pl.CriticalTime = total
	}
	return pl
}

// WriteText prints the plan: one line per level with its steps (and what
// each comes after), then the critical path if known.
func (pl Plan) WriteText(w io.Writer) error {
	var b strings.Builder
	n := 0
	for _, l := range pl.Levels {
		n += len(l)
	}
	fmt.Fprintf(&b, "plan: %d steps in %d levels\n", n, len(pl.Levels))
	for i, l := range pl.Levels {
		fmt.Fprintf(&b, "  level %d:", i)
		for _, name := range l {
			fmt.Fprintf(&b, " %s", name)
			if d, ok := pl.Durations[name]; ok {
				fmt.Fprintf(&b, " (%s)", d)
			}
			if after := pl.after[name]; len(after) > 0 {
				fmt.Fprintf(&b, " [after %s]", strings.Join(after, ", "))
			}
			b.WriteByte(';')
		}
		b.WriteByte('\n')
	}
	if len(pl.CriticalPath) > 0 {
		fmt.Fprintf(&b, "critical path: %s, %s\n", strings.Join(pl.CriticalPath, " → "), pl.CriticalTime)
	} else {
		b.WriteString("critical path: unknown (give every step a duration)\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
