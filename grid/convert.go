package grid

import (
	"fmt"
	"math"
)

// Convert returns p, given in system from, expressed in system to.
//
// WGS84 to GCJ-02 is the published forward formula (Krasovsky 1940
// ellipsoid parameters, offsets as trigonometric series). It shifts the
// points of China's bounding box, 72.004°E–137.8347°E by
// 0.8293°N–55.8271°N, by up to 0.0108°, and leaves every other point
// unchanged. GCJ-02 and BD-09 convert with Baidu's published formula,
// which shifts every point. The inverses have no closed form and are
// solved by fixed-point iteration; each inverse step returns a result
// only when the forward formula takes it to within 1e-9° of that step's
// input in each coordinate.
//
// # Where there is no inverse
//
// Near the edges of the box the GCJ-02 shift is not one-to-one: a point
// just inside may be shifted out of the box, where nothing is shifted, so
// some GCJ-02 positions just inside an edge are the image of no WGS84
// point, and some just outside are the image of two (themselves, and a
// point inside the box). Converting such a position from GCJ-02 (or from
// BD-09 by way of it) to WGS84 is an error matching ErrNoInverse rather
// than a guess. It happens only within 0.011° of an edge of the box, far
// from any place that uses GCJ-02; an iteration that does not converge
// is reported the same way.
//
// # Round trips
//
// When a conversion from one system to another succeeds, converting the
// result back returns to within 1e-8° of p in each coordinate, or fails
// with ErrNoInverse. It fails only on the way back to WGS84, for WGS84
// points within 0.011° of an edge of the box whose GCJ-02 position is one
// of the ambiguous ones above. The package's tests check this over a
// dense sample of the box, bands across its edges and its surroundings;
// the largest round-trip error they see is about 5e-11°.
//
// An invalid system or point, or a result out of range, is an error (a
// *CRSError) and the zero Point. Converting to the same system returns p
// unchanged.
func Convert(p Point, from, to CRS) (Point, error) {
	switch {
	case !from.IsValid() || !to.IsValid():
		return Point{}, &CRSError{From: from, To: to, Point: p, Err: unknownCRS(from, to)}
	case from == to:
		return p, nil
	}
	if err := p.Validate(); err != nil {
		return Point{}, &CRSError{From: from, To: to, Point: p, Err: err}
	}
	q, err := convert(p, from, to)
	if err == nil {
		if verr := q.Validate(); verr != nil {
			err = fmt.Errorf("%w: the result leaves the range of longitude and latitude", ErrInvalidPoint)
		}
	}
	if err != nil {
		return Point{}, &CRSError{From: from, To: to, Point: p, Err: err}
	}
	return q, nil
}

// unknownCRS describes the invalid system among from and to.
func unknownCRS(from, to CRS) error {
	c := from
	if from.IsValid() {
		c = to
	}
	_, err := crsNames.Marshal(c)
	return err
}

// convert goes through GCJ-02, which both other systems are defined from.
func convert(p Point, from, to CRS) (Point, error) {
	g := p
	switch from {
	case WGS84:
		g = wgsToGCJ(p)
	case BD09:
		var ok bool
		if g, ok = bdToGCJ(p); !ok {
			return Point{}, fmt.Errorf("%w: the BD-09 inverse does not converge here", ErrNoInverse)
		}
	}
	switch to {
	case WGS84:
		return gcjToWGS(g)
	case BD09:
		return gcjToBD(g), nil
	}
	return g, nil
}

// The bounding box inside which the GCJ-02 formula shifts points.
const (
	gcjMinLng = 72.004
	gcjMaxLng = 137.8347
	gcjMinLat = 0.8293
	gcjMaxLat = 55.8271
)

func outOfChina(p Point) bool {
	return p.Lng < gcjMinLng || p.Lng > gcjMaxLng || p.Lat < gcjMinLat || p.Lat > gcjMaxLat
}

// Krasovsky 1940 ellipsoid, as used by the GCJ-02 formula.
const (
	gcjA  = 6378245.0
	gcjEE = 0.00669342162296594323
)

// gcjSeries evaluates the two trigonometric offset series of the public
// GCJ-02 formula at x = lng-105, y = lat-35 (in degrees), in metres on
// the Krasovsky ellipsoid scaled by the formula's own constants.
// Products are converted explicitly so the compiler does not fuse them
// into FMA instructions here; the math functions called may still differ
// in their last bits between architectures.
func gcjSeries(x, y float64) (dLng, dLat float64) {
	const twoThirds = 2.0 / 3.0
	sx6 := float64(20.0*math.Sin(float64(6.0*x)*math.Pi)) + float64(20.0*math.Sin(float64(2.0*x)*math.Pi))
	sqx := math.Sqrt(math.Abs(x))

	dLat = -100.0 + float64(2.0*x) + float64(3.0*y) + float64(float64(0.2*y)*y) + float64(float64(0.1*x)*y) + float64(0.2*sqx)
	dLat += float64(sx6 * twoThirds)
	dLat += float64((float64(20.0*math.Sin(y*math.Pi)) + float64(40.0*math.Sin(y/3.0*math.Pi))) * twoThirds)
	dLat += float64((float64(160.0*math.Sin(y/12.0*math.Pi)) + float64(320.0*math.Sin(y*math.Pi/30.0))) * twoThirds)

	dLng = 300.0 + x + float64(2.0*y) + float64(float64(0.1*x)*x) + float64(float64(0.1*x)*y) + float64(0.1*sqx)
	dLng += float64(sx6 * twoThirds)
	dLng += float64((float64(20.0*math.Sin(x*math.Pi)) + float64(40.0*math.Sin(x/3.0*math.Pi))) * twoThirds)
	dLng += float64((float64(150.0*math.Sin(x/12.0*math.Pi)) + float64(300.0*math.Sin(x/30.0*math.Pi))) * twoThirds)
	return dLng, dLat
}

// gcjShift applies the GCJ-02 offset to p wherever p is: the formula
// without its bounding box, a smooth map the inverse iteration can follow
// across the box's edges.
func gcjShift(p Point) Point {
	dLng, dLat := gcjSeries(p.Lng-105.0, p.Lat-35.0)
	radLat := p.Lat / 180.0 * math.Pi
	s := math.Sin(radLat)
	magic := 1 - float64(float64(gcjEE*s)*s)
	sqrtMagic := math.Sqrt(magic)
	dLat = float64(dLat*180.0) / float64(float64(float64(gcjA*(1-gcjEE))/float64(magic*sqrtMagic))*math.Pi)
	dLng = float64(dLng*180.0) / float64(float64(float64(gcjA/sqrtMagic)*math.Cos(radLat))*math.Pi)
	return Point{Lng: p.Lng + dLng, Lat: p.Lat + dLat}
}

func wgsToGCJ(p Point) Point {
	if outOfChina(p) {
		return p
	}
	return gcjShift(p)
}

// inverseTolerance is how close, in degrees and in each coordinate, the
// forward image of an inverse's result must come to the input.
const inverseTolerance = 1e-9

// invertIter solves fwd(w) = target for w by fixed-point iteration
// w ← w − (fwd(w) − target), starting from start. The offsets the forward
// maps add vary slowly (their derivative is far below 1), so the
// iteration contracts: it stops after the step that follows the first
// one below 1e-9°, which leaves the result about a thousand times closer
// still, or after a fixed number of rounds, which keeps it deterministic.
// It reports whether the result solves the equation to inverseTolerance.
func invertIter(target, start Point, fwd func(Point) Point) (Point, bool) {
	w := start
	for range 40 {
		dx, dy := residual(w, target, fwd)
		w = Point{Lng: w.Lng - dx, Lat: w.Lat - dy}
		if math.Abs(dx) < 1e-9 && math.Abs(dy) < 1e-9 {
			break
		}
	}
	return w, solves(w, target, fwd)
}

func residual(w, target Point, fwd func(Point) Point) (dx, dy float64) {
	f := fwd(w)
	return f.Lng - target.Lng, f.Lat - target.Lat
}

// solves reports whether fwd takes w to within inverseTolerance of target.
func solves(w, target Point, fwd func(Point) Point) bool {
	dx, dy := residual(w, target, fwd)
	return math.Abs(dx) <= inverseTolerance && math.Abs(dy) <= inverseTolerance
}

// gcjToWGS returns the one WGS84 point whose GCJ-02 position is g. Points
// outside the box are their own preimage; points inside it are the
// preimage of the shift, found by iteration, when that lies inside the
// box. A position with neither, or with both, has no unique preimage.
func gcjToWGS(g Point) (Point, error) {
	w, shifted := shiftPreimage(g)
	switch {
	case outOfChina(g) && shifted:
		return Point{}, fmt.Errorf("%w: WGS84 %s is shifted onto this GCJ-02 position, which outside China's box is also its own WGS84 position", ErrNoInverse, w)
	case outOfChina(g):
		return g, nil
	case !shifted:
		return Point{}, fmt.Errorf("%w: no WGS84 point is shifted onto this GCJ-02 position; the shift leaves such gaps within 0.011° of the edge of China's box (72.004°E–137.8347°E, 0.8293°N–55.8271°N)", ErrNoInverse)
	}
	return w, nil
}

// shiftPreimage returns the point of China's box that the GCJ-02 shift
// takes to g, if there is one. A solution found a rounding error outside
// the box is moved onto its edge and kept if it still solves the
// equation: points on the edge are shifted.
func shiftPreimage(g Point) (Point, bool) {
	w, ok := invertIter(g, g, gcjShift)
	if !ok {
		return w, false
	}
	in := Point{Lng: min(max(w.Lng, gcjMinLng), gcjMaxLng), Lat: min(max(w.Lat, gcjMinLat), gcjMaxLat)}
	if in == w {
		return w, true
	}
	near := math.Abs(in.Lng-w.Lng) <= inverseTolerance && math.Abs(in.Lat-w.Lat) <= inverseTolerance
	return in, near && solves(in, g, gcjShift)
}

// bdXPi is Baidu's published constant π·3000/180.
const bdXPi = math.Pi * 3000.0 / 180.0

func gcjToBD(g Point) Point {
	x, y := g.Lng, g.Lat
	z := math.Sqrt(float64(x*x)+float64(y*y)) + float64(0.00002*math.Sin(y*bdXPi))
	theta := math.Atan2(y, x) + float64(0.000003*math.Cos(x*bdXPi))
	return Point{Lng: float64(z*math.Cos(theta)) + 0.0065, Lat: float64(z*math.Sin(theta)) + 0.006}
}

// bdToGCJApprox is Baidu's published approximate inverse, used as the
// starting point of the exact iteration.
func bdToGCJApprox(b Point) Point {
	x, y := b.Lng-0.0065, b.Lat-0.006
	z := math.Sqrt(float64(x*x)+float64(y*y)) - float64(0.00002*math.Sin(y*bdXPi))
	theta := math.Atan2(y, x) - float64(0.000003*math.Cos(x*bdXPi))
	return Point{Lng: float64(z * math.Cos(theta)), Lat: float64(z * math.Sin(theta))}
}

func bdToGCJ(b Point) (Point, bool) {
	return invertIter(b, bdToGCJApprox(b), gcjToBD)
}
