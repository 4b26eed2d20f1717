package grid

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// orientRat is the orientation sign in exact rational arithmetic.
func orientRat(a, b, c Point) int {
	r := func(v float64) *big.Rat { return new(big.Rat).SetFloat64(v) }
	sub := func(x, y float64) *big.Rat { return new(big.Rat).Sub(r(x), r(y)) }
	l := new(big.Rat).Mul(sub(b.Lng, a.Lng), sub(c.Lat, a.Lat))
	rr := new(big.Rat).Mul(sub(b.Lat, a.Lat), sub(c.Lng, a.Lng))
	return l.Cmp(rr)
}

func TestOrientationIsExactNearDegenerateInput(t *testing.T) {
	seed := *seedFlag
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 2))
	for i := range 20000 {
		a := Point{Lng: 120 + rng.Float64(), Lat: 28 + rng.Float64()}
		b := Point{Lng: 120 + rng.Float64(), Lat: 28 + rng.Float64()}
		// A point on the segment up to rounding, nudged by a few ulps: the
		// float64 determinant is unreliable here.
		tt := rng.Float64()
		c := Point{Lng: a.Lng + tt*(b.Lng-a.Lng), Lat: a.Lat + tt*(b.Lat-a.Lat)}
		for range rng.IntN(3) {
			c.Lng = math.Nextafter(c.Lng, math.Inf(2*rng.IntN(2)-1))
		}
		if i%3 == 0 {
			c = Point{Lng: a.Lng + 0.5*(b.Lng-a.Lng), Lat: a.Lat + 0.5*(b.Lat-a.Lat)}
		}
		if !assert.Equal(t, orientRat(a, b, c), Orientation(a, b, c), "orientation of %v about %v→%v", c, a, b) {
			return
		}
	}
}

func TestOrientationAcrossMagnitudes(t *testing.T) {
	for _, tc := range []struct {
		name    string
		a, b, c Point
	}{
		{"collinear through origin", Point{-180, -90}, Point{180, 90}, Point{0, 0}},
		{"tiny offsets near a large coordinate", Point{179.99999999999997, 1}, Point{180, 1.0000000000000002}, Point{179.99999999999994, 0.9999999999999998}},
		{"cancellation", Point{0.1, 0.1}, Point{0.3, 0.3}, Point{0.2, 0.2}},
		{"subnormal-free small", Point{1e-100, 1e-100}, Point{3e-100, 3e-100}, Point{2e-100, 2.0000000000000001e-100}},
		{"subnormal offset from a vertex", Point{0, 9}, Point{0.25, 10}, Point{-5e-324, 9}},
		{"subnormal both ways", Point{0, 0}, Point{5e-324, 1e-323}, Point{1e-323, 1.5e-323}},
		{"tiny against large", Point{120, 28}, Point{120, 29}, Point{120 - 1e-300, 28.5}},
	} {
		assert.Equal(t, orientRat(tc.a, tc.b, tc.c), Orientation(tc.a, tc.b, tc.c), tc.name)
	}
}

func TestSegmentsIntersect(t *testing.T) {
	p := func(x, y float64) Point { return Point{x, y} }
	for _, tc := range []struct {
		name       string
		a, b, c, d Point
		want       bool
	}{
		{"proper crossing", p(0, 0), p(2, 2), p(0, 2), p(2, 0), true},
		{"touch at an endpoint", p(0, 0), p(1, 1), p(1, 1), p(2, 0), true},
		{"endpoint on the interior of the other", p(0, 0), p(2, 0), p(1, 0), p(1, 1), true},
		{"collinear overlap", p(0, 0), p(2, 0), p(1, 0), p(3, 0), true},
		{"collinear disjoint", p(0, 0), p(1, 0), p(2, 0), p(3, 0), false},
		{"parallel", p(0, 0), p(1, 0), p(0, 1), p(1, 1), false},
		{"line of one meets the other outside it", p(0, 0), p(1, 1), p(3, 0), p(2, 5), false},
	} {
		assert.Equal(t, tc.want, SegmentsIntersect(tc.a, tc.b, tc.c, tc.d), tc.name)
		assert.Equal(t, tc.want, SegmentsIntersect(tc.d, tc.c, tc.b, tc.a), tc.name+" (reversed)")
	}
}

func TestOnSegment(t *testing.T) {
	a, b := Point{120.1, 28.1}, Point{120.3, 28.4}
	assert.True(t, OnSegment(a, a, b), "endpoint")
	assert.True(t, OnSegment(b, a, b), "endpoint")
	assert.False(t, OnSegment(Point{120.5, 28.7}, a, b), "beyond the end on the line")
	m := Point{120.2, 28.25}
	assert.Equal(t, orientRat(a, b, m) == 0, OnSegment(m, a, b), "midpoint in decimal is on the segment only if exactly collinear")
}

// Non-finite coordinates beside differences so tiny that the exact stage
// would turn to rationals get an answer, not a panic, and a NaN point is
// covered by no polygon.
func TestPredicatesWithNonFiniteCoordinates(t *testing.T) {
	tiny := Point{Lng: 5e-324, Lat: 5e-324}
	square := MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}}
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		p := Point{Lng: bad, Lat: 1e-300}
		assert.NotPanics(t, func() { Orientation(Point{Lng: bad}, tiny, Point{}) }, "Orientation with %v", bad)
		assert.NotPanics(t, func() { OnSegment(p, tiny, Point{}) }, "OnSegment with %v", bad)
		assert.NotPanics(t, func() { SegmentsIntersect(p, tiny, Point{}, Point{Lng: 1e-310}) }, "SegmentsIntersect with %v", bad)
		assert.False(t, square.Covers(p), "Covers(%v, 1e-300)", bad)
		assert.False(t, square.ContainsHalfOpen(p), "ContainsHalfOpen(%v, 1e-300)", bad)
	}
}
