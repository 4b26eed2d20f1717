package grid

import (
	"math"
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

// TestLocateOnLatticeLinesAndStretchEnds queries the points the index
// treats specially: points exactly on lattice lines (and one float64 step
// either side), and points at the latitude of a stretch end, which are
// answered by walking east through further cells.
func TestLocateOnLatticeLinesAndStretchEnds(t *testing.T) {
	for name, grids := range map[string][]Grid{
		"tiling":          newTiling(*seedFlag, 6, 5, 4, 120.6, 27.95, 0.004).grids,
		"random polygons": randomStars(*seedFlag, 25),
	} {
		ix, err := NewIndex(grids, IndexOptions{})
		require.NoError(t, err, name)
		ref := newReference(grids)
		var pts []Point
		for j := range ix.ny {
			for i := range ix.nx {
				c := ix.cellAt(j*ix.nx + i)
				x0, x1 := ix.colX[i], ix.colX[i+1]
				y0 := ix.rowY[j]
				for _, x := range []float64{x0, math.Nextafter(x0, math.Inf(-1)), math.Nextafter(x0, math.Inf(1)), (x0 + x1) / 2} {
					pts = append(pts, Point{x, y0}, Point{x, math.Nextafter(y0, math.Inf(1))}, Point{x, (y0 + ix.rowY[j+1]) / 2})
				}
				if c.nEdge == 0 {
					continue
				}
				b := ix.blk[c.start:]
				for k := range int(c.nStretch) - 1 {
					h := f64(b[k*stretchWords])
					pts = append(pts, Point{(x0 + x1) / 2, h}, Point{x0, h}, Point{math.Nextafter(x1, math.Inf(-1)), h})
				}
			}
		}
		for _, p := range pts {
			want, wantOK := ref.locate(p)
			got, ok := ix.Locate(p)
			if !assert.Equal(t, wantOK, ok, "%s: %v found", name, p) || !assert.Equal(t, want, got, "%s: owner of %v", name, p) {
				break
			}
		}
	}
}
