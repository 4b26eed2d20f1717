package grid

import (
	"cmp"
	"container/heap"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// loadScale is the number of decimals loads are kept to: AssignWorkers
// rounds every grid's load to thousandths of a household, half away from
// zero, and computes in exact integer thousandths from there on.
const loadScale = 3

// AssignOptions configures AssignWorkers.
//
// A grid's load, in household equivalents, is its households plus
// IncidentWeight times its expected incidents, rounded to 3 decimals half
// away from zero. DOMAIN figures for scale: Zhejiang's grids handled about
// 140 matters per grid per year; with IncidentWeight 0.5 such a grid of
// 400 households carries a load of 470.
type AssignOptions struct {
	// IncidentWeight is the load of one expected incident in household
	// equivalents. Zero (the default) ignores incidents.
	IncidentWeight decimal.Decimal
	// Incidents holds the expected incidents per grid over the planning
	// period. Grids not listed expect none; a code that names no grid is an
	// error, so typos do not pass silently.
	Incidents map[Code]decimal.Decimal
}

// Duty says which worker serves a grid.
type Duty struct {
	Grid   Code   `json:"grid"`
	Worker string `json:"worker"`
}

// WorkerLoad is one worker's share of an Assignment: the grids it serves,
// sorted by code, and their total load (scale 3).
type WorkerLoad struct {
	Worker   string          `json:"worker"`
	Kind     WorkerKind      `json:"kind"`
	Capacity int             `json:"capacity"`
	Load     decimal.Decimal `json:"load"`
	Grids    []Code          `json:"grids"`
}

// Assignment is the result of AssignWorkers: one duty per grid, sorted by
// grid code, and one load per worker, sorted by worker ID, including
// workers left without a grid.
//
// MaxLoad is the largest worker load and MeanLoad the total load divided
// by the number of workers, rounded to 3 decimals half away from zero.
// Ratio is MaxLoad divided by the exact mean, rounded to 4 decimals half
// away from zero: 1 is perfect balance; it is zero when there is no load
// at all.
type Assignment struct {
	Duties   []Duty          `json:"duties"`
	Workers  []WorkerLoad    `json:"workers"`
	MaxLoad  decimal.Decimal `json:"max_load"`
	MeanLoad decimal.Decimal `json:"mean_load"`
	Ratio    decimal.Decimal `json:"max_mean_ratio"`
}

// WorkerOf returns the ID of the worker serving grid c.
func (a Assignment) WorkerOf(c Code) (string, bool) {
	i, ok := slices.BinarySearchFunc(a.Duties, c, func(d Duty, c Code) int { return cmp.Compare(d.Grid, c) })
	if !ok {
		return "", false
	}
	return a.Duties[i].Worker, true
}

// AssignWorkers gives every grid exactly one worker, within the workers'
// capacities, so that the largest worker load is as small as the
// heuristic can make it. A worker may serve several grids, or none when
// there are more workers than the load needs.
//
// The method, in order:
//
//  1. Longest processing time first: grids by decreasing load (ties by
//     code) each go to the least loaded worker (ties by ID) with room for
//     them. With equal capacities that do not bind, the maximum load is at
//     most 4/3 of the optimum (Graham, 1969).
//  2. Improvement: while moving one grid off a most loaded worker, or
//     swapping it for a lighter grid of one of the eight least loaded
//     workers, lowers the larger of the two loads below the maximum, the
//     best such step is taken (ties by grid code and worker ID). Each step
//     lowers the maximum or the number of workers at it; at most 4n+64
//     steps are taken for n grids.
//  3. Home grids: each grid, in code order, that is not served by a
//     worker whose Home it is moves to the least loaded such worker when
//     that worker has room and its new load does not exceed the maximum
//     reached in step 2; failing that, it is swapped for one of that
//     worker's grids when both new loads stay within capacity and that
//     maximum. The maximum load is therefore never raised for a home
//     preference; ties and slack are used for it.
//
// The result depends only on the set of grids and workers, not on their
// order in the slices. Invalid input is a *grassroots.ValidationError
// listing every problem: a malformed code (grassroots.RuleFormat), a
// repeated grid code or worker ID (RuleUnique), a negative household
// count, incident weight or number of incidents (RuleMin), a weight or
// number of incidents written with an exponent beyond ±10,000, which no
// load needs (RuleMax, or RuleFormat for a negative one), incidents for
// a code that names no grid (RuleReference), a grid load above MaxLoad
// (RuleMax), and each worker's problems (see Worker.Validate), all under
// their paths ("grids[3].code", "workers[1].id", "incidents[g7]"). When
// the workers cannot carry the grids the error is a *ShortfallError
// (matching ErrShortfall) saying what is short.
// Packing grids into capacities is NP-hard in general: an instance that
// only an exact search could pack is reported short, with the grids that
// found no room.
func AssignWorkers(grids []Grid, workers []Worker, opts AssignOptions) (Assignment, error) {
	gs := slices.Clone(grids)
	slices.SortFunc(gs, byCode)
	ws := slices.Clone(workers)
	slices.SortFunc(ws, func(a, b Worker) int { return cmp.Compare(a.ID, b.ID) })

	loads, err := validateAssign(grids, workers, gs, opts)
	if err != nil {
		return Assignment{}, err
	}
	s := newAssignState(loads, ws)
	var total, capacity int64
	for _, l := range loads {
		total += l
	}
	for _, c := range s.wcap {
		capacity += c
	}
	short := func(unassigned []Code) error {
		return &ShortfallError{Grids: len(gs), Workers: len(ws), Load: decimal.New(total, -loadScale),
			Capacity: decimal.New(capacity, -loadScale), Unassigned: unassigned}
	}
	if len(gs) > 0 && (len(ws) == 0 || total > capacity) {
		return Assignment{}, short(nil)
	}
	if missed := s.lpt(); len(missed) > 0 {
		codes := make([]Code, len(missed))
		for i, g := range missed {
			codes[i] = gs[g].Code
		}
		slices.Sort(codes)
		return Assignment{}, short(codes)
	}
	s.improve()
	s.preferHomes(gs, ws)
	return s.result(gs, ws, total), nil
}

// validateAssign checks the input and returns each grid's load in
// thousandths, in the order of gs.
func validateAssign(grids []Grid, workers []Worker, gs []Grid, opts AssignOptions) ([]int64, error) {
	var p validate.Problems
	pos := make(map[Code]int, len(grids))
	for i, g := range grids {
		path := grassroots.ElementPath("grids", i)
		if err := g.Code.Validate(); err != nil {
			codeProblem(&p, path+".code", err)
		} else if j, dup := pos[g.Code]; dup {
			p.Addf(path+".code", grassroots.RuleUnique, "code %s repeats grids[%d]; want each grid once", g.Code, j)
		} else {
			pos[g.Code] = i
		}
		if g.Households < 0 {
			p.Addf(path+".households", grassroots.RuleMin, "households is %d; want 0 or more", g.Households)
		}
	}
	seen := make(map[string]int, len(workers))
	for i, w := range workers {
		path := grassroots.ElementPath("workers", i)
		p.Nest(path, w.Validate())
		if j, dup := seen[w.ID]; dup && w.ID != "" {
			p.Addf(path+".id", grassroots.RuleUnique, "id %q repeats workers[%d]; want each worker once", w.ID, j)
		} else {
			seen[w.ID] = i
		}
	}
	if p.Tame("incident_weight", opts.IncidentWeight) && opts.IncidentWeight.IsNegative() {
		p.Addf("incident_weight", grassroots.RuleMin, "incident_weight is %s; want 0 or more", opts.IncidentWeight)
	}
	incidentCodes := make([]Code, 0, len(opts.Incidents))
	for c := range opts.Incidents {
		incidentCodes = append(incidentCodes, c)
	}
	slices.Sort(incidentCodes)
	for _, c := range incidentCodes {
		path := "incidents[" + string(c) + "]"
		if _, ok := pos[c]; !ok {
			p.Addf(path, grassroots.RuleReference, "no grid has code %q; want the code of one of the grids assigned", c)
		}
		if n := opts.Incidents[c]; p.Tame(path, n) && n.IsNegative() {
			p.Addf(path, grassroots.RuleMin, "expected incidents are %s; want 0 or more", n)
		}
	}
	if p.Len() > 0 {
		return nil, p.Err()
	}
	limit := decimal.NewFromInt(MaxLoad)
	loads := make([]int64, len(gs))
	for i, g := range gs {
		l := decimal.NewFromInt(int64(g.Households))
		if n, ok := opts.Incidents[g.Code]; ok {
			l = l.Add(opts.IncidentWeight.Mul(n))
		}
		l = l.Round(loadScale)
		if l.GreaterThan(limit) {
			p.Addf(grassroots.ElementPath("grids", pos[g.Code]), grassroots.RuleMax,
				"load is %s household equivalents; want at most %d (MaxLoad)", exact.Text(l), MaxLoad)
			continue
		}
		loads[i] = l.Shift(loadScale).IntPart()
	}
	if p.Len() > 0 {
		return nil, p.Err()
	}
	return loads, nil
}

// assignState is the working assignment: grids and workers are numbered
// in code and ID order, so every tie broken by index is broken by code or
// ID.
type assignState struct {
	load   []int64   // per grid, thousandths
	wload  []int64   // per worker, thousandths
	wcap   []int64   // per worker, thousandths
	owner  []int32   // per grid, -1 while unassigned
	served [][]int32 // per worker, grids sorted by (load, index)
	light  *loadHeap // least loaded worker on top
	heavy  *loadHeap // most loaded worker on top
}

func newAssignState(loads []int64, ws []Worker) *assignState {
	s := &assignState{
		load:   loads,
		wload:  make([]int64, len(ws)),
		wcap:   make([]int64, len(ws)),
		owner:  make([]int32, len(loads)),
		served: make([][]int32, len(ws)),
	}
	for i, w := range ws {
		s.wcap[i] = int64(w.Capacity) * 1000
	}
	for i := range s.owner {
		s.owner[i] = -1
	}
	s.light = newLoadHeap(s.wload, false)
	s.heavy = newLoadHeap(s.wload, true)
	return s
}

// lpt places grids by decreasing load on the least loaded worker with
// room and returns the grids that fit nowhere.
func (s *assignState) lpt() []int32 {
	order := make([]int32, len(s.load))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Or(cmp.Compare(s.load[b], s.load[a]), cmp.Compare(a, b)) })
	smallest := int64(0)
	if len(order) > 0 {
		smallest = s.load[order[len(order)-1]]
	}
	var missed, rejected []int32
	for _, g := range order {
		placed := false
		for s.light.Len() > 0 {
			w := heap.Pop(s.light).(int32)
			if s.wload[w]+s.load[g] <= s.wcap[w] {
				s.assign(g, w)
				heap.Push(s.light, w)
				placed = true
				break
			}
			// A worker with no room even for the smallest grid is done;
			// the others wait for smaller grids.
			if s.wcap[w]-s.wload[w] >= smallest {
				rejected = append(rejected, w)
			}
		}
		for _, w := range rejected {
			heap.Push(s.light, w)
		}
		rejected = rejected[:0]
		if !placed {
			missed = append(missed, g)
		}
	}
	s.light.reset()
	s.heavy.reset()
	return missed
}

// assign gives grid g to worker w; heaps are the caller's business.
func (s *assignState) assign(g, w int32) {
	s.owner[g] = w
	s.wload[w] += s.load[g]
	s.served[w] = s.insertServed(s.served[w], g)
}

// move hands grid g from its owner to worker to and restores both heaps.
func (s *assignState) move(g, to int32) {
	from := s.owner[g]
	i := slices.Index(s.served[from], g)
	s.served[from] = slices.Delete(s.served[from], i, i+1)
	s.wload[from] -= s.load[g]
	s.assign(g, to)
	s.light.fix(from)
	s.light.fix(to)
	s.heavy.fix(from)
	s.heavy.fix(to)
}

func (s *assignState) insertServed(list []int32, g int32) []int32 {
	i, _ := slices.BinarySearchFunc(list, g, s.compareGrids)
	return slices.Insert(list, i, g)
}

func (s *assignState) compareGrids(a, b int32) int {
	return cmp.Or(cmp.Compare(s.load[a], s.load[b]), cmp.Compare(a, b))
}

// step is a candidate improvement: move grid g to worker v, or with h >= 0
// swap g for v's grid h. peak is the larger of the two new loads.
type step struct {
	peak int64
	g, v int32
	h    int32
}

func (a step) better(b step) bool {
	if a.peak != b.peak {
		return a.peak < b.peak
	}
	// Moves before swaps, then grid code and worker ID order.
	if (a.h < 0) != (b.h < 0) {
		return a.h < 0
	}
	return cmp.Or(cmp.Compare(a.g, b.g), cmp.Compare(a.v, b.v), cmp.Compare(a.h, b.h)) < 0
}

// candidates is how many of the least loaded workers each improvement step
// considers.
const candidates = 8

func (s *assignState) improve() {
	if len(s.wload) < 2 {
		return
	}
	maxSteps := 4*len(s.load) + 64
	light := make([]int32, 0, candidates+1)
	for range maxSteps {
		w := s.heavy.items[0]
		light = s.lightest(light[:0], w)
		best := step{peak: s.wload[w]}
		found := false
		for _, v := range light {
			if st, ok := s.bestStep(w, v); ok && (!found || st.better(best)) {
				best, found = st, true
			}
		}
		if !found {
			return
		}
		s.move(best.g, best.v)
		if best.h >= 0 {
			s.move(best.h, w)
		}
	}
}

// lightest appends the least loaded workers other than w, lightest first.
func (s *assignState) lightest(dst []int32, w int32) []int32 {
	var popped [candidates + 1]int32
	n := 0
	for n < len(popped) && s.light.Len() > 0 {
		popped[n] = heap.Pop(s.light).(int32)
		n++
	}
	for _, v := range popped[:n] {
		heap.Push(s.light, v)
		if v != w && len(dst) < candidates {
			dst = append(dst, v)
		}
	}
	return dst
}

// bestStep finds the best move or swap between the most loaded worker w
// and worker v that brings both loads below w's.
func (s *assignState) bestStep(w, v int32) (step, bool) {
	top, lv, cv := s.wload[w], s.wload[v], s.wcap[v]
	best := step{peak: top}
	found := false
	consider := func(st step) {
		if st.peak < top && (!found || st.better(best)) {
			best, found = st, true
		}
	}
	vs := s.served[v]
	for _, g := range s.served[w] {
		lg := s.load[g]
		if lv+lg <= cv {
			consider(step{peak: max(top-lg, lv+lg), g: g, v: v, h: -1})
		}
		// The best partner h has load near lg - (top-lv)/2, which evens the
		// two workers out; look at its neighbours in v's sorted grids.
		target := lg - (top-lv)/2
		i, _ := slices.BinarySearchFunc(vs, target, func(h int32, t int64) int { return cmp.Compare(s.load[h], t) })
		for _, j := range [...]int{i - 1, i} {
			if j < 0 || j >= len(vs) {
				continue
			}
			h := vs[j]
			d := lg - s.load[h]
			if d <= 0 || lv+d > cv {
				continue
			}
			consider(step{peak: max(top-d, lv+d), g: g, v: v, h: h})
		}
	}
	return best, found
}

// preferHomes moves grids to their home workers where that keeps within
// capacity and below the current maximum load.
func (s *assignState) preferHomes(gs []Grid, ws []Worker) {
	if len(ws) == 0 || len(gs) == 0 {
		return
	}
	homes := make(map[Code][]int32)
	for i, w := range ws {
		if w.Home != "" {
			homes[w.Home] = append(homes[w.Home], int32(i))
		}
	}
	if len(homes) == 0 {
		return
	}
	peak := s.wload[s.heavy.items[0]]
	for g := range gs {
		hs := homes[gs[g].Code]
		owner := s.owner[g]
		if len(hs) == 0 || slices.Contains(hs, owner) {
			continue
		}
		best := int32(-1)
		for _, h := range hs {
			l := s.wload[h] + s.load[g]
			if l <= peak && l <= s.wcap[h] && (best < 0 || s.wload[h] < s.wload[best]) {
				best = h
			}
		}
		if best >= 0 {
			s.move(int32(g), best)
			continue
		}
		if h, hw, ok := s.homeSwap(int32(g), hs, peak); ok {
			s.move(int32(g), hw)
			s.move(h, owner)
		}
	}
}

// homeSwap finds a grid h of one of the home workers hs of grid g that
// g's owner can take in exchange for g with both new loads within
// capacity and at most peak; the smaller larger load wins, ties by index.
func (s *assignState) homeSwap(g int32, hs []int32, peak int64) (h, hw int32, ok bool) {
	w := s.owner[g]
	best := int64(-1)
	for _, v := range hs {
		for _, c := range s.served[v] {
			lw := s.wload[w] - s.load[g] + s.load[c]
			lv := s.wload[v] - s.load[c] + s.load[g]
			if lw > min(peak, s.wcap[w]) || lv > min(peak, s.wcap[v]) {
				continue
			}
			if m := max(lw, lv); best < 0 || m < best {
				best, h, hw, ok = m, c, v, true
			}
		}
	}
	return h, hw, ok
}

func (s *assignState) result(gs []Grid, ws []Worker, total int64) Assignment {
	a := Assignment{
		Duties:  make([]Duty, len(gs)),
		Workers: make([]WorkerLoad, len(ws)),
	}
	for g, w := range s.owner {
		a.Duties[g] = Duty{Grid: gs[g].Code, Worker: ws[w].ID}
	}
	var peak int64
	for i, w := range ws {
		codes := make([]Code, len(s.served[i]))
		for j, g := range s.served[i] {
			codes[j] = gs[g].Code
		}
		slices.Sort(codes)
		a.Workers[i] = WorkerLoad{Worker: w.ID, Kind: w.Kind, Capacity: w.Capacity,
			Load: decimal.New(s.wload[i], -loadScale), Grids: codes}
		peak = max(peak, s.wload[i])
	}
	a.MaxLoad = decimal.New(peak, -loadScale)
	a.MeanLoad = decimal.Zero
	a.Ratio = decimal.Zero
	if len(ws) > 0 && total > 0 {
		n := decimal.NewFromInt(int64(len(ws)))
		sum := decimal.New(total, -loadScale)
		a.MeanLoad = sum.DivRound(n, loadScale)
		a.Ratio = a.MaxLoad.Mul(n).DivRound(sum, 4)
	}
	return a
}

// loadHeap is a binary heap of worker indices ordered by load (ascending,
// or descending when max is set), ties by index, that can restore order
// after one worker's load changes.
type loadHeap struct {
	items []int32
	pos   []int32 // position of each worker in items, -1 when absent
	load  []int64
	max   bool
}

func newLoadHeap(load []int64, isMax bool) *loadHeap {
	h := &loadHeap{items: make([]int32, len(load)), pos: make([]int32, len(load)), load: load, max: isMax}
	h.reset()
	return h
}

// reset puts every worker back and rebuilds the order.
func (h *loadHeap) reset() {
	h.items = h.items[:0]
	for i := range h.pos {
		h.items = append(h.items, int32(i))
		h.pos[i] = int32(i)
	}
	heap.Init(h)
}

func (h *loadHeap) fix(w int32) {
	if p := h.pos[w]; p >= 0 {
		heap.Fix(h, int(p))
	}
}

func (h *loadHeap) Len() int { return len(h.items) }

func (h *loadHeap) Less(i, j int) bool {
	a, b := h.items[i], h.items[j]
	if la, lb := h.load[a], h.load[b]; la != lb {
		return (la < lb) != h.max
	}
	return a < b
}

func (h *loadHeap) Swap(i, j int) {
	h.items[i], h.items[j] = h.items[j], h.items[i]
	h.pos[h.items[i]] = int32(i)
	h.pos[h.items[j]] = int32(j)
}

func (h *loadHeap) Push(x any) {
	w := x.(int32)
	h.pos[w] = int32(len(h.items))
	h.items = append(h.items, w)
}

func (h *loadHeap) Pop() any {
	n := len(h.items) - 1
	w := h.items[n]
	h.items = h.items[:n]
	h.pos[w] = -1
	return w
}
