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

func TestConvertRoundTrips(t *testing.T) {
	seed := *seedFlag
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 3))
	pairs := [][2]CRS{{WGS84, GCJ02}, {WGS84, BD09}, {GCJ02, BD09}, {GCJ02, WGS84}, {BD09, WGS84}, {BD09, GCJ02}}
	for range 2000 {
		p := Point{Lng: 73 + rng.Float64()*62, Lat: 18 + rng.Float64()*35}
		for _, pr := range pairs {
			q, err := Convert(p, pr[0], pr[1])
			require.NoError(t, err)
			back, err := Convert(q, pr[1], pr[0])
			require.NoError(t, err)
			assert.InDelta(t, p.Lng, back.Lng, 1e-8, "%v %s→%s→%s", p, pr[0], pr[1], pr[0])
			assert.InDelta(t, p.Lat, back.Lat, 1e-8, "%v %s→%s→%s", p, pr[0], pr[1], pr[0])
		}
	}
}

func TestConvertInverseSolvesTheForwardFormulaTo1e7(t *testing.T) {
	g := Point{Lng: 120.655, Lat: 28.003}
	w, err := Convert(g, GCJ02, WGS84)
	require.NoError(t, err)
	again := wgsToGCJ(w)
	assert.InDelta(t, g.Lng, again.Lng, 1e-7)
	assert.InDelta(t, g.Lat, again.Lat, 1e-7)
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
