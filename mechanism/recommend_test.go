package mechanism

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

func profile(foundation, load, collaboration, platform string) Profile {
	return Profile{
		DigitalFoundation: dec(foundation), GovernanceLoad: dec(load),
		CollaborationDemand: dec(collaboration), PlatformNeed: dec(platform),
	}
}

func TestRecommendRules(t *testing.T) {
	cases := []struct {
		name    string
		profile Profile
		models  []Model
		weak    bool
	}{
		{"foundation just below low: technology empowerment", profile("0.3999", "0", "0", "0"), []Model{TechnologyEmpowerment}, false},
		{"foundation exactly at low is not weak (exclusive)", profile("0.4", "0", "0", "1"), []Model{TechnologyEmpowerment}, true},
		{"load and collaboration exactly at high fire (inclusive)", profile("0.5", "0.6", "0.6", "0"), []Model{GovernmentEnterpriseCollaboration}, false},
		{"load just below high does not fire", profile("0.5", "0.5999", "1", "0"), []Model{GovernmentEnterpriseCollaboration}, true},
		{"collaboration just below high does not fire", profile("0.5", "1", "0.5999", "0"), []Model{GovernmentEnterpriseCollaboration}, true},
		{"foundation and platform need exactly at high fire (inclusive)", profile("0.6", "0", "0", "0.6"), []Model{PlatformOperation}, false},
		{"platform need just below high does not fire", profile("0.9", "0", "0", "0.5999"), []Model{PlatformOperation}, true},
		{"weak foundation and heavy load: a combination", profile("0.2", "0.8", "0.7", "0.9"), []Model{TechnologyEmpowerment, GovernmentEnterpriseCollaboration}, false},
		{"solid foundation, heavy load, platform need: a combination", profile("0.8", "0.7", "0.6", "0.9"), []Model{GovernmentEnterpriseCollaboration, PlatformOperation}, false},
		{"nothing fires: nearest is collaboration (margin −0.01)", profile("0.55", "0.59", "0.9", "0.1"), []Model{GovernmentEnterpriseCollaboration}, true},
		{"nothing fires, margins tie at −0.1: the earlier model", profile("0.5", "0.5", "0.9", "0.2"), []Model{TechnologyEmpowerment}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Recommend(tc.profile, DefaultOptions())
			require.NoError(t, err, tc.name)
			assert.Equal(t, tc.models, r.Models, tc.name)
			assert.Equal(t, tc.weak, r.Weak, tc.name)
			require.Len(t, r.Rules, 3, "every rule is reported")
			for _, rule := range r.Rules {
				assert.Equal(t, rule.Fired, contains(r.Models, rule.Model) && !r.Weak, "%s: %s fired flag matches models", tc.name, rule.Model)
			}
		})
	}
}

func contains(ms []Model, m Model) bool {
	for _, x := range ms {
		if x == m {
			return true
		}
	}
	return false
}

func TestRecommendCarriesInputsThresholdsAndMargins(t *testing.T) {
	p := profile("0.7", "0.65", "0.5", "0.9")
	r, err := Recommend(p, DefaultOptions())
	require.NoError(t, err)
	assert.True(t, r.Profile.DigitalFoundation.Equal(dec("0.7")), "profile is carried")
	assert.True(t, r.Options.Low.Equal(dec("0.4")) && r.Options.High.Equal(dec("0.6")), "thresholds are carried")

	tech := r.Rules[0]
	assert.Equal(t, TechnologyEmpowerment, tech.Model)
	require.Len(t, tech.Conditions, 1)
	assert.Equal(t, Below, tech.Conditions[0].Comparison)
	assert.True(t, tech.Margin.Equal(dec("-0.3")), "0.4 − 0.7 = −0.3, got %s", tech.Margin)

	gec := r.Rules[1]
	require.Len(t, gec.Conditions, 2)
	assert.True(t, gec.Conditions[0].Met, "load 0.65 ≥ 0.6")
	assert.True(t, gec.Conditions[0].Margin.Equal(dec("0.05")), "load margin %s", gec.Conditions[0].Margin)
	assert.False(t, gec.Conditions[1].Met, "collaboration 0.5 < 0.6")
	assert.True(t, gec.Margin.Equal(dec("-0.1")), "rule margin is the smallest: %s", gec.Margin)
	assert.False(t, gec.Fired)

	plat := r.Rules[2]
	assert.True(t, plat.Fired, "foundation 0.7 and platform need 0.9")
	assert.True(t, plat.Margin.Equal(dec("0.1")), "min(0.1, 0.3) = 0.1, got %s", plat.Margin)
	assert.Equal(t, []Model{PlatformOperation}, r.Models)
}

func TestRecommendCustomThresholds(t *testing.T) {
	opts := Options{Low: dec("0.2"), High: dec("0.8")}
	r, err := Recommend(profile("0.3", "0.7", "0.9", "0.9"), opts)
	require.NoError(t, err)
	assert.Equal(t, []Model{TechnologyEmpowerment}, r.Models, "0.3 is not below 0.2 and 0.7 is not at 0.8")
	assert.True(t, r.Weak)
}

func TestRecommendRejectsOutOfRange(t *testing.T) {
	cases := []struct {
		name  string
		p     Profile
		o     Options
		paths []string
	}{
		{"score above 1", profile("1.1", "0", "0", "0"), DefaultOptions(), []string{"profile.digital_foundation"}},
		{"negative score", profile("0", "-0.1", "0", "0"), DefaultOptions(), []string{"profile.governance_load"}},
		{"low above high", profile("0", "0", "0", "0"), Options{Low: dec("0.7"), High: dec("0.6")}, []string{"options.low"}},
		{"all at once", profile("2", "0", "0", "-1"), Options{Low: dec("0.5"), High: dec("1.5")},
			[]string{"profile.digital_foundation", "profile.platform_need", "options.high"}},
	}
	for _, tc := range cases {
		_, err := Recommend(tc.p, tc.o)
		require.Error(t, err, tc.name)
		assert.True(t, errors.Is(err, grassroots.ErrInvalid), "%s: matches ErrInvalid", tc.name)
		var ve *grassroots.ValidationError
		require.True(t, errors.As(err, &ve), tc.name)
		for _, p := range tc.paths {
			assert.True(t, ve.Has(p), "%s: reports %s in %v", tc.name, p, ve)
		}
		assert.Len(t, ve.Fields, len(tc.paths), "%s: %v", tc.name, ve)
	}
}

func TestDeriveProfile(t *testing.T) {
	in := handInputs()
	cfg := DefaultConfig()
	p, traits := DeriveProfile(in.Metrics(&cfg), cfg.ProfileTargets)
	require.Len(t, traits, 4)
	// Foundation: (0.8056 + 0.75 + 0.6 + 0.6 + 0.5) / 5 = 3.2556 / 5.
	assert.True(t, p.DigitalFoundation.Equal(dec("0.6511")), "foundation %s", p.DigitalFoundation)
	// Load: ((1 − 0.3333) + (1 − 1) + (1 − 0.9467)) / 3 = 0.72 / 3.
	assert.True(t, p.GovernanceLoad.Equal(dec("0.24")), "load %s", p.GovernanceLoad)
	// Collaboration: (0.4 + min(1, 500/50) + 1) / 3 = 2.4 / 3.
	assert.True(t, p.CollaborationDemand.Equal(dec("0.8")), "collaboration %s", p.CollaborationDemand)
	// Platform need: (min(1, 58/50) + min(1, 282/200) + 3/10) / 3 = 2.3 / 3.
	assert.True(t, p.PlatformNeed.Equal(dec("0.7667")), "platform need %s", p.PlatformNeed)
	for _, ts := range traits {
		assert.True(t, ts.OK, "%s has data", ts.Trait)
	}
	load := traits[1].Members
	require.Equal(t, SubstitutionIndex, load[2].Code, "the load's third member")
	assert.True(t, load[2].Inverted, "substitution counts inverted towards load")
	assert.False(t, load[0].OK, "no residents: no matter rate in the load")
	assert.False(t, load[1].OK, "no routing: no platform spread in the load")
	assert.True(t, load[0].Weight.Equal(dec("3")), "the volume weighs a third")
}

func TestDeriveProfileWithoutDataScoresZeroNotOK(t *testing.T) {
	p, traits := DeriveProfile(nil, DefaultProfileTargets())
	for _, ts := range traits {
		assert.False(t, ts.OK, "%s without metrics", ts.Trait)
		assert.True(t, ts.Score.IsZero(), "%s scores 0", ts.Trait)
	}
	assert.True(t, p.DigitalFoundation.IsZero())
}

func TestRecommendInvariants(t *testing.T) {
	rng := newRand(t, 9)
	score := func() decimal.Decimal { return decimal.New(int64(rng.IntN(10001)), -4) }
	for range 2000 {
		p := Profile{DigitalFoundation: score(), GovernanceLoad: score(), CollaborationDemand: score(), PlatformNeed: score()}
		lo, hi := score(), score()
		if lo.GreaterThan(hi) {
			lo, hi = hi, lo
		}
		r, err := Recommend(p, Options{Low: lo, High: hi})
		require.NoError(t, err)
		require.NotEmpty(t, r.Models, "always at least one model")
		fired := 0
		for _, rule := range r.Rules {
			all, least := true, rule.Conditions[0].Margin
			for _, c := range rule.Conditions {
				all = all && c.Met
				least = decimal.Min(least, c.Margin)
				wantMet := c.Margin.Sign() > 0 || (c.Comparison == AtLeast && c.Margin.IsZero())
				assert.Equal(t, wantMet, c.Met, "%v: met follows the margin", c)
			}
			assert.Equal(t, all, rule.Fired, "%s fires iff all conditions hold", rule.Model)
			assert.True(t, least.Equal(rule.Margin), "%s margin is the least condition margin", rule.Model)
			if rule.Fired {
				fired++
			}
		}
		assert.Equal(t, fired == 0, r.Weak, "weak iff nothing fired")
		if !r.Weak {
			assert.Len(t, r.Models, fired, "every fired model is recommended")
		}
	}
}
