package mechanism_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/mechanism"
)

func ExampleRecommend() {
	profile := mechanism.Profile{
		DigitalFoundation:   decimal.RequireFromString("0.3"),
		GovernanceLoad:      decimal.RequireFromString("0.7"),
		CollaborationDemand: decimal.RequireFromString("0.6"),
		PlatformNeed:        decimal.RequireFromString("0.8"),
	}
	r, err := mechanism.Recommend(profile, mechanism.DefaultOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, rule := range r.Rules {
		fmt.Printf("%s fired=%t margin=%s\n", rule.Model, rule.Fired, rule.Margin)
	}
	fmt.Println("models:", r.Models, "weak:", r.Weak)
	// Output:
	// technology_empowerment fired=true margin=0.1
	// government_enterprise_collaboration fired=true margin=0
	// platform_operation fired=false margin=-0.3
	// models: [technology_empowerment government_enterprise_collaboration] weak: false
}

func ExampleRecommend_weak() {
	profile := mechanism.Profile{
		DigitalFoundation:   decimal.RequireFromString("0.5"),
		GovernanceLoad:      decimal.RequireFromString("0.55"),
		CollaborationDemand: decimal.RequireFromString("0.9"),
		PlatformNeed:        decimal.RequireFromString("0.2"),
	}
	r, _ := mechanism.Recommend(profile, mechanism.DefaultOptions())
	fmt.Println("models:", r.Models, "weak:", r.Weak)
	// Output:
	// models: [government_enterprise_collaboration] weak: true
}

// The Hangzhou S community case: 547 posts and 13,955 registered users,
// 919 incident reports all closed (June 2021). Statistics left at zero
// are measured zeros (none closed on time, no participant IDs); a
// metric a city does not measure is left out of the indices with weight
// 0 in Config.Weights. Without catalogue data the digital foundation
// scores 0, so technology empowerment is recommended.
func ExampleAssess() {
	in := mechanism.Inputs{
		Community: "S",
		Period: grassroots.Period{
			Start: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC),
			End:   time.Date(2021, 7, 1, 0, 0, 0, 0, time.UTC),
		},
		Participation: mechanism.Participation{RegisteredUsers: 13955, Posts: 547},
		Incidents:     mechanism.IncidentStats{Received: 919, Closed: 919},
	}
	a, err := mechanism.Assess(in, mechanism.DefaultConfig())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range a.Groups {
		for _, m := range g.Metrics {
			if m.OK && m.Unit != mechanism.Count {
				fmt.Printf("%s/%s %s = %s\n", g.Mechanism, g.Layer, m.Code, m.Value)
			}
		}
	}
	for _, ix := range a.Indices {
		fmt.Printf("index %s = %s ok=%t\n", ix.Mechanism, ix.Value, ix.OK)
	}
	fmt.Println("recommended:", a.Recommendation.Models, "weak:", a.Recommendation.Weak)
	// Output:
	// functional_substitution/process provider_discovery_share = 0
	// functional_substitution/function fte_relieved = 0
	// multi_stakeholder_interaction/structure interaction_form_coverage = 0.25
	// multi_stakeholder_interaction/process closure_rate = 1
	// multi_stakeholder_interaction/process on_time_closure = 0
	// multi_stakeholder_interaction/process median_time_to_close = 0
	// multi_stakeholder_interaction/process p90_time_to_close = 0
	// multi_stakeholder_interaction/process reopen_rate = 0
	// multi_stakeholder_interaction/function participation_rate = 0
	// multi_stakeholder_interaction/function activity_intensity = 39.1974
	// index functional_substitution = 0 ok=true
	// index resource_coordination = 0 ok=false
	// index multi_stakeholder_interaction = 0.3125 ok=true
	// recommended: [technology_empowerment] weak: false
}

func ExampleAssessAll() {
	period := grassroots.Period{Start: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)}
	community := func(id string, closed int64) mechanism.Inputs {
		return mechanism.Inputs{Community: id, Period: period,
			Incidents: mechanism.IncidentStats{Received: 100, Closed: closed}}
	}
	// Only the closure rate is an index member here.
	cfg := mechanism.DefaultConfig()
	cfg.Targets = map[mechanism.Code]decimal.Decimal{mechanism.ClosureRate: decimal.NewFromInt(1)}
	out, err := mechanism.AssessAll([]mechanism.Inputs{
		community("A", 70), community("B", 90), community("C", 100),
	}, cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range out {
		ix := a.Indices[2]
		fmt.Printf("%s single=%s peer=%s\n", a.Community, ix.Value, ix.Peer)
	}
	// Output:
	// A single=0.7 peer=0
	// B single=0.9 peer=0.6667
	// C single=1 peer=1
}

func ExampleIncidentStats_ClosureRate() {
	s := mechanism.IncidentStats{Received: 919, Closed: 919}
	m := s.ClosureRate()
	fmt.Println(m.Value, m.Numerator, m.Denominator, m.OK)
	empty := mechanism.IncidentStats{}.ClosureRate()
	fmt.Println(empty.Value, empty.OK)
	// Output:
	// 1 919 919 true
	// 0 false
}

func ExampleParticipation_ActivityIntensity() {
	p := mechanism.Participation{RegisteredUsers: 13955, Posts: 547}
	m := p.ActivityIntensity()
	fmt.Println(m.Value, m.Unit, m.Value.Round(1))
	// Output:
	// 39.1974 per_thousand 39.2
}

func ExampleCatalogue_RawCounts() {
	// Deqing W village: 58 departments and 282 categories, no totals known.
	c := mechanism.Catalogue{DepartmentsConnected: 58, Categories: mechanism.ClassCounts{Unconditional: 282}}
	for _, m := range c.RawCounts() {
		fmt.Println(m.Code, m.Value, m.Unit)
	}
	fmt.Println(c.DepartmentIntegration().OK)
	// Output:
	// departments_connected 58 count
	// categories_catalogued 282 count
	// systems_connected 0 count
	// false
}

func ExampleNormalise() {
	closure := mechanism.IncidentStats{Received: 200, Closed: 182}.ClosureRate()
	n, ok := mechanism.Normalise(closure, decimal.RequireFromString("0.95"))
	fmt.Println(closure.Value, n, ok)

	// A cost metric: 36 hours against a target of 24 hours.
	slow := mechanism.IncidentStats{Closed: 1, MedianHoursToClose: decimal.NewFromInt(36), P90HoursToClose: decimal.NewFromInt(36)}.MedianTimeToClose()
	n, ok = mechanism.Normalise(slow, decimal.NewFromInt(24))
	fmt.Println(slow.Value, n, ok)
	// Output:
	// 0.91 0.9579 true
	// 36 0.6667 true
}

// Load is the mean of 1 − closure (0.1) and 1 − on-time closure (0.2);
// the substitution index has no tasks and is left out. Platform need
// averages 58/50 capped at 1 with no categories and no systems.
func ExampleDeriveProfile() {
	in := mechanism.Inputs{
		Catalogue: mechanism.Catalogue{DepartmentsInScope: 72, DepartmentsConnected: 58},
		Incidents: mechanism.IncidentStats{Received: 100, Closed: 90, ClosedOnTime: 72},
	}
	cfg := mechanism.DefaultConfig()
	profile, traits := mechanism.DeriveProfile(in.Metrics(&cfg), cfg.ProfileTargets)
	fmt.Println("foundation", profile.DigitalFoundation, "load", profile.GovernanceLoad)
	for _, ts := range traits {
		fmt.Println(ts.Trait, ts.Score, ts.OK)
	}
	// Output:
	// foundation 0.8056 load 0.15
	// digital_foundation 0.8056 true
	// governance_load 0.15 true
	// collaboration_demand 0 true
	// platform_need 0.3333 true
}
