package risk

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum/enumtest"
)

func TestEnums(t *testing.T) {
	enumtest.Run(t,
		enumtest.Of(stageNames, ParseStage),
		enumtest.Of(subjectKindNames, ParseSubjectKind),
		enumtest.Of(sourceNames, ParseSource),
		enumtest.Of(closeReasonNames, ParseCloseReason),
		enumtest.Of(levelNames, ParseLevel),
		enumtest.Of(eventGradeNames, ParseEventGrade),
		enumtest.Of(treatmentNames, ParseTreatment),
		enumtest.Of(escalationKindNames, ParseEscalationKind),
		enumtest.Of(alertLevelNames, ParseAlertLevel),
		enumtest.Of(conditionKindNames, ParseConditionKind),
		enumtest.Of(comparisonNames, ParseComparison),
		enumtest.Of(referenceKindNames, ParseReferenceKind),
	)
}

func TestValidateReportsInvalidEnumerationFields(t *testing.T) {
	for _, tc := range []struct {
		what string
		err  error
		path string
		msg  string
	}{
		{"rule without subject kind", Rule{}.Validate(), "subjects.kind", subjectKindNames.Problem(0)},
		{"rule without condition kind", Rule{}.Validate(), "condition.kind", conditionKindNames.Problem(0)},
		{"rule with severity 9", Rule{Severity: 9}.Validate(), "severity", levelNames.Problem(9)},
		{"alert mapping to level 7", AlertMapping{High: 7}.Validate(), "high", alertLevelNames.Problem(7)},
	} {
		var ve *grassroots.ValidationError
		require.ErrorAs(t, tc.err, &ve, tc.what)
		i := slices.IndexFunc(ve.Fields, func(f grassroots.FieldError) bool { return f.Path == tc.path })
		require.GreaterOrEqual(t, i, 0, "%s: a problem at %s in %v", tc.what, tc.path, ve.Fields)
		assert.Equal(t, grassroots.RuleEnum, ve.Fields[i].Rule, tc.what)
		assert.Equal(t, tc.msg, ve.Fields[i].Message, "%s: the message lists the valid names", tc.what)
	}
}
