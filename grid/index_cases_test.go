package grid

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// probes returns points that stress boundaries: every vertex, its float64
// neighbours in eight directions, every edge midpoint, and random points
// over the bounding box grown by a margin.
func probes(seed uint64, grids []Grid, n int) []Point {
	var pts []Point
	box := EmptyBBox()
	for _, g := range grids {
		box = box.Union(g.Boundary.BBox())
		for _, poly := range g.Boundary {
			for _, r := range poly {
				for k, p := range r {
					pts = append(pts, p)
					for _, dx := range []float64{-1, 0, 1} {
						for _, dy := range []float64{-1, 0, 1} {
							pts = append(pts, Point{math.Nextafter(p.Lng, p.Lng+dx), math.Nextafter(p.Lat, p.Lat+dy)})
						}
					}
					if k > 0 {
						q := r[k-1]
						pts = append(pts, Point{(p.Lng + q.Lng) / 2, (p.Lat + q.Lat) / 2})
					}
				}
			}
		}
	}
	w, h := box.MaxLng-box.MinLng, box.MaxLat-box.MinLat
	grown := BBox{box.MinLng - w/10, box.MinLat - h/10, box.MaxLng + w/10, box.MaxLat + h/10}
	return append(pts, randomPoints(seed, n, grown)...)
}

func assertMatchesReference(t *testing.T, name string, grids []Grid, pts []Point) *Index {
	t.Helper()
	ix, err := NewIndex(grids, IndexOptions{})
	require.NoError(t, err, name)
	ref := newReference(grids)
	for _, p := range pts {
		want, wantOK := ref.locate(p)
		got, ok := ix.Locate(p)
		if !assert.Equal(t, wantOK, ok, "%s: %v found", name, p) || !assert.Equal(t, want, got, "%s: owner of %v", name, p) {
			return ix
		}
	}
	return ix
}

func TestLocateSpecialShapes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		grids []Grid
		want  map[Point]Code // "" means outside
	}{
		{
			name: "island: a grid of two parts",
			grids: []Grid{
				grid1("a", Polygon{square(0, 0, 1)}, Polygon{square(3, 0, 1)}),
				grid1("b", Polygon{square(1, 0, 2)}),
			},
			want: map[Point]Code{{0.5, 0.5}: "a", {3.5, 0.5}: "a", {2, 1}: "b", {4, 1}: "a", {5, 0}: ""},
		},
		{
			name: "hole filled by another grid",
			grids: []Grid{
				grid1("outer", Polygon{square(0, 0, 3), square(1, 1, 1)}),
				grid1("inner", Polygon{square(1, 1, 1)}),
			},
			want: map[Point]Code{{1.5, 1.5}: "inner", {0.5, 0.5}: "outer", {1, 1.5}: "inner", {2, 1.5}: "outer", {1.5, 2}: "outer", {1.5, 1}: "inner", {3, 3}: "outer"},
		},
		{
			name:  "empty hole belongs to nobody, its rim to the grid",
			grids: []Grid{grid1("outer", Polygon{square(0, 0, 3), square(1, 1, 1)})},
			want:  map[Point]Code{{1.5, 1.5}: "", {1, 1.5}: "outer", {2, 1.5}: "outer", {1.5, 2}: "outer", {0, 0}: "outer"},
		},
		{
			name: "clockwise input behaves like counter-clockwise",
			grids: []Grid{
				grid1("cw", Polygon{ring("0 0, 0 1, 1 1, 1 0")}),
				grid1("ccw", Polygon{square(1, 0, 1)}),
			},
			want: map[Point]Code{{0.5, 0.5}: "cw", {1, 0.5}: "ccw", {2, 0.5}: "ccw", {0, 0.5}: "cw"},
		},
		{
			name: "grids touching at a single vertex",
			grids: []Grid{
				grid1("sw", Polygon{square(0, 0, 1)}),
				grid1("ne", Polygon{square(1, 1, 1)}),
			},
			want: map[Point]Code{{1, 1}: "ne", {0.5, 0.5}: "sw", {1.5, 1.5}: "ne", {1.5, 0.5}: "", {0.5, 1.5}: ""},
		},
		{
			name: "four grids share a vertex",
			grids: []Grid{
				grid1("sw", Polygon{square(0, 0, 1)}), grid1("se", Polygon{square(1, 0, 1)}),
				grid1("nw", Polygon{square(0, 1, 1)}), grid1("ne", Polygon{square(1, 1, 1)}),
			},
			want: map[Point]Code{{1, 1}: "ne", {1, 0.5}: "se", {0.5, 1}: "nw", {2, 2}: "ne", {0, 0}: "sw", {2, 0}: "se", {0, 2}: "nw", {2, 1}: "ne"},
		},
		{
			name: "three grids share a vertex (T junction)",
			grids: []Grid{
				grid1("a", Polygon{square(0, 0, 1)}), grid1("b", Polygon{square(1, 0, 1)}),
				grid1("c", Polygon{ring("0 1, 1 1, 2 1, 2 2, 0 2")}),
			},
			want: map[Point]Code{{1, 1}: "c", {1, 0.5}: "b", {0.5, 1}: "c", {1.5, 1}: "c", {2, 1}: "b", {2, 0.5}: "b"},
		},
		{
			// The shared vertex belongs to the grid that holds the points
			// just east of it: wedge 6 spans the directions from 5.49 to
			// 6.38 radians, which include due east.
			name:  "seven grids share an off-lattice vertex",
			grids: fan(Point{120.6512345, 28.0012345}, 7, 0.003),
			want:  map[Point]Code{{120.6512345, 28.0012345}: "f6"},
		},
		{
			name: "overlapping grids: the smallest code wins",
			grids: []Grid{
				grid1("z", Polygon{square(0, 0, 2)}),
				grid1("m", Polygon{square(1, 1, 2)}),
			},
			want: map[Point]Code{{1.5, 1.5}: "m", {0.5, 0.5}: "z", {2.5, 2.5}: "m", {2, 1.5}: "m", {1, 1.5}: "m", {0.5, 2}: "z"},
		},
	} {
		ix := assertMatchesReference(t, tc.name, tc.grids, probes(1, tc.grids, 3000))
		for p, want := range tc.want {
			got, ok := ix.Locate(p)
			assert.Equal(t, want != "", ok, "%s: %v found", tc.name, p)
			assert.Equal(t, want, got, "%s: owner of %v", tc.name, p)
		}
	}
}

// fan returns n triangular grids around centre, each sharing the centre
// and its two sides with its neighbours.
func fan(centre Point, n int, r float64) []Grid {
	rim := make([]Point, n)
	for k := range rim {
		a := 2*math.Pi*float64(k)/float64(n) + 0.1
		rim[k] = Point{centre.Lng + r*math.Cos(a), centre.Lat + r*math.Sin(a)}
	}
	var grids []Grid
	for k := range n {
		grids = append(grids, grid1(fmt.Sprintf("f%d", k), Polygon{Ring{centre, rim[k], rim[(k+1)%n], centre}}))
	}
	return grids
}

func TestSharedVerticesHaveExactlyOneOwner(t *testing.T) {
	for n := 3; n <= 9; n++ {
		grids := fan(Point{120.6512345, 28.0012345}, n, 0.002)
		ix, err := NewIndex(grids, IndexOptions{})
		require.NoError(t, err)
		for _, p := range probes(uint64(n), grids, 2000) {
			owners := halfOpenOwners(grids, p)
			_, ok := ix.Locate(p)
			assert.LessOrEqual(t, owners, 1, "%d-fan: %v inside %d grids", n, p, owners)
			if owners == 1 {
				assert.True(t, ok, "%d-fan: %v", n, p)
			}
		}
	}
}

func TestLocateManyOverlapsTakesTheExactPath(t *testing.T) {
	// Forty concentric-ish squares overlap everywhere near the middle, more
	// than a fast lookup tracks, so these lookups use the exact slow path.
	var grids []Grid
	rng := rand.New(rand.NewPCG(5, 5))
	for i := range 40 {
		d := 1 + rng.Float64()
		grids = append(grids, grid1(string(rune('A'+i%26))+string(rune('a'+i/26)), Polygon{square(-d/2+rng.Float64()*0.1, -d/2, d)}))
	}
	assertMatchesReference(t, "overlaps", grids, probes(2, grids, 5000))
}

func TestLocateRandomPolygonsAgreeWithReference(t *testing.T) {
	seed := *seedFlag
	t.Logf("seed %d", seed)
	grids := randomStars(seed, 30)
	n := 20000
	if testing.Short() {
		n = 2000
	}
	assertMatchesReference(t, "random polygons", grids, probes(seed, grids, n))
}

// randomStars returns n random star-shaped polygons that overlap each other
// freely, with vertices snapped to a quarter-degree lattice so many edges
// are horizontal, vertical, shared or collinear with each other.
func randomStars(seed uint64, n int) []Grid {
	rng := rand.New(rand.NewPCG(seed, 6))
	var grids []Grid
	for i := range n {
		cx, cy := rng.Float64()*10, rng.Float64()*10
		m := 3 + rng.IntN(20)
		var r Ring
		for k := range m {
			a := 2 * math.Pi * float64(k) / float64(m)
			rad := 0.5 + rng.Float64()*2
			r = append(r, Point{math.Round((cx+rad*math.Cos(a))*4) / 4, math.Round((cy+rad*math.Sin(a))*4) / 4})
		}
		r = append(r, r[0])
		grids = append(grids, grid1(fmt.Sprintf("s%03d", i), Polygon{r}))
	}
	return grids
}

func TestNewIndexIndexesLeavesOnly(t *testing.T) {
	parent := grid1("p", Polygon{square(0, 0, 2)})
	parent.Level = LevelCommunity
	a := grid1("a", Polygon{square(0, 0, 1)})
	a.Parent = "p"
	ix, err := NewIndex([]Grid{parent, a}, IndexOptions{})
	require.NoError(t, err)
	assert.Equal(t, []Code{"a"}, ix.Codes())
	_, ok := ix.Locate(Point{1.5, 1.5})
	assert.False(t, ok, "the parent is not indexed")
}

func TestNewIndexErrors(t *testing.T) {
	_, err := NewIndex(nil, IndexOptions{})
	assert.ErrorIs(t, err, ErrNoGrids)

	_, err = NewIndex([]Grid{grid1("a", Polygon{square(0, 0, 1)}), grid1("a", Polygon{square(1, 0, 1)})}, IndexOptions{})
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "duplicate code")

	noBoundary := grid1("b")
	open := grid1("c", Polygon{Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}}})
	_, err = NewIndex([]Grid{noBoundary, open}, IndexOptions{})
	var ve *grassroots.ValidationError
	require.True(t, errors.As(err, &ve))
	assert.True(t, ve.Has("[0].boundary"), "missing boundary: %v", ve.Fields)
	assert.True(t, ve.Has("[1].boundary[0][0]"), "open ring: %v", ve.Fields)

	g := grid1("g", Polygon{square(120, 28, 1)})
	g2 := grid1("h", Polygon{square(121, 28, 1)})
	g2.CRS = GCJ02
	_, err = NewIndex([]Grid{g, g2}, IndexOptions{})
	assert.ErrorIs(t, err, ErrMixedCRS)
	_, err = NewIndex([]Grid{g}, IndexOptions{CRS: CRS(9)})
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "index CRS 9")
}

func TestIndexConvertsGridsAndPoints(t *testing.T) {
	// A grid drawn on an AMap (GCJ-02) basemap near Wenzhou, indexed in
	// WGS84 for GPS points.
	gcj := grid1("g", Polygon{square(120.65, 28.0, 0.01)})
	gcj.CRS = GCJ02
	ix, err := NewIndex([]Grid{gcj}, IndexOptions{CRS: WGS84})
	require.NoError(t, err)
	assert.Equal(t, WGS84, ix.CRS())

	// Just inside the grid's east side in GCJ-02; the WGS84 position of the
	// same place is about 0.005° further west.
	nearEast := Point{120.6599, 28.005}
	code, ok := ix.LocateIn(nearEast, GCJ02)
	assert.True(t, ok, "converted point is inside")
	assert.Equal(t, Code("g"), code)
	_, ok = ix.Locate(nearEast)
	assert.False(t, ok, "GCJ-02 coordinates taken for WGS84 miss the grid")
	_, ok = ix.LocateIn(nearEast, CRS(0))
	assert.False(t, ok, "an invalid CRS finds nothing")
}

func TestIndexIsSafeForConcurrentUse(t *testing.T) {
	tl := newTiling(3, 8, 8, 3, 120.6, 27.95, 0.004)
	ix, err := NewIndex(tl.grids, IndexOptions{})
	require.NoError(t, err)
	pts := randomPoints(3, 2000, tl.box)
	want := make([]Code, len(pts))
	for i, p := range pts {
		want[i], _ = ix.Locate(p)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i, p := range pts {
				got, _ := ix.Locate(p)
				assert.Equal(t, want[i], got, "point %v", p)
			}
		})
	}
	wg.Wait()
}

func FuzzLocate(f *testing.F) {
	tl := newTiling(4, 5, 5, 3, 120.6, 27.95, 0.004)
	ix, err := NewIndex(tl.grids, IndexOptions{})
	require.NoError(f, err)
	for _, p := range []Point{{120.61, 27.96}, {math.NaN(), 28}, {math.Inf(-1), 0}, {120.6, 27.95}, {0, 0}, {math.Copysign(0, -1), 1e-300}} {
		f.Add(p.Lng, p.Lat)
	}
	ref := newReference(tl.grids)
	f.Fuzz(func(t *testing.T, x, y float64) {
		p := Point{Lng: x, Lat: y}
		got, ok := ix.Locate(p)
		if math.IsNaN(x) || math.IsNaN(y) {
			assert.False(t, ok, "NaN is never found")
			return
		}
		want, wantOK := ref.locate(p)
		assert.Equal(t, wantOK, ok, "%v found", p)
		assert.Equal(t, want, got, "owner of %v", p)
	})
}

func TestIndexAccessors(t *testing.T) {
	grids := []Grid{grid1("b", Polygon{square(120.6, 28, 0.5)}), grid1("a", Polygon{square(120.1, 28, 0.5)})}
	ix, err := NewIndex(grids, IndexOptions{})
	require.NoError(t, err)
	assert.Equal(t, 2, ix.Len())
	assert.Equal(t, []Code{"a", "b"}, ix.Codes(), "sorted")
	assert.Equal(t, BBox{MinLng: 120.1, MinLat: 28, MaxLng: 121.1, MaxLat: 28.5}, ix.Bounds())
	assert.Positive(t, ix.SizeBytes())
	assert.Equal(t, WGS84, ix.CRS(), "the grids' common system")

	bd, err := Convert(Point{120.3, 28.2}, WGS84, BD09)
	require.NoError(t, err)
	code, ok := ix.LocateIn(bd, BD09)
	assert.True(t, ok)
	assert.Equal(t, Code("a"), code, "a Baidu point converted first")

	var zero Index
	_, ok = zero.Locate(Point{})
	assert.False(t, ok, "the zero Index locates nothing")
	for name, empty := range map[string]*Index{"zero": &zero, "nil": nil} {
		_, ok = empty.Locate(Point{120.3, 28.2})
		assert.False(t, ok, "%s: Locate", name)
		_, ok = empty.LocateIn(bd, BD09)
		assert.False(t, ok, "%s: LocateIn", name)
		assert.Zero(t, empty.Len(), name)
		assert.Empty(t, empty.Codes(), name)
		assert.Equal(t, BBox{}, empty.Bounds(), name)
		assert.Equal(t, CRS(0), empty.CRS(), name)
		assert.Zero(t, empty.SizeBytes(), name)
	}
}

func TestLocateIsIndependentOfInputOrder(t *testing.T) {
	seed := *seedFlag
	t.Logf("seed %d", seed)
	grids := append(randomStars(seed, 20), newTiling(seed, 4, 4, 3, 2, 2, 1).grids...)
	shuffled := slices.Clone(grids)
	rand.New(rand.NewPCG(seed, 8)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	a, err := NewIndex(grids, IndexOptions{})
	require.NoError(t, err)
	b, err := NewIndex(shuffled, IndexOptions{})
	require.NoError(t, err)
	for _, p := range probes(seed, grids, 3000) {
		ca, oka := a.Locate(p)
		cb, okb := b.Locate(p)
		assert.Equal(t, oka, okb, "%v", p)
		assert.Equal(t, ca, cb, "%v", p)
	}
}
