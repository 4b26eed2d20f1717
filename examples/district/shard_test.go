package main

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/grid"
)

// The parts share the matters out whole communities at a time, every
// matter to exactly one part in report order, a repeat report to the part
// of the matter it repeats, and their sizes stay close.
func TestPartsHoldWholeCommunities(t *testing.T) {
	base := small(t).res.fold.w
	w := &world{rng: rand.New(rand.NewPCG(7, 11)), seed: 7, h: base.h, tree: base.tree, index: base.index, year: base.year,
		calendar: base.calendar, catalog: base.catalog, providers: base.providers, due: base.due, refusals: map[string]int{}}
	w.generateIncidents(6000)
	parts := w.splitParts()
	require.Len(t, parts, simParts)

	partOf := make([]int, len(w.scripts))
	for i := range partOf {
		partOf[i] = -1
	}
	partOfCommunity := map[grid.Code]int{}
	sizes := make([]int, len(parts))
	for k, p := range parts {
		assert.NotSame(t, w.rng, p.rng, "part %d has a generator of its own", k)
		for j, idx := range p.reports {
			require.Equal(t, -1, partOf[idx], "matter %d is in one part only", idx)
			partOf[idx] = k
			if j > 0 {
				assert.LessOrEqual(t, w.scripts[p.reports[j-1]].at, w.scripts[idx].at, "part %d reports in time order", k)
			}
		}
		sizes[k] = len(p.reports)
	}
	for idx, sc := range w.scripts {
		require.NotEqual(t, -1, partOf[idx], "matter %d is in a part", idx)
		if sc.duplicateOf >= 0 {
			assert.Equal(t, partOf[sc.duplicateOf], partOf[idx], "repeat %d goes with matter %d", idx, sc.duplicateOf)
			continue
		}
		c := w.communityOf(w.h.leaves[sc.leaf].Code)
		if k, seen := partOfCommunity[c]; seen {
			assert.Equal(t, k, partOf[idx], "community %s is in one part", c)
		} else {
			partOfCommunity[c] = partOf[idx]
		}
	}
	assert.Len(t, partOfCommunity, len(w.h.communities), "every community has matters")
	for k, n := range sizes {
		// The small district's four communities, one to a part.
		assert.InDelta(t, len(w.scripts)/simParts, n, float64(len(w.scripts))/4, "part %d: %d matters", k, n)
	}
}
