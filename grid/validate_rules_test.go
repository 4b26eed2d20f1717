package grid

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// problemList returns err's field problems as "path rule" strings, in the
// order reported; err must be a *grassroots.ValidationError.
func problemList(t *testing.T, what string, err error) []string {
	t.Helper()
	var ve *grassroots.ValidationError
	require.True(t, errors.As(err, &ve), "%s: want a *grassroots.ValidationError, got %v", what, err)
	return fieldList(ve)
}

func TestGridValidateRuleNames(t *testing.T) {
	good := grid1("330302001001-01", Polygon{square(120.6, 28, 0.01)})
	good.Parent = "330302001001"
	for _, tc := range []struct {
		name string
		edit func(g *Grid)
		want []string
	}{
		{"malformed code", func(g *Grid) { g.Code = "a b" }, []string{"code format"}},
		{"malformed parent", func(g *Grid) { g.Parent = "a/b" }, []string{"parent format"}},
		{"own parent", func(g *Grid) { g.Parent = g.Code }, []string{"parent mismatch"}},
		{"zero level, kind and crs", func(g *Grid) { g.Level, g.Kind, g.CRS = 0, 0, 0 }, []string{"level enum", "kind enum", "crs enum"}},
		{"negative counts", func(g *Grid) { g.Households, g.Residents = -1, -1 }, []string{"households min", "residents min"}},
		{"open ring", func(g *Grid) { g.Boundary = MultiPolygon{{Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}} }, []string{"boundary[0][0] mismatch"}},
		{"everything at once, in field order", func(g *Grid) {
			*g = Grid{Code: "", Parent: "?", Households: -3, Boundary: MultiPolygon{{}}}
		}, []string{"code format", "parent format", "level enum", "kind enum", "crs enum", "households min", "boundary[0] required"}},
	} {
		g := good
		tc.edit(&g)
		assert.Equal(t, tc.want, problemList(t, tc.name, g.Validate()), tc.name)
	}
	assert.NoError(t, good.Validate(), "the unedited grid is valid")
}

func TestWorkerValidateRuleNames(t *testing.T) {
	for _, tc := range []struct {
		name string
		w    Worker
		want []string
	}{
		{"empty worker", Worker{}, []string{"id required", "capacity min", "kind enum"}},
		{"capacity above MaxLoad", Worker{ID: "w", Kind: WorkerPartTime, Capacity: MaxLoad + 1}, []string{"capacity max"}},
		{"malformed home", Worker{ID: "w", Kind: WorkerPartTime, Capacity: 1, Home: "a b"}, []string{"home format"}},
	} {
		assert.Equal(t, tc.want, problemList(t, tc.name, tc.w.Validate()), tc.name)
	}
}

func TestSizingNormValidateRuleNames(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    SizingNorm
		want []string
	}{
		{"negative limits", SizingNorm{MinHouseholds: -1, MaxHouseholds: -2, MaxResidents: -3},
			[]string{"min_households min", "max_households min", "max_residents min"}},
		{"minimum above maximum", SizingNorm{MinHouseholds: 600, MaxHouseholds: 500}, []string{"min_households order"}},
	} {
		assert.Equal(t, tc.want, problemList(t, tc.name, tc.n.Validate()), tc.name)
	}
	assert.NoError(t, SizingNorm{MinHouseholds: 600}.Validate(), "a minimum without a maximum")
}

func TestNewIndexRuleNames(t *testing.T) {
	ok := grid1("a", Polygon{square(0, 0, 1)})
	for _, tc := range []struct {
		name  string
		grids []Grid
		opts  IndexOptions
		want  []string
	}{
		{"malformed code", []Grid{grid1("a b", Polygon{square(0, 0, 1)})}, IndexOptions{}, []string{"[0].code format"}},
		{"repeated code", []Grid{ok, ok}, IndexOptions{}, []string{"[1].code unique"}},
		{"zero crs", []Grid{{Code: "a", Boundary: ok.Boundary}}, IndexOptions{}, []string{"[0].crs enum"}},
		{"no boundary", []Grid{grid1("a")}, IndexOptions{}, []string{"[0].boundary required"}},
		{"polygon without rings", []Grid{grid1("a", Polygon{})}, IndexOptions{}, []string{"[0].boundary[0] required"}},
		{"short ring", []Grid{grid1("a", Polygon{Ring{{0, 0}, {1, 0}, {0, 0}}})}, IndexOptions{}, []string{"[0].boundary[0][0] min"}},
		{"open ring", []Grid{grid1("a", Polygon{Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}}})}, IndexOptions{}, []string{"[0].boundary[0][0] mismatch"}},
		{"latitude out of range", []Grid{grid1("a", Polygon{ring("0 0, 1 0, 1 91, 0 1")})}, IndexOptions{}, []string{"[0].boundary[0][0][2] range"}},
		{"vertex without an inverse", []Grid{{Code: "a", CRS: GCJ02, Boundary: MultiPolygon{{ring("72.005 40, 72.1 40, 72.1 40.1")}}}}, IndexOptions{CRS: WGS84},
			[]string{"[0].boundary[0][0][0] invalid", "[0].boundary[0][0][3] invalid"}},
	} {
		_, err := NewIndex(tc.grids, tc.opts)
		assert.Equal(t, tc.want, problemList(t, tc.name, err), tc.name)
	}
}
