package grid_test

import (
	"encoding/json"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
)

// TestConformanceAssign runs assign.json: the assignment is deterministic,
// so want is the whole result; want_error names "shortfall" or "invalid",
// and want_fields the path and rule of every problem of invalid input.
func TestConformanceAssign(t *testing.T) {
	errs := map[string]error{"shortfall": grid.ErrShortfall, "invalid": grassroots.ErrInvalid}
	for _, v := range loadVendorVectors(t, "assign.json") {
		var in struct {
			Grids []struct {
				Code       grid.Code `json:"code"`
				Households int       `json:"households"`
			} `json:"grids"`
			Workers        []grid.Worker                 `json:"workers"`
			IncidentWeight decimal.Decimal               `json:"incident_weight"`
			Incidents      map[grid.Code]decimal.Decimal `json:"incidents"`
		}
		require.NoError(t, json.Unmarshal(v.Input, &in), v.Description)
		grids := make([]grid.Grid, len(in.Grids))
		for i, g := range in.Grids {
			grids[i] = grid.Grid{Code: g.Code, Households: g.Households}
		}
		a, err := grid.AssignWorkers(grids, in.Workers, grid.AssignOptions{IncidentWeight: in.IncidentWeight, Incidents: in.Incidents})
		if v.WantError != "" {
			want, ok := errs[v.WantError]
			require.True(t, ok, "%s: unknown error name %q", v.Description, v.WantError)
			assert.ErrorIs(t, err, want, v.Description)
			if len(v.WantFields) > 0 {
				got, jerr := json.Marshal(grid.FieldRules(err))
				require.NoError(t, jerr, v.Description)
				assert.JSONEq(t, string(v.WantFields), string(got), "%s: field problems of %v", v.Description, err)
			}
			continue
		}
		require.NoError(t, err, v.Description)
		got, err := json.Marshal(a)
		require.NoError(t, err)
		assert.JSONEq(t, string(v.Want), string(got), v.Description)
	}
}
