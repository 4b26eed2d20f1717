package grid

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPointJSONIsAGeoJSONPosition(t *testing.T) {
	p := Point{Lng: 120.6553, Lat: 28.0106}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, `[120.6553, 28.0106]`, string(b))
	var back Point
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, p, back)

	g := grid1("g", Polygon{square(0, 0, 1)})
	b, err = json.Marshal(g)
	require.NoError(t, err)
	assert.JSONEq(t, `{"code":"g","level":"grid","kind":"general","crs":"wgs84","households":0,"residents":0,
		"boundary":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]]]}`, string(b))
	var gb Grid
	require.NoError(t, json.Unmarshal(b, &gb))
	assert.Equal(t, g, gb)
}

func TestPointJSONRejectsBadPositions(t *testing.T) {
	for _, in := range []string{`[1]`, `[1,2,3]`, `{"lng":1,"lat":2}`, `[181,0]`, `[0,-91]`, `["1","2"]`, `null`} {
		p := Point{Lng: 7, Lat: 7}
		err := json.Unmarshal([]byte(in), &p)
		if in == `null` {
			assert.NoError(t, err)
			assert.Equal(t, Point{Lng: 7, Lat: 7}, p, "null leaves the point unchanged")
			continue
		}
		assert.ErrorIs(t, err, ErrInvalidPoint, in)
		assert.Equal(t, Point{Lng: 7, Lat: 7}, p, "%s leaves the point unchanged", in)
	}
	_, err := json.Marshal(Point{Lng: math.Inf(1)})
	assert.Error(t, err)
}

func TestPointValidate(t *testing.T) {
	assert.NoError(t, Point{Lng: -180, Lat: 90}.Validate())
	assert.ErrorIs(t, Point{Lng: 180.0000001}.Validate(), ErrInvalidPoint)
	assert.ErrorIs(t, Point{Lat: math.NaN()}.Validate(), ErrInvalidPoint)
	assert.Equal(t, "[120.5, 28]", Point{Lng: 120.5, Lat: 28}.String())
}
