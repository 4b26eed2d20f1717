package grid_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
)

var partitionSeed = flag.Uint64("partition.seed", 20261127, "seed for the jittered tilings of the partition tests")

// partTiling is an n×n jittered lattice of quadrilateral grids near Wenzhou
// whose neighbours share every vertex bit for bit: each lattice edge is
// computed once, densified with k jittered points, and used forwards by
// one grid and backwards by the other. The parent is the outline through
// the same border points.
type partTiling struct {
	n, k   int
	side   float64
	corner [][]grid.Point   // [i][j], i east, j north
	hEdge  [][][]grid.Point // hEdge[i][j]: corner[i][j] → corner[i+1][j], with ends
	vEdge  [][][]grid.Point // vEdge[i][j]: corner[i][j] → corner[i][j+1], with ends
}

func newPartTiling(r *rand.Rand, n, k int) *partTiling {
	t := &partTiling{n: n, k: k, side: 0.003}
	jit := func(scale float64) float64 { return (r.Float64() - 0.5) * 2 * scale }
	t.corner = make([][]grid.Point, n+1)
	for i := range t.corner {
		t.corner[i] = make([]grid.Point, n+1)
		for j := range t.corner[i] {
			t.corner[i][j] = grid.Point{
				Lng: 120.5 + float64(i)*t.side + jit(0.2*t.side),
				Lat: 27.9 + float64(j)*t.side + jit(0.2*t.side),
			}
		}
	}
	densify := func(a, b grid.Point) []grid.Point {
		pts := []grid.Point{a}
		for s := 1; s <= k; s++ {
			f := float64(s) / float64(k+1)
			pts = append(pts, grid.Point{
				Lng: a.Lng + f*(b.Lng-a.Lng) + jit(0.25*t.side/float64(k+1)),
				Lat: a.Lat + f*(b.Lat-a.Lat) + jit(0.25*t.side/float64(k+1)),
			})
		}
		return append(pts, b)
	}
	t.hEdge = make([][][]grid.Point, n)
	for i := range n {
		t.hEdge[i] = make([][]grid.Point, n+1)
		for j := range n + 1 {
			t.hEdge[i][j] = densify(t.corner[i][j], t.corner[i+1][j])
		}
	}
	t.vEdge = make([][][]grid.Point, n+1)
	for i := range n + 1 {
		t.vEdge[i] = make([][]grid.Point, n)
		for j := range n {
			t.vEdge[i][j] = densify(t.corner[i][j], t.corner[i][j+1])
		}
	}
	return t
}

// path appends pts (forwards or backwards) without its last point.
func partPath(dst grid.Ring, pts []grid.Point, forward bool) grid.Ring {
	if !forward {
		pts = slices.Clone(pts)
		slices.Reverse(pts)
	}
	return append(dst, pts[:len(pts)-1]...)
}

func partCode(i, j int) grid.Code { return grid.Code(fmt.Sprintf("G%03d-%03d", i, j)) }

func (t *partTiling) child(i, j int) grid.Grid {
	var r grid.Ring
	r = partPath(r, t.hEdge[i][j], true)
	r = partPath(r, t.vEdge[i+1][j], true)
	r = partPath(r, t.hEdge[i][j+1], false)
	r = partPath(r, t.vEdge[i][j], false)
	r = append(r, r[0])
	return grid.Grid{Code: partCode(i, j), Parent: "P", Level: grid.LevelGrid, Kind: grid.KindGeneral, CRS: grid.GCJ02,
		Households: 400, Boundary: grid.MultiPolygon{{r}}}
}

func (t *partTiling) children() []grid.Grid {
	var gs []grid.Grid
	for i := range t.n {
		for j := range t.n {
			gs = append(gs, t.child(i, j))
		}
	}
	return gs
}

func (t *partTiling) parent() grid.Grid {
	var r grid.Ring
	for i := range t.n {
		r = partPath(r, t.hEdge[i][0], true)
	}
	for j := range t.n {
		r = partPath(r, t.vEdge[t.n][j], true)
	}
	for i := t.n - 1; i >= 0; i-- {
		r = partPath(r, t.hEdge[i][t.n], false)
	}
	for j := t.n - 1; j >= 0; j-- {
		r = partPath(r, t.vEdge[0][j], false)
	}
	r = append(r, r[0])
	return grid.Grid{Code: "P", Level: grid.LevelCommunity, Kind: grid.KindGeneral, CRS: grid.GCJ02, Boundary: grid.MultiPolygon{{r}}}
}

// find returns the index of the child with code c.
func partIndex(gs []grid.Grid, c grid.Code) int {
	return slices.IndexFunc(gs, func(g grid.Grid) bool { return g.Code == c })
}

// displace returns a copy of g with position p of its exterior ring
// moved by (dx, dy), and the area in m² swept by the move.
func partDisplace(g grid.Grid, p int, dx, dy float64) (grid.Grid, float64) {
	before := g.Boundary.Area()
	r := slices.Clone(g.Boundary[0][0])
	r[p] = grid.Point{Lng: r[p].Lng + dx, Lat: r[p].Lat + dy}
	g.Boundary = grid.MultiPolygon{{r}}
	return g, math.Abs(g.Boundary.Area() - before)
}

func partStrictlyInside(m grid.MultiPolygon, p grid.Point) bool {
	return m.ContainsHalfOpen(p) && !m.OnBoundary(p)
}

func TestCheckPartitionFindsNothingInAJitteredTiling(t *testing.T) {
	t.Logf("seed %d", *partitionSeed)
	for trial := range 3 {
		tl := newPartTiling(rand.New(rand.NewPCG(*partitionSeed, uint64(trial))), 12, 7)
		rep := grid.CheckPartition(tl.parent(), tl.children(), grid.PartitionOptions{})
		assert.True(t, rep.OK(), "trial %d: a partTiling sharing vertices bit for bit has no finding: %+v", trial, rep)
	}
}

func TestCheckPartitionFindsEachDefectExactly(t *testing.T) {
	t.Logf("seed %d", *partitionSeed)
	tl := newPartTiling(rand.New(rand.NewPCG(*partitionSeed, 10)), 10, 7)
	kids := tl.children()
	k := tl.k
	// Ring positions: the bottom edge's inner points are 1..k, the right
	// edge's k+2..2k+1, the top edge's 2k+3..3k+2, the left edge's
	// 3k+4..4k+3.
	right := k + 2 + k/2
	bottom := 1 + k/2
	s := tl.side

	// Overlap: G002-002 pushes a point of its east edge 0.3 sides into
	// G003-002.
	over := partIndex(kids, partCode(2, 2))
	var overTri float64
	kids[over], overTri = partDisplace(kids[over], right, 0.3*s, 0)
	// Gap: G005-005 pulls a point of its east edge 0.3 sides inwards.
	gap := partIndex(kids, partCode(5, 5))
	gapOld := kids[gap]
	var gapTri float64
	kids[gap], gapTri = partDisplace(kids[gap], right, -0.3*s, 0)
	// Outside: G007-000 pushes a point of its south edge, on the parent's
	// border, 0.2 sides out.
	out := partIndex(kids, partCode(7, 0))
	var outTri float64
	kids[out], outTri = partDisplace(kids[out], bottom, 0, -0.2*s)
	// Sliver: G000-008 pushes a point of its east edge 5e-8° (about 5 mm)
	// into G001-008.
	sl := partIndex(kids, partCode(0, 8))
	var slTri float64
	kids[sl], slTri = partDisplace(kids[sl], right, 5e-8, 0)
	for _, i := range []int{over, gap, out, sl} {
		require.NoError(t, kids[i].Validate(), "displaced %s still valid", kids[i].Code)
	}

	rep := grid.CheckPartition(tl.parent(), kids, grid.PartitionOptions{})
	assert.Empty(t, rep.Invalid)

	require.Len(t, rep.Overlaps, 1, "one overlap: %+v", rep.Overlaps)
	o := rep.Overlaps[0]
	assert.Equal(t, []grid.Code{partCode(2, 2), partCode(3, 2)}, o.Codes)
	assert.InEpsilon(t, overTri, o.Area, 1e-4, "overlap area is the swept triangle")
	assert.True(t, partStrictlyInside(kids[over].Boundary, o.Witness) && partStrictlyInside(kids[partIndex(kids, partCode(3, 2))].Boundary, o.Witness),
		"witness %v strictly inside both", o.Witness)

	require.Len(t, rep.Gaps, 1, "one gap: %+v", rep.Gaps)
	g := rep.Gaps[0]
	assert.Empty(t, g.Codes)
	assert.InEpsilon(t, gapTri, g.Area, 1e-4, "gap area is the swept triangle")
	assert.True(t, partStrictlyInside(gapOld.Boundary, g.Witness), "gap witness %v inside the area the grid gave up", g.Witness)
	for _, c := range kids {
		assert.False(t, c.Boundary.Covers(g.Witness), "gap witness %v not in %s", g.Witness, c.Code)
	}

	require.Len(t, rep.Outside, 1, "one child outside: %+v", rep.Outside)
	assert.Equal(t, []grid.Code{partCode(7, 0)}, rep.Outside[0].Codes)
	assert.InEpsilon(t, outTri, rep.Outside[0].Area, 1e-4, "outside area is the swept triangle")
	assert.False(t, tl.parent().Boundary.Covers(rep.Outside[0].Witness), "outside witness outside the parent")
	assert.True(t, partStrictlyInside(kids[out].Boundary, rep.Outside[0].Witness), "outside witness inside the child")

	require.Len(t, rep.Slivers, 1, "one sliver: %+v", rep.Slivers)
	v := rep.Slivers[0]
	assert.Equal(t, grid.DefectOverlap, v.Defect)
	assert.Equal(t, []grid.Code{partCode(0, 8), partCode(1, 8)}, v.Codes)
	assert.Less(t, v.Area, grid.DefaultSliverArea)
	assert.InEpsilon(t, slTri, v.Area, 1e-3, "sliver area is the swept triangle")

	t.Run("a negative sliver area reports slivers in their own list", func(t *testing.T) {
		rep := grid.CheckPartition(tl.parent(), kids, grid.PartitionOptions{SliverArea: -1})
		assert.Empty(t, rep.Slivers)
		assert.Len(t, rep.Overlaps, 2)
	})
}

func TestCheckPartitionSharedEdgesAndVertices(t *testing.T) {
	sq := func(code grid.Code, pts ...float64) grid.Grid {
		var r grid.Ring
		for i := 0; i+1 < len(pts); i += 2 {
			r = append(r, grid.Point{Lng: pts[i], Lat: pts[i+1]})
		}
		return grid.Grid{Code: code, Level: grid.LevelGrid, Kind: grid.KindGeneral, CRS: grid.WGS84, Boundary: grid.MultiPolygon{{r}}}
	}
	parent := sq("P", 0, 0, 2, 0, 2, 2, 0, 2, 0, 0)
	parent.Level = grid.LevelCommunity
	tests := []struct {
		name     string
		parent   grid.Grid
		children []grid.Grid
	}{
		{name: "four squares meeting at one vertex", parent: parent, children: []grid.Grid{
			sq("a", 0, 0, 1, 0, 1, 1, 0, 1, 0, 0), sq("b", 1, 0, 2, 0, 2, 1, 1, 1, 1, 0),
			sq("c", 0, 1, 1, 1, 1, 2, 0, 2, 0, 1), sq("d", 1, 1, 2, 1, 2, 2, 1, 2, 1, 1)}},
		{name: "T-junction: a vertex in the middle of a neighbour's edge", parent: parent, children: []grid.Grid{
			sq("left", 0, 0, 1, 0, 1, 2, 0, 2, 0, 0),
			sq("low", 1, 0, 2, 0, 2, 1, 1, 1, 1, 0), sq("high", 1, 1, 2, 1, 2, 2, 1, 2, 1, 1)}},
		{name: "clockwise rings", parent: sq("P", 0, 0, 0, 2, 2, 2, 2, 0, 0, 0), children: []grid.Grid{
			sq("a", 0, 0, 0, 2, 1, 2, 1, 0, 0, 0), sq("b", 1, 0, 1, 2, 2, 2, 2, 0, 1, 0)}},
		{name: "triangles fanning around a shared vertex", parent: parent, children: []grid.Grid{
			sq("s", 0, 0, 2, 0, 1, 1, 0, 0), sq("e", 2, 0, 2, 2, 1, 1, 2, 0),
			sq("n", 2, 2, 0, 2, 1, 1, 2, 2), sq("w", 0, 2, 0, 0, 1, 1, 0, 2)}},
	}
	for _, tt := range tests {
		rep := grid.CheckPartition(tt.parent, tt.children, grid.PartitionOptions{})
		assert.True(t, rep.OK(), "%s: %+v", tt.name, rep)
	}

	t.Run("a hole in the parent filled by a child is outside", func(t *testing.T) {
		holed := parent
		holed.Boundary = grid.MultiPolygon{{parent.Boundary[0][0], {{Lng: 0.5, Lat: 0.5}, {Lng: 0.5, Lat: 1.5}, {Lng: 1.5, Lat: 1.5}, {Lng: 1.5, Lat: 0.5}, {Lng: 0.5, Lat: 0.5}}}}
		ring := sq("ring", 0, 0, 2, 0, 2, 2, 0, 2, 0, 0)
		ring.Boundary = holed.Boundary
		rep := grid.CheckPartition(holed, []grid.Grid{ring}, grid.PartitionOptions{})
		assert.True(t, rep.OK(), "a child with the parent's hole: %+v", rep)

		plug := sq("plug", 0.5, 0.5, 1.5, 0.5, 1.5, 1.5, 0.5, 1.5, 0.5, 0.5)
		rep = grid.CheckPartition(holed, []grid.Grid{ring, plug}, grid.PartitionOptions{})
		require.Len(t, rep.Outside, 1, "%+v", rep)
		assert.Equal(t, []grid.Code{"plug"}, rep.Outside[0].Codes)
		assert.InEpsilon(t, plug.Boundary.Area(), rep.Outside[0].Area, 1e-6)
		assert.Empty(t, rep.Overlaps)
		assert.Empty(t, rep.Gaps)
	})

	t.Run("a child with a hole and the child filling it", func(t *testing.T) {
		donut := sq("donut", 0, 0, 2, 0, 2, 2, 0, 2, 0, 0)
		hole := grid.Ring{{Lng: 0.5, Lat: 0.5}, {Lng: 0.5, Lat: 1.5}, {Lng: 1.5, Lat: 1.5}, {Lng: 1.5, Lat: 0.5}, {Lng: 0.5, Lat: 0.5}}
		donut.Boundary = grid.MultiPolygon{{donut.Boundary[0][0], hole}}
		core := sq("core", 0.5, 0.5, 1.5, 0.5, 1.5, 1.5, 0.5, 1.5, 0.5, 0.5)
		rep := grid.CheckPartition(parent, []grid.Grid{donut, core}, grid.PartitionOptions{})
		assert.True(t, rep.OK(), "%+v", rep)

		rep = grid.CheckPartition(parent, []grid.Grid{donut}, grid.PartitionOptions{})
		require.Len(t, rep.Gaps, 1, "the empty hole is a gap: %+v", rep)
		assert.InEpsilon(t, core.Boundary.Area(), rep.Gaps[0].Area, 1e-6)
		assert.True(t, partStrictlyInside(core.Boundary, rep.Gaps[0].Witness))
	})

	t.Run("an island part of one child inside another child overlaps it", func(t *testing.T) {
		a, b := sq("a", 0, 0, 1, 0, 1, 2, 0, 2, 0, 0), sq("b", 1, 0, 2, 0, 2, 2, 1, 2, 1, 0)
		island := grid.Polygon{{{Lng: 1.2, Lat: 1.2}, {Lng: 1.4, Lat: 1.2}, {Lng: 1.4, Lat: 1.4}, {Lng: 1.2, Lat: 1.4}, {Lng: 1.2, Lat: 1.2}}}
		a.Boundary = append(grid.MultiPolygon{a.Boundary[0]}, island)
		rep := grid.CheckPartition(parent, []grid.Grid{a, b}, grid.PartitionOptions{})
		require.Len(t, rep.Overlaps, 1, "%+v", rep)
		assert.InEpsilon(t, grid.MultiPolygon{island}.Area(), rep.Overlaps[0].Area, 1e-6)
		assert.Empty(t, rep.Gaps)
	})

	t.Run("a missing child is one gap of its area", func(t *testing.T) {
		a, b := sq("a", 0, 0, 1, 0, 1, 1, 0, 1, 0, 0), sq("b", 1, 0, 2, 0, 2, 1, 1, 1, 1, 0)
		c := sq("c", 0, 1, 1, 1, 1, 2, 0, 2, 0, 1)
		d := sq("d", 1, 1, 2, 1, 2, 2, 1, 2, 1, 1)
		rep := grid.CheckPartition(parent, []grid.Grid{a, b, c}, grid.PartitionOptions{})
		require.Len(t, rep.Gaps, 1, "%+v", rep)
		assert.InEpsilon(t, d.Boundary.Area(), rep.Gaps[0].Area, 1e-6)
		assert.True(t, partStrictlyInside(d.Boundary, rep.Gaps[0].Witness))
	})

	t.Run("a copy of a child overlaps it over its whole area", func(t *testing.T) {
		a, b := sq("a", 0, 0, 1, 0, 1, 2, 0, 2, 0, 0), sq("b", 1, 0, 2, 0, 2, 2, 1, 2, 1, 0)
		a2 := a
		a2.Code = "a2"
		rep := grid.CheckPartition(parent, []grid.Grid{b, a2, a}, grid.PartitionOptions{})
		require.Len(t, rep.Overlaps, 1, "%+v", rep)
		assert.Equal(t, []grid.Code{"a", "a2"}, rep.Overlaps[0].Codes)
		assert.InEpsilon(t, a.Boundary.Area(), rep.Overlaps[0].Area, 1e-6)
	})
}

func TestCheckPartitionReportsInvalidGrids(t *testing.T) {
	tl := newPartTiling(rand.New(rand.NewPCG(*partitionSeed, 20)), 4, 3)
	kids := tl.children()
	// Children 0, 7 and 13 (cells (0,0), (1,3) and (3,1)) touch no other.
	bowtie := kids[0]
	r := slices.Clone(bowtie.Boundary[0][0])
	r[1], r[len(r)-3] = r[len(r)-3], r[1]
	bowtie.Boundary = grid.MultiPolygon{{r}}
	kids[0] = bowtie
	kids[7].CRS = grid.WGS84
	kids[13].Boundary = nil
	dup := kids[5]
	kids = append(kids, dup)

	rep := grid.CheckPartition(tl.parent(), kids, grid.PartitionOptions{})
	var idx []int
	for _, iv := range rep.Invalid {
		idx = append(idx, iv.Index)
	}
	assert.Equal(t, []int{0, 7, 13, len(kids) - 1}, idx, "invalid children reported by index")
	assert.ErrorIs(t, rep.Invalid[0].Err, grassroots.ErrInvalid, "bad geometry")
	assert.ErrorIs(t, rep.Invalid[1].Err, grid.ErrMixedCRS, "other CRS")
	assert.ErrorIs(t, rep.Invalid[2].Err, grid.ErrNoGrids, "no boundary")
	assert.ErrorIs(t, rep.Invalid[3].Err, grid.ErrDuplicateCode, "repeated code")
	assert.Len(t, rep.Gaps, 3, "the three left-out children show as gaps: %+v", rep.Gaps)
	assert.Empty(t, rep.Overlaps, "the duplicate is left out")

	b, err := json.Marshal(rep.Invalid[1])
	require.NoError(t, err)
	assert.JSONEq(t, `{"index":7,"code":"`+string(kids[7].Code)+`","error":"`+rep.Invalid[1].Err.Error()+`"}`, string(b), "a serialised report keeps the reason")

	bad := tl.parent()
	bad.CRS = 0
	rep = grid.CheckPartition(bad, tl.children(), grid.PartitionOptions{})
	require.Len(t, rep.Invalid, 1)
	assert.Equal(t, -1, rep.Invalid[0].Index, "the parent is index -1")
	assert.Empty(t, rep.Gaps, "nothing else checked")
}

func TestCheckPartitionIsIndependentOfInputOrder(t *testing.T) {
	t.Logf("seed %d", *partitionSeed)
	r := rand.New(rand.NewPCG(*partitionSeed, 30))
	tl := newPartTiling(r, 8, 5)
	kids := tl.children()
	kids[9], _ = partDisplace(kids[9], 3, 0.2*tl.side, 0.1*tl.side)
	kids[20], _ = partDisplace(kids[20], 8, -0.2*tl.side, 0)
	kids = slices.Delete(kids, 40, 41)
	first, err := json.Marshal(grid.CheckPartition(tl.parent(), kids, grid.PartitionOptions{}))
	require.NoError(t, err)
	for trial := range 5 {
		r.Shuffle(len(kids), func(i, j int) { kids[i], kids[j] = kids[j], kids[i] })
		got, err := json.Marshal(grid.CheckPartition(tl.parent(), kids, grid.PartitionOptions{}))
		require.NoError(t, err)
		assert.JSONEq(t, string(first), string(got), "permutation %d", trial)
	}
}

func TestCheckPartitionBoundsHostileOverlaps(t *testing.T) {
	tl := newPartTiling(rand.New(rand.NewPCG(*partitionSeed, 40)), 3, 2)
	kids := tl.children()
	for i := range 70 {
		c := kids[4]
		c.Code = grid.Code(fmt.Sprintf("copy%02d", i))
		kids = append(kids, c)
	}
	rep := grid.CheckPartition(tl.parent(), kids, grid.PartitionOptions{})
	assert.True(t, rep.Truncated, "71 copies of one grid overlap 70 others each")
	assert.Less(t, len(rep.Overlaps), 71*70/2, "not every pair examined")
	assert.GreaterOrEqual(t, len(rep.Overlaps), 64, "each child examined against 64 others")
	for _, o := range rep.Overlaps {
		assert.InEpsilon(t, kids[4].Boundary.Area(), o.Area, 1e-5, "%v: copies overlap over the whole grid", o.Codes)
	}
}

func BenchmarkCheckPartition(b *testing.B) {
	// 100×100 grids of 64 positions (15 points per edge), a city-sized
	// area of 30 km × 30 km.
	tl := newPartTiling(rand.New(rand.NewPCG(1, 1)), 100, 15)
	parent, kids := tl.parent(), tl.children()
	b.Run("grids=10000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if rep := grid.CheckPartition(parent, kids, grid.PartitionOptions{}); !rep.OK() {
				b.Fatal("partTiling reported defects")
			}
		}
	})
	// The same with 200 vertices moved by up to 40% of a grid's side,
	// leaving overlaps, gaps and slivers to sweep and measure.
	damaged := slices.Clone(kids)
	r := rand.New(rand.NewPCG(2, 2))
	for moved := 0; moved < 200; {
		i := r.IntN(len(damaged))
		p := 1 + r.IntN(len(damaged[i].Boundary[0][0])-2)
		g, _ := partDisplace(damaged[i], p, (r.Float64()-0.5)*0.8*tl.side, (r.Float64()-0.5)*0.8*tl.side)
		if g.Validate() == nil {
			damaged[i] = g
			moved++
		}
	}
	b.Run("grids=10000/moved=200", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if rep := grid.CheckPartition(parent, damaged, grid.PartitionOptions{}); rep.OK() {
				b.Fatal("no defects found")
			}
		}
	})
}

// TestCheckPartitionAgreesWithARasterReference damages random tilings by
// moving random vertices and compares the report with a brute-force
// sample of points: every pair the sample sees overlapping, every child it
// sees outside and any gap it sees must be reported (as a finding or a
// sliver), and every reported finding's witness must hold exactly.
func TestCheckPartitionAgreesWithARasterReference(t *testing.T) {
	t.Logf("seed %d", *partitionSeed)
	trials, res := 25, 120
	if testing.Short() {
		trials, res = 5, 80
	}
	for trial := range trials {
		r := rand.New(rand.NewPCG(*partitionSeed, uint64(100+trial)))
		tl := newPartTiling(r, 5, 3)
		parent, kids := tl.parent(), tl.children()
		for range 1 + r.IntN(4) {
			i := r.IntN(len(kids))
			p := 1 + r.IntN(len(kids[i].Boundary[0][0])-2)
			moved, _ := partDisplace(kids[i], p, (r.Float64()-0.5)*0.8*tl.side, (r.Float64()-0.5)*0.8*tl.side)
			if moved.Validate() == nil {
				kids[i] = moved
			}
		}
		if r.IntN(4) == 0 {
			i := r.IntN(len(kids))
			kids = slices.Delete(kids, i, i+1)
		}
		rep := grid.CheckPartition(parent, kids, grid.PartitionOptions{})
		require.Empty(t, rep.Invalid, "trial %d", trial)

		all := slices.Concat(rep.Overlaps, rep.Gaps, rep.Outside, rep.Slivers)
		byCode := map[grid.Code]grid.MultiPolygon{}
		for _, k := range kids {
			byCode[k.Code] = k.Boundary
		}
		reported := map[string]bool{}
		for _, f := range all {
			reported[fmt.Sprint(f.Defect, f.Codes)] = true
			assert.True(t, witnessHolds(parent.Boundary, kids, byCode, f), "trial %d: witness of %v", trial, f)
			assert.Greater(t, f.Area, 0.0, "trial %d: %v has an area", trial, f)
		}

		box := parent.Boundary.BBox()
		for _, k := range kids {
			box = box.Union(k.Boundary.BBox())
		}
		for a := range res {
			for b := range res {
				p := grid.Point{Lng: box.MinLng + (float64(a)+0.5)/float64(res)*(box.MaxLng-box.MinLng),
					Lat: box.MinLat + (float64(b)+0.5)/float64(res)*(box.MaxLat-box.MinLat)}
				var cover []grid.Code
				for _, k := range kids {
					if partStrictlyInside(k.Boundary, p) {
						cover = append(cover, k.Code)
					}
				}
				inParent := partStrictlyInside(parent.Boundary, p)
				switch {
				case len(cover) == 0 && inParent && !parent.Boundary.OnBoundary(p) && !slices.ContainsFunc(kids, func(k grid.Grid) bool { return k.Boundary.OnBoundary(p) }):
					assert.True(t, reported[fmt.Sprint(grid.DefectGap, []grid.Code(nil))], "trial %d: %v is in a gap", trial, p)
				case len(cover) >= 2:
					for i := range cover {
						for _, c := range cover[i+1:] {
							assert.True(t, reported[fmt.Sprint(grid.DefectOverlap, []grid.Code{cover[i], c})], "trial %d: %v is in %s and %s", trial, p, cover[i], c)
						}
					}
				}
				if len(cover) > 0 && !parent.Boundary.Covers(p) {
					for _, c := range cover {
						assert.True(t, reported[fmt.Sprint(grid.DefectOutside, []grid.Code{c})], "trial %d: %v is in %s outside the parent", trial, p, c)
					}
				}
			}
		}
	}
}
