package grid_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/grid"
)

// vendorVector is one language-neutral conformance case.
type vendorVector struct {
	Description string          `json:"description"`
	Input       json.RawMessage `json:"input"`
	Want        json.RawMessage `json:"want"`
	WantError   string          `json:"want_error"`
	WantFields  json.RawMessage `json:"want_fields"`
}

func loadVendorVectors(t *testing.T, name string) []vendorVector {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "conformance", "v2", "grid", name))
	require.NoError(t, err, name)
	var vs []vendorVector
	require.NoError(t, json.Unmarshal(b, &vs), name)
	require.NotEmpty(t, vs, name)
	return vs
}

// TestConformancePartition runs partition.json, with CheckSiblings for
// the vectors marked "siblings" (which give no parent). Findings must match in
// number, defect and codes; areas within the vector's relative
// tolerance; witnesses are not given, since any point strictly inside the
// defect will do, and are checked for that instead.
func TestConformancePartition(t *testing.T) {
	type finding struct {
		Defect grid.Defect `json:"defect"`
		Codes  []grid.Code `json:"codes"`
		Area   float64     `json:"area_m2"`
	}
	for _, v := range loadVendorVectors(t, "partition.json") {
		var in struct {
			Parent     grid.Grid   `json:"parent"`
			Children   []grid.Grid `json:"children"`
			SliverArea float64     `json:"sliver_area"`
			Siblings   bool        `json:"siblings"` // no parent: CheckSiblings
		}
		require.NoError(t, json.Unmarshal(v.Input, &in), v.Description)
		var want struct {
			Overlaps, Gaps, Outside, Slivers []finding
			Invalid                          []int
			AreaTolerance                    float64 `json:"area_tolerance"`
		}
		require.NoError(t, json.Unmarshal(v.Want, &want), v.Description)
		opts := grid.PartitionOptions{SliverArea: in.SliverArea}
		rep := grid.CheckPartition(in.Parent, in.Children, opts)
		if in.Siblings {
			rep = grid.CheckSiblings(in.Children, opts)
		}

		byCode := map[grid.Code]grid.MultiPolygon{}
		for _, c := range in.Children {
			byCode[c.Code] = c.Boundary
		}
		tolerance := want.AreaTolerance
		check := func(list string, expect []finding, got []grid.Finding) {
			if !assert.Len(t, got, len(expect), "%s: %s", v.Description, list) {
				return
			}
			for i, w := range expect {
				g := got[i]
				assert.Equal(t, w.Defect, g.Defect, "%s: %s[%d] defect", v.Description, list, i)
				assert.Equal(t, w.Codes, g.Codes, "%s: %s[%d] codes", v.Description, list, i)
				assert.InEpsilon(t, w.Area, g.Area, tolerance, "%s: %s[%d] area", v.Description, list, i)
				assert.True(t, witnessHolds(in.Parent.Boundary, in.Children, byCode, g), "%s: %s[%d] witness %v", v.Description, list, i, g.Witness)
			}
		}
		check("overlaps", want.Overlaps, rep.Overlaps)
		check("gaps", want.Gaps, rep.Gaps)
		check("outside", want.Outside, rep.Outside)
		check("slivers", want.Slivers, rep.Slivers)
		var invalid []int
		for _, iv := range rep.Invalid {
			invalid = append(invalid, iv.Index)
		}
		assert.Equal(t, want.Invalid, append([]int{}, invalid...), "%s: invalid children", v.Description)
	}
}

// witnessHolds reports whether f's witness lies strictly inside the area
// f describes; without a parent a gap is only checked against the
// children.
func witnessHolds(parent grid.MultiPolygon, children []grid.Grid, byCode map[grid.Code]grid.MultiPolygon, f grid.Finding) bool {
	strict := func(m grid.MultiPolygon) bool { return m.ContainsHalfOpen(f.Witness) && !m.OnBoundary(f.Witness) }
	switch f.Defect {
	case grid.DefectOverlap:
		return len(f.Codes) == 2 && strict(byCode[f.Codes[0]]) && strict(byCode[f.Codes[1]])
	case grid.DefectOutside:
		return len(f.Codes) == 1 && strict(byCode[f.Codes[0]]) && !parent.Covers(f.Witness)
	case grid.DefectGap:
		return (parent == nil || strict(parent)) && !slices.ContainsFunc(children, func(c grid.Grid) bool {
			return c.Validate() == nil && c.Boundary.Covers(f.Witness)
		})
	}
	return false
}
