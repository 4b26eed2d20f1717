package grid

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sized(code string, level Level, kind Kind, households, residents int) Grid {
	return Grid{Code: Code(code), Level: level, Kind: kind, CRS: WGS84, Households: households, Residents: residents}
}

func TestCheckSizingUrban(t *testing.T) {
	grids := []Grid{
		sized("g3", LevelGrid, KindGeneral, 520, 2600),
		sized("g1", LevelGrid, KindGeneral, 400, 1200),
		sized("g2", LevelGrid, KindGeneral, 120, 300),
		sized("school", LevelGrid, KindDedicated, 0, 0),
		sized("c1", LevelCommunity, KindGeneral, 3000, 9000),
		sized("g4", LevelGrid, KindGeneral, 300, 2500),
	}
	issues, err := CheckSizing(grids, UrbanNorm())
	require.NoError(t, err)
	assert.Equal(t, []SizingIssue{
		{Code: "g2", Problem: TooFewHouseholds, Value: 120, Limit: 300},
		{Code: "g3", Problem: TooManyHouseholds, Value: 520, Limit: 500},
		{Code: "g3", Problem: TooManyResidents, Value: 2600, Limit: 2500},
	}, issues, "limits are inclusive; dedicated grids and communities are not sized")
}

func TestCheckSizingRural(t *testing.T) {
	issues, err := CheckSizing([]Grid{
		sized("v1", LevelGrid, KindGeneral, 199, 900),
		sized("v2", LevelGrid, KindGeneral, 300, 5000),
		sized("v3", LevelGrid, KindGeneral, 401, 1000),
	}, RuralNorm())
	require.NoError(t, err)
	assert.Equal(t, []SizingIssue{
		{Code: "v1", Problem: TooFewHouseholds, Value: 199, Limit: 200},
		{Code: "v3", Problem: TooManyHouseholds, Value: 401, Limit: 400},
	}, issues, "about 300 households means 200 to 400; no resident limit")
}

func TestCheckSizingRejectsInvalidNorm(t *testing.T) {
	_, err := CheckSizing(nil, SizingNorm{MinHouseholds: 600, MaxHouseholds: 500})
	assert.ErrorIs(t, err, ErrInvalidSizing)
	_, err = CheckSizing(nil, SizingNorm{MaxResidents: -1})
	assert.ErrorIs(t, err, ErrInvalidSizing)
	issues, err := CheckSizing([]Grid{sized("g", LevelGrid, KindGeneral, 0, 99999)}, SizingNorm{})
	require.NoError(t, err)
	assert.Empty(t, issues, "the zero norm checks nothing")
}
