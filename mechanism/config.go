package mechanism

import (
	"slices"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Config holds every parameter of an assessment. Start from
// DefaultConfig and change what differs; decoding JSON into a
// DefaultConfig value keeps the defaults of absent fields (and adds map
// entries to the default maps rather than replacing them). A Config is a
// plain value: Assess reads it and never changes it. A nil *Config is
// the zero Config, which Validate refuses.
type Config struct {
	// HoursPerFTE is the working hours of one full-time equivalent
	// (default 2,000 a year).
	HoursPerFTE decimal.Decimal `json:"hours_per_fte" validate:"-"`
	// ConditionalWeight is how much a conditionally shared data category
	// counts towards sharing openness, in [0, 1] (default ½).
	ConditionalWeight decimal.Decimal `json:"conditional_weight" validate:"-"`
	// Weighting weighs functions in the substitution index (default
	// equal).
	Weighting Weighting `json:"weighting" validate:"enum"`
	// Targets makes a metric a member of its mechanism's index and gives
	// the value at which it counts as fully achieved. The defaults give
	// target 1 to every benefit ratio except the per-function provider
	// task shares (they enter through the substitution index) and the
	// per-kind resource shares (through the integrated-resource index).
	// Raw counts, rates per thousand, hours and cost metrics have no
	// default target and stay out of the indices until one is set.
	Targets map[Code]decimal.Decimal `json:"targets" validate:"-"`
	// Weights are the index weights of members; a code without a weight
	// weighs 1, and weight 0 takes a member out of its index (not out of
	// the profile derivation, which has its own fixed members).
	Weights map[Code]decimal.Decimal `json:"weights" validate:"-"`
	// ProfileTargets are the targets the profile derivation normalises
	// its members with (see DeriveProfile).
	ProfileTargets map[Code]decimal.Decimal `json:"profile_targets" validate:"-"`
	// Recommend holds the thresholds of the recommendation rules.
	Recommend Options `json:"recommend" validate:"-"`
	// Highlights is the most strengths and gaps an assessment lists
	// (default 3).
	Highlights int `json:"highlights" validate:"min=0"`
}

// DefaultConfig returns the default configuration.
func DefaultConfig() Config {
	targets := map[Code]decimal.Decimal{}
	for _, d := range Definitions() {
		if d.Unit == Ratio && d.Direction == Benefit && d.Code != ProviderTaskShare && d.Code != ProviderResourceShare {
			targets[d.Code] = one
		}
	}
	return Config{
		HoursPerFTE:       decimal.NewFromInt(2000),
		ConditionalWeight: decimal.New(5, -1),
		Weighting:         EqualWeights,
		Targets:           targets,
		Weights:           map[Code]decimal.Decimal{},
		ProfileTargets:    DefaultProfileTargets(),
		Recommend:         DefaultOptions(),
		Highlights:        3,
	}
}

// Validate reports every problem of c at once as a
// *grassroots.ValidationError, or nil: a valid weighting
// (grassroots.RuleEnum) and a highlight count not below 0 (RuleMin) from
// the struct tags; hours per FTE positive, the conditional weight in [0,
// 1], targets and profile targets positive, weights not negative (RuleMin,
// RuleMax, RuleFormat for more than 18 places), every map key a valid
// Code (RuleEnum, listing the valid codes), and the thresholds (see
// Options.Validate).
func (c *Config) Validate() error {
	c = c.zeroIfNil()
	var p validate.Problems
	p.Tags("", c)
	positive(&p, field("hours_per_fte"), c.HoursPerFTE)
	amount(&p, field("conditional_weight"), c.ConditionalWeight, zero, one)
	codeMap(&p, "targets", c.Targets, true)
	codeMap(&p, "weights", c.Weights, false)
	codeMap(&p, "profile_targets", c.ProfileTargets, true)
	p.Nest("recommend", c.Recommend.Validate())
	return p.Err()
}

// codeMap checks a map of non-negative (or, with positive, strictly
// positive) amounts keyed by valid codes, in code order.
func codeMap(p *validate.Problems, path string, m map[Code]decimal.Decimal, positiveOnly bool) {
	keys := make([]Code, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		l := loc{base: path, index: -1, field: k.String()}
		switch {
		case !k.IsValid():
			p.Add(l.String(), grassroots.RuleEnum, codeNames.Problem(k))
		case positiveOnly:
			positive(p, l, m[k])
		default:
			amount(p, l, m[k], zero, maxAmount)
		}
	}
}

// weight returns the index weight of code c.
func (c *Config) weight(code Code) decimal.Decimal {
	if w, ok := c.Weights[code]; ok {
		return w
	}
	return one
}

// zeroIfNil returns c, or a zero Config for a nil c, so that a nil
// *Config answers as the zero value does.
func (c *Config) zeroIfNil() *Config {
	if c == nil {
		return new(Config)
	}
	return c
}
