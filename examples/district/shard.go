package main

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/grassrootsgov/grassroots/grid"
)

// The year is simulated in parts that run side by side, as a district's
// communities each work the matters of their own grids. Each part holds
// whole communities (a repeat report goes with the matter it repeats, so
// the duplicate search finds it; two matters of neighbouring communities
// are not searched against each other), its own generator, agenda, overdue
// sweeps and duplicate index, and decides its matters in time order. The
// parts meet at the end of every simulated day: their events go to the
// sink and their settled matters to the fold part after part, in part
// order, so the output is the same whatever the number of processors.
//
// The number of parts is fixed, not the number of processors, so that
// the run gives the same answer on every machine.
const simParts = 4

// partStream is the stream of the first part's generator, seeded with
// the run's seed; the k-th part's stream is partStream+k. The parts draw
// nothing from the district's generator, whose later draws (providers,
// ratings, risks) stay those of the seed.
const partStream = 0x70617274_00000000 // "part"

// splitParts shares the matters out over simParts parts of whole
// communities, balancing their numbers of matters, and returns the parts,
// each a world of its own over the shared scripts and per-matter slices
// (which the parts touch only at their own matters' indices).
func (w *world) splitParts() []*world {
	communityOf := make([]int, len(w.h.leaves))
	communityIndex := map[grid.Code]int{}
	for i, g := range w.h.leaves {
		c := w.communityOf(g.Code)
		k, ok := communityIndex[c]
		if !ok {
			k = len(communityIndex)
			communityIndex[c] = k
		}
		communityOf[i] = k
	}
	// A matter's community is its grid's, or that of the matter it
	// repeats.
	community := make([]int32, len(w.scripts))
	count := make([]int, len(communityIndex))
	for i := range w.scripts {
		sc := &w.scripts[i]
		if sc.duplicateOf >= 0 {
			community[i] = community[sc.duplicateOf]
		} else {
			community[i] = int32(communityOf[sc.leaf])
		}
		count[community[i]]++
	}
	// The largest communities first, each to the part with fewest matters.
	order := make([]int, len(count))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(count[b], count[a]) })
	partOf := make([]int, len(count))
	load := make([]int, simParts)
	for _, c := range order {
		p := 0
		for k := 1; k < simParts; k++ {
			if load[k] < load[p] {
				p = k
			}
		}
		partOf[c] = p
		load[p] += count[c]
	}

	parts := make([]*world, simParts)
	for k := range parts {
		p := new(world)
		*p = *w
		p.rng = rand.New(rand.NewPCG(w.seed, partStream+uint64(k)))
		p.agenda, p.seq, p.open, p.views, p.viewOf, p.dupIndex, p.dupDay = nil, 0, nil, nil, nil, nil, 0
		p.batch, p.dueIdx, p.spare, p.settled = nil, nil, nil, nil
		p.commands, p.refused, p.eventCount = 0, 0, 0
		p.refusals = map[string]int{}
		p.actors = newActors(len(w.h.leaves))
		p.routes = make([]route, len(w.routes))
		p.due = newDueQueue(w.due.policy, len(w.scripts))
		p.reports = make([]int32, 0, load[k])
		if w.sink != nil {
			p.sink = &eventSink{}
		}
		parts[k] = p
	}
	for _, i := range w.reports {
		p := parts[partOf[community[i]]]
		p.reports = append(p.reports, i)
	}
	return parts
}

// run executes the reports, in time order, and the agenda of follow-up
// steps to the end of the year and a month beyond, so matters reported in
// December can close, each part on its own goroutine, a day at a time.
func (w *world) run(progress func(done, total int)) {
	loc := w.calendar.Location()
	start := time.Date(w.year, 1, 1, 0, 0, 0, 0, loc)
	end := time.Date(w.year+1, 2, 1, 0, 0, 0, 0, loc)
	parts := w.splitParts()
	for _, p := range parts {
		p.nextSweep = nextSweepAfter(start)
	}
	fo := startFolder(w.fold)
	total := len(w.scripts)
	every := max(1, total/10)
	shown := 0
	for day := start; ; day = day.AddDate(0, 0, 1) {
		last := !day.Before(end)
		until := int64(math.MaxInt64)
		if !last {
			until = day.AddDate(0, 0, 1).UnixNano()
		}
		var wg sync.WaitGroup
		for _, p := range parts {
			wg.Go(func() { p.runUntil(until, end) })
		}
		wg.Wait()
		reported := 0
		for _, p := range parts {
			reported += p.reported
			if w.sink != nil {
				for _, it := range p.sink.buf {
					w.sink.push(it)
				}
				clear(p.sink.buf)
				p.sink.buf = p.sink.buf[:0]
			}
			for i := range p.settled {
				fo.add(&p.settled[i])
			}
			clear(p.settled)
			p.settled = p.settled[:0]
		}
		for ; progress != nil && (shown+1)*every <= reported; shown++ {
			progress((shown+1)*every, total)
		}
		if last {
			break
		}
	}
	for _, p := range parts {
		w.commands += p.commands
		w.refused += p.refused
		w.eventCount += p.eventCount
		for k, n := range p.refusals {
			w.refusals[k] += n
		}
	}
	if err := fo.close(); w.foldErr == nil {
		w.foldErr = err
	}
}

// runUntil runs the part's steps due before until (Unix nanoseconds; the
// largest value for the rest of the run), with the overdue sweeps due
// before each; at the end of the run it settles the part's matters.
func (w *world) runUntil(until int64, end time.Time) {
	for {
		var at int64
		report := w.reported < len(w.reports) && (len(w.agenda) == 0 || w.agenda[0].at >= w.scripts[w.reports[w.reported]].at)
		switch {
		case report:
			at = w.scripts[w.reports[w.reported]].at
		case len(w.agenda) > 0:
			at = w.agenda[0].at
		default:
			at = math.MaxInt64
		}
		if at >= until || at == math.MaxInt64 {
			break
		}
		var next step
		if report {
			i := int(w.reports[w.reported])
			next = step{at: w.reportAt(i), idx: i, act: actReport}
			w.reported++
		} else {
			s := w.agenda.pop()
			next = step{at: time.Unix(0, s.at).In(w.calendar.Location()), idx: int(s.idx), act: s.act}
			w.pending[next.idx]--
		}
		for !w.nextSweep.After(next.at) && w.nextSweep.Before(end) {
			w.sweep(w.nextSweep)
			w.nextSweep = nextSweepAfter(w.nextSweep)
		}
		if !next.at.After(end) {
			w.step(next)
		}
		w.settleIfFinal(next.idx)
	}
	if until == math.MaxInt64 {
		for _, idx := range slices.Sorted(slices.Values(w.reports)) {
			w.settle(int(idx))
		}
	}
}
