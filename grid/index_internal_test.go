package grid

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStoredStatesMatchTheRule checks the tables NewIndex builds: every
// state stored for a cell without edges or for a stretch along a cell's
// east side equals the set of grids that contain its sample point by the
// half-open rule, computed from scratch.
func TestStoredStatesMatchTheRule(t *testing.T) {
	cases := map[string][]Grid{
		"tiling":          newTiling(*seedFlag, 7, 6, 6, 120.6, 27.95, 0.004).grids,
		"random polygons": randomStars(*seedFlag, 30),
	}
	for name, grids := range cases {
		ix, err := NewIndex(grids, IndexOptions{})
		require.NoError(t, err, name)
		for j := range ix.ny {
			for i := range ix.nx {
				c := ix.cellAt(j*ix.nx + i)
				x := ix.colX[i+1]
				if c.nEdge == 0 {
					p := Point{x, (ix.rowY[j] + ix.rowY[j+1]) / 2}
					require.Equal(t, containing(grids, p), ix.stateCodes(c.start), "%s: cell %d,%d", name, i, j)
					continue
				}
				b := ix.blk[c.start:]
				var hs []float64
				for k := range int(c.nStretch) - 1 {
					hs = append(hs, f64(b[k*stretchWords]))
				}
				for _, h := range hs {
					assert.True(t, h >= ix.rowY[j]-ix.margin && h <= ix.rowY[j+1]+ix.margin, "%s: cell %d,%d stretch end %v outside the row", name, i, j, h)
				}
				for k := range int(c.nStretch) {
					p := Point{x, stretchSample(hs, k, ix.rowY[j], ix.rowY[j+1])}
					require.Equal(t, containing(grids, p), ix.stateCodes(int32(int64(b[k*stretchWords+1]))), "%s: cell %d,%d stretch %d at %v", name, i, j, k, p)
				}
			}
		}
	}
}

// containing returns the sorted codes of the grids containing p by the
// half-open rule.
func containing(grids []Grid, p Point) []Code {
	out := []Code{}
	for _, g := range grids {
		if g.Boundary.ContainsHalfOpen(p) {
			out = append(out, g.Code)
		}
	}
	slices.Sort(out)
	return out
}

func (ix *Index) stateCodes(s int32) []Code {
	out := []Code{}
	switch {
	case s >= 0:
		out = append(out, ix.codes[s])
	case s < stateNone:
		k := -2 - s
		for _, id := range ix.sets[ix.setStart[k]:ix.setStart[k+1]] {
			out = append(out, ix.codes[id])
		}
	}
	slices.Sort(out)
	return out
}
