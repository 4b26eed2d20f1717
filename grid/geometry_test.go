package grid

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

func TestMultiPolygonValidate(t *testing.T) {
	for _, tc := range []struct {
		name     string
		m        MultiPolygon
		wantPath string
		wantRule string
	}{
		{"no polygon", MultiPolygon{}, "", grassroots.RuleRequired},
		{"polygon without rings", MultiPolygon{{}}, "[0]", grassroots.RuleRequired},
		{"ring with three positions", MultiPolygon{{Ring{{0, 0}, {1, 0}, {0, 0}}}}, "[0][0]", grassroots.RuleMin},
		{"ring not closed", MultiPolygon{{Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}}, "[0][0]", grassroots.RuleMismatch},
		{"latitude out of range", MultiPolygon{{ring("0 0, 1 0, 1 91, 0 1")}}, "[0][0][2]", RuleRange},
		{"NaN coordinate", MultiPolygon{{Ring{{0, 0}, {1, 0}, {math.NaN(), 1}, {0, 0}}}}, "[0][0][2]", RuleRange},
		{"edge across the antimeridian", MultiPolygon{{ring("179 0, -179 0, -179 1, 179 1")}}, "[0][0][1]", RuleAntimeridian},
		{"only two distinct positions", MultiPolygon{{Ring{{0, 0}, {1, 0}, {1, 0}, {0, 0}}}}, "[0][0]", grassroots.RuleMin},
		{"bow tie", MultiPolygon{{ring("0 0, 1 1, 1 0, 0 1")}}, "[0][0]", RuleSelfIntersection},
		{"ring touching itself at a vertex", MultiPolygon{{ring("0 0, 2 0, 1 1, 2 2, 0 2, 1 1")}}, "[0][0]", RuleSelfIntersection},
		{"spike folding back", MultiPolygon{{ring("0 0, 2 0, 2 2, 2 1, 0 2")}}, "[0][0]", RuleSelfIntersection},
		{"hole crossing the shell", MultiPolygon{{square(0, 0, 4), ring("3 1, 5 1, 5 2, 3 2")}}, "[0][1]", RuleRingsIntersect},
		{"hole touching the shell", MultiPolygon{{square(0, 0, 4), ring("0 1, 1 1, 1 2")}}, "[0][1]", RuleRingsIntersect},
		{"hole outside the shell", MultiPolygon{{square(0, 0, 4), square(5, 5, 1)}}, "[0][1]", RuleHoleOutside},
		{"hole inside another hole", MultiPolygon{{square(0, 0, 10), square(1, 1, 5), square(2, 2, 1)}}, "[0][2]", RuleHoleInHole},
	} {
		err := tc.m.Validate()
		require.Error(t, err, tc.name)
		assert.ErrorIs(t, err, grassroots.ErrInvalid, tc.name)
		var ve *grassroots.ValidationError
		require.True(t, errors.As(err, &ve), tc.name)
		found := false
		for _, f := range ve.Fields {
			found = found || (f.Path == tc.wantPath && f.Rule == tc.wantRule)
		}
		assert.True(t, found, "%s: want %s at %q, got %v", tc.name, tc.wantRule, tc.wantPath, ve.Fields)
	}
}

func TestMultiPolygonValidateAccepts(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    MultiPolygon
	}{
		{"counter-clockwise square", MultiPolygon{{square(0, 0, 1)}}},
		{"clockwise square (winding is not rejected)", MultiPolygon{{ring("0 0, 0 1, 1 1, 1 0")}}},
		{"square with a hole", MultiPolygon{{square(0, 0, 4), square(1, 1, 1)}}},
		{"two islands", MultiPolygon{{square(0, 0, 1)}, {square(3, 0, 1)}}},
		{"repeated consecutive position", MultiPolygon{{ring("0 0, 1 0, 1 0, 1 1, 0 1")}}},
		{"collinear vertices along a side", MultiPolygon{{ring("0 0, 1 0, 2 0, 2 1, 0 1")}}},
		{"extreme coordinates", MultiPolygon{{ring("-180 -90, 0 -90, 0 90, -180 90")}}},
	} {
		assert.NoError(t, tc.m.Validate(), tc.name)
	}
}

func TestNormalizeRewindsToRFC7946(t *testing.T) {
	cw := ring("0 0, 0 4, 4 4, 4 0")
	ccwHole := square(1, 1, 1)
	m := MultiPolygon{{cw, ccwHole}}
	n, reversed := m.Normalize()
	assert.Equal(t, 2, reversed, "both rings have the wrong winding")
	assert.True(t, n[0][0].IsCCW(), "exterior counter-clockwise")
	assert.False(t, n[0][1].IsCCW(), "hole clockwise")
	assert.False(t, m[0][0].IsCCW(), "input left unchanged")
	_, again := n.Normalize()
	assert.Zero(t, again, "normalised input needs no change")
}

func TestAreaOfLatLngCellsMatchesClosedForm(t *testing.T) {
	// Area of the ellipsoid zone between two latitudes per radian of
	// longitude, from the closed form of the ellipsoid's area element
	// (Snyder 1987, eq. 3-12 and the ellipsoidal quadrangle formula it
	// integrates), evaluated here independently of the package.
	e := math.Sqrt(wgsE2)
	f := func(lat float64) float64 {
		s := math.Sin(lat * math.Pi / 180)
		return s/(1-wgsE2*s*s)/2 + math.Atanh(e*s)/(2*e)
	}
	b2 := wgsA * wgsA * (1 - wgsE2)
	for _, lat := range []float64{0, 28, 45, 60, 89} {
		want := b2 * (f(lat+1) - f(lat)) * math.Pi / 180
		got := MultiPolygon{{square(120, lat, 1)}}.Area()
		assert.InEpsilon(t, want, got, 1e-9, "1°×1° cell at %v°N", lat)
	}
}

func TestAreaOfAnOctantIsAnEighthOfTheEllipsoid(t *testing.T) {
	// Surface of the WGS84 ellipsoid: 510,065,621.724 km² (NIMA TR8350.2,
	// table 3.5; 5.10065621724e14 m²).
	const surface = 5.10065621724e14
	got := MultiPolygon{{ring("0 0, 90 0, 90 90, 0 90")}}.Area()
	assert.InEpsilon(t, surface/8, got, 1e-9)
}

func TestAreaOfACityPolygonMatchesASphericalReference(t *testing.T) {
	// A 15-vertex polygon about 20 km across near Wenzhou. Reference: the
	// spherical excess of its geodesic polygon on the sphere of the WGS84
	// authalic radius (6,371,007.2 m), computed with L'Huilier's theorem;
	// at 28°N the sphere and the ellipsoid differ by about 0.15%.
	r := ring("120.55 27.95, 120.60 27.93, 120.66 27.94, 120.71 27.96, 120.74 28.00, 120.75 28.04, 120.73 28.08, 120.69 28.11, 120.64 28.12, 120.59 28.11, 120.56 28.08, 120.54 28.05, 120.53 28.02, 120.535 27.99, 120.54 27.97")
	want := sphericalArea(r, 6371007.2)
	got := MultiPolygon{{r}}.Area()
	assert.InEpsilon(t, want, got, 0.005)
	got2 := MultiPolygon{{r, ring("120.62 28.00, 120.62 28.02, 120.64 28.02, 120.64 28.00")}}.Area()
	hole := sphericalArea(ring("120.62 28.00, 120.62 28.02, 120.64 28.02, 120.64 28.00"), 6371007.2)
	assert.InEpsilon(t, want-hole, got2, 0.005, "hole subtracted")
}

// sphericalArea sums L'Huilier spherical excesses of a fan of triangles.
func sphericalArea(r Ring, radius float64) float64 {
	rad := math.Pi / 180
	dist := func(p, q Point) float64 {
		dlat, dlng := (q.Lat-p.Lat)*rad, (q.Lng-p.Lng)*rad
		h := math.Pow(math.Sin(dlat/2), 2) + math.Cos(p.Lat*rad)*math.Cos(q.Lat*rad)*math.Pow(math.Sin(dlng/2), 2)
		return 2 * math.Asin(math.Sqrt(h))
	}
	total := 0.0
	for i := 1; i+1 < len(r)-1; i++ {
		a, b, c := dist(r[0], r[i]), dist(r[i], r[i+1]), dist(r[i+1], r[0])
		s := (a + b + c) / 2
		e := 4 * math.Atan(math.Sqrt(math.Tan(s/2)*math.Tan((s-a)/2)*math.Tan((s-b)/2)*math.Tan((s-c)/2)))
		sign := float64(Orientation(r[0], r[i], r[i+1]))
		total += sign * e
	}
	return math.Abs(total) * radius * radius
}

func TestCoversAndContainsHalfOpen(t *testing.T) {
	m := MultiPolygon{{square(0, 0, 2), square(0.5, 0.5, 1)}}
	for _, tc := range []struct {
		name          string
		p             Point
		half, covered bool
	}{
		{"interior", Point{0.25, 0.25}, true, true},
		{"in the hole", Point{1, 1}, false, false},
		{"west edge belongs to the polygon", Point{0, 1}, true, true},
		{"east edge does not, but is covered", Point{2, 1}, false, true},
		{"south edge belongs to the polygon", Point{1.75, 0}, true, true},
		{"north edge is only covered", Point{1.75, 2}, false, true},
		{"outside", Point{3, 3}, false, false},
	} {
		assert.Equal(t, tc.half, m.ContainsHalfOpen(tc.p), tc.name)
		assert.Equal(t, tc.covered, m.Covers(tc.p), tc.name)
	}
}

func TestBBox(t *testing.T) {
	m := MultiPolygon{{square(1, 2, 3)}, {square(-1, 0, 1)}}
	assert.Equal(t, BBox{MinLng: -1, MinLat: 0, MaxLng: 4, MaxLat: 5}, m.BBox())
	assert.True(t, EmptyBBox().IsEmpty())
	assert.False(t, m.BBox().IsEmpty())
	assert.True(t, m.BBox().Intersects(BBox{4, 5, 6, 6}), "touching corner")
	assert.Equal(t, 10, m.NumVertices())
}
