package grid

import (
	"flag"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var seedFlag = flag.Uint64("grid.seed", 20261127, "seed for randomised grid tests")

func TestLocateAgreesWithReferenceOnTilings(t *testing.T) {
	seed := *seedFlag
	t.Logf("seed %d", seed)
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for _, k := range []int{2, 7, 24} {
		tl := newTiling(seed+uint64(k), 12, 9, k, 120.6, 27.95, 0.004)
		ix, err := NewIndex(tl.grids, IndexOptions{})
		require.NoError(t, err)
		ref := newReference(tl.grids)
		check := func(kind string, pts []Point) {
			for _, p := range pts {
				want, wantOK := ref.locate(p)
				got, ok := ix.Locate(p)
				if !assert.Equal(t, wantOK, ok, "%s %v found (k=%d)", kind, p, k) || !assert.Equal(t, want, got, "%s %v owner (k=%d)", kind, p, k) {
					return
				}
			}
		}
		check("vertex", tl.vertices)
		check("midpoint", tl.mids)
		check("random", randomPoints(seed, n, tl.box))
		outer := BBox{MinLng: tl.box.MinLng - 0.01, MinLat: tl.box.MinLat - 0.01, MaxLng: tl.box.MaxLng + 0.01, MaxLat: tl.box.MaxLat + 0.01}
		check("around", randomPoints(seed+1, n/4, outer))
	}
}

func TestEveryTilingPointHasExactlyOneOwner(t *testing.T) {
	seed := *seedFlag
	t.Logf("seed %d", seed)
	tl := newTiling(seed, 10, 8, 5, 120.6, 27.95, 0.004)
	ix, err := NewIndex(tl.grids, IndexOptions{})
	require.NoError(t, err)
	pts := append(append(append([]Point{}, tl.vertices...), tl.mids...), randomPoints(seed, 5000, tl.box)...)
	for _, p := range pts {
		n := halfOpenOwners(tl.grids, p)
		assert.LessOrEqual(t, n, 1, "point %v is inside %d grids by the half-open rule", p, n)
		_, ok := ix.Locate(p)
		assert.True(t, ok, "point %v of the covered area has no owner", p)
	}
}

func TestLocateOutsideAndNaN(t *testing.T) {
	tl := newTiling(1, 3, 3, 2, 120.6, 27.95, 0.004)
	ix, err := NewIndex(tl.grids, IndexOptions{})
	require.NoError(t, err)
	for _, p := range []Point{
		{Lng: math.NaN(), Lat: 28}, {Lng: 120.61, Lat: math.NaN()},
		{Lng: math.Inf(1), Lat: 28}, {Lng: 0, Lat: 0}, {Lng: 120.59, Lat: 27.96},
	} {
		_, ok := ix.Locate(p)
		assert.False(t, ok, "point %v", p)
	}
}
