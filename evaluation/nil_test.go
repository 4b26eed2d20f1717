package evaluation_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/evaluation"
	"github.com/grassrootsgov/grassroots/internal/niltest"
)

// TestNilReceivers calls every exported method with a pointer receiver on
// a nil pointer: none panics, and each answers as its type documents.
func TestNilReceivers(t *testing.T) {
	t.Run("errors", func(t *testing.T) {
		niltest.Errors(t, evaluation.ErrShape, map[string]niltest.Error{
			"InconsistencyError":    {Err: (*evaluation.InconsistencyError)(nil), Match: evaluation.ErrInconsistent, Want: true},
			"PartyNotAllowedError":  {Err: (*evaluation.PartyNotAllowedError)(nil), Match: evaluation.ErrPartyNotAllowed, Want: true},
			"RIRangeError":          {Err: (*evaluation.RIRangeError)(nil), Match: evaluation.ErrRIRange, Want: true},
			"RatingError":           {Err: (*evaluation.RatingError)(nil), Match: evaluation.ErrValue, Want: false},
			"UnknownIndicatorError": {Err: (*evaluation.UnknownIndicatorError)(nil), Match: evaluation.ErrUnknownIndicator, Want: true},
		})
	})

	t.Run("Indicator", func(t *testing.T) {
		var in *evaluation.Indicator
		assert.True(t, in.IsLeaf(), "IsLeaf")
	})

	t.Run("decoders", func(t *testing.T) {
		niltest.Decoders(t, grassroots.ErrInvalid, map[string]niltest.Decoder{
			"Central":       {Dst: (*evaluation.Central)(nil), Text: evaluation.Mean.String()},
			"Direction":     {Dst: (*evaluation.Direction)(nil), Text: evaluation.Benefit.String()},
			"GroupMethod":   {Dst: (*evaluation.GroupMethod)(nil), Text: evaluation.AIJ.String()},
			"Level":         {Dst: (*evaluation.Level)(nil), Text: evaluation.Nominal.String()},
			"Method":        {Dst: (*evaluation.Method)(nil), Text: evaluation.Eigenvector.String()},
			"MissingPolicy": {Dst: (*evaluation.MissingPolicy)(nil), Text: evaluation.Renormalize.String()},
			"Normalization": {Dst: (*evaluation.Normalization)(nil), Text: evaluation.VectorNorm.String()},
			"Operator":      {Dst: (*evaluation.Operator)(nil), Text: evaluation.WeightedAverage.String()},
			"Pairwise":      {Dst: (*evaluation.Pairwise)(nil), Text: "1 3; 1/3 1"},
			"WarningKind":   {Dst: (*evaluation.WarningKind)(nil), Text: evaluation.TooFewSamples.String()},
		})
	})
}
