package mechanism

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/niltest"
)

// TestNilReceivers calls every exported method with a pointer receiver on
// a nil pointer: none panics, and each answers as the zero value of its
// type does.
func TestNilReceivers(t *testing.T) {
	t.Run("errors", func(t *testing.T) {
		niltest.Errors(t, nil, map[string]niltest.Error{
			"DuplicateCommunityError": {Err: (*DuplicateCommunityError)(nil), Match: ErrDuplicateCommunity, Want: true},
			"SummaryGroupingError":    {Err: (*SummaryGroupingError)(nil), Match: ErrSummaryGrouping, Want: true},
		})
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
		niltest.Decoders(t, grassroots.ErrInvalid, map[string]niltest.Decoder{
			"Action":     {Dst: (*Action)(nil), Text: Post.String()},
			"Code":       {Dst: (*Code)(nil), Text: ProviderTaskShare.String()},
			"Comparison": {Dst: (*Comparison)(nil), Text: Below.String()},
			"Latency":    {Dst: (*Latency)(nil), Text: RealTime.String()},
			"Layer":      {Dst: (*Layer)(nil), Text: Structure.String()},
			"Mechanism":  {Dst: (*Mechanism)(nil), Text: FunctionalSubstitution.String()},
			"Performer":  {Dst: (*Performer)(nil), Text: ByProvider.String()},
			"Trait":      {Dst: (*Trait)(nil), Text: DigitalFoundation.String()},
			"Unit":       {Dst: (*Unit)(nil), Text: Ratio.String()},
			"Weighting":  {Dst: (*Weighting)(nil), Text: EqualWeights.String()},
		})
	})
}
