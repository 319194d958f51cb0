package pipeline_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync/internal/drivertest"
	"github.com/sfasync/sfasync/pipeline"
)

func TestMain(m *testing.M) {
	drivertest.Main(m)
}

func TestNewRejectsBadPipelines(t *testing.T) {
	for _, tc := range []struct {
		name  string
		steps []pipeline.Step
		want  string
	}{
		{"no name", []pipeline.Step{{Name: " "}}, "step 0 has no name"},
		{"duplicate", []pipeline.Step{{Name: "a"}, {Name: "a"}}, `two steps are named "a"`},
		{"unknown", []pipeline.Step{{Name: "a", After: []string{"nope"}}}, `step "a" comes after "nope", which is not a step`},
		{"itself", []pipeline.Step{{Name: "a", After: []string{"a"}}}, `step "a" comes after itself`},
		{"cycle of two", []pipeline.Step{{Name: "a", After: []string{"b"}}, {Name: "b", After: []string{"a"}}},
			"the steps form a cycle: b → a → b"},
		{"cycle of three behind a clean step", []pipeline.Step{
			{Name: "load"},
			{Name: "x", After: []string{"load", "z"}},
			{Name: "y", After: []string{"x"}},
			{Name: "z", After: []string{"y"}},
		}, "the steps form a cycle: y → z → x → y"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := pipeline.New(tc.steps...)
			require.Nil(t, p)
			require.ErrorIs(t, err, pipeline.ErrInvalid)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

func TestNewListsEveryProblem(t *testing.T) {
	_, err := pipeline.New(pipeline.Step{Name: "a", After: []string{"b", "c"}}, pipeline.Step{Name: "a"})
	require.ErrorContains(t, err, `"b", which is not a step`)
	require.ErrorContains(t, err, `"c", which is not a step`)
	require.ErrorContains(t, err, `two steps are named "a"`)
}

// seedSteps is the seed's pipeline: three loads, three updates of one
// table that wait for each other, and a report after all of them.
func seedSteps() []pipeline.Step {
	return []pipeline.Step{
		{Name: "load_na", Estimate: 2 * time.Second},
		{Name: "load_eu", Estimate: 2 * time.Second},
		{Name: "load_asia", Estimate: 2 * time.Second},
		{Name: "update_high", Estimate: time.Second},
		{Name: "update_medium", After: []string{"update_high"}, Estimate: time.Second},
		{Name: "update_low", After: []string{"update_medium"}, Estimate: time.Second},
		{Name: "report", After: []string{"load_na", "load_eu", "load_asia", "update_low"}, Estimate: 500 * time.Millisecond},
	}
}

func TestPlanLevelsAndCriticalPath(t *testing.T) {
	p, err := pipeline.New(seedSteps()...)
	require.NoError(t, err)
	pl := p.Plan(nil)
	require.Equal(t, [][]string{
		{"load_na", "load_eu", "load_asia", "update_high"},
		{"update_medium"},
		{"update_low"},
		{"report"},
	}, pl.Levels)
	require.Equal(t, []string{"update_high", "update_medium", "update_low", "report"}, pl.CriticalPath)
	require.Equal(t, 3500*time.Millisecond, pl.CriticalTime)

	// Durations given override the estimates: the loads now dominate.
	pl = p.Plan(map[string]time.Duration{"load_eu": 5 * time.Second})
	require.Equal(t, []string{"load_eu", "report"}, pl.CriticalPath)
	require.Equal(t, 5500*time.Millisecond, pl.CriticalTime)

	var b strings.Builder
	require.NoError(t, pl.WriteText(&b))
	require.Contains(t, b.String(), "plan: 7 steps in 4 levels")
	require.Contains(t, b.String(), "report (500ms) [after load_na, load_eu, load_asia, update_low];")
	require.Contains(t, b.String(), "critical path: load_eu → report, 5.5s")
}

func TestPlanWithoutDurationsHasNoCriticalPath(t *testing.T) {
	p, err := pipeline.New(pipeline.Step{Name: "a"}, pipeline.Step{Name: "b", After: []string{"a"}, Estimate: time.Second})
	require.NoError(t, err)
	pl := p.Plan(nil)
	require.Nil(t, pl.CriticalPath)
	var b strings.Builder
	require.NoError(t, pl.WriteText(&b))
	require.Contains(t, b.String(), "critical path: unknown")
}

func TestParsePolicy(t *testing.T) {
	for _, p := range []pipeline.Policy{pipeline.SkipDependents, pipeline.CancelAll} {
		got, err := pipeline.ParsePolicy(p.String())
		require.NoError(t, err)
		require.Equal(t, p, got)
	}
	_, err := pipeline.ParsePolicy("abort")
	require.ErrorContains(t, err, `unknown failure policy "abort"`)
}
