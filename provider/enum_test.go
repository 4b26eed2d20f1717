package provider

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum/enumtest"
)

func TestEnums(t *testing.T) {
	enumtest.Run(t,
		enumtest.Of(purposeNames, ParsePurpose),
		enumtest.Of(legalBasisNames, ParseLegalBasis),
		enumtest.Of(categoryNames, ParseCategory),
		enumtest.Of(actionNames, ParseAction),
		enumtest.Of(deIdentificationNames, ParseDeIdentification),
		enumtest.Of(dispositionNames, ParseDisposition),
		enumtest.Of(reasonNames, ParseReason),
		enumtest.Of(raciNames, ParseRACI),
		enumtest.Of(settlementMethodNames, ParseSettlementMethod),
		enumtest.Of(familyNames, ParseFamily),
		enumtest.Of(functionNames, ParseFunction),
		enumtest.Of(conflictKindNames, ParseConflictKind),
		enumtest.Of(contractStatusNames, ParseContractStatus),
		enumtest.Of(sideNames, ParseSide),
		enumtest.Of(milestoneStatusNames, ParseMilestoneStatus),
		enumtest.Of(milestoneTypeNames, ParseMilestoneType),
		enumtest.Of(precisionNames, ParsePrecision),
		enumtest.Of(statusNames, ParseStatus),
		enumtest.Of(legalFormNames, ParseLegalForm),
		enumtest.Of(roleNames, ParseRole),
		enumtest.Of(modelNames, ParseModel),
		enumtest.Of(serviceStatusNames, ParseServiceStatus),
		enumtest.Of(ambiguityKindNames, ParseAmbiguityKind),
		enumtest.Of(comparatorNames, ParseComparator),
		enumtest.Of(lineKindNames, ParseLineKind),
		enumtest.Of(usccReasonNames, ParseUSCCReason),
	)
}

func TestModelsListsEveryModelInOrder(t *testing.T) {
	assert.Equal(t, []Model{TechnologyEmpowerment, GovernmentEnterpriseCollaboration, PlatformOperation}, Models())
	for _, m := range Models() {
		assert.True(t, m.IsValid(), "%d", m)
	}
}

func TestValidateReportsInvalidEnumerationFields(t *testing.T) {
	p := testProvider(t)
	p.LegalForm = 0
	p.Memberships[0].Role = 9
	requireProblem(t, p.Validate(), "legal_form", grassroots.RuleEnum)
	requireProblem(t, p.Validate(), "memberships[0].role", grassroots.RuleEnum)

	c := testContract(t)
	c.Responsibilities[0].RACI = 0
	c.SettlementMethod = 9
	requireProblem(t, c.Validate(), "responsibilities[0].raci", grassroots.RuleEnum)
	requireProblem(t, c.Validate(), "settlement_method", grassroots.RuleEnum)
	c.SettlementMethod = 0
	requireProblem(t, c.Validate(), "settlement_method", grassroots.RuleRequired)

	g := testGrant()
	g.Disposition = 3
	var ve *grassroots.ValidationError
	require.ErrorAs(t, g.Validate(), &ve, "disposition 3")
	require.Len(t, ve.Fields, 1, "disposition 3 is the only problem")
	assert.Equal(t, grassroots.FieldError{Path: "disposition", Rule: grassroots.RuleEnum, Message: dispositionNames.Problem(3)}, ve.Fields[0],
		"the message lists the valid dispositions")

	g = testGrant()
	g.Fields = append(g.Fields, Field{Name: g.Fields[0].Name, Category: 0})
	g.Purposes = append(g.Purposes, 0)
	last := grassroots.ElementPath("fields", len(g.Fields)-1)
	requireProblem(t, g.Validate(), last+".category", grassroots.RuleEnum)
	requireProblem(t, g.Validate(), last+".name", grassroots.RuleUnique)
	requireProblem(t, g.Validate(), grassroots.ElementPath("purposes", len(g.Purposes)-1), grassroots.RuleEnum)

	p.LegalForm = Company
	p.Memberships[0].Role = TechnologyEnabler
	p.Services = []Service{{ID: "s-1", Name: "patrol", Status: ServiceActive, Functions: []Function{GridPatrol, 0}}}
	requireProblem(t, p.Validate(), "services[0].functions[1]", grassroots.RuleEnum)
}
