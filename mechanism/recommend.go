package mechanism

import (
	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/validate"
	"github.com/grassrootsgov/grassroots/provider"
)

// Model is a participation model for service providers: the model a
// provider's participation records (provider.Model), so a recommendation
// can be compared with the models providers follow without conversion.
// The zero value is invalid.
type Model = provider.Model

// The participation models of the study.
const (
	// TechnologyEmpowerment suits communities with weak technical
	// foundations and little internal digital capability.
	TechnologyEmpowerment = provider.TechnologyEmpowerment
	// GovernmentEnterpriseCollaboration suits heavy governance tasks with
	// a strong demand for collaboration among many parties.
	GovernmentEnterpriseCollaboration = provider.GovernmentEnterpriseCollaboration
	// PlatformOperation suits a solid digital foundation with a strong
	// need for platform-based governance.
	PlatformOperation = provider.PlatformOperation
)

// ParseModel returns the Model named s; an unknown name is a *grassroots.UnknownNameError.
func ParseModel(s string) (Model, error) { return provider.ParseModel(s) }

// Models returns every model in order.
func Models() []Model { return provider.Models() }

// Trait is a scored trait of a community that the recommendation rules
// test. The zero value is invalid.
type Trait uint8

// The traits.
const (
	DigitalFoundation Trait = iota + 1
	GovernanceLoad
	CollaborationDemand
	PlatformNeed
)

var traitNames = enum.New[Trait]("mechanism.Trait",
	"digital_foundation", "governance_load", "collaboration_demand", "platform_need",
)

// IsValid reports whether t is one of the Trait values.
func (t Trait) IsValid() bool { return traitNames.Valid(t) }

// String returns the wire name of t, or "Trait(N)" for an invalid value.
func (t Trait) String() string { return traitNames.String(t) }

// AppendText appends the wire name of t to b; an invalid value is an error.
func (t Trait) AppendText(b []byte) ([]byte, error) { return traitNames.Append(b, t) }

// MarshalText returns the wire name of t; an invalid value is an error.
func (t Trait) MarshalText() ([]byte, error) { return traitNames.Marshal(t) }

// UnmarshalText sets *t to the value named by b; on error *t is unchanged.
func (t *Trait) UnmarshalText(b []byte) error { return traitNames.Unmarshal(t, b) }

// ParseTrait returns the Trait named s; an unknown name is a *grassroots.UnknownNameError.
func ParseTrait(s string) (Trait, error) { return traitNames.Parse(s) }

// Traits returns every trait in order.
func Traits() []Trait { return traitNames.Values() }

// Profile scores a community's traits, each in [0, 1]. DeriveProfile
// computes one from metrics; a caller may also score traits by its own
// method and pass the profile to Recommend directly.
type Profile struct {
	DigitalFoundation   decimal.Decimal `json:"digital_foundation"`
	GovernanceLoad      decimal.Decimal `json:"governance_load"`
	CollaborationDemand decimal.Decimal `json:"collaboration_demand"`
	PlatformNeed        decimal.Decimal `json:"platform_need"`
}

// Score returns the score of trait t (zero for an invalid trait).
func (p Profile) Score(t Trait) decimal.Decimal {
	if s := p.score(t); s != nil {
		return *s
	}
	return zero
}

// score returns the field of p that holds trait t, nil for an invalid
// trait.
func (p *Profile) score(t Trait) *decimal.Decimal {
	switch t {
	case DigitalFoundation:
		return &p.DigitalFoundation
	case GovernanceLoad:
		return &p.GovernanceLoad
	case CollaborationDemand:
		return &p.CollaborationDemand
	case PlatformNeed:
		return &p.PlatformNeed
	}
	return nil
}

// Validate reports every score outside [0, 1] (grassroots.RuleMin,
// RuleMax) or with more than 18 decimal places (RuleFormat).
func (p Profile) Validate() error {
	var pr validate.Problems
	for _, t := range Traits() {
		amount(&pr, field(t.String()), p.Score(t), zero, one)
	}
	return pr.Err()
}

// Options are the thresholds of the recommendation rules. A score is low
// when strictly below Low and high when at or above High: the boundary
// values themselves (0.4 and 0.6 by default) are not low but are high.
type Options struct {
	Low  decimal.Decimal `json:"low"`
	High decimal.Decimal `json:"high"`
}

// DefaultOptions returns Low 0.4 and High 0.6.
func DefaultOptions() Options {
	return Options{Low: decimal.New(4, -1), High: decimal.New(6, -1)}
}

// Validate reports thresholds outside [0, 1] (grassroots.RuleMin,
// RuleMax, RuleFormat as for Profile) and Low above High
// (grassroots.RuleOrder).
func (o Options) Validate() error {
	var p validate.Problems
	okL := amount(&p, field("low"), o.Low, zero, one)
	okH := amount(&p, field("high"), o.High, zero, one)
	if okL && okH && o.Low.GreaterThan(o.High) {
		add(&p, field("low"), grassroots.RuleOrder, "is "+o.Low.String()+", above high ("+o.High.String()+"); want at most high")
	}
	return p.Err()
}

// Comparison is how a condition compares a score with a threshold. The
// zero value is invalid.
type Comparison uint8

// The comparisons.
const (
	// Below holds when the score is strictly less than the threshold.
	Below Comparison = iota + 1
	// AtLeast holds when the score is greater than or equal to the
	// threshold.
	AtLeast
)

var comparisonNames = enum.New[Comparison]("mechanism.Comparison", "below", "at_least")

// IsValid reports whether c is one of the Comparison values.
func (c Comparison) IsValid() bool { return comparisonNames.Valid(c) }

// String returns the wire name of c, or "Comparison(N)" for an invalid value.
func (c Comparison) String() string { return comparisonNames.String(c) }

// AppendText appends the wire name of c to b; an invalid value is an error.
func (c Comparison) AppendText(b []byte) ([]byte, error) { return comparisonNames.Append(b, c) }

// MarshalText returns the wire name of c; an invalid value is an error.
func (c Comparison) MarshalText() ([]byte, error) { return comparisonNames.Marshal(c) }

// UnmarshalText sets *c to the value named by b; on error *c is unchanged.
func (c *Comparison) UnmarshalText(b []byte) error { return comparisonNames.Unmarshal(c, b) }

// ParseComparison returns the Comparison named s; an unknown name is a *grassroots.UnknownNameError.
func ParseComparison(s string) (Comparison, error) { return comparisonNames.Parse(s) }

// Condition is one test of a rule, evaluated. Margin is how far the score
// lies on the passing side of the threshold: threshold − score for Below,
// score − threshold for AtLeast. A Below condition holds when its margin
// is positive, an AtLeast condition when it is zero or positive.
type Condition struct {
	Trait      Trait           `json:"trait"`
	Comparison Comparison      `json:"comparison"`
	Threshold  decimal.Decimal `json:"threshold"`
	Score      decimal.Decimal `json:"score"`
	Margin     decimal.Decimal `json:"margin"`
	Met        bool            `json:"met"`
}

// Rule is one model's rule, evaluated: it fires when all its conditions
// hold. Margin is the smallest condition margin, so a fired rule shows
// how safely it fired and an unfired one how far it is from firing.
type Rule struct {
	Model      Model           `json:"model"`
	Conditions []Condition     `json:"conditions"`
	Margin     decimal.Decimal `json:"margin"`
	Fired      bool            `json:"fired"`
}

// Recommendation is the outcome of Recommend with everything that led to
// it: the profile, the thresholds, every rule with its margins, and the
// recommended models.
//
// Models lists the models whose rules fired, in model order; several mean
// a combination. When no rule fires Models holds the single nearest model
// (the rule with the largest margin, the earlier model on a tie) and Weak
// is true: the community fits no model well.
type Recommendation struct {
	Profile Profile `json:"profile"`
	Options Options `json:"options"`
	Rules   []Rule  `json:"rules"`
	Models  []Model `json:"models"`
	Weak    bool    `json:"weak"`
}

type ruleSpec struct {
	model Model
	conds []condSpec
}

type condSpec struct {
	trait Trait
	cmp   Comparison
	high  bool // threshold is Options.High, otherwise Options.Low
}

// rules is the rule set, one rule per model, as the study characterises
// the models.
var rules = []ruleSpec{
	{TechnologyEmpowerment, []condSpec{{DigitalFoundation, Below, false}}},
	{GovernmentEnterpriseCollaboration, []condSpec{{GovernanceLoad, AtLeast, true}, {CollaborationDemand, AtLeast, true}}},
	{PlatformOperation, []condSpec{{DigitalFoundation, AtLeast, true}, {PlatformNeed, AtLeast, true}}},
}

// Recommend applies the rules to profile:
//
//   - technology_empowerment: digital foundation < Low;
//   - government_enterprise_collaboration: governance load ≥ High and
//     collaboration demand ≥ High;
//   - platform_operation: digital foundation ≥ High and platform need ≥
//     High.
//
// Margins are exact differences of the inputs (no rounding). It returns a
// *grassroots.ValidationError (paths "profile.…", "options.…") when a
// score or threshold lies outside [0, 1] or Low exceeds High.
func Recommend(profile Profile, opts Options) (Recommendation, error) {
	var p validate.Problems
	p.Nest("profile", profile.Validate())
	p.Nest("options", opts.Validate())
	if err := p.Err(); err != nil {
		return Recommendation{}, err
	}
	r := Recommendation{Profile: profile, Options: opts, Rules: make([]Rule, len(rules))}
	best := -1
	for i, spec := range rules {
		r.Rules[i] = evaluate(spec, profile, opts)
		if r.Rules[i].Fired {
			r.Models = append(r.Models, spec.model)
		}
		if best < 0 || r.Rules[i].Margin.GreaterThan(r.Rules[best].Margin) {
			best = i
		}
	}
	if len(r.Models) == 0 {
		r.Models = []Model{r.Rules[best].Model}
		r.Weak = true
	}
	return r, nil
}

func evaluate(spec ruleSpec, p Profile, o Options) Rule {
	r := Rule{Model: spec.model, Conditions: make([]Condition, len(spec.conds)), Fired: true}
	for i, cs := range spec.conds {
		th := o.Low
		if cs.high {
			th = o.High
		}
		c := Condition{Trait: cs.trait, Comparison: cs.cmp, Threshold: th, Score: p.Score(cs.trait)}
		if cs.cmp == Below {
			c.Margin = th.Sub(c.Score)
			c.Met = c.Margin.IsPositive()
		} else {
			c.Margin = c.Score.Sub(th)
			c.Met = c.Margin.Sign() >= 0
		}
		r.Conditions[i] = c
		if i == 0 || c.Margin.LessThan(r.Margin) {
			r.Margin = c.Margin
		}
		r.Fired = r.Fired && c.Met
	}
	return r
}
