package grid_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/internal/niltest"
)

// TestNilReceivers calls every exported method with a pointer receiver on
// a nil pointer: none panics, and each answers as its type documents.
func TestNilReceivers(t *testing.T) {
	t.Run("errors", func(t *testing.T) {
		niltest.Errors(t, nil, map[string]niltest.Error{
			"CRSError":       {Err: (*grid.CRSError)(nil), Match: grid.ErrInvalidPoint, Want: false},
			"ShortfallError": {Err: (*grid.ShortfallError)(nil), Match: grid.ErrShortfall, Want: true},
			"TreeError":      {Err: (*grid.TreeError)(nil), Match: grid.ErrCycle, Want: false},
		})
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
		niltest.Decoders(t, grassroots.ErrInvalid, map[string]niltest.Decoder{
			"CRS":           {Dst: (*grid.CRS)(nil), Text: grid.WGS84.String()},
			"Defect":        {Dst: (*grid.Defect)(nil), Text: grid.DefectOverlap.String()},
			"Kind":          {Dst: (*grid.Kind)(nil), Text: grid.KindGeneral.String()},
			"Level":         {Dst: (*grid.Level)(nil), Text: grid.LevelCity.String()},
			"SizingProblem": {Dst: (*grid.SizingProblem)(nil), Text: grid.TooFewHouseholds.String()},
			"WorkerKind":    {Dst: (*grid.WorkerKind)(nil), Text: grid.WorkerFullTime.String()},
		})
		var p *grid.Point
		assert.ErrorIs(t, p.UnmarshalJSON([]byte(`[120.7, 28]`)), grassroots.ErrInvalid, "Point: UnmarshalJSON")
	})
}
