package grid

import (
	"math"

	"github.com/grassrootsgov/grassroots/internal/enum"
)

// CRS is a coordinate reference system for longitude/latitude points.
// Chinese web maps publish GCJ-02 (AMap, Tencent) or BD-09 (Baidu), while
// GPS receivers report WGS84; the systems differ by hundreds of metres in
// China, more than a grid is wide, so every boundary and point names its
// system and Convert moves between them.
//
// The zero value is not a system: it is invalid, prints "CRS(0)" and fails
// to marshal.
type CRS uint8

// The coordinate reference systems.
const (
	// WGS84 is the World Geodetic System 1984 (EPSG:4326 axis order
	// swapped to lng, lat as in GeoJSON).
	WGS84 CRS = iota + 1
	// GCJ02 is China's obfuscated "Mars" system used by AMap and Tencent
	// maps.
	GCJ02
	// BD09 is Baidu's system, a further transformation of GCJ-02.
	BD09
)

var crsNames = enum.New[CRS]("grid.CRS", "wgs84", "gcj02", "bd09")

// IsValid reports whether c is one of the CRS values.
func (c CRS) IsValid() bool { return crsNames.Valid(c) }

// String returns the wire name of c, or "CRS(N)" for an invalid value.
func (c CRS) String() string { return crsNames.String(c) }

// AppendText appends the wire name of c to b; an invalid value is an error.
func (c CRS) AppendText(b []byte) ([]byte, error) { return crsNames.Append(b, c) }

// MarshalText returns the wire name of c; an invalid value is an error.
func (c CRS) MarshalText() ([]byte, error) { return crsNames.Marshal(c) }

// UnmarshalText sets *c to the value named by b; on error *c is unchanged.
func (c *CRS) UnmarshalText(b []byte) error { return crsNames.Unmarshal(c, b) }

// ParseCRS returns the CRS named s; an unknown name is a *grassroots.UnknownNameError.
func ParseCRS(s string) (CRS, error) { return crsNames.Parse(s) }

// Convert returns p, given in system from, expressed in system to.
//
// WGS84 to GCJ-02 is the published forward formula (Krasovsky 1940
// ellipsoid parameters, offsets as trigonometric series); it leaves points
// outside China's bounding box (72.004°E–137.8347°E, 0.8293°N–55.8271°N)
// unchanged. GCJ-02 to WGS84 has no closed form and is solved by fixed-point
// iteration until the forward image is within 1e-9° of the input. GCJ-02
// and BD-09 convert with Baidu's published formula (forward) and the same
// iteration (inverse), so a round trip returns to within 1e-8°.
//
// An invalid system or point is an error (a *CRSError) and the zero Point.
// Converting to the same system returns p unchanged.
func Convert(p Point, from, to CRS) (Point, error) {
	switch {
	case !from.IsValid():
		_, err := from.MarshalText()
		return Point{}, &CRSError{From: from, To: to, Point: p, Err: err}
	case !to.IsValid():
		_, err := to.MarshalText()
		return Point{}, &CRSError{From: from, To: to, Point: p, Err: err}
	case from == to:
		return p, nil
	}
	if err := p.Validate(); err != nil {
		return Point{}, &CRSError{From: from, To: to, Point: p, Err: err}
	}
	g := p // in GCJ-02 after this switch
	switch from {
	case WGS84:
		g = wgsToGCJ(p)
	case BD09:
		g = bdToGCJ(p)
	}
	switch to {
	case WGS84:
		return gcjToWGS(g), nil
	case BD09:
		return gcjToBD(g), nil
	}
	return g, nil
}

// Krasovsky 1940 ellipsoid, as used by the GCJ-02 formula.
const (
	gcjA  = 6378245.0
	gcjEE = 0.00669342162296594323
)

func outOfChina(p Point) bool {
	return p.Lng < 72.004 || p.Lng > 137.8347 || p.Lat < 0.8293 || p.Lat > 55.8271
}

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

func wgsToGCJ(p Point) Point {
	if outOfChina(p) {
		return p
	}
	dLng, dLat := gcjSeries(p.Lng-105.0, p.Lat-35.0)
	radLat := p.Lat / 180.0 * math.Pi
	s := math.Sin(radLat)
	magic := 1 - float64(float64(gcjEE*s)*s)
	sqrtMagic := math.Sqrt(magic)
	dLat = float64(dLat*180.0) / float64(float64(float64(gcjA*(1-gcjEE))/float64(magic*sqrtMagic))*math.Pi)
	dLng = float64(dLng*180.0) / float64(float64(float64(gcjA/sqrtMagic)*math.Cos(radLat))*math.Pi)
	return Point{Lng: p.Lng + dLng, Lat: p.Lat + dLat}
}

// invertIter solves fwd(w) = target for w by fixed-point iteration
// w ← w − (fwd(w) − target), starting from start. The offsets the
// forward maps add vary slowly (their derivative is far below 1), so the
// iteration contracts; it stops below 1e-9° or after a fixed number of
// rounds, which keeps the result deterministic.
func invertIter(target, start Point, fwd func(Point) Point) Point {
	w := start
	for range 40 {
		f := fwd(w)
		dx, dy := f.Lng-target.Lng, f.Lat-target.Lat
		w = Point{Lng: w.Lng - dx, Lat: w.Lat - dy}
		if math.Abs(dx) < 1e-9 && math.Abs(dy) < 1e-9 {
			break
		}
	}
	return w
}

func gcjToWGS(g Point) Point {
	if outOfChina(g) {
		return g
	}
	return invertIter(g, g, wgsToGCJ)
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

func bdToGCJ(b Point) Point {
	return invertIter(b, bdToGCJApprox(b), gcjToBD)
}
