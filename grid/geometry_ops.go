package grid

import "math"

// crosses reports whether the horizontal ray from p towards +∞ longitude
// crosses the edge from a to b under the half-open rule: the edge must
// straddle p's latitude with its lower end at or below it and its upper
// end above it, and p must lie strictly to the left of the edge directed
// upwards. The endpoints are put in that upward order first, so an edge
// shared by two rings, which they traverse in opposite directions, gives
// both rings the same answer.
func crosses(p, a, b Point) bool {
	if a.Lat > b.Lat {
		a, b = b, a
	}
	if !(a.Lat <= p.Lat && p.Lat < b.Lat) {
		return false
	}
	return orient(a.Lng, a.Lat, b.Lng, b.Lat, p.Lng, p.Lat) > 0
}

// contains reports whether p is inside r by the half-open even-odd rule:
// points on the ring's east-facing and north-facing edges are outside,
// points on its other edges inside.
func (r Ring) contains(p Point) bool {
	in := false
	for i := 1; i < len(r); i++ {
		if crosses(p, r[i-1], r[i]) {
			in = !in
		}
	}
	return in
}

// ContainsHalfOpen reports whether p is inside m by the half-open
// even-odd rule over all rings of all parts: a point on a boundary belongs
// to the region east of it, and a point on a boundary running exactly east
// to west to the region north of it. A tiling of regions that share edges
// exactly thus gives every point not on its outer border exactly one
// region; Index adds the outer border.
func (m MultiPolygon) ContainsHalfOpen(p Point) bool {
	in := false
	for _, poly := range m {
		for _, r := range poly {
			if r.contains(p) {
				in = !in
			}
		}
	}
	return in
}

// OnBoundary reports whether p lies exactly on an edge of m.
func (m MultiPolygon) OnBoundary(p Point) bool {
	for _, poly := range m {
		for _, r := range poly {
			for i := 1; i < len(r); i++ {
				if OnSegment(p, r[i-1], r[i]) {
					return true
				}
			}
		}
	}
	return false
}

// Covers reports whether p lies in m or on its boundary, exactly.
func (m MultiPolygon) Covers(p Point) bool {
	return m.ContainsHalfOpen(p) || m.OnBoundary(p)
}

// SignedArea returns the planar shoelace area of r in square degrees:
// positive when r runs counter-clockwise (with longitude east and latitude
// north), negative when clockwise. Coordinates are taken relative to the
// first position to keep precision.
func (r Ring) SignedArea() float64 {
	if len(r) < 3 {
		return 0
	}
	o := r[0]
	s := 0.0
	for i := 1; i+1 < len(r); i++ {
		x1, y1 := r[i].Lng-o.Lng, r[i].Lat-o.Lat
		x2, y2 := r[i+1].Lng-o.Lng, r[i+1].Lat-o.Lat
		s += float64(x1*y2) - float64(x2*y1)
	}
	return s / 2
}

// IsCCW reports whether r runs counter-clockwise.
func (r Ring) IsCCW() bool { return r.SignedArea() > 0 }

// Normalize returns a copy of m whose exterior rings run counter-clockwise
// and whose holes run clockwise, as RFC 7946 requires of writers, and the
// number of rings it reversed. Input in either winding is accepted
// everywhere in this package; Normalize only fixes what is written out.
func (m MultiPolygon) Normalize() (MultiPolygon, int) {
	out := make(MultiPolygon, len(m))
	n := 0
	for i, poly := range m {
		out[i] = make(Polygon, len(poly))
		for j, r := range poly {
			c := make(Ring, len(r))
			copy(c, r)
			if (j == 0) != c.IsCCW() {
				for a, b := 0, len(c)-1; a < b; a, b = a+1, b-1 {
					c[a], c[b] = c[b], c[a]
				}
				n++
			}
			out[i][j] = c
		}
	}
	return out, n
}

// WGS84 ellipsoid (NIMA TR8350.2).
const (
	wgsA  = 6378137.0
	wgsF  = 1 / 298.257223563
	wgsE2 = wgsF * (2 - wgsF)
)

var wgsE = math.Sqrt(wgsE2)

// authalicQ is q(φ) of the Lambert cylindrical equal-area projection of the
// ellipsoid (Snyder, Map Projections: A Working Manual, 1987, eq. 3-12):
// the map (λ, φ) ↦ (aλ, a·q/2) preserves area.
func authalicQ(latDeg float64) float64 {
	s := math.Sin(latDeg * math.Pi / 180)
	es := wgsE * s
	return (1 - wgsE2) * (s/(1-float64(es*es)) - math.Log((1-es)/(1+es))/(2*wgsE))
}

// ringAreaAuthalic returns the signed area of r in m² with its edges drawn
// as straight lines in the cylindrical equal-area projection of the WGS84
// ellipsoid; for edges of grid size this differs from geodesic edges by far
// less than 0.01%.
func ringAreaAuthalic(r Ring) float64 {
	if len(r) < 4 {
		return 0
	}
	q := make([]float64, len(r))
	for i, p := range r {
		q[i] = authalicQ(p.Lat)
	}
	s := 0.0
	for i := 1; i < len(r); i++ {
		dl := (r[i].Lng - r[i-1].Lng) * math.Pi / 180
		s -= float64(dl * (q[i] + q[i-1]))
	}
	return float64(s*wgsA*wgsA) / 4
}

// Area returns the area of m on the WGS84 ellipsoid in square metres:
// exterior rings minus holes, summed over parts, independent of winding.
// Coordinates are taken as geodetic WGS84 longitude and latitude; GCJ-02
// and BD-09 shift positions by a smoothly varying offset, so their areas
// agree with the WGS84 area to well within 0.1%.
func (m MultiPolygon) Area() float64 {
	total := 0.0
	for _, poly := range m {
		for j, r := range poly {
			a := math.Abs(ringAreaAuthalic(r))
			if j == 0 {
				total += a
			} else {
				total -= a
			}
		}
	}
	return total
}
