package provider

import (
	"encoding"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// TestNilReceivers calls every exported method with a pointer receiver on
// a nil pointer, with inputs a built value would act on: none panics, and
// each answers as its type documents.
func TestNilReceivers(t *testing.T) {
	t.Run("errors", func(t *testing.T) {
		for name, c := range map[string]struct {
			err   error
			match error // a sentinel the type matches
			want  bool  // whether the nil pointer matches it
		}{
			"DenialError":        {(*DenialError)(nil), ErrDenied, true},
			"ForbiddenError":     {(*ForbiddenError)(nil), ErrForbidden, true},
			"TooManyFieldsError": {(*TooManyFieldsError)(nil), ErrTooManyFields, true},
			"USCCError":          {(*USCCError)(nil), ErrInvalidUSCC, true},
			"USCCError reason":   {(*USCCError)(nil), ErrUSCCLength, false},
		} {
			require.NotPanics(t, func() { assert.NotEmpty(t, c.err.Error(), name) }, "%s: Error", name)
			require.NotPanics(t, func() { assert.Equal(t, c.want, errors.Is(c.err, c.match), "%s: Is", name) }, "%s: Is", name)
			require.NotPanics(t, func() { assert.NoError(t, errors.Unwrap(c.err), "%s: Unwrap", name) }, "%s: Unwrap", name)
			assert.False(t, errors.Is(c.err, ErrTooEarly), "%s matches no other sentinel", name)
		}
	})

	t.Run("CompiledGrants", func(t *testing.T) {
		var c *CompiledGrants
		d := c.Authorize(testRequest())
		assert.False(t, d.Allowed, "Authorize")
		assert.True(t, d.Reasons.Has(ReasonNoGrant), "Authorize: %v", d)
	})

	t.Run("decoders", func(t *testing.T) {
		for name, c := range map[string]struct {
			dst  encoding.TextUnmarshaler
			text string // valid for the type
		}{
			"Action":           {(*Action)(nil), ActionRead.String()},
			"AmbiguityKind":    {(*AmbiguityKind)(nil), TwoAccountable.String()},
			"Category":         {(*Category)(nil), CategoryBasic.String()},
			"Comparator":       {(*Comparator)(nil), AtLeast.String()},
			"ConflictKind":     {(*ConflictKind)(nil), SelfAssessment.String()},
			"ContractStatus":   {(*ContractStatus)(nil), ContractDraft.String()},
			"DeIdentification": {(*DeIdentification)(nil), Identified.String()},
			"Disposition":      {(*Disposition)(nil), DispositionReturn.String()},
			"Family":           {(*Family)(nil), FamilyTechnical.String()},
			"Function":         {(*Function)(nil), TechnicalSupport.String()},
			"LegalBasis":       {(*LegalBasis)(nil), BasisConsent.String()},
			"LegalForm":        {(*LegalForm)(nil), Company.String()},
			"LineKind":         {(*LineKind)(nil), BaseLine.String()},
			"MilestoneStatus":  {(*MilestoneStatus)(nil), MilestoneScheduled.String()},
			"MilestoneType":    {(*MilestoneType)(nil), PreProcurementMilestone.String()},
			"Model":            {(*Model)(nil), TechnologyEmpowerment.String()},
			"PartialDate":      {(*PartialDate)(nil), "2021-06"},
			"Precision":        {(*Precision)(nil), PrecisionYear.String()},
			"Purpose":          {(*Purpose)(nil), PurposeServiceDelivery.String()},
			"RACI":             {(*RACI)(nil), Responsible.String()},
			"Reason":           {(*Reason)(nil), ReasonInvalidRequest.String()},
			"Role":             {(*Role)(nil), TechnologyEnabler.String()},
			"ServiceStatus":    {(*ServiceStatus)(nil), ServiceActive.String()},
			"SettlementMethod": {(*SettlementMethod)(nil), LumpSum.String()},
			"Side":             {(*Side)(nil), Buyer.String()},
			"Status":           {(*Status)(nil), StatusPending.String()},
			"USCC":             {(*USCC)(nil), "91350100M000100Y43"},
			"USCC empty":       {(*USCC)(nil), ""},
			"USCCReason":       {(*USCCReason)(nil), USCCLength.String()},
		} {
			var err error
			require.NotPanics(t, func() { err = c.dst.UnmarshalText([]byte(c.text)) }, "%s: UnmarshalText", name)
			assert.ErrorIs(t, err, grassroots.ErrInvalid, "%s: UnmarshalText", name)
		}
		var s *Reasons
		assert.ErrorIs(t, s.UnmarshalJSON([]byte(`["no_grant"]`)), grassroots.ErrInvalid, "Reasons: UnmarshalJSON")
	})
}
