package geojson_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/grid/geojson"
)

// TestErrorMessagesCarryOnePrefix checks the rule every error message of
// the package keeps: each line (errors.Join puts one problem a line)
// starts with "geojson: " and no package prefix follows, whatever grid or
// grassroots error it wraps.
func TestErrorMessagesCarryOnePrefix(t *testing.T) {
	bowTie := `{"type":"Feature","id":"a","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}}`
	decodes := []struct {
		name string
		in   string
		opts geojson.Options
	}{
		{"a named level that is not one", collection(dataV("330303", `level:"province"`)), geojson.Options{CodeProperty: "adcode", LevelProperty: "level"}},
		{"an invalid code", collection(dataV(`"33 03"`, ``)), geojson.Options{CodeProperty: "adcode"}},
		{"no code", collection(dataV("330303", ``)), geojson.Options{}},
		{"a duplicate code", collection(dataV("330303", ``), dataV("330303", ``)), geojson.Options{CodeProperty: "adcode"}},
		{"an invalid boundary", collection(bowTie), geojson.Options{}},
		{"overlapping parts", collection(`{"type":"Feature","id":"m","properties":{},"geometry":{"type":"MultiPolygon","coordinates":` +
			`[[[[0,0],[2,0],[2,2],[0,2],[0,0]]],[[[1,1],[3,1],[3,3],[1,3],[1,1]]]]}}`), geojson.Options{}},
		{"a point", collection(`{"type":"Feature","id":"p","properties":{},"geometry":{"type":"Point","coordinates":[0,0]}}`), geojson.Options{}},
		{"bad options", collection(), geojson.Options{CRS: grid.CRS(9), Level: grid.Level(12), MaxBytes: -1}},
		{"too many features", collection(square(`"a"`, 1, 1), square(`"b"`, 2, 1)), geojson.Options{MaxFeatures: 1}},
		{"not JSON", `{"type":`, geojson.Options{}},
	}
	for _, tt := range decodes {
		_, err := decode(t, tt.in, tt.opts)
		assertOnePrefix(t, tt.name, err)
	}
	tiny := grid.Grid{Code: "a", Level: grid.LevelGrid, Kind: grid.KindGeneral, CRS: grid.WGS84,
		Boundary: grid.MultiPolygon{{{{Lng: 0, Lat: 0}, {Lng: 1e-8, Lat: 0}, {Lng: 1e-8, Lat: 1e-8}, {Lng: 0, Lat: 0}}}}}
	edge := grid.Grid{Code: "e", Level: grid.LevelGrid, Kind: grid.KindGeneral, CRS: grid.GCJ02,
		Boundary: grid.MultiPolygon{{{{Lng: 72.005, Lat: 40}, {Lng: 72.1, Lat: 40}, {Lng: 72.1, Lat: 40.1}, {Lng: 72.005, Lat: 40}}}}}
	for _, tt := range []struct {
		name  string
		grids []grid.Grid
		opts  geojson.EncodeOptions
	}{
		{"a boundary lost to rounding", []grid.Grid{tiny}, geojson.EncodeOptions{}},
		{"mixed systems", []grid.Grid{tiny, edge}, geojson.EncodeOptions{}},
		{"a vertex without a WGS84 position", []grid.Grid{edge}, geojson.EncodeOptions{CRS: grid.WGS84}},
		{"an unknown system", []grid.Grid{edge}, geojson.EncodeOptions{CRS: 9}},
	} {
		var b bytes.Buffer
		assertOnePrefix(t, tt.name, geojson.Encode(&b, tt.grids, tt.opts))
		assert.Zero(t, b.Len(), "%s: nothing written", tt.name)
	}
}

func assertOnePrefix(t *testing.T, what string, err error) {
	t.Helper()
	require.Error(t, err, what)
	for _, line := range strings.Split(err.Error(), "\n") {
		rest, ok := strings.CutPrefix(line, "geojson: ")
		if !assert.True(t, ok, "%s: %q starts with the package name", what, line) {
			continue
		}
		for _, p := range []string{"geojson: ", "grid: ", "grassroots: "} {
			assert.NotContains(t, rest, p, "%s: %q has one prefix", what, line)
		}
	}
}
