package evaluation

import (
	"fmt"
	"math/big"
	"slices"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/enum"
)

// Scorecard is the explained score of one subject against an indicator
// system. Every number in it can be recomputed from the numbers listed
// before it (when nothing could be scored, Grade is empty and a NotScored
// warning says so):
//
//   - each indicator's Score is its Value normalised onto 0–100 by its
//     scale and direction, rounded to Scale places;
//   - its Contribution is EffectiveWeight × Score rounded to Scale places;
//   - Total is the exact sum of the contributions;
//   - Grade is the band of the unrounded total Σ w·s / Σ w over the
//     indicators with a value (w the global weight, s the unrounded
//     score), so it does not depend on the scale. Total, built from
//     rounded numbers, can lie on the other side of a band's threshold
//     by less than the rounding of its parts; the grade never moves.
//
// Indicators are listed in the depth-first order of the system.
type Scorecard struct {
	Subject    string           `json:"subject,omitempty"`
	Total      decimal.Decimal  `json:"total"`
	Grade      string           `json:"grade"`
	Indicators []IndicatorScore `json:"indicators"`
	Warnings   []Warning        `json:"warnings,omitempty"`
	Precision
}

// IndicatorScore is one leaf indicator's line of a Scorecard.
type IndicatorScore struct {
	Code string `json:"code"`
	// Value is the raw value on the indicator's scale (for Aggregate the
	// party-weighted central value, rounded to the scorecard's scale).
	Value decimal.Decimal `json:"value"`
	// Score is Value normalised onto 0–100 (100 best).
	Score decimal.Decimal `json:"score"`
	// Weight is the global weight from the system, exact.
	Weight decimal.Decimal `json:"weight"`
	// EffectiveWeight is the weight applied: Weight itself when every
	// indicator has a value, otherwise the weights of the indicators with
	// a value renormalised to sum to 1 (NormalizeWeights at the scale).
	EffectiveWeight decimal.Decimal `json:"effective_weight"`
	// Contribution is EffectiveWeight × Score.
	Contribution decimal.Decimal `json:"contribution"`
	// Count is the number of ratings behind Value (0 for WeightedSum).
	Count int `json:"count,omitempty"`
	// Missing is true when no value was available; Value, Score,
	// EffectiveWeight and Contribution are then zero.
	Missing bool `json:"missing,omitempty"`
	// Parties explains Value party by party (Aggregate only).
	Parties []PartyScore `json:"parties,omitempty"`
}

// PartyScore is one party's part in an indicator's value.
type PartyScore struct {
	Party grassroots.Party `json:"party"`
	// Excluded is true when the party has fewer ratings than its minimum
	// (including none) and so does not count.
	Excluded bool `json:"excluded,omitempty"`
	// Count is the number of this party's ratings.
	Count int `json:"count"`
	// Value is the central value of those ratings on the indicator's
	// scale, rounded to the scorecard's scale.
	Value decimal.Decimal `json:"value"`
	// Weight is this party's effective share of the indicator's value;
	// zero when the party is excluded.
	Weight decimal.Decimal `json:"weight"`
	// MarginOfError is the 95 % margin of error, in percentage points, of a
	// proportion estimated from Count respondents (worst case p = 0.5),
	// given for survey parties only (zero otherwise).
	MarginOfError decimal.Decimal `json:"margin_of_error,omitzero"`
}

// Warning notes something a reader of a Scorecard should know: a party
// with too few ratings, a missing party or indicator.
type Warning struct {
	Kind      WarningKind      `json:"kind"`
	Indicator string           `json:"indicator,omitempty"`
	Party     grassroots.Party `json:"party,omitempty"`
	// Count and Required are the samples found and the minimum required
	// (TooFewSamples only).
	Count    int `json:"count,omitempty"`
	Required int `json:"required,omitempty"`
}

// WarningKind classifies a Warning. The zero value is invalid.
type WarningKind uint8

// The warning kinds.
const (
	// TooFewSamples: a party rated an indicator fewer times than its
	// minimum and was excluded from it.
	TooFewSamples WarningKind = iota + 1
	// PartyMissing: a party entitled to rate an indicator gave no rating;
	// the remaining parties' weights were renormalised.
	PartyMissing
	// IndicatorMissing: no party counted for an indicator; the remaining
	// indicators' weights were renormalised.
	IndicatorMissing
	// NotScored: no indicator had a value, so there is no total: Total is
	// zero and Grade is empty.
	NotScored
)

var warningKindNames = enum.New[WarningKind]("evaluation.WarningKind",
	"too_few_samples", "party_missing", "indicator_missing", "not_scored",
)

// IsValid reports whether k is one of the WarningKind values.
func (k WarningKind) IsValid() bool { return warningKindNames.Valid(k) }

// String returns the wire name of k, or "WarningKind(N)" for an invalid value.
func (k WarningKind) String() string { return warningKindNames.String(k) }

// AppendText appends the wire name of k to b; an invalid value is an error.
func (k WarningKind) AppendText(b []byte) ([]byte, error) { return warningKindNames.Append(b, k) }

// MarshalText returns the wire name of k; an invalid value is an error.
func (k WarningKind) MarshalText() ([]byte, error) { return warningKindNames.Marshal(k) }

// UnmarshalText sets *k to the value named by b; on error *k is unchanged.
func (k *WarningKind) UnmarshalText(b []byte) error { return warningKindNames.Unmarshal(k, b) }

// ParseWarningKind returns the WarningKind named s; an unknown name is a *grassroots.UnknownNameError.
func ParseWarningKind(s string) (WarningKind, error) { return warningKindNames.Parse(s) }

// MissingPolicy says what happens when a party or indicator has no usable
// value. In options the zero value means Renormalize.
type MissingPolicy uint8

// The missing-data policies.
const (
	// Renormalize drops what is missing and renormalises the weights of
	// what is present to sum to 1 (NormalizeWeights at the result scale),
	// with a warning on the scorecard.
	Renormalize MissingPolicy = iota + 1
	// Fail makes anything missing an error matching ErrMissing.
	Fail
)

var missingPolicyNames = enum.New[MissingPolicy]("evaluation.MissingPolicy", "renormalize", "fail")

// IsValid reports whether m is one of the MissingPolicy values.
func (m MissingPolicy) IsValid() bool { return missingPolicyNames.Valid(m) }

// String returns the wire name of m, or "MissingPolicy(N)" for an invalid value.
func (m MissingPolicy) String() string { return missingPolicyNames.String(m) }

// AppendText appends the wire name of m to b; an invalid value is an error.
func (m MissingPolicy) AppendText(b []byte) ([]byte, error) { return missingPolicyNames.Append(b, m) }

// MarshalText returns the wire name of m; an invalid value is an error.
func (m MissingPolicy) MarshalText() ([]byte, error) { return missingPolicyNames.Marshal(m) }

// UnmarshalText sets *m to the value named by b; on error *m is unchanged.
func (m *MissingPolicy) UnmarshalText(b []byte) error { return missingPolicyNames.Unmarshal(m, b) }

// ParseMissingPolicy returns the MissingPolicy named s; an unknown name is a *grassroots.UnknownNameError.
func ParseMissingPolicy(s string) (MissingPolicy, error) { return missingPolicyNames.Parse(s) }

// ScoreOptions configures WeightedSum.
type ScoreOptions struct {
	// Scale is the number of decimal places of the results; zero means
	// DefaultScale.
	Scale int32
	// Bands grades the total; the zero value means DefaultBands.
	Bands Bands
	// Missing is the policy for leaves without a value; zero means Fail,
	// because a direct score sheet is expected to be complete.
	Missing MissingPolicy
}

// WeightedSum scores one subject from raw indicator values: values maps
// leaf codes to values on each leaf's scale. Each value is normalised onto
// 0–100 by its leaf's scale and direction, weighted by the leaf's global
// weight, and summed; the result is a Scorecard without parties.
//
// A code that is not a leaf of the system, or a value off its leaf's
// scale, is an error matching ErrUnknownIndicator or ErrValue; a value
// written with an exponent beyond ±10,000 is a *grassroots.ValidationError
// at "values.<code>" that matches ErrValue. Leaves without a value follow
// opts.Missing (by default an error matching ErrMissing).
func WeightedSum(s System, values map[string]decimal.Decimal, opts ScoreOptions) (Scorecard, error) {
	scale, err := resolveScale(opts.Scale)
	if err != nil {
		return Scorecard{}, err
	}
	bands, err := resolveBands(opts.Bands)
	if err != nil {
		return Scorecard{}, err
	}
	policy, err := resolveEnum("missing policy", missingPolicyNames, opts.Missing, Fail)
	if err != nil {
		return Scorecard{}, err
	}
	leaves, err := s.Leaves()
	if err != nil {
		return Scorecard{}, err
	}
	byCode := make(map[string]int, len(leaves))
	for i, l := range leaves {
		byCode[l.Code] = i
	}
	codes := make([]string, 0, len(values))
	for c := range values {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, c := range codes {
		i, ok := byCode[c]
		if !ok {
			return Scorecard{}, unknownIndicator(leaves, c)
		}
		if err := untame(ErrValue, grassroots.JoinFieldPath("values", c), values[c]); err != nil {
			return Scorecard{}, err
		}
		if v := values[c]; !leaves[i].Scale.Contains(v) {
			return Scorecard{}, fmt.Errorf("%w: indicator %q: %s outside %s..%s", ErrValue, c, v, leaves[i].Scale.Min, leaves[i].Scale.Max)
		}
	}
	gw, err := fixedWeights(leaves)
	if err != nil {
		return Scorecard{}, err
	}
	card := Scorecard{Indicators: make([]IndicatorScore, len(leaves)), Precision: precision(scale)}
	lines := make([]line, len(leaves))
	for i, l := range leaves {
		in := &card.Indicators[i]
		in.Code = l.Code
		in.Weight = l.Weight
		v, ok := values[l.Code]
		if !ok {
			in.Missing = true
			lines[i].missing = true
			continue
		}
		in.Value = v
		if lines[i].score, ok = exact.FromDecimal(l.Scale.normalize(v, l.Direction, scale), scale); !ok {
			return Scorecard{}, fmt.Errorf("%w: indicator %q: score exceeds 64-bit fixed point", ErrValue, l.Code)
		}
	}
	if err := card.settle(lines, gw, policy, bands, newDecimalCache(scale)); err != nil {
		return Scorecard{}, err
	}
	if card.Grade != "" {
		scores := make([]*big.Rat, len(leaves))
		for i, l := range leaves {
			if v, ok := values[l.Code]; ok {
				scores[i] = exactScore(v.Rat(), l.Scale, l.Direction)
			}
		}
		card.Grade = bands.gradeExact(exactTotal(scores, leaves))
	}
	return card, nil
}

// line is the fixed-point working form of one IndicatorScore while a
// scorecard is settled: score at the result scale, missing flag.
type line struct {
	score   int64
	missing bool
	mask    uint8 // Aggregate: the parties that count
}

// weightFixed is a global weight as an exact fixed-point number.
type weightFixed struct {
	v      int64
	places int32
}

func fixedWeights(leaves []Leaf) ([]weightFixed, error) {
	out := make([]weightFixed, len(leaves))
	for i, l := range leaves {
		p := exact.Places(l.Weight)
		v, ok := exact.FromDecimal(l.Weight, p)
		if !ok {
			return nil, fmt.Errorf("%w: weight of %q has too many digits", ErrValue, l.Code)
		}
		out[i] = weightFixed{v: v, places: p}
	}
	return out, nil
}

// settle fills the weights, contributions, total and grade of a scorecard
// whose Indicators have Code, Weight and Missing set, from the scores in
// lines (fixed point at c.Scale). Missing indicators follow policy.
func (c *Scorecard) settle(lines []line, gw []weightFixed, policy MissingPolicy, bands Bands, dec *decimalCache) error {
	scale := c.Scale
	eff := gw
	var present []decimal.Decimal
	for i := range lines {
		if lines[i].missing {
			present = make([]decimal.Decimal, 0, len(lines))
			break
		}
	}
	if present != nil {
		for i := range lines {
			if lines[i].missing {
				if policy == Fail {
					return fmt.Errorf("%w: subject %q: indicator %q has no value", ErrMissing, c.Subject, c.Indicators[i].Code)
				}
				c.Warnings = append(c.Warnings, Warning{Kind: IndicatorMissing, Indicator: c.Indicators[i].Code})
				continue
			}
			present = append(present, c.Indicators[i].Weight)
		}
		if len(present) == 0 {
			c.Total = decimal.Zero
			c.Warnings = append(c.Warnings, Warning{Kind: NotScored})
			return nil
		}
		ws, err := NormalizeWeights(present, scale)
		if err != nil {
			return fmt.Errorf("%w: subject %q: the indicators with a value carry no weight", ErrMissing, c.Subject)
		}
		eff = make([]weightFixed, len(lines))
		k := 0
		for i := range lines {
			if lines[i].missing {
				continue
			}
			c.Indicators[i].EffectiveWeight = ws[k]
			v, _ := exact.FromDecimal(ws[k], scale)
			eff[i] = weightFixed{v: v, places: scale}
			k++
		}
	} else {
		for i := range c.Indicators {
			c.Indicators[i].EffectiveWeight = c.Indicators[i].Weight
		}
	}
	var total int64
	for i := range lines {
		if lines[i].missing {
			continue
		}
		// weight (at its places) × score (at the scale) / 10^places: the
		// contribution at the scale, rounded half away from zero.
		unit, ok := exact.Pow10(eff[i].places)
		var contrib int64
		if ok {
			contrib, ok = exact.MulDivRound(eff[i].v, lines[i].score, unit)
		}
		if ok {
			total, ok = exact.Add(total, contrib)
		}
		if !ok {
			return fmt.Errorf("%w: subject %q: contributions exceed 64-bit fixed point", ErrValue, c.Subject)
		}
		c.Indicators[i].Score = dec.get(lines[i].score)
		c.Indicators[i].Contribution = dec.get(contrib)
	}
	c.Total = decimal.New(total, -scale)
	c.Grade = bands.Grade(c.Total)
	return nil
}
