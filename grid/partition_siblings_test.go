package grid_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/grid"
)

func sib(code string, parts ...grid.Polygon) grid.Grid {
	return grid.Grid{Code: grid.Code(code), Level: grid.LevelGrid, Kind: grid.KindGeneral, CRS: grid.WGS84, Boundary: grid.MultiPolygon(parts)}
}

func TestCheckSiblingsOfATilingReportsNothing(t *testing.T) {
	tl := newPartTiling(rand.New(rand.NewPCG(*partitionSeed, 50)), 6, 3)
	rep := grid.CheckSiblings(tl.children(), grid.PartitionOptions{})
	assert.True(t, rep.OK(), "a tiling without its parent: %+v", rep)
}

func TestCheckSiblingsReportsOverlapsAndEnclosedGapsOnly(t *testing.T) {
	ring := func(pts ...float64) grid.Ring {
		var r grid.Ring
		for i := 0; i+1 < len(pts); i += 2 {
			r = append(r, grid.Point{Lng: pts[i], Lat: pts[i+1]})
		}
		return append(r, r[0])
	}
	// A 3×3 block of cells 1/128° wide near Wenzhou (binary fractions, so
	// neighbours share their corners exactly) with the centre cell left
	// out: the ring of eight encloses a gap of one cell.
	cell := func(i, j int) grid.Grid {
		const d = 1.0 / 128
		x, y := 120.5+float64(i)*d, 28.0+float64(j)*d
		return sib(fmt.Sprintf("c%d%d", i, j), grid.Polygon{rect(x, y, x+d, y+d)})
	}
	var ringOfEight []grid.Grid
	for i := range 3 {
		for j := range 3 {
			if i != 1 || j != 1 {
				ringOfEight = append(ringOfEight, cell(i, j))
			}
		}
	}
	centre := cell(1, 1).Boundary
	bay := sib("bay", grid.Polygon{ring(0, 0, 3, 0, 3, 1, 1, 1, 1, 2, 3, 2, 3, 3, 0, 3)})
	lake := sib("lake", grid.Polygon{rect(10, 0, 16, 6), rect(11, 1, 15, 5)})

	tests := []struct {
		name     string
		children []grid.Grid
		overlaps [][]grid.Code
		gaps     []float64 // areas, compared with the area of the hole
	}{
		{name: "eight cells around a missing one: the hole is a gap", children: ringOfEight,
			gaps: []float64{centre.Area()}},
		{name: "seven cells: the missing ones open onto the outside", children: ringOfEight[1:]},
		{name: "an island in a bay of its neighbour, apart from it: no gap", children: []grid.Grid{bay,
			sib("isle", grid.Polygon{rect(2, 1.2, 2.5, 1.8)}), sib("isle2", grid.Polygon{rect(1.5, 1.3, 1.8, 1.7)})}},
		{name: "a lake with an island: the water is a gap", children: []grid.Grid{lake, sib("isle", grid.Polygon{rect(12, 2, 14, 4)})},
			gaps: []float64{grid.MultiPolygon{{rect(11, 1, 15, 5)}}.Area() - grid.MultiPolygon{{rect(12, 2, 14, 4)}}.Area()}},
		{name: "two cells overlapping, nothing around them is a gap",
			children: []grid.Grid{sib("a", grid.Polygon{rect(0, 0, 2, 2)}), sib("b", grid.Polygon{rect(1, 1, 3, 3)})},
			overlaps: [][]grid.Code{{"a", "b"}}},
		{name: "an island cell over the lake's water and shore",
			children: []grid.Grid{lake, sib("isle", grid.Polygon{rect(10.5, 2, 14, 4)})},
			overlaps: [][]grid.Code{{"isle", "lake"}},
			gaps:     []float64{grid.MultiPolygon{{rect(11, 1, 15, 5)}}.Area() - grid.MultiPolygon{{rect(11, 2, 14, 4)}}.Area()}},
	}
	for _, tt := range tests {
		for _, order := range []string{"given", "reversed"} {
			kids := slices.Clone(tt.children)
			if order == "reversed" {
				slices.Reverse(kids)
			}
			rep := grid.CheckSiblings(kids, grid.PartitionOptions{})
			name := tt.name + " (" + order + ")"
			assert.Empty(t, rep.Invalid, name)
			assert.Empty(t, rep.Outside, "%s: nothing is outside a parent not given", name)
			assert.Empty(t, rep.Slivers, name)
			var overlaps [][]grid.Code
			for _, o := range rep.Overlaps {
				overlaps = append(overlaps, o.Codes)
			}
			assert.Equal(t, tt.overlaps, overlaps, "%s: overlaps", name)
			if assert.Len(t, rep.Gaps, len(tt.gaps), "%s: gaps %+v", name, rep.Gaps) {
				for i, want := range tt.gaps {
					assert.InEpsilon(t, want, rep.Gaps[i].Area, 1e-9, "%s: gap %d area", name, i)
					for _, k := range kids {
						assert.False(t, k.Boundary.Covers(rep.Gaps[i].Witness), "%s: gap witness %v is in %s", name, rep.Gaps[i].Witness, k.Code)
					}
				}
			}
		}
	}
}

// TestCheckSiblingsAgreesWithCheckPartition damages random tilings and
// checks them with and without their parent: the overlaps (and overlap
// slivers) are the same, nothing is outside, and every gap the siblings
// enclose is one CheckPartition reports too, with the same area.
func TestCheckSiblingsAgreesWithCheckPartition(t *testing.T) {
	t.Logf("seed %d", *partitionSeed)
	for trial := range 30 {
		r := rand.New(rand.NewPCG(*partitionSeed, uint64(300+trial)))
		tl := newPartTiling(r, 5, 3)
		kids := tl.children()
		for range 1 + r.IntN(4) {
			i := r.IntN(len(kids))
			p := 1 + r.IntN(len(kids[i].Boundary[0][0])-2)
			moved, _ := partDisplace(kids[i], p, (r.Float64()-0.5)*0.8*tl.side, (r.Float64()-0.5)*0.8*tl.side)
			if moved.Validate() == nil {
				kids[i] = moved
			}
		}
		if r.IntN(3) == 0 {
			kids = slices.Delete(kids, 12, 13) // the centre: an enclosed hole
		}
		full := grid.CheckPartition(tl.parent(), kids, grid.PartitionOptions{})
		alone := grid.CheckSiblings(kids, grid.PartitionOptions{})
		require.Empty(t, alone.Invalid, "trial %d", trial)
		assert.Equal(t, full.Overlaps, alone.Overlaps, "trial %d: overlaps", trial)
		assert.Equal(t, overlapsOf(full.Slivers), overlapsOf(alone.Slivers), "trial %d: overlap slivers", trial)
		assert.Empty(t, alone.Outside, "trial %d", trial)
		fullGaps := gapsOf(slices.Concat(full.Gaps, full.Slivers))
		for _, g := range gapsOf(slices.Concat(alone.Gaps, alone.Slivers)) {
			// The sweeps cut the area into different strips, so areas agree
			// to rounding only.
			i := slices.IndexFunc(fullGaps, func(f grid.Finding) bool { return math.Abs(f.Area-g.Area) <= 1e-9*g.Area })
			assert.GreaterOrEqual(t, i, 0, "trial %d: enclosed gap %+v is a gap of the partition %+v", trial, g, fullGaps)
		}
		if partIndex(kids, partCode(2, 2)) < 0 {
			assert.NotEmpty(t, alone.Gaps, "trial %d: the missing centre is enclosed", trial)
		}
	}
}

func overlapsOf(fs []grid.Finding) []grid.Finding {
	return slices.DeleteFunc(slices.Clone(fs), func(f grid.Finding) bool { return f.Defect != grid.DefectOverlap })
}

func gapsOf(fs []grid.Finding) []grid.Finding {
	return slices.DeleteFunc(slices.Clone(fs), func(f grid.Finding) bool { return f.Defect != grid.DefectGap })
}

func TestCheckSiblingsRefusesMixedSystems(t *testing.T) {
	a := sib("a", grid.Polygon{rect(0, 0, 1, 1)})
	b := sib("b", grid.Polygon{rect(1, 0, 2, 1)})
	b.CRS = grid.GCJ02
	bad := sib("bad", grid.Polygon{{{Lng: 0, Lat: 0}, {Lng: 1, Lat: 1}}})
	rep := grid.CheckSiblings([]grid.Grid{bad, a, b}, grid.PartitionOptions{})
	require.Len(t, rep.Invalid, 2)
	assert.Equal(t, 0, rep.Invalid[0].Index, "the invalid grid")
	assert.Equal(t, 2, rep.Invalid[1].Index, "the grid in another system than the first valid one")
	assert.ErrorIs(t, rep.Invalid[1].Err, grid.ErrMixedCRS)
}

func BenchmarkCheckSiblings(b *testing.B) {
	// The tiling of BenchmarkCheckPartition without its parent: the outer
	// border of the 10,000 grids is swept instead of cancelling.
	kids := newPartTiling(rand.New(rand.NewPCG(1, 1)), 100, 15).children()
	b.Run("grids=10000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if rep := grid.CheckSiblings(kids, grid.PartitionOptions{}); !rep.OK() {
				b.Fatal("a tiling reported defects")
			}
		}
	})
}
