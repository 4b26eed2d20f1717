package grid

import (
	"math"
	"math/big"
)

var inf = math.Inf(1)

// The orientation predicate decides on which side of a line a point lies.
// Point location is only exact if this sign is exact, so it is computed
// in two stages: a float64 evaluation whose rounding error is bounded
// (Shewchuk, "Adaptive Precision Floating-Point Arithmetic and Fast Robust
// Geometric Predicates", 1997, bound ccwerrboundA), and, when the result is
// within that bound of zero, an exact evaluation with error-free
// transformations (TwoDiff, TwoProduct through math.FMA, which is
// correctly rounded on every platform) summed into a floating-point
// expansion. Neither stage allocates; differences so tiny that products
// could underflow (below 2⁻⁴⁸⁰, never met in real coordinates) fall back
// to math/big.
//
// Products are wrapped in explicit float64 conversions: the Go
// specification lets a compiler fuse x*y+z into one FMA instruction unless
// a conversion forces the rounding, and fused and unfused results differ.

// orientErrBound is (3 + 16ε)ε with ε = 2⁻⁵³.
const orientErrBound = (3.0 + 16.0*0x1p-53) * 0x1p-53

// Orientation returns +1 when c lies to the left of the directed line from
// a to b (the triangle a, b, c turns counter-clockwise), -1 when it lies to
// the right and 0 when the three points are exactly collinear. The sign is
// exact for all finite coordinates in the range of geographic degrees,
// subnormal numbers included.
func Orientation(a, b, c Point) int {
	return orient(a.Lng, a.Lat, b.Lng, b.Lat, c.Lng, c.Lat)
}

func orient(ax, ay, bx, by, cx, cy float64) int {
	l := float64((bx - ax) * (cy - ay))
	r := float64((by - ay) * (cx - ax))
	det := l - r
	mag := math.Abs(l) + math.Abs(r)
	bound := float64(orientErrBound * mag)
	// Products near the underflow threshold lose the relative accuracy the
	// bound assumes; they go to the exact stage too.
	if mag > 0x1p-900 {
		switch {
		case det > bound:
			return 1
		case -det > bound:
			return -1
		}
	}
	return orientExact(ax, ay, bx, by, cx, cy)
}

// twoDiff returns hi+lo == a-b exactly (Knuth).
func twoDiff(a, b float64) (hi, lo float64) {
	hi = a - b
	bv := a - hi
	av := hi + bv
	return hi, (a - av) + (bv - b)
}

// twoSum returns hi+lo == a+b exactly (Knuth).
func twoSum(a, b float64) (hi, lo float64) {
	hi = a + b
	bv := hi - a
	av := hi - bv
	return hi, (a - av) + (b - bv)
}

// twoProd returns hi+lo == a*b exactly.
func twoProd(a, b float64) (hi, lo float64) {
	hi = float64(a * b)
	return hi, math.FMA(a, b, -hi)
}

// orientExact evaluates (bx-ax)(cy-ay) - (by-ay)(cx-ax) exactly and returns
// its sign.
func orientExact(ax, ay, bx, by, cx, cy float64) int {
	var dx1, dy2, dy1, dx2 [2]float64
	dx1[0], dx1[1] = twoDiff(bx, ax)
	dy2[0], dy2[1] = twoDiff(cy, ay)
	dy1[0], dy1[1] = twoDiff(by, ay)
	dx2[0], dx2[1] = twoDiff(cx, ax)
	for _, v := range [...]float64{dx1[0], dx1[1], dy2[0], dy2[1], dy1[0], dy1[1], dx2[0], dx2[1]} {
		// Rationals hold finite numbers only: NaN and infinite
		// coordinates, which have no exact sign to find, take the
		// expansion below as they do when no difference is tiny.
		if v != 0 && math.Abs(v) < 0x1p-480 && finite(ax, ay, bx, by, cx, cy) {
			return orientRational(ax, ay, bx, by, cx, cy)
		}
	}

	var terms [16]float64
	n := 0
	for _, u := range dx1 {
		for _, v := range dy2 {
			terms[n], terms[n+1] = twoProd(u, v)
			n += 2
		}
	}
	for _, u := range dy1 {
		for _, v := range dx2 {
			terms[n], terms[n+1] = twoProd(-u, v)
			n += 2
		}
	}
	return expansionSign(terms[:])
}

// finite reports whether every v is neither NaN nor infinite.
func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// orientRational evaluates the determinant with math/big rationals. It is
// reached only when coordinate differences are so small (below 2⁻⁴⁸⁰)
// that products of them could underflow and TwoProduct would no longer be
// exact.
func orientRational(ax, ay, bx, by, cx, cy float64) int {
	r := func(v float64) *big.Rat { return new(big.Rat).SetFloat64(v) }
	sub := func(p, q float64) *big.Rat { return new(big.Rat).Sub(r(p), r(q)) }
	left := new(big.Rat).Mul(sub(bx, ax), sub(cy, ay))
	right := new(big.Rat).Mul(sub(by, ay), sub(cx, ax))
	return left.Cmp(right)
}

// expansionSign returns the sign of the exact sum of terms. It grows a
// nonoverlapping expansion (Shewchuk's Grow-Expansion) term by term; the
// component of largest magnitude, the last nonzero one, carries the sign
// of the whole sum.
func expansionSign(terms []float64) int {
	var e [32]float64
	n := 0
	for _, t := range terms {
		q := t
		for i := range n {
			q, e[i] = twoSum(q, e[i])
		}
		e[n] = q
		n++
	}
	for i := n - 1; i >= 0; i-- {
		switch {
		case e[i] > 0:
			return 1
		case e[i] < 0:
			return -1
		}
	}
	return 0
}

// OnSegment reports whether p lies on the closed segment from a to b,
// exactly.
func OnSegment(p, a, b Point) bool {
	return min(a.Lng, b.Lng) <= p.Lng && p.Lng <= max(a.Lng, b.Lng) &&
		min(a.Lat, b.Lat) <= p.Lat && p.Lat <= max(a.Lat, b.Lat) &&
		Orientation(a, b, p) == 0
}

// SegmentsIntersect reports whether the closed segments ab and cd share at
// least one point (a crossing, a touch at an endpoint or a collinear
// overlap), exactly.
func SegmentsIntersect(a, b, c, d Point) bool {
	o1 := Orientation(a, b, c)
	o2 := Orientation(a, b, d)
	o3 := Orientation(c, d, a)
	o4 := Orientation(c, d, b)
	if o1*o2 < 0 && o3*o4 < 0 {
		return true
	}
	// Otherwise they meet only if an endpoint of one lies on the other.
	switch {
	case o1 == 0 && OnSegment(c, a, b),
		o2 == 0 && OnSegment(d, a, b),
		o3 == 0 && OnSegment(a, c, d),
		o4 == 0 && OnSegment(b, c, d):
		return true
	}
	return false
}
