package grid

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The documented accuracy of CheckPartition's areas and of
// MultiPolygon.Area: an error of at most areaRelError of the area plus
// areaErrorPerMetre m² per metre of the boundaries compared.
const (
	areaRelError      = 1e-12
	areaErrorPerMetre = 1e-8
)

// perimeter returns the length of every ring of the polygons, in metres.
func perimeter(ms ...MultiPolygon) float64 {
	s := 0.0
	for _, m := range ms {
		for _, p := range m {
			for _, r := range p {
				for i := 1; i < len(r); i++ {
					s += metres(r[i-1], r[i])
				}
			}
		}
	}
	return s
}

// scaleRing returns r scaled by f about c.
func scaleRing(r Ring, c Point, f float64) Ring {
	out := make(Ring, len(r))
	for i, p := range r {
		out[i] = Point{Lng: c.Lng + (p.Lng-c.Lng)*f, Lat: c.Lat + (p.Lat-c.Lat)*f}
	}
	return out
}

func assertAreaBound(t *testing.T, what string, got, want float64, boundaries ...MultiPolygon) {
	t.Helper()
	bound := areaRelError*math.Abs(want) + areaErrorPerMetre*perimeter(boundaries...)
	assert.InDelta(t, want, got, bound, "%s: area %g m², reference %g m²", what, got, want)
}

// TestPartitionAreasWithinTheirBound measures gaps, overlaps, outside
// parts and thin slivers of random star-shaped polygons from 1 m to 100 km
// across, anywhere between 70°S and 70°N, against the 160-bit reference,
// and checks the documented bound. Before the strips were integrated
// exactly the midpoint rule missed by up to 1e-3 of the area here.
func TestPartitionAreasWithinTheirBound(t *testing.T) {
	seed := *seedFlag
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 21))
	trials := 60
	if testing.Short() {
		trials = 15
	}
	none := PartitionOptions{SliverArea: -1}
	for trial := range trials {
		size := math.Pow(10, -5+rng.Float64()*5)
		c := Point{Lng: -179 + rng.Float64()*358, Lat: -70 + rng.Float64()*140}
		// At least five vertices at increasing angles keep the star
		// shaped about c, so a copy scaled about c lies inside it.
		outer := MultiPolygon{{starRing(rng, c, size, 5+rng.IntN(12))}}
		inner := MultiPolygon{{scaleRing(outer[0][0], c, 0.2+0.7*rng.Float64())}}
		box := MultiPolygon{{square(c.Lng-2*size, c.Lat-2*size, 4*size)}}
		if outer.Validate() != nil || box.Validate() != nil {
			continue
		}
		refOuter, refInner := referenceArea(outer), referenceArea(inner)
		assertAreaBound(t, "Area", outer.Area(), refOuter, outer)

		rep := CheckPartition(grid1("p", outer...), nil, none)
		require.Len(t, rep.Gaps, 1, "trial %d: a parent without children is one gap", trial)
		assertAreaBound(t, "gap", rep.Gaps[0].Area, refOuter, outer)

		rep = CheckPartition(grid1("p", box...), []Grid{grid1("a", outer...), grid1("b", inner...)}, none)
		require.Len(t, rep.Overlaps, 1, "trial %d: nested children overlap", trial)
		assertAreaBound(t, "overlap", rep.Overlaps[0].Area, refInner, outer, inner)

		rep = CheckPartition(grid1("p", inner...), []Grid{grid1("a", outer...)}, none)
		require.Len(t, rep.Outside, 1, "trial %d: a child around its parent", trial)
		assertAreaBound(t, "outside", rep.Outside[0].Area, refOuter-refInner, outer, inner)

		// A slanted sliver between two children, from 1e-4 to 1e-1 of the
		// parent's width.
		x0, y0, w, h := c.Lng, c.Lat, size, size*(0.5+rng.Float64()*3)
		m0, m1 := x0+w*(0.2+0.6*rng.Float64()), x0+w*(0.2+0.6*rng.Float64())
		d := w * math.Pow(10, -4+3*rng.Float64())
		parent := MultiPolygon{{Ring{{x0, y0}, {x0 + w, y0}, {x0 + w, y0 + h}, {x0, y0 + h}, {x0, y0}}}}
		west := MultiPolygon{{Ring{{x0, y0}, {m0, y0}, {m1, y0 + h}, {x0, y0 + h}, {x0, y0}}}}
		east := MultiPolygon{{Ring{{m0 + d, y0}, {x0 + w, y0}, {x0 + w, y0 + h}, {m1 + d, y0 + h}, {m0 + d, y0}}}}
		sliver := MultiPolygon{{Ring{{m0, y0}, {m0 + d, y0}, {m1 + d, y0 + h}, {m1, y0 + h}, {m0, y0}}}}
		if parent.Validate() != nil || west.Validate() != nil || east.Validate() != nil || sliver.Validate() != nil {
			continue
		}
		rep = CheckPartition(grid1("p", parent...), []Grid{grid1("w", west...), grid1("e", east...)}, none)
		require.Len(t, rep.Gaps, 1, "trial %d: the sliver between the children", trial)
		assertAreaBound(t, "sliver", rep.Gaps[0].Area, referenceArea(sliver), parent, west, east)
	}
}

// wenzhouGrids reads the reference districts of Wenzhou, or skips.
func wenzhouGrids(t *testing.T) []Grid {
	t.Helper()
	b, err := os.ReadFile("../../shared/data/wenzhou-330300-districts.geojson")
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("reference data ../../shared/data/wenzhou-330300-districts.geojson not present")
	}
	require.NoError(t, err)
	var fc struct {
		Features []struct {
			Properties struct {
				Adcode int `json:"adcode"`
			} `json:"properties"`
			Geometry struct {
				Coordinates [][][][2]float64 `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	require.NoError(t, json.Unmarshal(b, &fc))
	var grids []Grid
	for _, f := range fc.Features {
		var m MultiPolygon
		for _, p := range f.Geometry.Coordinates {
			var poly Polygon
			for _, r := range p {
				var ring Ring
				for _, c := range r {
					ring = append(ring, Point{Lng: c[0], Lat: c[1]})
				}
				poly = append(poly, ring)
			}
			m = append(m, poly)
		}
		g := grid1(strconv.Itoa(f.Properties.Adcode), m...)
		g.CRS = GCJ02
		grids = append(grids, g)
	}
	return grids
}

func TestPartitionAreasOfWenzhouDistricts(t *testing.T) {
	for _, g := range wenzhouGrids(t) {
		require.NoError(t, g.Validate(), "%s", g.Code)
		ref := referenceArea(g.Boundary)
		assertAreaBound(t, string(g.Code)+" Area", g.Boundary.Area(), ref, g.Boundary)
		rep := CheckPartition(g, nil, PartitionOptions{SliverArea: -1})
		require.Len(t, rep.Gaps, len(g.Boundary), "%s: each part of a parent without children is a gap", g.Code)
		sum := 0.0
		for _, f := range rep.Gaps {
			sum += f.Area
		}
		assertAreaBound(t, string(g.Code)+" gaps", sum, ref, g.Boundary)
	}
}

func TestAuthalicStripAgreesWithQ(t *testing.T) {
	for _, band := range [][2]float64{{0, 1}, {27.9, 28.1}, {-60, 70}, {89, 90}, {-90, 90}} {
		dq, k := authalicStrip(band[0], band[1])
		assert.InEpsilon(t, authalicQ(band[1])-authalicQ(band[0]), dq, 1e-13, "dq over %v", band)
		if band[0] == -band[1] {
			assert.InDelta(t, 0, k, 1e-15, "the moment of %v, symmetric about the equator, vanishes", band)
		}
	}
	// Over a thin band, where a difference of q loses most of its digits,
	// dq is dq/dφ at the middle times the height to far below 1e-12.
	lo, hi := 30.0, 30.000001
	dq, k := authalicStrip(lo, hi)
	h := (hi - lo) * math.Pi / 180
	assert.InEpsilon(t, authalicDQ((lo+hi)/2*math.Pi/180)*h, dq, 1e-12, "dq over a band 1e-6° high")
	m, step := (lo+hi)/2*math.Pi/180, 1e-4
	q2 := (authalicDQ(m+step) - authalicDQ(m-step)) / (2 * step)
	assert.InEpsilon(t, q2*h*h*h/12, k, 1e-6, "the moment of a thin band is h³/12 times d²q/dφ²")
}
