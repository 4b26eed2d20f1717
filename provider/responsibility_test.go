package provider

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// patrolContract hands grid patrol in area1 to supplier, with supplier
// accountable, over [start, end).
func patrolContract(id, supplier string, start, end time.Time) Contract {
	return Contract{
		ID: id, Supplier: Organization{ID: supplier}, Buyer: Organization{ID: "gov-lucheng"},
		Period: grassroots.Period{Start: start, End: end},
		Scope:  []ScopeItem{{Function: GridPatrol, Area: area1}},
		Responsibilities: []Assignment{
			{Function: GridPatrol, Area: area1, Party: supplier, RACI: Responsible},
			{Function: GridPatrol, Area: area1, Party: supplier, RACI: Accountable},
		},
	}
}

func TestCheckResponsibilityOverlapByADayIsFound(t *testing.T) {
	a := patrolContract("ct-a", "prov-a", day(2026, 1, 1), day(2026, 7, 2))
	b := patrolContract("ct-b", "prov-b", day(2026, 7, 1), day(2027, 1, 1))
	got := CheckResponsibility([]Contract{b, a})
	require.Len(t, got, 1)
	assert.Equal(t, TwoAccountable, got[0].Kind)
	assert.Equal(t, GridPatrol, got[0].Function)
	assert.Equal(t, area1, got[0].Area)
	assert.Equal(t, []string{"prov-a", "prov-b"}, got[0].Parties)
	assert.Equal(t, []string{"ct-a", "ct-b"}, got[0].Contracts)
	assert.True(t, got[0].Period.Equal(grassroots.Period{Start: day(2026, 7, 1), End: day(2026, 7, 2)}), "the overlap is the one shared day: %v", got[0].Period)
}

func TestCheckResponsibilityTouchingPeriodsAreNotAmbiguous(t *testing.T) {
	a := patrolContract("ct-a", "prov-a", day(2026, 1, 1), day(2026, 7, 1))
	b := patrolContract("ct-b", "prov-b", day(2026, 7, 1), day(2027, 1, 1))
	assert.Empty(t, CheckResponsibility([]Contract{a, b}))
}

func TestCheckResponsibilityOtherCases(t *testing.T) {
	t.Run("same party twice is not ambiguous", func(t *testing.T) {
		a := patrolContract("ct-a", "prov-a", day(2026, 1, 1), day(2026, 12, 1))
		b := patrolContract("ct-b", "prov-a", day(2026, 6, 1), day(2027, 1, 1))
		assert.Empty(t, CheckResponsibility([]Contract{a, b}))
	})
	t.Run("different areas do not clash", func(t *testing.T) {
		a := patrolContract("ct-a", "prov-a", day(2026, 1, 1), day(2027, 1, 1))
		b := patrolContract("ct-b", "prov-b", day(2026, 1, 1), day(2027, 1, 1))
		b.Scope[0].Area = area2
		for i := range b.Responsibilities {
			b.Responsibilities[i].Area = area2
		}
		assert.Empty(t, CheckResponsibility([]Contract{a, b}))
	})
	t.Run("open-ended contract overlaps a later one", func(t *testing.T) {
		a := patrolContract("ct-a", "prov-a", day(2026, 1, 1), time.Time{})
		b := patrolContract("ct-b", "prov-b", day(2030, 1, 1), day(2031, 1, 1))
		got := CheckResponsibility([]Contract{a, b})
		require.Len(t, got, 1)
		assert.True(t, got[0].Period.Equal(b.Period))
	})
	t.Run("no accountable party", func(t *testing.T) {
		a := patrolContract("ct-a", "prov-a", day(2026, 1, 1), day(2027, 1, 1))
		a.Responsibilities = a.Responsibilities[:1]
		got := CheckResponsibility([]Contract{a})
		require.Len(t, got, 1)
		assert.Equal(t, NoAccountable, got[0].Kind)
		assert.Equal(t, []string{"ct-a"}, got[0].Contracts)
		assert.Empty(t, got[0].Parties)
	})
	t.Run("two accountable in one contract", func(t *testing.T) {
		a := patrolContract("ct-a", "prov-a", day(2026, 1, 1), day(2027, 1, 1))
		a.Responsibilities = append(a.Responsibilities, Assignment{Function: GridPatrol, Area: area1, Party: "gov-lucheng", RACI: Accountable})
		got := CheckResponsibility([]Contract{a})
		require.Len(t, got, 1)
		assert.Equal(t, []string{"ct-a"}, got[0].Contracts)
		assert.Equal(t, []string{"gov-lucheng", "prov-a"}, got[0].Parties)
	})
	t.Run("result does not depend on input order", func(t *testing.T) {
		cs := []Contract{
			patrolContract("ct-a", "prov-a", day(2026, 1, 1), day(2026, 8, 1)),
			patrolContract("ct-b", "prov-b", day(2026, 7, 1), day(2026, 10, 1)),
			patrolContract("ct-c", "prov-c", day(2026, 9, 1), day(2027, 1, 1)),
		}
		want := CheckResponsibility(cs)
		require.Len(t, want, 2)
		assert.Equal(t, want, CheckResponsibility([]Contract{cs[2], cs[0], cs[1]}))
	})
}

func TestCheckIndependence(t *testing.T) {
	subject := Assessment{Contract: testContract(t), Period: grassroots.Period{Start: day(2026, 1, 1), End: day(2026, 7, 1)}}
	group := []Provider{
		{ID: "prov-1", Parent: "holding"},
		{ID: "prov-sister", Parent: "holding"},
		{ID: "prov-grandchild", Parent: "prov-sister"},
		{ID: "loop-a", Parent: "loop-b"},
		{ID: "loop-b", Parent: "loop-a"},
	}
	otherWork := patrolContract("ct-other", "assessor-co", day(2026, 6, 30), day(2026, 12, 1))
	otherWork.Buyer.ID = "prov-1"
	laterWork := patrolContract("ct-later", "assessor-co", day(2026, 7, 1), day(2026, 12, 1))
	laterWork.Buyer.ID = "prov-1"
	rel := Relations{Providers: group, Contracts: []Contract{otherWork, laterWork}}

	cases := []struct {
		name     string
		assessor Assessor
		want     []Conflict
	}{
		{"the supplier itself", Assessor{ID: "prov-1", Party: grassroots.Provider}, []Conflict{{Kind: SelfAssessment}}},
		{"sister company", Assessor{ID: "prov-sister", Party: grassroots.Provider}, []Conflict{{Kind: SameGroup}}},
		{"grandchild of the group", Assessor{ID: "prov-grandchild", Party: grassroots.ThirdParty}, []Conflict{{Kind: SameGroup}}},
		{"third party with a contract overlapping by a day", Assessor{ID: "assessor-co", Party: grassroots.ThirdParty}, []Conflict{{Kind: ContractWithSubject, Contract: "ct-other"}}},
		{"unrelated third party", Assessor{ID: "independent-co", Party: grassroots.ThirdParty}, nil},
		{"parent cycle elsewhere", Assessor{ID: "loop-a", Party: grassroots.ThirdParty}, nil},
		{"the buying organ", Assessor{ID: "gov-lucheng", Party: grassroots.Government}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, CheckIndependence(tc.assessor, subject, rel), tc.name)
		})
	}
}
