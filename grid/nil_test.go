package grid_test

import (
	"encoding"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
)

// TestNilReceivers calls every exported method with a pointer receiver on
// a nil pointer: none panics, and each answers as its type documents.
func TestNilReceivers(t *testing.T) {
	t.Run("errors", func(t *testing.T) {
		for name, c := range map[string]struct {
			err   error
			match error // the type's sentinel, or one a type without a sentinel must not match
			want  bool  // whether the nil pointer matches it
		}{
			"CRSError":       {(*grid.CRSError)(nil), grid.ErrInvalidPoint, false},
			"ShortfallError": {(*grid.ShortfallError)(nil), grid.ErrShortfall, true},
			"TreeError":      {(*grid.TreeError)(nil), grid.ErrCycle, false},
		} {
			require.NotPanics(t, func() { assert.NotEmpty(t, c.err.Error(), name) }, "%s: Error", name)
			require.NotPanics(t, func() { assert.Equal(t, c.want, errors.Is(c.err, c.match), "%s: Is", name) }, "%s: Is", name)
			require.NotPanics(t, func() { assert.NoError(t, errors.Unwrap(c.err), "%s: Unwrap", name) }, "%s: Unwrap", name)
		}
	})

	t.Run("Index", func(t *testing.T) {
		var ix *grid.Index
		assert.Equal(t, grid.CRS(0), ix.CRS(), "CRS")
		assert.Zero(t, ix.Len(), "Len")
		assert.Empty(t, ix.Codes(), "Codes")
		assert.Equal(t, grid.BBox{}, ix.Bounds(), "Bounds")
		assert.Zero(t, ix.SizeBytes(), "SizeBytes")
		_, ok := ix.Locate(grid.Point{Lng: 120.7, Lat: 28})
		assert.False(t, ok, "Locate")
		_, ok = ix.LocateIn(grid.Point{Lng: 120.7, Lat: 28}, grid.WGS84)
		assert.False(t, ok, "LocateIn")
	})

	t.Run("Tree", func(t *testing.T) {
		var tr *grid.Tree
		assert.Zero(t, tr.Len(), "Len")
		_, ok := tr.Get("330302001")
		assert.False(t, ok, "Get")
		_, ok = tr.Parent("330302001")
		assert.False(t, ok, "Parent")
		assert.Empty(t, tr.Ancestors("330302001"), "Ancestors")
		assert.Empty(t, tr.Children("330302001"), "Children")
		assert.Empty(t, tr.Leaves(), "Leaves")
		assert.Empty(t, tr.Roots(), "Roots")
		assert.Empty(t, tr.Grids(), "Grids")
	})

	t.Run("decoders", func(t *testing.T) {
		for name, c := range map[string]struct {
			dst  encoding.TextUnmarshaler
			text string // valid for the type
		}{
			"CRS":           {(*grid.CRS)(nil), grid.WGS84.String()},
			"Defect":        {(*grid.Defect)(nil), grid.DefectOverlap.String()},
			"Kind":          {(*grid.Kind)(nil), grid.KindGeneral.String()},
			"Level":         {(*grid.Level)(nil), grid.LevelCity.String()},
			"SizingProblem": {(*grid.SizingProblem)(nil), grid.TooFewHouseholds.String()},
			"WorkerKind":    {(*grid.WorkerKind)(nil), grid.WorkerFullTime.String()},
		} {
			var err error
			require.NotPanics(t, func() { err = c.dst.UnmarshalText([]byte(c.text)) }, "%s: UnmarshalText", name)
			assert.ErrorIs(t, err, grassroots.ErrInvalid, "%s: UnmarshalText", name)
		}
		var p *grid.Point
		assert.ErrorIs(t, p.UnmarshalJSON([]byte(`[120.7, 28]`)), grassroots.ErrInvalid, "Point: UnmarshalJSON")
	})
}
