package mechanism

import (
	"encoding"
	"errors"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// TestNilReceivers calls every exported method with a pointer receiver on
// a nil pointer: none panics, and each answers as the zero value of its
// type does.
func TestNilReceivers(t *testing.T) {
	t.Run("errors", func(t *testing.T) {
		for name, c := range map[string]struct {
			err   error
			match error // the type's sentinel
		}{
			"DuplicateCommunityError": {(*DuplicateCommunityError)(nil), ErrDuplicateCommunity},
			"SummaryGroupingError":    {(*SummaryGroupingError)(nil), ErrSummaryGrouping},
		} {
			require.NotPanics(t, func() { assert.NotEmpty(t, c.err.Error(), name) }, "%s: Error", name)
			assert.ErrorIs(t, c.err, c.match, "%s: Is", name)
			assert.NoError(t, errors.Unwrap(c.err), "%s: Unwrap", name)
		}
	})

	t.Run("Catalogue", func(t *testing.T) {
		var c *Catalogue
		zero := new(Catalogue)
		half := decimal.New(5, -1)
		assert.Equal(t, zero.RawCounts(), c.RawCounts(), "RawCounts")
		assert.Equal(t, zero.DepartmentIntegration(), c.DepartmentIntegration(), "DepartmentIntegration")
		assert.Equal(t, zero.CategoryCoverage(), c.CategoryCoverage(), "CategoryCoverage")
		assert.Equal(t, zero.SystemInterconnection(), c.SystemInterconnection(), "SystemInterconnection")
		assert.Equal(t, zero.SharingOpenness(half), c.SharingOpenness(half), "SharingOpenness")
		assert.Equal(t, zero.RealTimeShare(), c.RealTimeShare(), "RealTimeShare")
		assert.Equal(t, zero.Interoperability(), c.Interoperability(), "Interoperability")
		assert.Equal(t, zero.OpenDataStars(), c.OpenDataStars(), "OpenDataStars")
		assert.Equal(t, zero.DataSilo(), c.DataSilo(), "DataSilo")
		assert.Equal(t, zero.HubSilo(), c.HubSilo(), "HubSilo")
	})

	t.Run("Participation", func(t *testing.T) {
		var p *Participation
		zero := new(Participation)
		assert.Equal(t, zero.ParticipationRate(), p.ParticipationRate(), "ParticipationRate")
		assert.Equal(t, zero.ActivityIntensity(), p.ActivityIntensity(), "ActivityIntensity")
		assert.Equal(t, zero.ProposalUptake(), p.ProposalUptake(), "ProposalUptake")
		assert.Equal(t, zero.MeetingTurnout(), p.MeetingTurnout(), "MeetingTurnout")
		assert.Equal(t, zero.JointActionProgress(), p.JointActionProgress(), "JointActionProgress")
	})

	t.Run("Inputs", func(t *testing.T) {
		var in *Inputs
		zero := new(Inputs)
		cfg := DefaultConfig()
		assert.Equal(t, zero.Metrics(&cfg), in.Metrics(&cfg), "Metrics")
		assert.Equal(t, zero.InteractionFormCoverage(), in.InteractionFormCoverage(), "InteractionFormCoverage")
		assert.Equal(t, zero.MatterRate(), in.MatterRate(), "MatterRate")
		assert.Equal(t, zero.ProviderGridCoverage(), in.ProviderGridCoverage(), "ProviderGridCoverage")
		err := in.Validate()
		assert.ErrorIs(t, err, grassroots.ErrInvalid, "Validate")
		assert.Equal(t, zero.Validate(), err, "Validate")
	})

	t.Run("Config", func(t *testing.T) {
		var c *Config
		err := c.Validate()
		assert.ErrorIs(t, err, grassroots.ErrInvalid, "Validate")
		assert.Equal(t, new(Config).Validate(), err, "Validate")
	})

	t.Run("decoders", func(t *testing.T) {
		for name, c := range map[string]struct {
			dst  encoding.TextUnmarshaler
			text string // valid for the type
		}{
			"Action":     {(*Action)(nil), Post.String()},
			"Code":       {(*Code)(nil), ProviderTaskShare.String()},
			"Comparison": {(*Comparison)(nil), Below.String()},
			"Latency":    {(*Latency)(nil), RealTime.String()},
			"Layer":      {(*Layer)(nil), Structure.String()},
			"Mechanism":  {(*Mechanism)(nil), FunctionalSubstitution.String()},
			"Performer":  {(*Performer)(nil), ByProvider.String()},
			"Trait":      {(*Trait)(nil), DigitalFoundation.String()},
			"Unit":       {(*Unit)(nil), Ratio.String()},
			"Weighting":  {(*Weighting)(nil), EqualWeights.String()},
		} {
			var err error
			require.NotPanics(t, func() { err = c.dst.UnmarshalText([]byte(c.text)) }, "%s: UnmarshalText", name)
			assert.ErrorIs(t, err, grassroots.ErrInvalid, "%s: UnmarshalText", name)
		}
	})
}
