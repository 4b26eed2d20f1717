package evaluation_test

import (
	"encoding"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/evaluation"
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
			"InconsistencyError":    {(*evaluation.InconsistencyError)(nil), evaluation.ErrInconsistent, true},
			"PartyNotAllowedError":  {(*evaluation.PartyNotAllowedError)(nil), evaluation.ErrPartyNotAllowed, true},
			"RIRangeError":          {(*evaluation.RIRangeError)(nil), evaluation.ErrRIRange, true},
			"RatingError":           {(*evaluation.RatingError)(nil), evaluation.ErrValue, false},
			"UnknownIndicatorError": {(*evaluation.UnknownIndicatorError)(nil), evaluation.ErrUnknownIndicator, true},
		} {
			require.NotPanics(t, func() { assert.NotEmpty(t, c.err.Error(), name) }, "%s: Error", name)
			require.NotPanics(t, func() { assert.Equal(t, c.want, errors.Is(c.err, c.match), "%s: Is", name) }, "%s: Is", name)
			require.NotPanics(t, func() { assert.NoError(t, errors.Unwrap(c.err), "%s: Unwrap", name) }, "%s: Unwrap", name)
			assert.False(t, errors.Is(c.err, evaluation.ErrShape), "%s matches no other sentinel", name)
		}
	})

	t.Run("Indicator", func(t *testing.T) {
		var in *evaluation.Indicator
		assert.True(t, in.IsLeaf(), "IsLeaf")
	})

	t.Run("decoders", func(t *testing.T) {
		for name, c := range map[string]struct {
			dst  encoding.TextUnmarshaler
			text string // valid for the type
		}{
			"Central":       {(*evaluation.Central)(nil), evaluation.Mean.String()},
			"Direction":     {(*evaluation.Direction)(nil), evaluation.Benefit.String()},
			"GroupMethod":   {(*evaluation.GroupMethod)(nil), evaluation.AIJ.String()},
			"Level":         {(*evaluation.Level)(nil), evaluation.Nominal.String()},
			"Method":        {(*evaluation.Method)(nil), evaluation.Eigenvector.String()},
			"MissingPolicy": {(*evaluation.MissingPolicy)(nil), evaluation.Renormalize.String()},
			"Normalization": {(*evaluation.Normalization)(nil), evaluation.VectorNorm.String()},
			"Operator":      {(*evaluation.Operator)(nil), evaluation.WeightedAverage.String()},
			"Pairwise":      {(*evaluation.Pairwise)(nil), "1 3; 1/3 1"},
			"WarningKind":   {(*evaluation.WarningKind)(nil), evaluation.TooFewSamples.String()},
		} {
			var err error
			require.NotPanics(t, func() { err = c.dst.UnmarshalText([]byte(c.text)) }, "%s: UnmarshalText", name)
			assert.ErrorIs(t, err, grassroots.ErrInvalid, "%s: UnmarshalText", name)
		}
	})
}
