package pipeline

import (
	"slices"
	"time"
)

// findCycle returns the names along a cycle of dependencies, the first
// name repeated at the end (a → b → a), or nil if there is none. It walks
// depth first from each step in order, so the cycle it names is the same
// on every call.
func (p *Pipeline) findCycle() []string {
	const (
		unseen = iota
		onPath
		finished
	)
	state := make([]int, len(p.steps))
	var path []int
	var walk func(i int) []string
	walk = func(i int) []string {
		state[i] = onPath
		path = append(path, i)
		for _, j := range p.after[i] {
			switch state[j] {
			case onPath:
				from := slices.Index(path, j)
				var names []string
				// path runs from a step to the steps it comes after; a
				// cycle reads best in the order things run, so reverse it.
				for k := len(path) - 1; k >= from; k-- {
					names = append(names, p.steps[path[k]].Name)
				}
				return append(names, p.steps[path[len(path)-1]].Name)
			case unseen:
				if c := walk(j); c != nil {
					return c
				}
			}
		}
		path = path[:len(path)-1]
		state[i] = finished
		return nil
	}
	for i := range p.steps {
		if state[i] == unseen {
			if c := walk(i); c != nil {
				return c
			}
		}
	}
	return nil
}

// levels gives each step its level: 0 for a step that comes after none,
// else one more than the highest level of the steps it comes after. Steps
// of one level do not depend on each other.
func (p *Pipeline) levels() []int {
	level := make([]int, len(p.steps))
	for _, i := range p.topo() {
		for _, j := range p.after[i] {
			level[i] = max(level[i], level[j]+1)
		}
	}
	return level
}

// topo is the steps' indexes in an order where each comes after every step
// it depends on, earlier-declared steps first among those ready together.
func (p *Pipeline) topo() []int {
	pending := make([]int, len(p.steps))
	var ready []int
	for i := range p.steps {
		pending[i] = len(p.after[i])
		if pending[i] == 0 {
			ready = append(ready, i)
		}
	}
	order := make([]int, 0, len(p.steps))
	for len(ready) > 0 {
		i := ready[0]
		ready = ready[1:]
		order = append(order, i)
		for _, n := range p.next[i] {
			if pending[n]--; pending[n] == 0 {
				ready = append(ready, n)
			}
		}
	}
	return order
}

// longestPath returns the path of greatest total duration through the
// dependencies, in running order, and that total. dur gives each step's
// duration.
func (p *Pipeline) longestPath(dur func(i int) time.Duration) ([]int, time.Duration) {
	best := make([]time.Duration, len(p.steps)) // the longest path ending at i, i included
	prev := make([]int, len(p.steps))
	end := -1
	for _, i := range p.topo() {
		prev[i] = -1
		for _, j := range p.after[i] {
			if prev[i] == -1 || best[j] > best[prev[i]] {
				prev[i] = j
			}
		}
		best[i] = dur(i)
		if prev[i] >= 0 {
			best[i] += best[prev[i]]
		}
		if end == -1 || best[i] > best[end] {
			end = i
		}
	}
	if end == -1 {
		return nil, 0
	}
	var path []int
	for i := end; i >= 0; i = prev[i] {
		path = append(path, i)
	}
	slices.Reverse(path)
	return path, best[end]
}

// tails is, per step, the longest total duration of a path that starts at
// it: how much of the run still hangs on it. The scheduler submits the
// steps with the longest tails first when it holds some back.
func (p *Pipeline) tails(dur func(i int) time.Duration) []time.Duration {
	tail := make([]time.Duration, len(p.steps))
	order := p.topo()
	for k := len(order) - 1; k >= 0; k-- {
		i := order[k]
		var most time.Duration
		for _, n := range p.next[i] {
			most = max(most, tail[n])
		}
		tail[i] = dur(i) + most
	}
	return tail
}
