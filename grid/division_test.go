package grid

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDivision(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Division
	}{
		{"330300", Division{Code: "330300", Level: LevelCity}},
		{"330302", Division{Code: "330302", Level: LevelDistrict, Parent: "330300"}},
		{"330302001", Division{Code: "330302001", Level: LevelStreet, Parent: "330302"}},
		{"330302001001", Division{Code: "330302001001", Level: LevelCommunity, Parent: "330302001"}},
		{"330302001000", Division{Code: "330302001", Level: LevelStreet, Parent: "330302"}},
		{"330302000000", Division{Code: "330302", Level: LevelDistrict, Parent: "330300"}},
		{"110101", Division{Code: "110101", Level: LevelDistrict, Parent: "110100"}},
	} {
		got, err := ParseDivision(tc.in)
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
}

func TestParseDivisionRejects(t *testing.T) {
	for _, in := range []string{
		"", "33030", "3303020", "3303020010", "33030200100a", "330000", "003302",
		"330002", "330300001", "330302000", "330302000001", "３３０３０２",
	} {
		_, err := ParseDivision(in)
		assert.ErrorIs(t, err, ErrInvalidDivision, "%q", in)
	}
}

func TestDivisionParentsFormATree(t *testing.T) {
	var grids []Grid
	for _, s := range []string{"330300", "330302", "330302001", "330302001001", "330302002", "330302002003"} {
		d, err := ParseDivision(s)
		require.NoError(t, err, s)
		grids = append(grids, Grid{Code: d.Code, Parent: d.Parent, Level: d.Level, Kind: KindGeneral, CRS: WGS84})
	}
	tr, err := NewTree(grids)
	require.NoError(t, err)
	assert.Equal(t, []Code{"330302001001", "330302002003"}, tr.Leaves())
}
