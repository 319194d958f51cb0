package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// scenarioNames are the scenarios in the order they run by default.
var scenarioNames = []string{"seed", "fanout-64", "fanout-512", "fanout-4096"}

// scenario is a set of independent statements submitted together.
type scenario struct {
	name       string
	statements []string
	durations  []time.Duration // what each statement waits, in the order of statements
}

// longest is the duration of the longest statement: the best wall time a
// fan-out can reach.
func (sc scenario) longest() time.Duration {
	var m time.Duration
	for _, d := range sc.durations {
		m = max(m, d)
	}
	return m
}

// total is the sum of the statements' durations: what running them one after
// another takes at least.
func (sc scenario) total() time.Duration {
	var t time.Duration
	for _, d := range sc.durations {
		t += d
	}
	return t
}

// scenarioByName builds a scenario. seed is the article's pipeline reduced to
// its timing (three 2 s loads, three 1 s updates, no shared table, so nothing
// blocks); fanout-N is N × SELECT SYSTEM$WAIT(1). scale multiplies every
// duration; at 1 the statements are written as in the issue.
func scenarioByName(name string, scale float64) (scenario, error) {
	sc := scenario{name: name}
	add := func(verb string, seconds int) {
		sc.statements = append(sc.statements, waitStatement(verb, seconds, scale))
		sc.durations = append(sc.durations, time.Duration(float64(seconds)*scale*float64(time.Second)))
	}
	switch {
	case name == "seed":
		for range 3 {
			add("CALL", 2)
		}
		for range 3 {
			add("CALL", 1)
		}
	case strings.HasPrefix(name, "fanout-"):
		n, err := strconv.Atoi(strings.TrimPrefix(name, "fanout-"))
		if err != nil || n < 1 {
			return sc, fmt.Errorf("scenario %q: want fanout-N with N ≥ 1", name)
		}
		for range n {
			add("SELECT", 1)
		}
	default:
		return sc, fmt.Errorf("unknown scenario %q (have %s, or fanout-N)", name, strings.Join(scenarioNames, ", "))
	}
	return sc, nil
}

// waitStatement is a statement that waits seconds×scale on the server,
// without a DuckDB connection.
func waitStatement(verb string, seconds int, scale float64) string {
	if scale == 1 {
		return fmt.Sprintf("%s SYSTEM$WAIT(%d)", verb, seconds)
	}
	ms := max(int64(float64(seconds)*scale*1000), 1)
	return fmt.Sprintf("%s SYSTEM$WAIT(%d, 'MILLISECONDS')", verb, ms)
}
