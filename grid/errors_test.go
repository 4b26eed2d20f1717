package grid_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/grid"
)

// assertOnePrefix checks the rule every error message of the package
// keeps: each line starts with "grid: " (or "grassroots: " for a
// *grassroots.ValidationError) and no package prefix follows, so wrapped
// causes read as one sentence.
func assertOnePrefix(t *testing.T, what string, err error) {
	t.Helper()
	require.Error(t, err, what)
	for _, line := range strings.Split(err.Error(), "\n") {
		rest, ok := strings.CutPrefix(line, "grid: ")
		if !ok {
			rest, ok = strings.CutPrefix(line, "grassroots: invalid value: ")
		}
		if !assert.True(t, ok, "%s: %q starts with the package name", what, line) {
			continue
		}
		for _, p := range []string{"grid: ", "grassroots: ", "geojson: "} {
			assert.NotContains(t, rest, p, "%s: %q has one prefix", what, line)
		}
	}
}

func TestErrorMessagesCarryOnePrefix(t *testing.T) {
	square := grid.MultiPolygon{{rect(120, 28, 120.01, 28.01)}}
	_, err := grid.Convert(grid.Point{Lng: 120, Lat: 95}, grid.WGS84, grid.GCJ02)
	assertOnePrefix(t, "an invalid point", err)
	_, err = grid.Convert(grid.Point{Lng: 72.005, Lat: 40}, grid.GCJ02, grid.WGS84)
	assertOnePrefix(t, "no inverse", err)
	_, err = grid.Convert(grid.Point{Lng: 120, Lat: 28}, grid.CRS(7), grid.WGS84)
	assertOnePrefix(t, "an unknown system", err)
	_, err = grid.NewTree([]grid.Grid{{Code: "a b"}, {Code: "c", Level: grid.LevelGrid, Parent: "x"}, {Code: "c", Level: 9}})
	assertOnePrefix(t, "a bad tree", err)
	_, err = grid.CheckSizing(nil, grid.SizingNorm{MinHouseholds: -1})
	assertOnePrefix(t, "a bad norm", err)
	_, err = grid.NewIndex([]grid.Grid{{Code: "g", CRS: grid.GCJ02, Boundary: grid.MultiPolygon{{rect(72.005, 40, 72.1, 40.1)}}}}, grid.IndexOptions{CRS: grid.WGS84})
	assertOnePrefix(t, "an index vertex without an inverse", err)
	_, err = grid.NewIndex(nil, grid.IndexOptions{CRS: 9})
	assertOnePrefix(t, "an unknown index system", err)
	err = grid.Grid{Code: "a b", Parent: "c d", Boundary: square}.Validate()
	assertOnePrefix(t, "an invalid grid", err)
}
