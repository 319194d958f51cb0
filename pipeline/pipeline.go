// Package pipeline runs named Snowflake statements that depend on each
// other through an [sfasync.Client]: each step is submitted the moment every
// step it comes after has succeeded, not stage by stage, with a bound on how
// many run at once and a policy for failures.
//
// Build a [Pipeline] with [New], which rejects empty, duplicate and unknown
// names and cycles (naming the cycle); look at its [Plan] (levels and, with
// durations, the critical path) for a dry run; and [Run] it. Each step is
// submitted as an [sfasync.Statement] named after the step, so a client
// made with [sfasync.WithRunID] tags it with the run ID and the step's name.
package pipeline

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Step is one named step: one statement, or a script of several.
type Step struct {
	// Name identifies the step within the pipeline; other steps' After
	// refer to it. Required and unique.
	Name string
	// SQL is the statement, or MultiStatement statements separated by
	// semicolons; Args are its bind arguments ([sfasync.Statement.Args]).
	SQL  string
	Args []any
	// MultiStatement, when above 0, lets SQL hold that many statements
	// ([sfasync.Statement.MultiStatement]).
	MultiStatement int
	// After names the steps this one depends on: it is submitted once all
	// of them have succeeded, and skipped if any of them does not.
	After []string
	// Timeout, when above 0, bounds how long the step may run
	// ([sfasync.Statement.Timeout]).
	Timeout time.Duration
	// Estimate is how long the step is expected to run, for [Pipeline.Plan]'s
	// critical path and to submit the steps on the longest path first when
	// the run's bound on in-flight steps holds some back; 0 if unknown.
	Estimate time.Duration
}

// Pipeline is a validated set of steps and their dependencies. It is
// immutable and safe for concurrent use.
type Pipeline struct {
	steps []Step
	index map[string]int
	after [][]int // per step, the indexes of the steps it comes after
	next  [][]int // per step, the indexes of the steps that come after it
}

// ErrInvalid is what every error of [New] matches under errors.Is.
var ErrInvalid = errors.New("pipeline: invalid")

// New checks steps and builds a pipeline of them, in the order given. It
// fails, with an error that errors.Is [ErrInvalid], if a step has no name,
// two steps share a name, a step comes after one that does not exist or
// after itself, or the dependencies have a cycle, which the error names
// (a → b → a).
func New(steps ...Step) (*Pipeline, error) {
	p := &Pipeline{steps: slices.Clone(steps), index: make(map[string]int, len(steps))}
	var errs []error
	for i, s := range steps {
		switch _, dup := p.index[s.Name]; {
		case strings.TrimSpace(s.Name) == "":
			errs = append(errs, fmt.Errorf("step %d has no name", i))
		case dup:
			errs = append(errs, fmt.Errorf("two steps are named %q", s.Name))
		default:
			p.index[s.Name] = i
		}
	}
	p.after = make([][]int, len(steps))
	p.next = make([][]int, len(steps))
	for i, s := range steps {
		for _, dep := range s.After {
			j, ok := p.index[dep]
			switch {
			case !ok:
				errs = append(errs, fmt.Errorf("step %q comes after %q, which is not a step", s.Name, dep))
			case j == i:
				errs = append(errs, fmt.Errorf("step %q comes after itself", s.Name))
			case slices.Contains(p.after[i], j):
				// Named twice: once is enough.
			default:
				p.after[i] = append(p.after[i], j)
				p.next[j] = append(p.next[j], i)
			}
		}
	}
	if len(errs) == 0 {
		if cycle := p.findCycle(); cycle != nil {
			errs = append(errs, fmt.Errorf("the steps form a cycle: %s", strings.Join(cycle, " → ")))
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, errors.Join(errs...))
	}
	return p, nil
}

// Steps returns a copy of the steps, in the order given to [New].
func (p *Pipeline) Steps() []Step { return slices.Clone(p.steps) }

// Len is the number of steps.
func (p *Pipeline) Len() int { return len(p.steps) }
