package geojson_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/grid/geojson"
)

func ring(pts ...float64) grid.Ring {
	r := make(grid.Ring, 0, len(pts)/2)
	for i := 0; i+1 < len(pts); i += 2 {
		r = append(r, grid.Point{Lng: pts[i], Lat: pts[i+1]})
	}
	return r
}

// sampleGrids holds a plain grid, a grid with a hole and an island, and a
// clockwise one: the shapes Encode must get right.
func sampleGrids() []grid.Grid {
	return []grid.Grid{
		{Code: "330302001001001", Name: "五马 1", Parent: "330302001001", Level: grid.LevelGrid, Kind: grid.KindGeneral,
			CRS: grid.GCJ02, Households: 420, Residents: 1300,
			Boundary: grid.MultiPolygon{{ring(120.65, 28.01, 120.66, 28.01, 120.66, 28.02, 120.65, 28.02, 120.65, 28.01)}}},
		{Code: "330302001001002", Level: grid.LevelGrid, Kind: grid.KindDedicated, CRS: grid.GCJ02,
			Boundary: grid.MultiPolygon{
				{ring(120.70, 28.00, 120.73, 28.00, 120.73, 28.03, 120.70, 28.03, 120.70, 28.00),
					ring(120.71, 28.01, 120.71, 28.02, 120.72, 28.02, 120.72, 28.01, 120.71, 28.01)},
				{ring(120.80, 28.00, 120.81, 28.00, 120.81, 28.01, 120.80, 28.00)},
			}},
		{Code: "cw", Level: grid.LevelMicroGrid, Kind: grid.KindGeneral, CRS: grid.GCJ02,
			Boundary: grid.MultiPolygon{{ring(-0.00000001, 0, 0, 1, 1, 1, 1, 0, -0.00000001, 0)}}},
	}
}

func encode(t *testing.T, grids []grid.Grid, opts geojson.EncodeOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, geojson.Encode(&buf, grids, opts))
	return buf.Bytes()
}

func TestEncodeRoundTripIsStable(t *testing.T) {
	grids := sampleGrids()
	first := encode(t, grids, geojson.EncodeOptions{})
	back, err := geojson.Decode(bytes.NewReader(first), geojson.Options{CRS: grid.GCJ02})
	require.NoError(t, err, "output decodes:\n%s", first)
	require.Len(t, back, len(grids))
	for i, g := range back {
		want := grids[i]
		want.Boundary, _ = want.Boundary.Normalize()
		if g.Code == "cw" {
			// -1e-8 rounds to 0 at 7 decimals.
			want.Boundary[0][0][0].Lng, want.Boundary[0][0][4].Lng = 0, 0
		}
		assert.Equal(t, want, g, "grid %s survives the round trip", want.Code)
	}
	second := encode(t, back, geojson.EncodeOptions{})
	assert.Equal(t, string(first), string(second), "decode then encode reproduces the bytes")
}

// geometryOf decodes the raw geometry of feature i.
func geometryOf(t *testing.T, out []byte, i int) (string, json.RawMessage, map[string]json.RawMessage) {
	t.Helper()
	var fc struct {
		Features []struct {
			Properties map[string]json.RawMessage `json:"properties"`
			Geometry   struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	require.NoError(t, json.Unmarshal(out, &fc))
	f := fc.Features[i]
	return f.Geometry.Type, f.Geometry.Coordinates, f.Properties
}

func TestEncodeWritesRFC7946Winding(t *testing.T) {
	out := encode(t, sampleGrids(), geojson.EncodeOptions{})

	typ, coords, _ := geometryOf(t, out, 1)
	assert.Equal(t, "MultiPolygon", typ, "two parts make a MultiPolygon")
	var mp grid.MultiPolygon
	require.NoError(t, json.Unmarshal(coords, &mp))
	assert.True(t, mp[0][0].IsCCW(), "exterior counter-clockwise")
	assert.False(t, mp[0][1].IsCCW(), "hole clockwise")
	assert.True(t, mp[1][0].IsCCW(), "island counter-clockwise")

	typ, coords, _ = geometryOf(t, out, 2)
	assert.Equal(t, "Polygon", typ, "one part makes a Polygon")
	assert.Equal(t, `[[[0,0],[1,0],[1,1],[0,1],[0,0]]]`, string(coords), "clockwise input rewound; -1e-8 written as 0")
}

func TestEncodeWritesProperties(t *testing.T) {
	out := encode(t, sampleGrids(), geojson.EncodeOptions{})
	_, _, props := geometryOf(t, out, 0)
	want := map[string]string{"code": `"330302001001001"`, "name": `"五马 1"`, "parent": `"330302001001"`, "level": `"grid"`,
		"kind": `"general"`, "households": `420`, "residents": `1300`}
	got := map[string]string{}
	for k, v := range props {
		got[k] = string(v)
	}
	assert.Equal(t, want, got)
	_, _, props = geometryOf(t, out, 1)
	assert.NotContains(t, props, "name", "empty name omitted")
	assert.NotContains(t, props, "parent", "empty parent omitted")
	assert.Contains(t, string(out), `"id":"330302001001001"`, "code written as the feature id")
}

func TestEncodeRoundsToSevenDecimals(t *testing.T) {
	tests := []struct {
		lng  float64
		want string
	}{
		{lng: 120.5, want: "120.5"},
		{lng: 120.123456749, want: "120.1234567"},
		{lng: 120.12345675001, want: "120.1234568"},
		{lng: 120.00000004, want: "120"},
		{lng: -120.00000005001, want: "-120.0000001"},
		{lng: 1e-9, want: "0"},
		{lng: -1e-9, want: "0"},
	}
	for _, tt := range tests {
		g := grid.Grid{Code: "a", Level: grid.LevelGrid, Kind: grid.KindGeneral, CRS: grid.WGS84,
			Boundary: grid.MultiPolygon{{ring(tt.lng, 10, tt.lng+1, 10, tt.lng+1, 11, tt.lng, 10)}}}
		_, coords, _ := geometryOf(t, encode(t, []grid.Grid{g}, geojson.EncodeOptions{}), 0)
		assert.True(t, strings.HasPrefix(string(coords), "[[["+tt.want+",10]"), "%v written as %s, got %s", tt.lng, tt.want, coords)
	}
}

func TestEncodeConvertsCRS(t *testing.T) {
	g := sampleGrids()[0]
	out := encode(t, []grid.Grid{g}, geojson.EncodeOptions{CRS: grid.WGS84})
	back, err := geojson.Decode(bytes.NewReader(out), geojson.Options{})
	require.NoError(t, err)
	want, err := grid.Convert(g.Boundary[0][0][0], grid.GCJ02, grid.WGS84)
	require.NoError(t, err)
	got := back[0].Boundary[0][0][0]
	assert.InDelta(t, want.Lng, got.Lng, 5e-8, "converted longitude, 7 decimals")
	assert.InDelta(t, want.Lat, got.Lat, 5e-8, "converted latitude, 7 decimals")
	assert.Greater(t, g.Boundary[0][0][0].Lng-got.Lng, 0.003, "near Wenzhou GCJ-02 is several hundred metres east of WGS84")
}

func TestEncodeRejectsWhatItCannotWrite(t *testing.T) {
	valid := sampleGrids()[0]
	noBoundary := valid
	noBoundary.Boundary = nil
	badCode := valid
	badCode.Code = "a b"
	otherCRS := valid
	otherCRS.Code = "x"
	otherCRS.CRS = grid.WGS84
	tiny := valid
	tiny.Code = "tiny"
	tiny.Boundary = grid.MultiPolygon{{ring(120, 28, 120.00000001, 28, 120.00000001, 28.00000001, 120, 28)}}
	tests := []struct {
		name  string
		grids []grid.Grid
		opts  geojson.EncodeOptions
		want  error
	}{
		{name: "grid without boundary", grids: []grid.Grid{valid, noBoundary}, want: geojson.ErrGeometryType},
		{name: "invalid grid", grids: []grid.Grid{valid, badCode}, want: grassroots.ErrInvalid},
		{name: "mixed systems without conversion", grids: []grid.Grid{valid, otherCRS}, want: grid.ErrMixedCRS},
		{name: "ring collapsing at 7 decimals", grids: []grid.Grid{valid, tiny}, want: geojson.ErrPrecision},
		{name: "unknown target system", grids: []grid.Grid{valid}, opts: geojson.EncodeOptions{CRS: grid.CRS(7)}, want: grassroots.ErrInvalid},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		err := geojson.Encode(&buf, tt.grids, tt.opts)
		assert.ErrorIs(t, err, tt.want, tt.name)
		assert.Zero(t, buf.Len(), "%s: nothing written", tt.name)
		if len(tt.grids) > 1 {
			var fe *geojson.FeatureError
			if assert.ErrorAs(t, err, &fe, tt.name) {
				assert.Equal(t, 1, fe.Index, tt.name)
			}
		}
	}
	var buf bytes.Buffer
	require.NoError(t, geojson.Encode(&buf, []grid.Grid{valid, otherCRS}, geojson.EncodeOptions{CRS: grid.WGS84}), "mixed systems with conversion")
}

func TestEncodeEmpty(t *testing.T) {
	out := encode(t, nil, geojson.EncodeOptions{})
	grids, err := geojson.Decode(bytes.NewReader(out), geojson.Options{})
	require.NoError(t, err, "%s", out)
	assert.Empty(t, grids)
}

// lattice returns n×n square grids of side 0.001° near Wenzhou, each edge
// split into k segments so a grid has 4k+1 positions. Split points are
// jittered off the straight edge, as surveyed boundaries are.
func lattice(n, k int) []grid.Grid {
	r := rand.New(rand.NewPCG(7, 7))
	grids := make([]grid.Grid, 0, n*n)
	const side = 0.001
	for i := range n {
		for j := range n {
			x0, y0 := 120.6+float64(i)*side, 28.0+float64(j)*side
			var ring grid.Ring
			corners := [][2]float64{{x0, y0}, {x0 + side, y0}, {x0 + side, y0 + side}, {x0, y0 + side}, {x0, y0}}
			for c := range 4 {
				a, b := corners[c], corners[c+1]
				for s := range k {
					f := float64(s) / float64(k)
					p := grid.Point{Lng: a[0] + f*(b[0]-a[0]), Lat: a[1] + f*(b[1]-a[1])}
					if s > 0 {
						p.Lng += (r.Float64() - 0.5) * side / float64(4*k)
						p.Lat += (r.Float64() - 0.5) * side / float64(4*k)
					}
					ring = append(ring, p)
				}
			}
			ring = append(ring, ring[0])
			grids = append(grids, grid.Grid{Code: grid.Code(fmt.Sprintf("G%03d-%03d", i, j)), Level: grid.LevelGrid,
				Kind: grid.KindGeneral, CRS: grid.WGS84, Households: 400, Boundary: grid.MultiPolygon{{ring}}})
		}
	}
	return grids
}

func BenchmarkDecode(b *testing.B) {
	var buf bytes.Buffer
	if err := geojson.Encode(&buf, lattice(32, 16)[:1000], geojson.EncodeOptions{}); err != nil {
		b.Fatal(err)
	}
	in := buf.Bytes()
	b.Run("features=1000/vertices=65", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			if _, err := geojson.Decode(bytes.NewReader(in), geojson.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkEncode(b *testing.B) {
	grids := lattice(32, 16)[:1000]
	b.Run("features=1000/vertices=65", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := geojson.Encode(&bytes.Buffer{}, grids, geojson.EncodeOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
