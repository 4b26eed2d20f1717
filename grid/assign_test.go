package grid_test

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
)

var assignSeed = flag.Uint64("assign.seed", 20261127, "seed for the randomised AssignWorkers tests")

// randomAssignInput returns n grids of 100 to 600 households and m
// full-time workers of the given capacity, some with home grids.
func randomAssignInput(r *rand.Rand, n, m, capacity int) ([]grid.Grid, []grid.Worker) {
	grids := make([]grid.Grid, n)
	for i := range grids {
		grids[i] = grid.Grid{Code: grid.Code(fmt.Sprintf("G%05d", i)), Households: 100 + r.IntN(501)}
	}
	workers := make([]grid.Worker, m)
	for i := range workers {
		w := grid.Worker{ID: fmt.Sprintf("w%05d", i), Kind: grid.WorkerKind(1 + r.IntN(3)), Capacity: capacity}
		if r.IntN(3) == 0 {
			w.Home = grids[r.IntN(n)].Code
		}
		workers[i] = w
	}
	return grids, workers
}

func assignLoadOf(t *testing.T, a grid.Assignment, id string) decimal.Decimal {
	t.Helper()
	for _, w := range a.Workers {
		if w.Worker == id {
			return w.Load
		}
	}
	t.Fatalf("worker %s not in assignment", id)
	return decimal.Zero
}

func TestAssignWorkersServesEveryGridOnceWithinCapacity(t *testing.T) {
	t.Logf("seed %d", *assignSeed)
	r := rand.New(rand.NewPCG(*assignSeed, 1))
	for trial := range 50 {
		n, m := 1+r.IntN(60), 1+r.IntN(20)
		grids, workers := randomAssignInput(r, n, m, 600*(n/m+2))
		a, err := grid.AssignWorkers(grids, workers, grid.AssignOptions{})
		require.NoError(t, err, "trial %d: %d grids, %d workers", trial, n, m)

		require.Len(t, a.Duties, n, "trial %d: one duty per grid", trial)
		households := map[grid.Code]int{}
		for _, g := range grids {
			households[g.Code] = g.Households
		}
		perWorker := map[string][]grid.Code{}
		for _, d := range a.Duties {
			_, ok := households[d.Grid]
			assert.True(t, ok, "trial %d: duty for unknown grid %s", trial, d.Grid)
			perWorker[d.Worker] = append(perWorker[d.Worker], d.Grid)
		}
		assert.True(t, slices.IsSortedFunc(a.Duties, func(x, y grid.Duty) int { return assignCompareCodes(x.Grid, y.Grid) }),
			"trial %d: duties sorted by grid code", trial)
		require.Len(t, a.Workers, m, "trial %d: every worker reported", trial)
		for _, w := range a.Workers {
			sum := 0
			for _, c := range w.Grids {
				sum += households[c]
			}
			assert.True(t, w.Load.Equal(decimal.NewFromInt(int64(sum))), "trial %d: worker %s load %s is the sum %d of its grids", trial, w.Worker, w.Load, sum)
			assert.LessOrEqual(t, sum, w.Capacity, "trial %d: worker %s within capacity", trial, w.Worker)
			assert.ElementsMatch(t, perWorker[w.Worker], w.Grids, "trial %d: worker %s grids agree with duties", trial, w.Worker)
		}
	}
}

func assignCompareCodes(a, b grid.Code) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestAssignWorkersIsIndependentOfInputOrder(t *testing.T) {
	t.Logf("seed %d", *assignSeed)
	r := rand.New(rand.NewPCG(*assignSeed, 2))
	grids, workers := randomAssignInput(r, 200, 37, 5000)
	opts := grid.AssignOptions{IncidentWeight: decimal.RequireFromString("0.5"), Incidents: map[grid.Code]decimal.Decimal{
		grids[3].Code: decimal.NewFromInt(140), grids[77].Code: decimal.RequireFromString("12.25"),
	}}
	first, err := grid.AssignWorkers(grids, workers, opts)
	require.NoError(t, err)
	want, err := json.Marshal(first)
	require.NoError(t, err)
	for trial := range 10 {
		g2, w2 := slices.Clone(grids), slices.Clone(workers)
		r.Shuffle(len(g2), func(i, j int) { g2[i], g2[j] = g2[j], g2[i] })
		r.Shuffle(len(w2), func(i, j int) { w2[i], w2[j] = w2[j], w2[i] })
		a, err := grid.AssignWorkers(g2, w2, opts)
		require.NoError(t, err, "permutation %d", trial)
		got, err := json.Marshal(a)
		require.NoError(t, err)
		assert.JSONEq(t, string(want), string(got), "permutation %d gives the same assignment", trial)
	}
}

func TestAssignWorkersLoadCountsWeightedIncidents(t *testing.T) {
	grids := []grid.Grid{{Code: "A", Households: 400}, {Code: "B", Households: 300}}
	workers := []grid.Worker{{ID: "w1", Kind: grid.WorkerFullTime, Capacity: 1000}, {ID: "w2", Kind: grid.WorkerFullTime, Capacity: 1000}}
	// 140 matters a year per grid (DOMAIN, Zhejiang 2022) at half a
	// household each; B's 333.3335 rounds to 3 decimals half away from zero.
	opts := grid.AssignOptions{IncidentWeight: decimal.RequireFromString("0.5"), Incidents: map[grid.Code]decimal.Decimal{
		"A": decimal.NewFromInt(140), "B": decimal.RequireFromString("66.667"),
	}}
	a, err := grid.AssignWorkers(grids, workers, opts)
	require.NoError(t, err)
	wa, _ := a.WorkerOf("A")
	wb, _ := a.WorkerOf("B")
	assert.NotEqual(t, wa, wb, "two grids, two workers: one each")
	assert.True(t, assignLoadOf(t, a, wa).Equal(decimal.RequireFromString("470")), "A: 400 + 0.5 x 140")
	assert.True(t, assignLoadOf(t, a, wb).Equal(decimal.RequireFromString("333.334")), "B: 300 + 0.5 x 66.667 = 333.3335 -> 333.334")
	assert.True(t, a.MaxLoad.Equal(decimal.RequireFromString("470")), "max load")
	assert.True(t, a.MeanLoad.Equal(decimal.RequireFromString("401.667")), "mean (470 + 333.334) / 2 = 401.667")
	assert.True(t, a.Ratio.Equal(decimal.RequireFromString("1.1701")), "ratio 470 / 401.667 = 1.17012…, got %s", a.Ratio)
}

func TestAssignWorkersBalancesBeyondGreedy(t *testing.T) {
	// The classic LPT worst case for two machines: 3,3,2,2,2. LPT gives
	// {3,2,2} and {3,2} (max 7); the assignOptimum is {3,3} and {2,2,2} (max 6).
	// The improvement step must find the swap.
	grids := []grid.Grid{{Code: "a", Households: 3}, {Code: "b", Households: 3}, {Code: "c", Households: 2},
		{Code: "d", Households: 2}, {Code: "e", Households: 2}}
	workers := []grid.Worker{{ID: "x", Kind: grid.WorkerFullTime, Capacity: 100}, {ID: "y", Kind: grid.WorkerPartTime, Capacity: 100}}
	a, err := grid.AssignWorkers(grids, workers, grid.AssignOptions{})
	require.NoError(t, err)
	assert.True(t, a.MaxLoad.Equal(decimal.NewFromInt(6)), "max load %s, assignOptimum 6", a.MaxLoad)
}

// assignOptimum returns the smallest possible maximum load of loads over m
// workers without capacity limits, by exhaustive search.
func assignOptimum(loads []int, m int) int {
	best := 1 << 62
	bins := make([]int, m)
	var rec func(i int)
	rec = func(i int) {
		if i == len(loads) {
			best = min(best, slices.Max(bins))
			return
		}
		for b := range bins {
			if bins[b]+loads[i] >= best {
				continue
			}
			bins[b] += loads[i]
			rec(i + 1)
			bins[b] -= loads[i]
			if bins[b] == 0 {
				break // empty bins are interchangeable
			}
		}
	}
	rec(0)
	return best
}

func TestAssignWorkersStaysWithinGrahamBound(t *testing.T) {
	t.Logf("seed %d", *assignSeed)
	r := rand.New(rand.NewPCG(*assignSeed, 3))
	for trial := range 200 {
		n, m := 2+r.IntN(9), 2+r.IntN(3)
		loads := make([]int, n)
		grids := make([]grid.Grid, n)
		for i := range grids {
			loads[i] = 1 + r.IntN(50)
			grids[i] = grid.Grid{Code: grid.Code(fmt.Sprintf("g%d", i)), Households: loads[i]}
		}
		workers := make([]grid.Worker, m)
		for i := range workers {
			workers[i] = grid.Worker{ID: fmt.Sprintf("w%d", i), Kind: grid.WorkerFullTime, Capacity: 10000}
		}
		a, err := grid.AssignWorkers(grids, workers, grid.AssignOptions{})
		require.NoError(t, err, "trial %d", trial)
		opt := assignOptimum(loads, m)
		// Graham (1969): LPT's maximum is at most (4/3 - 1/(3m)) OPT.
		bound := decimal.NewFromInt(int64(opt)).Mul(decimal.NewFromInt(int64(4*m - 1))).Div(decimal.NewFromInt(int64(3 * m)))
		assert.True(t, a.MaxLoad.LessThanOrEqual(bound), "trial %d: loads %v on %d workers: max %s, assignOptimum %d", trial, loads, m, a.MaxLoad, opt)
	}
}

func TestAssignWorkersLargeInstanceNearLowerBound(t *testing.T) {
	t.Logf("seed %d", *assignSeed)
	r := rand.New(rand.NewPCG(*assignSeed, 4))
	grids, workers := randomAssignInput(r, 3000, 700, 100000)
	a, err := grid.AssignWorkers(grids, workers, grid.AssignOptions{})
	require.NoError(t, err)
	total, largest := 0, 0
	for _, g := range grids {
		total += g.Households
		largest = max(largest, g.Households)
	}
	// OPT >= max(total/m, largest); list scheduling guarantees max <=
	// total/m + largest, and LPT with many small grids is far closer.
	lower := decimal.Max(decimal.NewFromInt(int64(total)).Div(decimal.NewFromInt(int64(len(workers)))), decimal.NewFromInt(int64(largest)))
	assert.True(t, a.MaxLoad.LessThanOrEqual(lower.Mul(decimal.RequireFromString("4")).Div(decimal.NewFromInt(3))),
		"max %s within 4/3 of the lower bound %s", a.MaxLoad, lower)
	assert.True(t, a.Ratio.LessThan(decimal.RequireFromString("1.1")), "max/mean %s", a.Ratio)
}

func TestAssignWorkersPrefersHomeWithoutRaisingTheMaximum(t *testing.T) {
	grids := []grid.Grid{{Code: "g1", Households: 100}, {Code: "g2", Households: 100}}
	workers := []grid.Worker{
		{ID: "a", Kind: grid.WorkerFullTime, Capacity: 1000},
		{ID: "b", Kind: grid.WorkerFullTime, Capacity: 1000, Home: "g1"},
	}
	a, err := grid.AssignWorkers(grids, workers, grid.AssignOptions{})
	require.NoError(t, err)
	w, _ := a.WorkerOf("g1")
	assert.Equal(t, "b", w, "g1 goes to b, whose home it is: a swap keeps the balance")
	assert.True(t, a.MaxLoad.Equal(decimal.NewFromInt(100)), "max load unchanged")

	t.Run("home does not win when it would raise the maximum", func(t *testing.T) {
		grids := []grid.Grid{{Code: "g1", Households: 100}, {Code: "g2", Households: 300}}
		workers := []grid.Worker{
			{ID: "a", Kind: grid.WorkerFullTime, Capacity: 1000, Home: "g2"},
			{ID: "b", Kind: grid.WorkerFullTime, Capacity: 1000, Home: "g2"},
		}
		a, err := grid.AssignWorkers(grids, workers, grid.AssignOptions{})
		require.NoError(t, err)
		assert.True(t, a.MaxLoad.Equal(decimal.NewFromInt(300)), "max load 300, got %s", a.MaxLoad)
		w1, _ := a.WorkerOf("g1")
		w2, _ := a.WorkerOf("g2")
		assert.NotEqual(t, w1, w2, "both grids on one home worker would raise the maximum to 400")
	})

	t.Run("random instances: homes never raise the maximum", func(t *testing.T) {
		t.Logf("seed %d", *assignSeed)
		r := rand.New(rand.NewPCG(*assignSeed, 5))
		for trial := range 30 {
			grids, workers := randomAssignInput(r, 80, 15, 10000)
			with, err := grid.AssignWorkers(grids, workers, grid.AssignOptions{})
			require.NoError(t, err)
			bare := slices.Clone(workers)
			for i := range bare {
				bare[i].Home = ""
			}
			without, err := grid.AssignWorkers(grids, bare, grid.AssignOptions{})
			require.NoError(t, err)
			assert.True(t, with.MaxLoad.LessThanOrEqual(without.MaxLoad), "trial %d: max with homes %s, without %s", trial, with.MaxLoad, without.MaxLoad)
		}
	})
}

func TestAssignWorkersReportsShortfall(t *testing.T) {
	full := func(id string, capacity int) grid.Worker {
		return grid.Worker{ID: id, Kind: grid.WorkerFullTime, Capacity: capacity}
	}
	grids := []grid.Grid{{Code: "g1", Households: 400}, {Code: "g2", Households: 450}, {Code: "g3", Households: 300}}
	tests := []struct {
		name       string
		workers    []grid.Worker
		unassigned []grid.Code
		load, capa string
	}{
		{name: "no workers at all", workers: nil, load: "1150", capa: "0"},
		{name: "total load above total capacity", workers: []grid.Worker{full("a", 500), full("b", 500)}, load: "1150", capa: "1000"},
		{name: "a grid larger than every capacity", workers: []grid.Worker{full("a", 440), full("b", 440), full("c", 440)},
			unassigned: []grid.Code{"g2"}, load: "1150", capa: "1320"},
		{name: "capacity enough in total but fragmented", workers: []grid.Worker{full("a", 600), full("b", 600)},
			unassigned: []grid.Code{"g3"}, load: "1150", capa: "1200"},
	}
	for _, tt := range tests {
		_, err := grid.AssignWorkers(grids, tt.workers, grid.AssignOptions{})
		require.Error(t, err, tt.name)
		assert.ErrorIs(t, err, grid.ErrShortfall, tt.name)
		var se *grid.ShortfallError
		require.ErrorAs(t, err, &se, tt.name)
		assert.Equal(t, tt.unassigned, se.Unassigned, tt.name)
		assert.Equal(t, 3, se.Grids, tt.name)
		assert.Equal(t, len(tt.workers), se.Workers, tt.name)
		assert.True(t, se.Load.Equal(decimal.RequireFromString(tt.load)), "%s: load %s", tt.name, se.Load)
		assert.True(t, se.Capacity.Equal(decimal.RequireFromString(tt.capa)), "%s: capacity %s", tt.name, se.Capacity)
	}
}

func TestAssignWorkersRejectsInvalidInput(t *testing.T) {
	ok := grid.Worker{ID: "w", Kind: grid.WorkerFullTime, Capacity: 500}
	tests := []struct {
		name       string
		grids      []grid.Grid
		workers    []grid.Worker
		opts       grid.AssignOptions
		path, rule string
	}{
		{name: "bad grid code", grids: []grid.Grid{{Code: "a b"}}, workers: []grid.Worker{ok}, path: "grids[0].code", rule: grassroots.RuleFormat},
		{name: "duplicate grid code", grids: []grid.Grid{{Code: "a"}, {Code: "a"}}, workers: []grid.Worker{ok}, path: "grids[1].code", rule: grassroots.RuleUnique},
		{name: "negative households", grids: []grid.Grid{{Code: "a", Households: -1}}, workers: []grid.Worker{ok}, path: "grids[0].households", rule: grassroots.RuleMin},
		{name: "worker without id", grids: []grid.Grid{{Code: "a"}}, workers: []grid.Worker{{Kind: grid.WorkerFullTime, Capacity: 1}}, path: "workers[0].id", rule: grassroots.RuleRequired},
		{name: "worker of unknown kind", grids: []grid.Grid{{Code: "a"}}, workers: []grid.Worker{{ID: "w", Capacity: 1}}, path: "workers[0].kind", rule: grassroots.RuleEnum},
		{name: "zero capacity", grids: []grid.Grid{{Code: "a"}}, workers: []grid.Worker{{ID: "w", Kind: grid.WorkerPartTime}}, path: "workers[0].capacity", rule: grassroots.RuleMin},
		{name: "capacity above MaxLoad", grids: []grid.Grid{{Code: "a"}}, workers: []grid.Worker{{ID: "w", Kind: grid.WorkerPartTime, Capacity: grid.MaxLoad + 1}}, path: "workers[0].capacity", rule: grassroots.RuleMax},
		{name: "bad home code", grids: []grid.Grid{{Code: "a"}}, workers: []grid.Worker{{ID: "w", Kind: grid.WorkerPartTime, Capacity: 1, Home: "?"}}, path: "workers[0].home", rule: grassroots.RuleFormat},
		{name: "duplicate worker id", grids: []grid.Grid{{Code: "a"}}, workers: []grid.Worker{ok, ok}, path: "workers[1].id", rule: grassroots.RuleUnique},
		{name: "negative weight", grids: []grid.Grid{{Code: "a"}}, workers: []grid.Worker{ok},
			opts: grid.AssignOptions{IncidentWeight: decimal.NewFromInt(-1)}, path: "incident_weight", rule: grassroots.RuleMin},
		{name: "incidents for an unknown grid", grids: []grid.Grid{{Code: "a"}}, workers: []grid.Worker{ok},
			opts: grid.AssignOptions{Incidents: map[grid.Code]decimal.Decimal{"b": decimal.NewFromInt(1)}}, path: "incidents[b]", rule: grassroots.RuleReference},
		{name: "negative expected incidents", grids: []grid.Grid{{Code: "a"}}, workers: []grid.Worker{ok},
			opts: grid.AssignOptions{Incidents: map[grid.Code]decimal.Decimal{"a": decimal.NewFromInt(-2)}}, path: "incidents[a]", rule: grassroots.RuleMin},
		{name: "load above MaxLoad", grids: []grid.Grid{{Code: "a", Households: grid.MaxLoad + 1}}, workers: []grid.Worker{ok}, path: "grids[0]", rule: grassroots.RuleMax},
		// Exponents no quantity needs, which decimal arithmetic could not
		// afford, are refused before anything is computed with them.
		{name: "weight 1e2147483647", grids: []grid.Grid{{Code: "a"}}, workers: []grid.Worker{ok},
			opts: grid.AssignOptions{IncidentWeight: decimal.New(1, math.MaxInt32), Incidents: map[grid.Code]decimal.Decimal{"a": decimal.NewFromInt(1)}}, path: "incident_weight", rule: grassroots.RuleMax},
		{name: "negative weight -1e2147483647", grids: []grid.Grid{{Code: "a"}}, workers: []grid.Worker{ok},
			opts: grid.AssignOptions{IncidentWeight: decimal.New(-1, math.MaxInt32)}, path: "incident_weight", rule: grassroots.RuleMax},
		{name: "expected incidents 1e-2147483648", grids: []grid.Grid{{Code: "a"}}, workers: []grid.Worker{ok},
			opts: grid.AssignOptions{IncidentWeight: decimal.NewFromInt(1), Incidents: map[grid.Code]decimal.Decimal{"a": decimal.New(1, math.MinInt32)}}, path: "incidents[a]", rule: grassroots.RuleFormat},
		{name: "zero written 0e2147483647", grids: []grid.Grid{{Code: "a"}}, workers: []grid.Worker{ok},
			opts: grid.AssignOptions{IncidentWeight: decimal.NewFromInt(1), Incidents: map[grid.Code]decimal.Decimal{"a": decimal.New(0, math.MaxInt32)}}, path: "incidents[a]", rule: grassroots.RuleMax},
		// The largest exponents JSON can carry are computed with and
		// found too large.
		{name: "load 1e20000", grids: []grid.Grid{{Code: "a"}}, workers: []grid.Worker{ok},
			opts: grid.AssignOptions{IncidentWeight: decimal.New(1, 10000), Incidents: map[grid.Code]decimal.Decimal{"a": decimal.New(1, 10000)}}, path: "grids[0]", rule: grassroots.RuleMax},
	}
	for _, tt := range tests {
		_, err := grid.AssignWorkers(tt.grids, tt.workers, tt.opts)
		require.Error(t, err, tt.name)
		assert.ErrorIs(t, err, grassroots.ErrInvalid, tt.name)
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve, tt.name)
		require.Len(t, ve.Fields, 1, "%s: one problem in %v", tt.name, ve)
		assert.Equal(t, tt.path, ve.Fields[0].Path, tt.name)
		assert.Equal(t, tt.rule, ve.Fields[0].Rule, tt.name)
		assert.Less(t, len(ve.Fields[0].Message), 200, "%s: a short message: %s", tt.name, ve.Fields[0].Message)
	}
}

func TestAssignWorkersEdgeCases(t *testing.T) {
	a, err := grid.AssignWorkers(nil, nil, grid.AssignOptions{})
	require.NoError(t, err, "nothing to assign")
	assert.Empty(t, a.Duties)
	assert.True(t, a.Ratio.IsZero(), "no load: ratio zero")

	a, err = grid.AssignWorkers([]grid.Grid{{Code: "a"}}, []grid.Worker{{ID: "w", Kind: grid.WorkerFullTime, Capacity: 1}}, grid.AssignOptions{})
	require.NoError(t, err, "a grid without households still gets a worker")
	w, ok := a.WorkerOf("a")
	assert.True(t, ok)
	assert.Equal(t, "w", w)
	_, ok = a.WorkerOf("zz")
	assert.False(t, ok, "unknown grid has no worker")
}

func BenchmarkAssignWorkers(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	grids, workers := randomAssignInput(r, 10000, 12000, 1000)
	b.Run("grids=10000/workers=12000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := grid.AssignWorkers(grids, workers, grid.AssignOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestWorkerValidateReportsEveryField(t *testing.T) {
	err := grid.Worker{Capacity: 0, Home: "bad code!"}.Validate()
	var ve *grassroots.ValidationError
	require.True(t, errors.As(err, &ve), "invalid worker: %v", err)
	for _, path := range []string{"id", "kind", "capacity", "home"} {
		assert.True(t, ve.Has(path), "a problem at %s in %v", path, ve)
	}
	assert.Error(t, grid.Worker{ID: "w", Kind: grid.WorkerFullTime, Capacity: grid.MaxLoad + 1}.Validate(), "capacity above MaxLoad")
	assert.NoError(t, grid.Worker{ID: "w", Kind: grid.WorkerFullTime, Capacity: grid.MaxLoad}.Validate(), "capacity of exactly MaxLoad")
}
