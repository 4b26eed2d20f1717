package grid

import (
	"encoding"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type textEnum interface {
	fmt.Stringer
	encoding.TextMarshaler
}

func TestEnumsRoundTripTheirWireNames(t *testing.T) {
	for _, tc := range []struct {
		v     textEnum
		name  string
		parse func(string) (textEnum, error)
	}{
		{LevelCity, "city", func(s string) (textEnum, error) { return ParseLevel(s) }},
		{LevelMicroGrid, "micro_grid", func(s string) (textEnum, error) { return ParseLevel(s) }},
		{KindGeneral, "general", func(s string) (textEnum, error) { return ParseKind(s) }},
		{KindDedicated, "dedicated", func(s string) (textEnum, error) { return ParseKind(s) }},
		{WGS84, "wgs84", func(s string) (textEnum, error) { return ParseCRS(s) }},
		{GCJ02, "gcj02", func(s string) (textEnum, error) { return ParseCRS(s) }},
		{BD09, "bd09", func(s string) (textEnum, error) { return ParseCRS(s) }},
	} {
		assert.Equal(t, tc.name, tc.v.String())
		b, err := tc.v.MarshalText()
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.name, string(b))
		back, err := tc.parse(tc.name)
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.v, back, tc.name)
	}
}

func TestEnumZeroValuesAreInvalid(t *testing.T) {
	assert.Equal(t, "Level(0)", Level(0).String())
	assert.Equal(t, "Kind(7)", Kind(7).String())
	assert.Equal(t, "CRS(0)", CRS(0).String())
	assert.Equal(t, "SizingProblem(0)", SizingProblem(0).String())
	_, err := Level(0).MarshalText()
	assert.ErrorIs(t, err, ErrUnknownLevel)
	_, err = Kind(0).MarshalText()
	assert.ErrorIs(t, err, ErrUnknownKind)
	_, err = CRS(4).MarshalText()
	assert.ErrorIs(t, err, ErrUnknownCRS)
	_, err = SizingProblem(0).MarshalText()
	assert.ErrorIs(t, err, ErrInvalidSizing)
}

func TestEnumUnmarshalRejectsUnknownNamesAndKeepsValue(t *testing.T) {
	l := LevelGrid
	assert.ErrorIs(t, l.UnmarshalText([]byte("Grid")), ErrUnknownLevel, "names are case-sensitive")
	assert.Equal(t, LevelGrid, l)
	k := KindGeneral
	assert.ErrorIs(t, k.UnmarshalText([]byte("")), ErrUnknownKind)
	assert.Equal(t, KindGeneral, k)
	c := GCJ02
	assert.ErrorIs(t, c.UnmarshalText([]byte("WGS84")), ErrUnknownCRS)
	assert.Equal(t, GCJ02, c)
	require.NoError(t, c.UnmarshalText([]byte("bd09")))
	assert.Equal(t, BD09, c)
	var sp SizingProblem
	require.NoError(t, sp.UnmarshalText([]byte("too_many_residents")))
	assert.Equal(t, TooManyResidents, sp)
	assert.ErrorIs(t, sp.UnmarshalText([]byte("huge")), ErrInvalidSizing)
}

func TestLevelsOrderTopDown(t *testing.T) {
	levels := []Level{LevelCity, LevelDistrict, LevelStreet, LevelCommunity, LevelGrid, LevelMicroGrid}
	for i := 1; i < len(levels); i++ {
		assert.Less(t, levels[i-1], levels[i], "%s above %s", levels[i-1], levels[i])
	}
	assert.Equal(t, Level(1), LevelCity, "enums start at 1")
}
