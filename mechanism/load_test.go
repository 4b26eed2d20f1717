package mechanism

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
)

var year2025 = grassroots.Period{
	Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
	End:   time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
}

func TestMatterRate(t *testing.T) {
	for _, tc := range []struct {
		name      string
		period    grassroots.Period
		received  int64
		residents int64
		want      string
		ok        bool
	}{
		{"a year of 365 days: received × 1,000 / residents", year2025, 690, 5000, "138", true},
		{"June: 30 days scaled to 365", june2021, 919, 13955, "801.2301", true},
		{"a leap year counts 365/366", grassroots.Period{Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}, 366, 1000, "365", true},
		{"residents not known", year2025, 690, 0, "0", false},
		{"an open period has no length", grassroots.Period{Start: year2025.Start}, 690, 5000, "0", false},
	} {
		in := Inputs{Community: "c", Period: tc.period, Residents: tc.residents, Incidents: IncidentStats{Received: tc.received}}
		m := in.MatterRate()
		assert.Equal(t, tc.ok, m.OK, "%s: ok", tc.name)
		assert.True(t, m.Value.Equal(dec(tc.want)), "%s: %s, want %s", tc.name, m.Value, tc.want)
		if m.OK {
			assert.True(t, m.Numerator.DivRound(m.Denominator, Scale).Equal(m.Value), "%s: value is numerator / denominator", tc.name)
		}
	}
}

func TestPlatformSpread(t *testing.T) {
	counts := func(ns ...int64) IncidentStats {
		s := IncidentStats{}
		for i, n := range ns {
			s.Platforms = append(s.Platforms, PlatformCount{Platform: incident.Platform(i + 1), Received: n})
			s.Received += n
		}
		return s
	}
	for _, tc := range []struct {
		name  string
		stats IncidentStats
		want  string
		ok    bool
	}{
		{"even over four platforms", counts(25, 25, 25, 25), "1", true},
		{"all on one platform", counts(0, 40), "0", true},
		{"even over two: (1 − ½) / ¾", counts(10, 10), "0.6667", true},
		// The small district run: 779, 3,860, 408 and 747 routed matters.
		{"mostly law enforcement", counts(779, 3860, 408, 747), "0.6887", true},
		{"no routing known", IncidentStats{Received: 10}, "0", false},
		{"nothing routed", counts(0, 0), "0", false},
	} {
		m := tc.stats.PlatformSpread()
		assert.Equal(t, tc.ok, m.OK, "%s: ok", tc.name)
		assert.True(t, m.Value.Equal(dec(tc.want)), "%s: %s, want %s", tc.name, m.Value, tc.want)
	}
}

func TestValidateLoadInputs(t *testing.T) {
	in := handInputs()
	in.Residents = -1
	in.Incidents.Platforms = []PlatformCount{
		{Platform: incident.PlatformLawEnforcement, Received: 600},
		{Platform: incident.PlatformLawEnforcement, Received: 1},
		{Platform: 9, Received: 1},
		{Platform: incident.PlatformPublicServices, Received: 400},
		{Platform: incident.PlatformGovernance, Received: -2},
	}
	var ve *grassroots.ValidationError
	require.ErrorAs(t, in.Validate(), &ve, "bad load inputs")
	want := map[string]string{
		"residents":                       grassroots.RuleMin,
		"incidents.platforms[1].platform": grassroots.RuleUnique,
		"incidents.platforms[2].platform": grassroots.RuleEnum,
		"incidents.platforms[4].received": grassroots.RuleMin,
		"incidents.platforms":             grassroots.RuleOrder,
	}
	got := map[string]string{}
	for _, f := range ve.Fields {
		got[f.Path] = f.Rule
	}
	assert.Equal(t, want, got, "problems of the load inputs: %v", ve)
	for _, f := range ve.Fields {
		if f.Path == "incidents.platforms[2].platform" {
			assert.Contains(t, f.Message, "public_services", "an unknown platform lists the valid ones")
		}
	}
}

// loadCommunity builds a community for the rule test: its catalogue
// (weak, middling or strong), its matters in 2025 per 1,000 residents and
// the platforms they went to, and its residents' participation.
func loadCommunity(id, catalogue string, matters int64, platforms []int64, collaborating bool) Inputs {
	in := Inputs{Community: id, Period: year2025, Residents: 10_000}
	in.Tasks = Tasks{
		{Function: "grid_patrol", Performer: ByProvider, Count: 50, StandardHours: dec("1")},
		{Function: "grid_patrol", Performer: ByGovernment, Count: 50, StandardHours: dec("1")},
	}
	c := &in.Catalogue
	c.DepartmentsInScope, c.SystemsInScope, c.Hub = 60, 16, "hub"
	var connected, systems, level, stars int64
	latency := Batch
	switch catalogue {
	case "weak":
		connected, systems, level, stars = 6, 1, 1, 1
	case "middling":
		connected, systems, level, stars, latency = 30, 8, 3, 2, RealTime
	case "strong":
		connected, systems, level, stars, latency = 58, 15, 6, 5, RealTime
	}
	c.DepartmentsConnected = connected
	c.Categories = ClassCounts{Unconditional: connected * 5}
	for i := range systems {
		s := fmt.Sprintf("s%02d", i)
		c.Systems = append(c.Systems, s)
		c.Links = append(c.Links, Link{From: s, To: "hub", Latency: latency, Level: level})
		c.Datasets = append(c.Datasets, Dataset{ID: "d" + s, Stars: stars})
	}
	s := &in.Incidents
	for i, n := range platforms {
		s.Platforms = append(s.Platforms, PlatformCount{Platform: incident.Platform(i + 1), Received: n})
	}
	s.Received, s.Closed, s.ClosedOnTime = matters, matters, matters*95/100
	s.Rated, s.Satisfied = matters/2, matters/2
	p := &in.Participation
	p.RegisteredUsers = 2000
	active := int64(100)
	p.Posts = 10
	if collaborating {
		active, p.Posts, p.Comments = 1400, 120, 300
		p.JointActions = []JointAction{{ID: "j1", Progress: dec("0.5")}}
	}
	ids := make([]string, active)
	for i := range ids {
		ids[i] = fmt.Sprintf("r%d", i)
	}
	p.Participants = []Participants{{Action: Post, IDs: ids}}
	return in
}

// TestEachModelWhereTheDataCallForIt assesses communities built to call
// for one model, for a combination, or for none, and checks that the
// recommendation follows their data: the government–enterprise
// collaboration model fires for a well-run community (every matter
// closed, 95 % on time) whose load is heavy by volume and mix.
func TestEachModelWhereTheDataCallForIt(t *testing.T) {
	even, one := []int64{350, 350, 350, 350}, []int64{0, 400}
	for _, tc := range []struct {
		name  string
		in    Inputs
		fired []Model // the rules that fire; none means a weak recommendation
		weak  bool
	}{
		{"weak foundation, light load", loadCommunity("weak", "weak", 400, one, false),
			[]Model{TechnologyEmpowerment}, false},
		{"heavy, mixed load and active residents", loadCommunity("heavy", "middling", 1400, even, true),
			[]Model{GovernmentEnterpriseCollaboration}, false},
		{"solid foundation and a large platform", loadCommunity("platform", "strong", 400, one, false),
			[]Model{PlatformOperation}, false},
		{"weak foundation under a heavy, mixed load", loadCommunity("both", "weak", 1400, even, true),
			[]Model{TechnologyEmpowerment, GovernmentEnterpriseCollaboration}, false},
		{"middling foundation, light load: nothing fits well", loadCommunity("middling", "middling", 400, one, true),
			nil, true},
		{"many matters of one kind are not a heavy load", loadCommunity("narrow", "middling", 1400, []int64{1400}, true),
			nil, true},
		{"a heavy load without residents to collaborate with", loadCommunity("alone", "middling", 1400, even, false),
			nil, true},
	} {
		a, err := Assess(tc.in, DefaultConfig())
		require.NoError(t, err, tc.name)
		r := a.Recommendation
		var fired []Model
		for _, rule := range r.Rules {
			if rule.Fired {
				fired = append(fired, rule.Model)
			}
		}
		assert.Equal(t, tc.fired, fired, "%s: fired rules (profile %+v)", tc.name, r.Profile)
		assert.Equal(t, tc.weak, r.Weak, "%s: weak", tc.name)
		if !tc.weak {
			assert.Equal(t, tc.fired, r.Models, "%s: the fired rules are the models", tc.name)
		}
	}
}

func TestHeavyLoadProfile(t *testing.T) {
	a, err := Assess(loadCommunity("heavy", "middling", 1400, []int64{350, 350, 350, 350}, true), DefaultConfig())
	require.NoError(t, err, "the heavy community")
	load := a.Profile[GovernanceLoad-1]
	require.Equal(t, GovernanceLoad, load.Trait, "the second trait")
	// (3 × min(1, 140/136) + 3 × 1 + (1 − 0.5) + (1 − 1) + (1 − 0.95)) / 9.
	assert.True(t, load.Score.Equal(dec("0.7278")), "load %s", load.Score)
	assert.True(t, load.Members[0].Value.Equal(dec("140")), "matter rate %s", load.Members[0].Value)
	assert.True(t, load.Members[0].Target.Equal(decimal.NewFromInt(ReferenceMatterRate)), "the matter rate's target")
}

func TestDuplicateCommunityError(t *testing.T) {
	_, err := AssessAll([]Inputs{handInputs(), handInputs()}, DefaultConfig())
	var de *DuplicateCommunityError
	require.ErrorAs(t, err, &de, "two inputs for one community")
	assert.True(t, errors.Is(err, ErrDuplicateCommunity), "matches the sentinel")
	assert.Equal(t, DuplicateCommunityError{Community: "330302001001", First: 0, Second: 1}, *de, "names both positions")
}

func TestLoadFastPathsAgreeWithDecimal(t *testing.T) {
	rng := newRand(t, 11)
	for i := range 2000 {
		s := IncidentStats{}
		for p := range 1 + rng.IntN(4) {
			n := rng.Int64N(1 << uint(1+rng.IntN(28)))
			s.Platforms = append(s.Platforms, PlatformCount{Platform: incident.Platform(p + 1), Received: n})
			s.Received += n
		}
		fast, slow := s.PlatformSpread(), s.platformSpreadByDecimal(4)
		require.Equal(t, slow.OK, fast.OK, "round %d %v: ok", i, s.Platforms)
		require.True(t, slow.Value.Equal(fast.Value), "round %d %v: %s, decimal %s", i, s.Platforms, fast.Value, slow.Value)

		in := Inputs{Period: grassroots.Period{Start: year2025.Start, End: year2025.Start.Add(time.Duration(1+rng.Int64N(400*24)) * time.Hour)},
			Residents: 1 + rng.Int64N(1_000_000), Incidents: IncidentStats{Received: rng.Int64N(1_000_000)}}
		m := in.MatterRate()
		seconds := decimal.NewFromInt(int64(in.Period.Duration() / time.Second))
		want := decimal.NewFromInt(in.Incidents.Received).Mul(perThousandYears).DivRound(decimal.NewFromInt(in.Residents).Mul(seconds), Scale)
		require.True(t, want.Equal(m.Value), "round %d: matter rate %s, decimal %s", i, m.Value, want)
	}
}
