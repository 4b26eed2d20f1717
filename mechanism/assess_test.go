package mechanism

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

func TestAssessHandInputs(t *testing.T) {
	a, err := Assess(handInputs(), DefaultConfig())
	require.NoError(t, err)
	assert.Equal(t, "330302001001", a.Community)

	seen := map[Code]int{}
	total := 0
	for _, g := range a.Groups {
		require.NotEmpty(t, g.Metrics, "%s/%s: empty groups are left out", g.Mechanism, g.Layer)
		for _, m := range g.Metrics {
			assert.Equal(t, g.Mechanism, m.Mechanism, "%s in its mechanism's group", m.Code)
			assert.Equal(t, g.Layer, m.Layer, "%s in its layer's group", m.Code)
			seen[m.Code]++
			total++
		}
	}
	for _, c := range Codes() {
		assert.NotZero(t, seen[c], "%s appears in a group", c)
	}
	assert.Equal(t, 3, seen[ProviderTaskShare], "one task share per function")
	assert.Equal(t, 3, seen[ProviderResourceShare], "one share per resource kind")
	assert.Equal(t, len(Codes())+4, total, "every metric exactly once")

	require.Len(t, a.Indices, 3)
	// Functional substitution: substitution index 0.3333, discovery
	// 0.3003, grid coverage 0.75: 1.3836 / 3.
	assert.True(t, a.Indices[0].Value.Equal(dec("0.4612")), "functional substitution %s", a.Indices[0].Value)

	// Gaps: the three largest shortfalls among all index members.
	require.Len(t, a.Gaps, 3)
	assert.Equal(t, ProviderDiscoveryShare, a.Gaps[0].Code, "0.3003 is furthest below target")
	assert.Equal(t, SubstitutionIndex, a.Gaps[1].Code)
	assert.Equal(t, ProposalUptake, a.Gaps[2].Code, "0.375 next")
	assert.True(t, a.Gaps[0].Shortfall.Equal(dec("0.6997")), "shortfall %s", a.Gaps[0].Shortfall)
	require.Len(t, a.Strengths, 2, "closure and interaction-form coverage reach target")
	assert.Equal(t, InteractionFormCoverage, a.Strengths[0].Code)
	assert.Equal(t, ClosureRate, a.Strengths[1].Code)

	require.Len(t, a.Risks, 3)
	assert.Empty(t, a.Risks[0].Open, "the closed functional-substitution risk is not listed")
	ids := []string{}
	for _, r := range a.Risks[1].Open {
		ids = append(ids, r.ID)
	}
	assert.Equal(t, []string{"r1", "r2", "r3"}, ids, "level I first, not alerted last")

	// Profile 0.6511, 0.24, 0.8, 0.7667 (see TestDeriveProfile): platform
	// operation fires (0.6511 ≥ 0.6 and 0.7667 ≥ 0.6).
	assert.Equal(t, []Model{PlatformOperation}, a.Recommendation.Models)
	assert.False(t, a.Recommendation.Weak)
}

func TestAssessJSONRoundTrip(t *testing.T) {
	a, err := Assess(handInputs(), DefaultConfig())
	require.NoError(t, err)
	b, err := json.Marshal(a)
	require.NoError(t, err)
	var back Assessment
	require.NoError(t, json.Unmarshal(b, &back))
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(b2), "assessment survives a JSON round trip")
	assert.Contains(t, string(b), `"value":"0.4612"`, "decimals are JSON strings")
}

func TestAssessIndependentOfInputOrder(t *testing.T) {
	rng := newRand(t, 5)
	for i := range 20 {
		in := generated(rng, i)
		want, err := Assess(in, DefaultConfig())
		require.NoError(t, err, "community %d", i)
		wantJSON, err := json.Marshal(want)
		require.NoError(t, err)
		got, err := Assess(shuffled(rng, in), DefaultConfig())
		require.NoError(t, err)
		gotJSON, err := json.Marshal(got)
		require.NoError(t, err)
		assert.JSONEq(t, string(wantJSON), string(gotJSON), "community %d shuffled", i)
	}
}

func TestAssessReportsEveryProblem(t *testing.T) {
	in := handInputs()
	in.Community = ""
	in.Tasks[0].Performer = 0
	in.Tasks[1].Count = -1
	in.Contracts[0].ID = "c2"
	in.Catalogue.DepartmentsConnected = 80
	in.Catalogue.Links[0].Level = 7
	in.Catalogue.Links[1].To = "nowhere"
	in.Catalogue.Datasets[0].Stars = 6
	in.Resources.People.Provider = dec("41")
	in.Participation.ProposalsAccepted = 9
	in.Participation.JointActions[0].Progress = dec("1.5")
	in.Participation.Participants[1].Action = Post
	in.Incidents.P90HoursToClose = dec("1")
	in.Risks[0].Level = 5
	in.Contracts[0].Scope[0].Area = ""
	in.Participation.Participants[0].IDs[1] = ""
	cfg := DefaultConfig()
	cfg.HoursPerFTE = zero
	cfg.Targets[ClosureRate] = zero
	cfg.Recommend.Low = dec("0.9")

	_, err := Assess(in, cfg)
	require.Error(t, err)
	assert.True(t, errors.Is(err, grassroots.ErrInvalid))
	var ve *grassroots.ValidationError
	require.True(t, errors.As(err, &ve))
	for _, p := range []string{
		"inputs.community", "inputs.tasks[0].performer", "inputs.tasks[1].count", "inputs.contracts[1].id",
		"inputs.catalogue.departments_connected", "inputs.catalogue.links[0].level", "inputs.catalogue.links[1].to",
		"inputs.catalogue.datasets[0].stars", "inputs.resources.people.provider",
		"inputs.participation.proposals_accepted", "inputs.participation.joint_actions[0].progress",
		"inputs.participation.participants[1].action", "inputs.incidents.p90_hours_to_close", "inputs.risks[0].level",
		"config.hours_per_fte", "config.targets.closure_rate", "config.recommend.low",
		"inputs.contracts[0].scope[0].area", "inputs.participation.participants[0].ids[1]",
	} {
		assert.True(t, ve.Has(p), "reports %s: %v", p, ve)
	}
	assert.Len(t, ve.Fields, 19, "%v", ve)
}

func TestValidateRejectsHostileNumbers(t *testing.T) {
	in := handInputs()
	in.Tasks[0].StandardHours = dec("1e9999")
	in.Incidents.MedianHoursToClose = dec("1e-40")
	in.Participation.Posts = maxCount + 1
	in.Participation.Meetings[0].Invited = 1 << 62
	err := in.Validate()
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, p := range []string{"tasks[0].standard_hours", "incidents.median_hours_to_close", "participation.posts", "participation.meetings[0].invited"} {
		assert.True(t, ve.Has(p), "reports %s: %v", p, ve)
	}
}

func TestValidateCatalogueGraph(t *testing.T) {
	c := Catalogue{Hub: "h", Systems: []string{"a", "h", "a"}, Links: []Link{{From: "a", To: "a", Latency: Batch}}}
	in := Inputs{Community: "x", Period: june2021, Catalogue: c}
	var ve *grassroots.ValidationError
	require.ErrorAs(t, in.Validate(), &ve)
	assert.True(t, ve.Has("catalogue.systems[1]"), "the hub is not a system: %v", ve)
	assert.True(t, ve.Has("catalogue.systems[2]"), "repeated system: %v", ve)
	assert.True(t, ve.Has("catalogue.links[0].to"), "self-loop: %v", ve)
}

func TestConfigJSONKeepsDefaults(t *testing.T) {
	cfg := DefaultConfig()
	require.NoError(t, json.Unmarshal([]byte(`{"hours_per_fte":"1760","targets":{"median_time_to_close":"24"},"recommend":{"low":"0.3","high":"0.6"}}`), &cfg))
	require.NoError(t, cfg.Validate())
	assert.True(t, cfg.HoursPerFTE.Equal(dec("1760")))
	assert.True(t, cfg.ConditionalWeight.Equal(dec("0.5")), "absent field keeps its default")
	assert.True(t, cfg.Targets[ClosureRate].Equal(one), "default target kept")
	assert.True(t, cfg.Targets[MedianTimeToClose].Equal(dec("24")), "target added")

	err := json.Unmarshal([]byte(`{"targets":{"no_such_metric":"1"}}`), &cfg)
	assert.ErrorIs(t, err, grassroots.ErrUnknownName, "unknown metric code as a map key")
	var ue *grassroots.UnknownNameError
	require.ErrorAs(t, err, &ue, "unknown metric code as a map key")
	assert.Equal(t, codeNames.Names(), ue.Valid, "the error lists every valid code")

	cfg = DefaultConfig()
	cfg.Targets[Code(99)] = one
	var ve *grassroots.ValidationError
	require.ErrorAs(t, cfg.Validate(), &ve, "an invalid code set in Go")
	require.Len(t, ve.Fields, 1, "the invalid code is the only problem")
	assert.Equal(t, grassroots.RuleEnum, ve.Fields[0].Rule, "an invalid code is an enum problem")
	assert.Contains(t, ve.Fields[0].Message, "matter_rate", "the message lists the valid codes")
}

func TestConfigValidateReportsAnInvalidWeightingAsEnum(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Weighting = 0
	var ve *grassroots.ValidationError
	require.ErrorAs(t, cfg.Validate(), &ve, "zero weighting")
	require.Len(t, ve.Fields, 1, "zero weighting is the only problem")
	assert.Equal(t, "weighting", ve.Fields[0].Path, "zero weighting")
	assert.Equal(t, grassroots.RuleEnum, ve.Fields[0].Rule, "zero weighting")
	for _, name := range weightingNames.Names() {
		assert.Contains(t, ve.Fields[0].Message, name, "the message of a zero weighting lists the valid names")
	}
}

// Metrics and Indices read a nil config as the zero Config, and Metrics
// a nil Inputs as the zero one, as their documents say they never panic.
func TestMetricsAndIndicesWithNil(t *testing.T) {
	in := handInputs()
	zero := Config{}
	assert.Equal(t, in.Metrics(&zero), in.Metrics(nil), "Metrics(nil) is Metrics of the zero Config")
	var none *Inputs
	assert.Equal(t, new(Inputs).Metrics(&zero), none.Metrics(nil), "a nil Inputs is the zero one")
	cfg := DefaultConfig()
	ms := in.Metrics(&cfg)
	assert.Equal(t, Indices(ms, &zero), Indices(ms, nil), "Indices(nil) is Indices of the zero Config")
}
