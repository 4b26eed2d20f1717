package risk_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/niltest"
	"github.com/grassrootsgov/grassroots/risk"
)

// TestNilReceivers calls every exported method with a pointer receiver on
// a nil pointer: none panics, and each answers as its type documents.
func TestNilReceivers(t *testing.T) {
	t.Run("errors", func(t *testing.T) {
		niltest.Errors(t, risk.ErrNoTemplate, map[string]niltest.Error{
			"AlertError raise":      {Err: (*risk.AlertError)(nil), Match: risk.ErrAlertNotHigher, Want: false},
			"AlertError lower":      {Err: (*risk.AlertError)(nil), Match: risk.ErrAlertNotLower, Want: false},
			"ApproverError":         {Err: (*risk.ApproverError)(nil), Match: risk.ErrApproverIsOwner, Want: true},
			"EmptyGroupError":       {Err: (*risk.EmptyGroupError)(nil), Match: risk.ErrEmptyGroup, Want: true},
			"EscalationError again": {Err: (*risk.EscalationError)(nil), Match: risk.ErrAlreadyEscalated, Want: false},
			"EscalationError early": {Err: (*risk.EscalationError)(nil), Match: risk.ErrNotDue, Want: false},
			"MatrixError":           {Err: (*risk.MatrixError)(nil), Match: risk.ErrInvalidMatrix, Want: true},
			"RangeError":            {Err: (*risk.RangeError)(nil), Match: risk.ErrOutOfRange, Want: true},
			"StepError unknown":     {Err: (*risk.StepError)(nil), Match: risk.ErrUnknownStep, Want: false},
			"StepError completed":   {Err: (*risk.StepError)(nil), Match: risk.ErrStepCompleted, Want: false},
			"UndefinedRateError":    {Err: (*risk.UndefinedRateError)(nil), Match: risk.ErrUndefinedRate, Want: true},
			"ZeroWeightError":       {Err: (*risk.ZeroWeightError)(nil), Match: risk.ErrZeroWeight, Want: true},
		})
	})

	t.Run("MatrixError without problems", func(t *testing.T) {
		e := &risk.MatrixError{Name: "m"}
		assert.True(t, e.Unwrap() == nil, "no interface holding a nil *ValidationError")
		assert.ErrorIs(t, e, risk.ErrInvalidMatrix)
		assert.NotErrorIs(t, e, grassroots.ErrInvalid, "no problems, so no ValidationError to match")
	})

	t.Run("Acceptance", func(t *testing.T) {
		var a *risk.Acceptance
		assert.False(t, a.InEffect(time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)), "InEffect")
	})

	t.Run("decoders", func(t *testing.T) {
		niltest.Decoders(t, grassroots.ErrInvalid, map[string]niltest.Decoder{
			"AlertLevel":     {Dst: (*risk.AlertLevel)(nil), Text: risk.AlertI.String()},
			"Category":       {Dst: (*risk.Category)(nil), Text: string(risk.CategoryPrivacy)},
			"CloseReason":    {Dst: (*risk.CloseReason)(nil), Text: risk.CloseMitigated.String()},
			"Comparison":     {Dst: (*risk.Comparison)(nil), Text: risk.Above.String()},
			"ConditionKind":  {Dst: (*risk.ConditionKind)(nil), Text: risk.ConditionThreshold.String()},
			"EscalationKind": {Dst: (*risk.EscalationKind)(nil), Text: risk.EscalationStep.String()},
			"EventGrade":     {Dst: (*risk.EventGrade)(nil), Text: risk.GradeEspeciallySerious.String()},
			"Level":          {Dst: (*risk.Level)(nil), Text: risk.VeryLow.String()},
			"ReferenceKind":  {Dst: (*risk.ReferenceKind)(nil), Text: risk.ReferenceNamed.String()},
			"Source":         {Dst: (*risk.Source)(nil), Text: risk.SourceRuleHit.String()},
			"Stage":          {Dst: (*risk.Stage)(nil), Text: risk.StageIdentified.String()},
			"SubjectKind":    {Dst: (*risk.SubjectKind)(nil), Text: risk.SubjectGrid.String()},
			"Treatment":      {Dst: (*risk.Treatment)(nil), Text: risk.TreatmentOpen.String()},
		})
	})
}
