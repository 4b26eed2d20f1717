package grid

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// metres returns the great-circle distance on a 6,371 km sphere.
func metres(p, q Point) float64 {
	rad := math.Pi / 180
	dlat, dlng := (q.Lat-p.Lat)*rad, (q.Lng-p.Lng)*rad
	h := math.Pow(math.Sin(dlat/2), 2) + math.Cos(p.Lat*rad)*math.Cos(q.Lat*rad)*math.Pow(math.Sin(dlng/2), 2)
	return 2 * 6371000 * math.Asin(math.Sqrt(h))
}

func TestConvertOffsetNearWenzhou(t *testing.T) {
	// Published comparisons of GPS and AMap positions in Wenzhou put the
	// GCJ-02 shift at roughly 500–600 m.
	w := Point{Lng: 120.65, Lat: 28.0}
	g, err := Convert(w, WGS84, GCJ02)
	require.NoError(t, err)
	d := metres(w, g)
	assert.Greater(t, d, 500.0, "GCJ-02 shift at %v is %.0f m", w, d)
	assert.Less(t, d, 600.0, "GCJ-02 shift at %v is %.0f m", w, d)
	assert.Greater(t, g.Lng, w.Lng, "GCJ-02 lies east of WGS84 here")
	b, err := Convert(w, WGS84, BD09)
	require.NoError(t, err)
	assert.Greater(t, metres(g, b), 500.0, "BD-09 adds a further shift of several hundred metres")
}

// edgeDistance is how far p lies, in degrees of one coordinate, from the
// nearest edge line of China's box (inside or outside it).
func edgeDistance(p Point) float64 {
	return min(math.Abs(p.Lng-gcjMinLng), math.Abs(p.Lng-gcjMaxLng), math.Abs(p.Lat-gcjMinLat), math.Abs(p.Lat-gcjMaxLat))
}

// conversionSample is a dense sample of China's box and its surroundings:
// a lattice over the box and 0.5° beyond, bands across each edge sampled
// every 0.0005° from 0.015° outside to 0.015° inside, the corners, points on and
// around 105°E (where the series has a square-root cusp), and random
// points from seed.
func conversionSample(seed uint64, short bool) []Point {
	step, along := 0.4, 0.5
	if short {
		step, along = 1, 2
	}
	var pts []Point
	for lng := gcjMinLng - 0.5; lng <= gcjMaxLng+0.5; lng += step {
		for lat := gcjMinLat - 0.5; lat <= gcjMaxLat+0.5; lat += step {
			pts = append(pts, Point{Lng: lng, Lat: lat})
		}
	}
	for k := -30; k <= 30; k++ {
		d := float64(k) * 0.0005
		for lat := gcjMinLat; lat <= gcjMaxLat; lat += along {
			pts = append(pts, Point{Lng: gcjMinLng + d, Lat: lat}, Point{Lng: gcjMaxLng + d, Lat: lat})
		}
		for lng := gcjMinLng; lng <= gcjMaxLng; lng += along {
			pts = append(pts, Point{Lng: lng, Lat: gcjMinLat + d}, Point{Lng: lng, Lat: gcjMaxLat + d})
		}
	}
	pts = append(pts, Point{gcjMinLng, gcjMinLat}, Point{gcjMinLng, gcjMaxLat}, Point{gcjMaxLng, gcjMinLat}, Point{gcjMaxLng, gcjMaxLat})
	for k := -100; k <= 100; k++ {
		pts = append(pts, Point{Lng: 105 + float64(k)*1e-12, Lat: 30}, Point{Lng: 105 + float64(k)*1e-7, Lat: 40})
	}
	rng := rand.New(rand.NewPCG(seed, 3))
	for range 2000 {
		pts = append(pts, Point{Lng: gcjMinLng - 1 + rng.Float64()*(gcjMaxLng-gcjMinLng+2), Lat: gcjMinLat - 1 + rng.Float64()*(gcjMaxLat-gcjMinLat+2)})
	}
	return pts
}

// TestConvertRoundTripsOverChinasBox checks Convert's documented
// guarantees over the dense sample, for every pair of systems: a
// conversion from GCJ-02 or BD-09 to WGS84 either solves the forward
// formula to 1e-9° or fails with ErrNoInverse within 0.011° of an edge of
// the box; a round trip returns to within 1e-8°, and its way back fails
// only from WGS84 and only within 0.011° of an edge.
func TestConvertRoundTripsOverChinasBox(t *testing.T) {
	seed := *seedFlag
	t.Logf("seed %d", seed)
	const near, roundTrip = 0.011, 1e-8
	pairs := [][2]CRS{{WGS84, GCJ02}, {WGS84, BD09}, {GCJ02, BD09}, {GCJ02, WGS84}, {BD09, WGS84}, {BD09, GCJ02}}
	refused := map[[2]CRS]int{}
	worst := 0.0
	for _, p := range conversionSample(seed, testing.Short()) {
		for _, pr := range pairs {
			from, to := pr[0], pr[1]
			q, err := Convert(p, from, to)
			if err != nil {
				require.ErrorIs(t, err, ErrNoInverse, "%v %s→%s", p, from, to)
				require.Equal(t, WGS84, to, "%v %s→%s: only the way to WGS84 has no inverse", p, from, to)
				gcj := p
				if from == BD09 {
					var ok bool
					gcj, ok = bdToGCJ(p)
					require.True(t, ok, "%v: the BD-09 inverse converges", p)
				}
				require.LessOrEqual(t, edgeDistance(gcj), near, "%v %s→%s refused far from the edge of the box", p, from, to)
				refused[pr]++
				continue
			}
			if to == WGS84 {
				g := wgsToGCJ(q)
				if from == BD09 {
					g = gcjToBD(g)
				}
				require.InDelta(t, p.Lng, g.Lng, 2*inverseTolerance, "%v %s→%s: the result's forward image", p, from, to)
				require.InDelta(t, p.Lat, g.Lat, 2*inverseTolerance, "%v %s→%s: the result's forward image", p, from, to)
			}
			back, err := Convert(q, to, from)
			if err != nil {
				require.ErrorIs(t, err, ErrNoInverse, "%v %s→%s→%s", p, from, to, from)
				require.Equal(t, WGS84, from, "%v %s→%s→%s: only round trips from WGS84 may fail", p, from, to, from)
				require.LessOrEqual(t, edgeDistance(p), near, "%v %s→%s→%s refused far from the edge of the box", p, from, to, from)
				refused[[2]CRS{to, from}]++
				continue
			}
			require.InDelta(t, p.Lng, back.Lng, roundTrip, "%v %s→%s→%s", p, from, to, from)
			require.InDelta(t, p.Lat, back.Lat, roundTrip, "%v %s→%s→%s", p, from, to, from)
			worst = max(worst, math.Abs(p.Lng-back.Lng), math.Abs(p.Lat-back.Lat))
		}
	}
	assert.Positive(t, refused[[2]CRS{GCJ02, WGS84}], "the sample reaches the positions with no inverse")
	t.Logf("refused: %v; largest round-trip error %.2g°", refused, worst)
}

func TestConvertReportsNoInverseAtTheEdgeOfChinasBox(t *testing.T) {
	// The shift runs east, so just inside the west edge lie GCJ-02
	// positions no WGS84 point is shifted to …
	hole := Point{Lng: gcjMinLng + 0.002, Lat: 40}
	_, err := Convert(hole, GCJ02, WGS84)
	require.ErrorIs(t, err, ErrNoInverse, "%v", hole)
	var ce *CRSError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, CRSError{From: GCJ02, To: WGS84, Point: hole}, CRSError{From: ce.From, To: ce.To, Point: ce.Point}, "the error names the conversion")

	// … and just outside the east edge positions two WGS84 points have:
	// a point on the edge, shifted out of the box, and the position itself.
	onEdge := Point{Lng: gcjMaxLng, Lat: 30}
	g, err := Convert(onEdge, WGS84, GCJ02)
	require.NoError(t, err)
	require.True(t, outOfChina(g), "%v is shifted out of the box to %v", onEdge, g)
	_, err = Convert(g, GCJ02, WGS84)
	assert.ErrorIs(t, err, ErrNoInverse, "%v has two WGS84 positions", g)
	_, err = Convert(g, BD09, WGS84)
	assert.NoError(t, err, "%v as BD-09 is another position", g)

	// Deep inside the box every position has exactly one.
	w, err := Convert(Point{Lng: 120.655, Lat: 28.003}, GCJ02, WGS84)
	require.NoError(t, err)
	again := wgsToGCJ(w)
	assert.InDelta(t, 120.655, again.Lng, inverseTolerance)
	assert.InDelta(t, 28.003, again.Lat, inverseTolerance)
}

func TestConvertOutsideChinaIsIdentityForGCJ02(t *testing.T) {
	for _, p := range []Point{{Lng: 2.35, Lat: 48.85}, {Lng: -74, Lat: 40.7}, {Lng: 139.7, Lat: 35.7}} {
		g, err := Convert(p, WGS84, GCJ02)
		require.NoError(t, err)
		assert.Equal(t, p, g, "%v outside China", p)
		w, err := Convert(p, GCJ02, WGS84)
		require.NoError(t, err)
		assert.Equal(t, p, w, "%v outside China", p)
	}
}

func TestConvertErrors(t *testing.T) {
	_, err := Convert(Point{120, 28}, 0, WGS84)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "zero source system")
	assert.NotErrorIs(t, err, ErrInvalidPoint, "zero source system")
	_, err = Convert(Point{120, 28}, WGS84, CRS(9))
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "target system 9")
	_, err = Convert(Point{math.NaN(), 28}, WGS84, GCJ02)
	assert.ErrorIs(t, err, ErrInvalidPoint)
	var ce *CRSError
	require.True(t, errors.As(err, &ce))
	assert.Equal(t, GCJ02, ce.To)
	_, err = Convert(Point{200, 28}, BD09, WGS84)
	assert.ErrorIs(t, err, ErrInvalidPoint)
	p, err := Convert(Point{120, 28}, BD09, BD09)
	assert.NoError(t, err)
	assert.Equal(t, Point{120, 28}, p, "same system is unchanged")
}

func TestNewIndexRefusesVerticesWithoutAnInverse(t *testing.T) {
	// A GCJ-02 grid whose west side lies in the gap the shift leaves
	// inside the west edge of China's box cannot be indexed in WGS84.
	g := grid1("edge", Polygon{ring("72.005 40, 72.1 40, 72.1 40.1, 72.005 40.1")})
	g.CRS = GCJ02
	_, err := NewIndex([]Grid{g}, IndexOptions{CRS: WGS84})
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve, "vertices at 72.005°E have no WGS84 position")
	for _, path := range []string{"[0].boundary[0][0][0]", "[0].boundary[0][0][3]", "[0].boundary[0][0][4]"} {
		assert.True(t, ve.Has(path), "%s is named", path)
	}
	assert.False(t, ve.Has("[0].boundary[0][0][1]"), "72.1°E converts")

	_, err = NewIndex([]Grid{g}, IndexOptions{})
	assert.NoError(t, err, "indexed in its own system, the grid needs no conversion")
}
