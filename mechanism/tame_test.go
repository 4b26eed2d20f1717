package mechanism

import (
	"math"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/exact"
)

// untame are decimals that can only be built in Go: exponents no JSON
// decoding yields, which decimal would align with a power of ten of two
// billion digits.
var untame = []decimal.Decimal{
	decimal.New(1, math.MaxInt32),
	decimal.New(-1, math.MaxInt32),
	decimal.New(1, math.MinInt32),
	decimal.New(0, math.MaxInt32),
}

// returns calls f in a goroutine and fails t when f has not returned
// within 10 seconds, so that a regression fails instead of hanging.
func returns[T any](t *testing.T, what string, f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("%s did not return within 10 s", what)
	}
	var none T
	return none
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
