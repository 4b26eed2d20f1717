package mechanism

import (
	"math"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/hostile"
)

// untame are the hostile decimals (internal/hostile).
var untame = func() []decimal.Decimal {
	out := make([]decimal.Decimal, len(hostile.Decimals))
	for i, h := range hostile.Decimals {
		out[i] = h.D
	}
	return out
}()

// returns runs f under hostile.Returns and returns its result.
func returns[T any](t *testing.T, what string, f func() T) T {
	t.Helper()
	var v T
	hostile.Returns(t, what, func() { v = f() })
	return v
}

// assertUnusable checks the documented result of a metric that would
// read an untame decimal: not OK, and Value, Numerator and Denominator 0.
func assertUnusable(t *testing.T, m Metric, what string) {
	t.Helper()
	assert.False(t, m.OK, "%s: not OK", what)
	for _, d := range []decimal.Decimal{m.Value, m.Numerator, m.Denominator} {
		assert.True(t, d.IsZero() && exact.Tame(d), "%s: value, numerator and denominator 0, got %s/%s = %s",
			what, exact.Text(m.Numerator), exact.Text(m.Denominator), exact.Text(m.Value))
	}
}

// inputDecimals are the paths of every decimal field of handInputs and a
// setter for each.
var inputDecimals = []struct {
	path string
	set  func(in *Inputs, d decimal.Decimal)
}{
	{"tasks[0].standard_hours", func(in *Inputs, d decimal.Decimal) { in.Tasks[0].StandardHours = d }},
	{"resources.technology.provider", func(in *Inputs, d decimal.Decimal) { in.Resources.Technology.Provider = d }},
	{"resources.technology.total", func(in *Inputs, d decimal.Decimal) { in.Resources.Technology.Total = d }},
	{"resources.people.provider", func(in *Inputs, d decimal.Decimal) { in.Resources.People.Provider = d }},
	{"resources.people.total", func(in *Inputs, d decimal.Decimal) { in.Resources.People.Total = d }},
	{"resources.money.provider", func(in *Inputs, d decimal.Decimal) { in.Resources.Money.Provider = d }},
	{"resources.money.total", func(in *Inputs, d decimal.Decimal) { in.Resources.Money.Total = d }},
	{"participation.joint_actions[0].progress", func(in *Inputs, d decimal.Decimal) { in.Participation.JointActions[0].Progress = d }},
	{"participation.joint_actions[0].weight", func(in *Inputs, d decimal.Decimal) { in.Participation.JointActions[0].Weight = d }},
	{"incidents.median_hours_to_close", func(in *Inputs, d decimal.Decimal) { in.Incidents.MedianHoursToClose = d }},
	{"incidents.p90_hours_to_close", func(in *Inputs, d decimal.Decimal) { in.Incidents.P90HoursToClose = d }},
	{"scorecards[0].total", func(in *Inputs, d decimal.Decimal) { in.Scorecards[0].Total = d }},
}

// configDecimals are the paths of every decimal field of a Config and a
// setter for each (one entry of each map).
var configDecimals = []struct {
	path string
	set  func(c *Config, d decimal.Decimal)
}{
	{"hours_per_fte", func(c *Config, d decimal.Decimal) { c.HoursPerFTE = d }},
	{"conditional_weight", func(c *Config, d decimal.Decimal) { c.ConditionalWeight = d }},
	{"targets.closure_rate", func(c *Config, d decimal.Decimal) { c.Targets[ClosureRate] = d }},
	{"weights.closure_rate", func(c *Config, d decimal.Decimal) { c.Weights[ClosureRate] = d }},
	{"profile_targets.matter_rate", func(c *Config, d decimal.Decimal) { c.ProfileTargets[MatterRate] = d }},
	{"recommend.low", func(c *Config, d decimal.Decimal) { c.Recommend.Low = d }},
	{"recommend.high", func(c *Config, d decimal.Decimal) { c.Recommend.High = d }},
}

// exponentRule is the rule Validate gives a decimal with an exponent
// outside [-18, 15]: RuleFormat for too many places, RuleMax otherwise.
func exponentRule(d decimal.Decimal) string {
	if d.Exponent() < 0 {
		return grassroots.RuleFormat
	}
	return grassroots.RuleMax
}

// assertRefused checks that err is a *grassroots.ValidationError with the
// rule at each path, and that every message is short.
func assertRefused(t *testing.T, err error, rule string, paths []string, what string) {
	t.Helper()
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve, what)
	rules := map[string]string{}
	for _, f := range ve.Fields {
		rules[f.Path] = f.Rule
		assert.Less(t, len(f.Message), 200, "%s: a short message at %s: %q", what, f.Path, f.Message)
	}
	for _, p := range paths {
		assert.Equal(t, rule, rules[p], "%s: rule at %s (%v)", what, p, ve)
	}
	assert.Less(t, len(err.Error()), 200*len(ve.Fields), "%s: a short error", what)
}

// Validate refuses every decimal field of Inputs and Config with an
// exponent no JSON decoding gives, quickly and with a short message, and
// so do Assess, AssessAll and Recommend, which validate first.
func TestValidateRefusesUntameDecimals(t *testing.T) {
	for _, d := range untame {
		name := exact.Text(d)
		rule := exponentRule(d)
		in := handInputs()
		var inPaths, assessPaths []string
		for _, f := range inputDecimals {
			f.set(&in, d)
			inPaths = append(inPaths, f.path)
			assessPaths = append(assessPaths, "inputs."+f.path)
		}
		assertRefused(t, returns(t, "Inputs.Validate with "+name, in.Validate), rule, inPaths, "Inputs.Validate with "+name)

		cfg := DefaultConfig()
		var cfgPaths []string
		for _, f := range configDecimals {
			f.set(&cfg, d)
			cfgPaths = append(cfgPaths, f.path)
			assessPaths = append(assessPaths, "config."+f.path)
		}
		assertRefused(t, returns(t, "Config.Validate with "+name, cfg.Validate), rule, cfgPaths, "Config.Validate with "+name)

		err := returns(t, "Assess with "+name, func() error { _, err := Assess(in, cfg); return err })
		assertRefused(t, err, rule, assessPaths, "Assess with "+name)
		err = returns(t, "AssessAll with "+name, func() error { _, err := AssessAll([]Inputs{in}, cfg); return err })
		var allPaths []string
		for _, f := range inputDecimals {
			allPaths = append(allPaths, "inputs[0]."+f.path)
		}
		assertRefused(t, err, rule, allPaths, "AssessAll with "+name)

		p := Profile{DigitalFoundation: d, GovernanceLoad: d, CollaborationDemand: d, PlatformNeed: d}
		err = returns(t, "Recommend with "+name, func() error { _, err := Recommend(p, Options{Low: d, High: d}); return err })
		assertRefused(t, err, rule, []string{"profile.digital_foundation", "profile.governance_load",
			"profile.collaboration_demand", "profile.platform_need", "options.low", "options.high"}, "Recommend with "+name)
	}
}

// At the tame edge, exponent ±10,000, Validate refuses as it did: the
// exponent is outside [-18, 15].
func TestValidateRefusesTheTameEdgeAsBefore(t *testing.T) {
	for _, d := range []decimal.Decimal{decimal.New(1, exact.MaxExponent), decimal.New(1, -exact.MaxExponent)} {
		name := exact.Text(d)
		in := handInputs()
		var paths []string
		for _, f := range inputDecimals {
			f.set(&in, d)
			paths = append(paths, f.path)
		}
		assertRefused(t, returns(t, "Inputs.Validate with "+name, in.Validate), exponentRule(d), paths, "Inputs.Validate with "+name)
		cfg := DefaultConfig()
		paths = paths[:0]
		for _, f := range configDecimals {
			f.set(&cfg, d)
			paths = append(paths, f.path)
		}
		assertRefused(t, returns(t, "Config.Validate with "+name, cfg.Validate), exponentRule(d), paths, "Config.Validate with "+name)
	}
}

// metricReads are the metric methods that read a decimal of their
// receiver or argument, each given the decimal to read.
var metricReads = []struct {
	name    string
	compute func(d decimal.Decimal) Metric
}{
	{"FTERelieved of hours per FTE", func(d decimal.Decimal) Metric { return handInputs().Tasks.FTERelieved(d) }},
	{"FTERelieved of a provider task's standard hours", func(d decimal.Decimal) Metric {
		in := handInputs()
		in.Tasks[0].StandardHours = d
		return in.Tasks.FTERelieved(defaultCfg.HoursPerFTE)
	}},
	{"SubstitutionIndex by standard hours of a provider task", func(d decimal.Decimal) Metric {
		in := handInputs()
		in.Tasks[0].StandardHours = d
		return in.Tasks.SubstitutionIndex(StandardHourWeights)
	}},
	{"SubstitutionIndex by standard hours of a government task", func(d decimal.Decimal) Metric {
		in := handInputs()
		in.Tasks[1].StandardHours = d
		return in.Tasks.SubstitutionIndex(StandardHourWeights)
	}},
	{"SharingOpenness", func(d decimal.Decimal) Metric {
		c := handInputs().Catalogue
		return c.SharingOpenness(d)
	}},
	{"ProviderShares of the provider amount", func(d decimal.Decimal) Metric {
		r := handInputs().Resources
		r.Technology.Provider = d
		return r.ProviderShares()[0]
	}},
	{"ProviderShares of the total", func(d decimal.Decimal) Metric {
		r := handInputs().Resources
		r.People.Total = d
		return r.ProviderShares()[1]
	}},
	{"IntegratedResources of a measured kind", func(d decimal.Decimal) Metric {
		r := handInputs().Resources
		r.Technology.Total = d
		return r.IntegratedResources()
	}},
	{"IntegratedResources of a kind not measured", func(d decimal.Decimal) Metric {
		r := handInputs().Resources
		r.Money.Provider = d
		return r.IntegratedResources()
	}},
	{"JointActionProgress of a progress", func(d decimal.Decimal) Metric {
		p := handInputs().Participation
		p.JointActions[1].Progress = d
		return p.JointActionProgress()
	}},
	{"JointActionProgress of a weight", func(d decimal.Decimal) Metric {
		p := handInputs().Participation
		p.JointActions[2].Weight = d
		return p.JointActionProgress()
	}},
	{"MedianTimeToClose", func(d decimal.Decimal) Metric {
		s := handInputs().Incidents
		s.MedianHoursToClose = d
		return s.MedianTimeToClose()
	}},
	{"P90TimeToClose", func(d decimal.Decimal) Metric {
		s := handInputs().Incidents
		s.P90HoursToClose = d
		return s.P90TimeToClose()
	}},
	{"newMetric of the numerator", func(d decimal.Decimal) Metric { return newMetric(ClosureRate, "", d, one) }},
	{"newMetric of the denominator", func(d decimal.Decimal) Metric { return newMetric(ClosureRate, "", one, d) }},
}

func TestMetricMethodsRefuseUntameDecimals(t *testing.T) {
	for _, d := range untame {
		for _, tc := range metricReads {
			what := tc.name + " with " + exact.Text(d)
			assertUnusable(t, returns(t, what, func() Metric { return tc.compute(d) }), what)
		}
	}
}

// A decimal the metric does not read leaves it as it was: equal weights
// ignore standard hours, and FTERelieved reads provider tasks only.
func TestMetricsIgnoreUntameDecimalsTheyDoNotRead(t *testing.T) {
	for _, d := range untame {
		in := handInputs()
		in.Tasks[1].StandardHours = d // a government task
		m := returns(t, "SubstitutionIndex(EqualWeights)", func() Metric { return in.Tasks.SubstitutionIndex(EqualWeights) })
		assertMetric(t, m, "0.3333", "1", "3", "equal weights with "+exact.Text(d))
		m = returns(t, "FTERelieved", func() Metric { return in.Tasks.FTERelieved(defaultCfg.HoursPerFTE) })
		assertMetric(t, m, "0.0125", "25", "2000", "FTE relieved with government hours "+exact.Text(d))
	}
}

type metricKey struct {
	code    Code
	subject string
}

// Metrics on inputs and a config with untame decimals in every decimal
// field gives the metrics that read them not OK and every other metric
// as it was.
func TestMetricsWithUntameDecimals(t *testing.T) {
	affected := map[metricKey]bool{
		{SubstitutionIndex, ""}: true, {FTERelieved, ""}: true, {SharingOpenness, ""}: true,
		{ProviderResourceShare, "technology"}: true, {ProviderResourceShare, "people"}: true,
		{ProviderResourceShare, "money"}: true, {IntegratedResources, ""}: true,
		{JointActionProgress, ""}: true, {MedianTimeToClose, ""}: true, {P90TimeToClose, ""}: true,
	}
	base := handInputs()
	baseCfg := DefaultConfig()
	baseCfg.Weighting = StandardHourWeights
	want := base.Metrics(&baseCfg)
	for _, d := range untame {
		name := exact.Text(d)
		in := handInputs()
		for _, f := range inputDecimals {
			f.set(&in, d)
		}
		cfg := DefaultConfig()
		cfg.Weighting = StandardHourWeights
		for _, f := range configDecimals {
			f.set(&cfg, d)
		}
		got := returns(t, "Metrics with "+name, func() []Metric { return in.Metrics(&cfg) })
		require.Len(t, got, len(want), name)
		for i, m := range got {
			k := metricKey{m.Code, m.Subject}
			require.Equal(t, metricKey{want[i].Code, want[i].Subject}, k, "%s: metric %d", name, i)
			if affected[k] {
				assertUnusable(t, m, name+": "+m.Code.String()+" "+m.Subject)
			} else {
				assert.Equal(t, want[i], m, "%s: %s %s is as it was", name, m.Code, m.Subject)
			}
		}
		// A config alone: only the metrics that read its decimals change.
		got = returns(t, "Metrics with config "+name, func() []Metric { return base.Metrics(&cfg) })
		for i, m := range got {
			if m.Code == FTERelieved || m.Code == SharingOpenness {
				assertUnusable(t, m, name+" in the config: "+m.Code.String())
			} else {
				assert.Equal(t, want[i], m, "%s in the config: %s %s is as it was", name, m.Code, m.Subject)
			}
		}
	}
}

// normalised is the result of Normalise as one value, for returns.
type normalised struct {
	value decimal.Decimal
	ok    bool
}

func normalise(m Metric, target decimal.Decimal) normalised {
	v, ok := Normalise(m, target)
	return normalised{v, ok}
}

func TestNormaliseRefusesUntameDecimals(t *testing.T) {
	benefit := newMetric(ClosureRate, "", dec("3"), dec("4"))
	cost := newMetric(MedianTimeToClose, "", dec("48"), one)
	for _, d := range untame {
		for _, m := range []Metric{benefit, cost} {
			what := "Normalise of " + m.Code.String() + " against " + exact.Text(d)
			r := returns(t, what, func() normalised { return normalise(m, d) })
			assert.False(t, r.ok, what)
			assert.True(t, r.value.IsZero(), what)
			hand := m
			hand.Value = d
			what = "Normalise of " + m.Code.String() + " valued " + exact.Text(d)
			r = returns(t, what, func() normalised { return normalise(hand, one) })
			assert.False(t, r.ok, what)
			assert.True(t, r.value.IsZero(), what)
		}
	}
}

// memberOf finds the member of ix with code c.
func memberOf(ix Index, c Code) (Member, bool) {
	for _, m := range ix.Members {
		if m.Code == c {
			return m, true
		}
	}
	return Member{}, false
}

// Indices with an untame weight, target or metric value of a member
// lists the member not OK with the value shown as 0 and leaves its index
// not OK; the other indices are as they were.
func TestIndicesWithUntameDecimals(t *testing.T) {
	in := handInputs()
	cfg := DefaultConfig()
	metrics := in.Metrics(&cfg)
	want := Indices(metrics, &cfg)
	require.True(t, want[2].OK, "the interaction index has members")
	for _, d := range untame {
		name := exact.Text(d)
		for _, tc := range []struct {
			what  string
			build func() ([]Metric, *Config)
		}{
			{"weight", func() ([]Metric, *Config) {
				c := DefaultConfig()
				c.Weights[ClosureRate] = d
				return metrics, &c
			}},
			{"target", func() ([]Metric, *Config) {
				c := DefaultConfig()
				c.Targets[ClosureRate] = d
				return metrics, &c
			}},
			{"metric value", func() ([]Metric, *Config) {
				ms := append([]Metric(nil), metrics...)
				for i := range ms {
					if ms[i].Code == ClosureRate {
						ms[i].Value = d
					}
				}
				return ms, &cfg
			}},
		} {
			what := "Indices with the closure rate's " + tc.what + " " + name
			ms, c := tc.build()
			got := returns(t, what, func() []Index { return Indices(ms, c) })
			require.Len(t, got, 3, what)
			assert.Equal(t, want[0], got[0], "%s: functional substitution as it was", what)
			assert.Equal(t, want[1], got[1], "%s: resource coordination as it was", what)
			mi := got[2]
			assert.False(t, mi.OK, "%s: interaction index not OK", what)
			assert.True(t, mi.Value.IsZero(), "%s: interaction index 0", what)
			assert.Len(t, mi.Members, len(want[2].Members), "%s: every member listed", what)
			mem, ok := memberOf(mi, ClosureRate)
			require.True(t, ok, "%s: the closure rate is listed", what)
			assert.False(t, mem.OK, "%s: the member is not OK", what)
			for _, v := range []decimal.Decimal{mem.Value, mem.Target, mem.Weight, mem.Normalised} {
				assert.True(t, exact.Tame(v), "%s: no untame value in the member", what)
			}
		}
	}
}

// DeriveProfile with an untame target or metric value of a member
// leaves its trait 0 and not OK; the other traits are as they were.
func TestDeriveProfileWithUntameDecimals(t *testing.T) {
	in := handInputs()
	cfg := DefaultConfig()
	metrics := in.Metrics(&cfg)
	wantProfile, want := DeriveProfile(metrics, DefaultProfileTargets())
	for _, d := range untame {
		name := exact.Text(d)
		targets := DefaultProfileTargets()
		targets[ClosureRate] = d
		ms := append([]Metric(nil), metrics...)
		for i := range ms {
			if ms[i].Code == ClosureRate {
				ms[i].Value = d
			}
		}
		for _, tc := range []struct {
			what    string
			metrics []Metric
			targets map[Code]decimal.Decimal
		}{
			{"target", metrics, targets},
			{"metric value", ms, DefaultProfileTargets()},
		} {
			what := "DeriveProfile with the closure rate's " + tc.what + " " + name
			type result struct {
				p  Profile
				ts []TraitScore
			}
			r := returns(t, what, func() result { p, ts := DeriveProfile(tc.metrics, tc.targets); return result{p, ts} })
			require.Len(t, r.ts, len(want), what)
			for i, ts := range r.ts {
				if ts.Trait != GovernanceLoad {
					assert.Equal(t, want[i], ts, "%s: %s as it was", what, ts.Trait)
					assert.True(t, wantProfile.Score(ts.Trait).Equal(r.p.Score(ts.Trait)), "%s: %s score", what, ts.Trait)
					continue
				}
				assert.False(t, ts.OK, "%s: governance load not OK", what)
				assert.True(t, ts.Score.IsZero() && r.p.GovernanceLoad.IsZero(), "%s: governance load 0", what)
				for _, m := range ts.Members {
					if m.Code == ClosureRate {
						assert.False(t, m.OK, "%s: the member is not OK", what)
					}
					for _, v := range []decimal.Decimal{m.Value, m.Target, m.Contribution} {
						assert.True(t, exact.Tame(v), "%s: no untame value in the member", what)
					}
				}
			}
			_, err := Recommend(r.p, DefaultOptions())
			assert.NoError(t, err, "%s: the profile is a valid one", what)
		}
	}
}

// Values at the tame edge, exponent ±10,000, are computed as any other;
// one step beyond they are not.
func TestTameEdgeIsComputed(t *testing.T) {
	huge, small := decimal.New(1, exact.MaxExponent), decimal.New(1, -exact.MaxExponent)
	in := handInputs()

	m := returns(t, "FTERelieved(1e10000)", func() Metric { return in.Tasks.FTERelieved(huge) })
	assertMetric(t, m, "0", "25", huge.String(), "FTE relieved over 1e10000 hours")
	m = returns(t, "FTERelieved(1e-10000)", func() Metric { return in.Tasks.FTERelieved(small) })
	assertMetric(t, m, decimal.New(25, exact.MaxExponent).String(), "25", small.String(), "FTE relieved over 1e-10000 hours")

	tasks := handInputs().Tasks
	tasks[0].StandardHours = huge // 30 provider tasks of 1e10000 hours
	hours := decimal.New(30, exact.MaxExponent).Add(dec("10"))
	m = returns(t, "FTERelieved with 1e10000 standard hours", func() Metric { return tasks.FTERelieved(defaultCfg.HoursPerFTE) })
	assertMetric(t, m, hours.DivRound(defaultCfg.HoursPerFTE, Scale).String(), hours.String(), "2000", "FTE relieved of 1e10000-hour tasks")
	m = returns(t, "SubstitutionIndex with 1e10000 standard hours", func() Metric { return tasks.SubstitutionIndex(StandardHourWeights) })
	assert.True(t, m.OK && m.Value.Equal(one), "substitution by hours dominated by 1e10000-hour provider tasks: %s", exact.Text(m.Value))
	tasks[0].StandardHours = small
	m = returns(t, "SubstitutionIndex with 1e-10000 standard hours", func() Metric { return tasks.SubstitutionIndex(StandardHourWeights) })
	assert.True(t, m.OK && m.Value.Equal(dec("0.1754")), "substitution by hours with 1e-10000-hour tasks: 10 / 57, got %s", exact.Text(m.Value))

	c := in.Catalogue
	m = returns(t, "SharingOpenness(5e-10000)", func() Metric { return c.SharingOpenness(decimal.New(5, -exact.MaxExponent)) })
	assert.True(t, m.OK && m.Value.Equal(dec("0.5319")), "sharing openness with a weight of 5e-10000: %s", exact.Text(m.Value))

	s := in.Incidents
	s.MedianHoursToClose = huge
	m = returns(t, "MedianTimeToClose of 1e10000 hours", s.MedianTimeToClose)
	assert.True(t, m.OK && m.Value.Equal(huge), "median of 1e10000 hours")
	s.P90HoursToClose = small
	m = returns(t, "P90TimeToClose of 1e-10000 hours", s.P90TimeToClose)
	assert.True(t, m.OK && m.Value.IsZero(), "p90 of 1e-10000 hours rounds to 0")

	p := in.Participation
	p.JointActions[0].Progress = small
	p.JointActions[0].Weight = huge
	m = returns(t, "JointActionProgress at the edge", p.JointActionProgress)
	assert.True(t, m.OK && m.Value.IsZero(), "progress weighted by 1e10000 towards 1e-10000: %s", exact.Text(m.Value))

	r := in.Resources
	r.Technology.Provider = small
	m = returns(t, "IntegratedResources at the edge", r.IntegratedResources)
	assert.True(t, m.OK && m.Value.Equal(dec("0.125")), "integrated resources (0 + 0.25) / 2: %s", exact.Text(m.Value))

	n, ok := Normalise(newMetric(ClosureRate, "", dec("3"), dec("4")), small)
	assert.True(t, ok && n.Equal(one), "normalised against 1e-10000")
	n, ok = Normalise(newMetric(ClosureRate, "", dec("3"), dec("4")), huge)
	assert.True(t, ok && n.IsZero(), "normalised against 1e10000")

	cfg := DefaultConfig()
	metrics := in.Metrics(&cfg)
	cfg.Weights[ClosureRate] = huge
	ixs := returns(t, "Indices with weight 1e10000", func() []Index { return Indices(metrics, &cfg) })
	assert.True(t, ixs[2].OK, "interaction index with a weight of 1e10000")
	closure, _ := memberOf(ixs[2], ClosureRate)
	assert.True(t, ixs[2].Value.Equal(closure.Normalised), "the heavy member sets the index: %s", ixs[2].Value)

	targets := DefaultProfileTargets()
	targets[ClosureRate] = small
	ts := returns(t, "DeriveProfile with target 1e-10000", func() []TraitScore { _, ts := DeriveProfile(metrics, targets); return ts })
	assert.True(t, ts[GovernanceLoad-1].OK, "governance load with a closure target of 1e-10000")

	for _, d := range []decimal.Decimal{decimal.New(1, exact.MaxExponent+1), decimal.New(1, -exact.MaxExponent-1)} {
		assertUnusable(t, in.Tasks.FTERelieved(d), "FTE relieved over "+exact.Text(d))
	}
}

// An exponent above 15 is named as the problem, with the value printed
// short, whatever the value's sign: 0e16 is zero and -1e16 is below the
// range, so "above the maximum" would mislead.
func TestLargeExponentMessage(t *testing.T) {
	for _, c := range []struct {
		d    decimal.Decimal
		want string
	}{
		{decimal.New(0, 16), "is 0 written with exponent 16; want an exponent of at most 15 and a value between 0 and 1000000000000000"},
		{decimal.New(-1, 16), "is -10000000000000000 written with exponent 16;"},
		{decimal.New(-7, math.MaxInt32), "is -7e2147483647 written with exponent 2147483647;"},
	} {
		in := handInputs()
		in.Incidents.MedianHoursToClose = c.d
		var ve *grassroots.ValidationError
		require.ErrorAs(t, in.Validate(), &ve)
		f := ve.Fields[0]
		assert.Equal(t, "incidents.median_hours_to_close", f.Path)
		assert.Equal(t, grassroots.RuleMax, f.Rule)
		assert.Contains(t, f.Message, c.want)
	}
}
