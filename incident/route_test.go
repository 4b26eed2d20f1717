package incident

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
)

// testTree is a slice of Lucheng district: district → street → community
// → two grids.
func testTree(t testing.TB) *grid.Tree {
	t.Helper()
	tree, err := grid.NewTree([]grid.Grid{
		{Code: "330302", Level: grid.LevelDistrict, Kind: grid.KindGeneral, CRS: grid.GCJ02},
		{Code: "330302001", Level: grid.LevelStreet, Kind: grid.KindGeneral, Parent: "330302", CRS: grid.GCJ02},
		{Code: "330302001001", Level: grid.LevelCommunity, Kind: grid.KindGeneral, Parent: "330302001", CRS: grid.GCJ02},
		{Code: "330302001001001", Level: grid.LevelGrid, Kind: grid.KindGeneral, Parent: "330302001001", CRS: grid.GCJ02},
		{Code: "330302001001002", Level: grid.LevelGrid, Kind: grid.KindGeneral, Parent: "330302001001", CRS: grid.GCJ02},
	})
	require.NoError(t, err, "test tree")
	return tree
}

func testRouter(t testing.TB) *Router {
	r, err := NewRouter(testTree(t), []Assignment{
		{Grid: "330302001001001", Platform: PlatformLawEnforcement, Unit: "grid-team-1"},
		{Grid: "330302001001", Platform: PlatformLawEnforcement, Unit: "community-office"},
		{Grid: "330302001", Platform: PlatformLawEnforcement, Unit: "street-enforcement"},
		{Grid: "330302", Platform: PlatformLawEnforcement, Unit: "district-bureau"},
		{Grid: "330302001", Platform: PlatformMarketSupervision, Unit: "market-station"},
	})
	require.NoError(t, err, "test router")
	return r
}

func TestRoute(t *testing.T) {
	r := testRouter(t)
	garbage, _ := DefaultCatalog().Lookup("002")
	food, _ := DefaultCatalog().Lookup("015")
	care, _ := DefaultCatalog().Lookup("020")
	cases := []struct {
		name string
		cat  Category
		grid grid.Code
		want Assignment
		err  error
	}{
		{"a unit registered on the grid itself", garbage, "330302001001001", Assignment{"330302001001001", PlatformLawEnforcement, "grid-team-1"}, nil},
		{"a grid without its own unit falls to the community", garbage, "330302001001002", Assignment{"330302001001", PlatformLawEnforcement, "community-office"}, nil},
		{"another platform routes to its own unit up the tree", food, "330302001001001", Assignment{"330302001", PlatformMarketSupervision, "market-station"}, nil},
		{"no unit for the platform anywhere", care, "330302001001001", Assignment{}, ErrNoUnit},
		{"an unknown grid", garbage, "999", Assignment{}, ErrUnknownGrid},
	}
	for _, tc := range cases {
		got, err := r.Route(tc.cat, tc.grid)
		if tc.err != nil {
			assert.ErrorIs(t, err, tc.err, tc.name)
			continue
		}
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.want, got, tc.name)
	}
}

func TestEscalationGoesUpTheTree(t *testing.T) {
	r := testRouter(t)
	got := r.Escalation(Assignment{"330302001001001", PlatformLawEnforcement, "grid-team-1"})
	units := make([]string, len(got))
	for i, a := range got {
		units[i] = a.Unit
	}
	assert.Equal(t, []string{"community-office", "street-enforcement", "district-bureau"}, units, "grid → community → street → district")
	assert.Empty(t, r.Escalation(Assignment{"330302", PlatformLawEnforcement, "district-bureau"}), "nothing above the district")
}

func TestNewRouterReportsEveryProblem(t *testing.T) {
	_, err := NewRouter(testTree(t), []Assignment{
		{Grid: "nowhere", Platform: PlatformGovernance, Unit: "u"},
		{Grid: "330302", Platform: 0, Unit: "bad unit"},
		{Grid: "330302", Platform: PlatformGovernance, Unit: "a"},
		{Grid: "330302", Platform: PlatformGovernance, Unit: "b"},
	})
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, p := range []string{"assignments[0].grid", "assignments[1].platform", "assignments[1].unit", "assignments[3]"} {
		assert.True(t, ve.Has(p), "problem at %s", p)
	}
}
