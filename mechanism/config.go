package mechanism

import (
	"slices"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
)

// Config holds every parameter of an assessment. Start from
// DefaultConfig and change what differs; decoding JSON into a
// DefaultConfig value keeps the defaults of absent fields (and adds map
// entries to the default maps rather than replacing them). A Config is a
// plain value: Assess reads it and never changes it.
type Config struct {
	// HoursPerFTE is the working hours of one full-time equivalent
	// (default 2,000 a year).
	HoursPerFTE decimal.Decimal `json:"hours_per_fte"`
	// ConditionalWeight is how much a conditionally shared data category
	// counts towards sharing openness, in [0, 1] (default ½).
	ConditionalWeight decimal.Decimal `json:"conditional_weight"`
	// Weighting weighs functions in the substitution index (default
	// equal).
	Weighting Weighting `json:"weighting"`
	// Targets makes a metric a member of its mechanism's index and gives
	// the value at which it counts as fully achieved. The defaults give
	// target 1 to every benefit ratio except the per-function provider
	// task shares (they enter through the substitution index) and the
	// per-kind resource shares (through the integrated-resource index).
	// Raw counts, rates per thousand, hours and cost metrics have no
	// default target and stay out of the indices until one is set.
	Targets map[Code]decimal.Decimal `json:"targets"`
	// Weights are the index weights of members; a code without a weight
	// weighs 1, and weight 0 takes a member out of its index (not out of
	// the profile derivation, which has its own fixed members).
	Weights map[Code]decimal.Decimal `json:"weights"`
	// ProfileTargets are the targets the profile derivation normalises
	// its members with (see DeriveProfile).
	ProfileTargets map[Code]decimal.Decimal `json:"profile_targets"`
	// Recommend holds the thresholds of the recommendation rules.
	Recommend Options `json:"recommend"`
	// Highlights is the most strengths and gaps an assessment lists
	// (default 3).
	Highlights int `json:"highlights"`
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
// *grassroots.ValidationError, or nil.
func (c *Config) Validate() error {
	var p problems
	if p.amount(field("hours_per_fte"), c.HoursPerFTE, zero, maxAmount) && !c.HoursPerFTE.IsPositive() {
		p.add(field("hours_per_fte"), "gt", "must be positive")
	}
	p.amount(field("conditional_weight"), c.ConditionalWeight, zero, one)
	if !c.Weighting.IsValid() {
		p.invalid(field("weighting"), weightingNames.Problem(c.Weighting))
	}
	p.codeMap("targets", c.Targets, true)
	p.codeMap("weights", c.Weights, false)
	p.codeMap("profile_targets", c.ProfileTargets, true)
	p = append(p, grassroots.FieldErrors("recommend", c.Recommend.Validate())...)
	if c.Highlights < 0 {
		p.add(field("highlights"), "min", "must not be negative")
	}
	return grassroots.NewValidationError(p...)
}

// codeMap checks a map of non-negative (or, with positive, strictly
// positive) amounts keyed by valid codes, in code order.
func (p *problems) codeMap(path string, m map[Code]decimal.Decimal, positive bool) {
	keys := make([]Code, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		l := loc{base: path, index: -1, field: k.String()}
		if !k.IsValid() {
			p.invalid(l, codeNames.Problem(k))
			continue
		}
		if p.amount(l, m[k], zero, maxAmount) && positive && !m[k].IsPositive() {
			p.add(l, "gt", "must be positive")
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
