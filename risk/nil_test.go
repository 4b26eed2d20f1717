package risk_test

import (
	"encoding"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/risk"
)

// TestNilReceivers calls every exported method with a pointer receiver on
// a nil pointer: none panics, and each answers as its type documents.
func TestNilReceivers(t *testing.T) {
	t.Run("errors", func(t *testing.T) {
		for name, c := range map[string]struct {
			err   error
			match error // a sentinel the type matches
			want  bool  // whether the nil pointer matches it
		}{
			"AlertError raise":      {(*risk.AlertError)(nil), risk.ErrAlertNotHigher, false},
			"AlertError lower":      {(*risk.AlertError)(nil), risk.ErrAlertNotLower, false},
			"ApproverError":         {(*risk.ApproverError)(nil), risk.ErrApproverIsOwner, true},
			"EmptyGroupError":       {(*risk.EmptyGroupError)(nil), risk.ErrEmptyGroup, true},
			"EscalationError again": {(*risk.EscalationError)(nil), risk.ErrAlreadyEscalated, false},
			"EscalationError early": {(*risk.EscalationError)(nil), risk.ErrNotDue, false},
			"MatrixError":           {(*risk.MatrixError)(nil), risk.ErrInvalidMatrix, true},
			"RangeError":            {(*risk.RangeError)(nil), risk.ErrOutOfRange, true},
			"StepError unknown":     {(*risk.StepError)(nil), risk.ErrUnknownStep, false},
			"StepError completed":   {(*risk.StepError)(nil), risk.ErrStepCompleted, false},
			"UndefinedRateError":    {(*risk.UndefinedRateError)(nil), risk.ErrUndefinedRate, true},
			"ZeroWeightError":       {(*risk.ZeroWeightError)(nil), risk.ErrZeroWeight, true},
		} {
			require.NotPanics(t, func() { assert.NotEmpty(t, c.err.Error(), name) }, "%s: Error", name)
			require.NotPanics(t, func() { assert.Equal(t, c.want, errors.Is(c.err, c.match), "%s: Is", name) }, "%s: Is", name)
			require.NotPanics(t, func() { assert.NoError(t, errors.Unwrap(c.err), "%s: Unwrap", name) }, "%s: Unwrap", name)
			assert.False(t, errors.Is(c.err, risk.ErrNoTemplate), "%s matches no other sentinel", name)
		}
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
		for name, c := range map[string]struct {
			dst  encoding.TextUnmarshaler
			text string // valid for the type
		}{
			"AlertLevel":     {(*risk.AlertLevel)(nil), risk.AlertI.String()},
			"Category":       {(*risk.Category)(nil), string(risk.CategoryPrivacy)},
			"CloseReason":    {(*risk.CloseReason)(nil), risk.CloseMitigated.String()},
			"Comparison":     {(*risk.Comparison)(nil), risk.Above.String()},
			"ConditionKind":  {(*risk.ConditionKind)(nil), risk.ConditionThreshold.String()},
			"EscalationKind": {(*risk.EscalationKind)(nil), risk.EscalationStep.String()},
			"EventGrade":     {(*risk.EventGrade)(nil), risk.GradeEspeciallySerious.String()},
			"Level":          {(*risk.Level)(nil), risk.VeryLow.String()},
			"ReferenceKind":  {(*risk.ReferenceKind)(nil), risk.ReferenceNamed.String()},
			"Source":         {(*risk.Source)(nil), risk.SourceRuleHit.String()},
			"Stage":          {(*risk.Stage)(nil), risk.StageIdentified.String()},
			"SubjectKind":    {(*risk.SubjectKind)(nil), risk.SubjectGrid.String()},
			"Treatment":      {(*risk.Treatment)(nil), risk.TreatmentOpen.String()},
		} {
			var err error
			require.NotPanics(t, func() { err = c.dst.UnmarshalText([]byte(c.text)) }, "%s: UnmarshalText", name)
			assert.ErrorIs(t, err, grassroots.ErrInvalid, "%s: UnmarshalText", name)
		}
	})
}
