package provider

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/niltest"
)

// TestNilReceivers calls every exported method with a pointer receiver on
// a nil pointer, with inputs a built value would act on: none panics, and
// each answers as its type documents.
func TestNilReceivers(t *testing.T) {
	t.Run("errors", func(t *testing.T) {
		niltest.Errors(t, ErrTooEarly, map[string]niltest.Error{
			"DenialError":        {Err: (*DenialError)(nil), Match: ErrDenied, Want: true},
			"ForbiddenError":     {Err: (*ForbiddenError)(nil), Match: ErrForbidden, Want: true},
			"TooManyFieldsError": {Err: (*TooManyFieldsError)(nil), Match: ErrTooManyFields, Want: true},
			"USCCError":          {Err: (*USCCError)(nil), Match: ErrInvalidUSCC, Want: true},
			"USCCError reason":   {Err: (*USCCError)(nil), Match: ErrUSCCLength, Want: false},
		})
	})

	t.Run("CompiledGrants", func(t *testing.T) {
		var c *CompiledGrants
		d := c.Authorize(testRequest())
		assert.False(t, d.Allowed, "Authorize")
		assert.True(t, d.Reasons.Has(ReasonNoGrant), "Authorize: %v", d)
	})

	t.Run("decoders", func(t *testing.T) {
		niltest.Decoders(t, grassroots.ErrInvalid, map[string]niltest.Decoder{
			"Action":           {Dst: (*Action)(nil), Text: ActionRead.String()},
			"AmbiguityKind":    {Dst: (*AmbiguityKind)(nil), Text: TwoAccountable.String()},
			"Category":         {Dst: (*Category)(nil), Text: CategoryBasic.String()},
			"Comparator":       {Dst: (*Comparator)(nil), Text: AtLeast.String()},
			"ConflictKind":     {Dst: (*ConflictKind)(nil), Text: SelfAssessment.String()},
			"ContractStatus":   {Dst: (*ContractStatus)(nil), Text: ContractDraft.String()},
			"DeIdentification": {Dst: (*DeIdentification)(nil), Text: Identified.String()},
			"Disposition":      {Dst: (*Disposition)(nil), Text: DispositionReturn.String()},
			"Family":           {Dst: (*Family)(nil), Text: FamilyTechnical.String()},
			"Function":         {Dst: (*Function)(nil), Text: TechnicalSupport.String()},
			"LegalBasis":       {Dst: (*LegalBasis)(nil), Text: BasisConsent.String()},
			"LegalForm":        {Dst: (*LegalForm)(nil), Text: Company.String()},
			"LineKind":         {Dst: (*LineKind)(nil), Text: BaseLine.String()},
			"MilestoneStatus":  {Dst: (*MilestoneStatus)(nil), Text: MilestoneScheduled.String()},
			"MilestoneType":    {Dst: (*MilestoneType)(nil), Text: PreProcurementMilestone.String()},
			"Model":            {Dst: (*Model)(nil), Text: TechnologyEmpowerment.String()},
			"PartialDate":      {Dst: (*PartialDate)(nil), Text: "2021-06"},
			"Precision":        {Dst: (*Precision)(nil), Text: PrecisionYear.String()},
			"Purpose":          {Dst: (*Purpose)(nil), Text: PurposeServiceDelivery.String()},
			"RACI":             {Dst: (*RACI)(nil), Text: Responsible.String()},
			"Reason":           {Dst: (*Reason)(nil), Text: ReasonInvalidRequest.String()},
			"Role":             {Dst: (*Role)(nil), Text: TechnologyEnabler.String()},
			"ServiceStatus":    {Dst: (*ServiceStatus)(nil), Text: ServiceActive.String()},
			"SettlementMethod": {Dst: (*SettlementMethod)(nil), Text: LumpSum.String()},
			"Side":             {Dst: (*Side)(nil), Text: Buyer.String()},
			"Status":           {Dst: (*Status)(nil), Text: StatusPending.String()},
			"USCC":             {Dst: (*USCC)(nil), Text: "91350100M000100Y43"},
			"USCC empty":       {Dst: (*USCC)(nil), Text: ""},
			"USCCReason":       {Dst: (*USCCReason)(nil), Text: USCCLength.String()},
		})
		var s *Reasons
		assert.ErrorIs(t, s.UnmarshalJSON([]byte(`["no_grant"]`)), grassroots.ErrInvalid, "Reasons: UnmarshalJSON")
	})
}
