package provider

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

func TestProviderStatusHistory(t *testing.T) {
	p := testProvider(t)
	assert.Equal(t, Status(0), p.StatusAt(day(2024, 10, 31)), "before registration")
	assert.Equal(t, StatusPending, p.StatusAt(day(2024, 11, 30)))
	assert.Equal(t, StatusActive, p.StatusAt(day(2024, 12, 1)), "a change takes effect at its instant")

	cases := []struct {
		name    string
		history []StatusChange
		path    string
		rule    string
	}{
		{"empty", nil, "statuses", "required"},
		{"starts suspended", []StatusChange{{StatusSuspended, day(2025, 1, 1)}}, "statuses[0].status", "transition"},
		{"terminated is final", []StatusChange{{StatusActive, day(2025, 1, 1)}, {StatusTerminated, day(2025, 2, 1)}, {StatusActive, day(2025, 3, 1)}}, "statuses[2].status", "transition"},
		{"pending cannot be suspended", []StatusChange{{StatusPending, day(2025, 1, 1)}, {StatusSuspended, day(2025, 2, 1)}}, "statuses[1].status", "transition"},
		{"out of order", []StatusChange{{StatusPending, day(2025, 2, 1)}, {StatusActive, day(2025, 1, 1)}}, "statuses[1].at", "order"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := testProvider(t)
			p.Statuses = tc.history
			requireProblem(t, p.Validate(), tc.path, tc.rule)
		})
	}
	assert.True(t, StatusSuspended.CanChange(StatusActive))
	assert.False(t, StatusTerminated.CanChange(StatusActive))
}

func TestProviderValidateReportsEverything(t *testing.T) {
	p := Provider{
		Memberships:   []Membership{{Role: 9, StartDate: pdate(t, "2025"), EndDate: pdate(t, "2024")}},
		Participation: []Participation{{Model: PlatformOperation}},
		Services:      []Service{{Functions: []Function{0}}},
	}
	err := p.Validate()
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, path := range []string{"id", "name", "uscc", "legal_form", "statuses", "memberships[0].role", "memberships[0].end_date",
		"participation[0].start_date", "services[0].id", "services[0].name", "services[0].status", "services[0].functions[0]"} {
		assert.True(t, ve.Has(path), "problem at %s not reported: %v", path, ve.Fields)
	}
}

func TestMembershipDatesAreInclusive(t *testing.T) {
	p := testProvider(t)
	p.Memberships = []Membership{{Role: TechnologyEnabler, StartDate: pdate(t, "2025-03"), EndDate: pdate(t, "2025-06-30")}}
	loc := ChinaStandardTime()
	assert.Empty(t, p.RolesAt(day(2025, 2, 28), loc), "before the start month")
	assert.Equal(t, []Role{TechnologyEnabler}, p.RolesAt(day(2025, 3, 1), loc), "first instant of the start month")
	assert.Equal(t, []Role{TechnologyEnabler}, p.RolesAt(day(2025, 7, 1).Add(-1), loc), "last instant of the end day")
	assert.Empty(t, p.RolesAt(day(2025, 7, 1), loc), "the day after the end day")
}

func TestParticipationModelsCombine(t *testing.T) {
	p := testProvider(t)
	p.Participation = []Participation{
		{Model: TechnologyEmpowerment, StartDate: pdate(t, "2025")},
		{Model: PlatformOperation, StartDate: pdate(t, "2025-07")},
	}
	require.NoError(t, p.Validate())
	assert.Equal(t, []Model{TechnologyEmpowerment}, p.ModelsAt(day(2025, 6, 30), ChinaStandardTime()))
	assert.Equal(t, []Model{TechnologyEmpowerment, PlatformOperation}, p.ModelsAt(day(2025, 7, 1), ChinaStandardTime()))

	p.Participation = append(p.Participation, Participation{Model: PlatformOperation, StartDate: pdate(t, "2025-12")})
	requireProblem(t, p.Validate(), "participation[2]", "overlap")
}

func TestDefaultRoleTable(t *testing.T) {
	table := DefaultRoleTable()
	assert.True(t, table.Allows(ServiceProvider, ElderlyCare))
	assert.False(t, table.Allows(ServiceProvider, SystemMaintenance))
	assert.True(t, table.Allows(TechnologyEnabler, SystemMaintenance))
	assert.Equal(t, []Role{TechnologyEnabler, ResourceIntegrator, InnovationDriver}, table.RolesFor(PlatformOperations))
	for _, f := range Functions() {
		assert.NotEmpty(t, table.RolesFor(f), "some role may take %s", f)
		assert.True(t, f.Family().IsValid(), "%s has a family", f)
	}
	assert.Equal(t, FamilyTechnical, SystemMaintenance.Family())
	assert.Equal(t, FamilyService, Childcare.Family())
	assert.Equal(t, FamilyManagement, DataCollection.Family())
	_, err := NewRoleTable(map[Role][]Function{ServiceProvider: {99}})
	assert.ErrorIs(t, err, ErrRoleTable)
	_, err = NewRoleTable(map[Role][]Function{0: {ElderlyCare}})
	assert.ErrorIs(t, err, ErrRoleTable)
	assert.False(t, RoleTable{}.Allows(ServiceProvider, ElderlyCare), "the zero table allows nothing")
}

func TestProviderJSONRoundTrip(t *testing.T) {
	p := testProvider(t)
	p.Memberships = append(p.Memberships, Membership{Role: InnovationDriver, StartDate: pdate(t, "2025-03"), EndDate: pdate(t, "2025-12-31"), Scope: Scope{Platform: "convenient_public_services"}})
	b, err := json.Marshal(p)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"start_date":"2025-03","end_date":"2025-12-31"`)
	assert.Contains(t, string(b), `"uscc":"91350100M000100Y43"`)
	assert.Contains(t, string(b), `"legal_form":"company"`, "enums are written by name")
	var back Provider
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, p.USCC, back.USCC)
	assert.Equal(t, p.Memberships, back.Memberships)
	assert.Equal(t, p.Participation, back.Participation)
	assert.Equal(t, p.Services, back.Services)
	require.NoError(t, back.Validate())

	bad := bytes.Replace(b, []byte(`"service_provider"`), []byte(`"consultant"`), 1)
	assert.ErrorIs(t, json.Unmarshal(bad, &back), grassroots.ErrUnknownName, "an unknown role is an error")
	bad = bytes.Replace(b, []byte(`"2025-03"`), []byte(`"2025-3"`), 1)
	assert.ErrorIs(t, json.Unmarshal(bad, &back), ErrPartialDate)
}
