package risk

import (
	"math/big"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
)

// Sample is one decision of an allocation or classification: the group
// the person belongs to, whether they actually qualified (Actual) and
// whether they were selected (Predicted).
type Sample struct {
	Group     string `json:"group"`
	Actual    bool   `json:"actual"`
	Predicted bool   `json:"predicted"`
}

// Metrics selects the group-fairness measures Fairness computes.
type Metrics uint8

// The measures. Each needs its rates defined in every group.
const (
	// MetricDemographicParity: selection rates; difference and ratio.
	MetricDemographicParity Metrics = 1 << iota
	// MetricEqualOpportunity: true-positive rates; needs actual positives
	// in every group.
	MetricEqualOpportunity
	// MetricEqualizedOdds: true- and false-positive rates; needs actual
	// positives and negatives in every group.
	MetricEqualizedOdds
	// MetricDisparateImpact: each group's selection rate against the
	// reference group's, with the four-fifths rule.
	MetricDisparateImpact
	// AllMetrics is every measure.
	AllMetrics = MetricDemographicParity | MetricEqualOpportunity | MetricEqualizedOdds | MetricDisparateImpact
)

// FairnessOptions configures Fairness.
type FairnessOptions struct {
	// Metrics selects the measures; zero means AllMetrics.
	Metrics Metrics
	// Groups lists groups that must be present; one without samples is an
	// *EmptyGroupError. Groups found in the samples are always reported.
	Groups []string
	// Reference is the reference group for disparate impact (usually the
	// most favoured group); required when MetricDisparateImpact is
	// selected.
	Reference string
	// Threshold is the disparate-impact ratio below which a group is
	// flagged; zero means 0.8 (the four-fifths rule). The comparison is
	// exact: a ratio of exactly the threshold is not flagged.
	Threshold decimal.Decimal
	// Scale is the number of decimal places of reported rates, differences
	// and ratios; zero means 6.
	Scale int32
}

// GroupRates holds one group's counts and rates. A rate whose denominator
// is zero is not valid (null in JSON).
type GroupRates struct {
	Group          string `json:"group"`
	Samples        int    `json:"samples"`
	Selected       int    `json:"selected"`
	Positives      int    `json:"positives"`
	TruePositives  int    `json:"true_positives"`
	Negatives      int    `json:"negatives"`
	FalsePositives int    `json:"false_positives"`
	// SelectionRate is Selected / Samples.
	SelectionRate decimal.Decimal `json:"selection_rate"`
	// TruePositiveRate is TruePositives / Positives.
	TruePositiveRate decimal.NullDecimal `json:"true_positive_rate"`
	// FalsePositiveRate is FalsePositives / Negatives.
	FalsePositiveRate decimal.NullDecimal `json:"false_positive_rate"`
}

// DisparateImpact compares one group with the reference group.
type DisparateImpact struct {
	Group string `json:"group"`
	// Ratio is the group's selection rate divided by the reference's:
	// below 1 the group is selected less often.
	Ratio decimal.Decimal `json:"ratio"`
	// Difference is the group's selection rate minus the reference's:
	// negative when the group is selected less often (the sign AIF360
	// calls statistical parity difference).
	Difference decimal.Decimal `json:"difference"`
	// Flagged reports Ratio < Threshold, decided on exact fractions.
	Flagged bool `json:"flagged"`
}

// FairnessReport is the result of Fairness. Sign conventions: every
// "difference" across groups is max − min, never negative, 0 at parity;
// every "ratio" across groups is min / max, in [0, 1], 1 at parity. Only
// DisparateImpact.Difference is signed (group − reference). Measures not
// selected are null.
//
// Rates, differences and ratios are computed exactly on fractions and
// rounded once, to Scale places, half away from zero.
type FairnessReport struct {
	Metrics Metrics      `json:"metrics"`
	Scale   int32        `json:"scale"`
	Groups  []GroupRates `json:"groups"`
	// DemographicParityDifference is max − min selection rate.
	DemographicParityDifference decimal.NullDecimal `json:"demographic_parity_difference"`
	// DemographicParityRatio is min / max selection rate.
	DemographicParityRatio decimal.NullDecimal `json:"demographic_parity_ratio"`
	// EqualOpportunityDifference is max − min true-positive rate.
	EqualOpportunityDifference decimal.NullDecimal `json:"equal_opportunity_difference"`
	// EqualizedOddsDifference is the larger of the true-positive and
	// false-positive rate differences (max − min each).
	EqualizedOddsDifference decimal.NullDecimal `json:"equalized_odds_difference"`
	// EqualizedOddsRatio is the smaller of the true-positive and
	// false-positive rate ratios (min / max each).
	EqualizedOddsRatio decimal.NullDecimal `json:"equalized_odds_ratio"`
	Reference          string              `json:"reference,omitempty"`
	// DisparateImpact lists every group except the reference, by name.
	DisparateImpact []DisparateImpact `json:"disparate_impact,omitempty"`
	// Flagged reports whether any group is flagged by the four-fifths rule.
	Flagged bool `json:"flagged"`
}

type groupCounts struct {
	name                                                             string
	samples, selected, positives, truePos, negatives, falsePositives int64
}

// Fairness measures group fairness of decisions. Groups are reported in
// name order. An empty group name or no samples at all is a
// *grassroots.ValidationError; a listed group without samples an
// *EmptyGroupError; a rate or ratio a selected measure needs but whose
// denominator is zero an *UndefinedRateError. Never a silent 0 or 1.
func Fairness(samples []Sample, opts FairnessOptions) (FairnessReport, error) {
	if opts.Metrics == 0 {
		opts.Metrics = AllMetrics
	}
	if opts.Scale == 0 {
		opts.Scale = 6
	}
	threshold := big.NewRat(4, 5)
	if !opts.Threshold.IsZero() {
		threshold = opts.Threshold.Rat()
	}
	groups, err := countGroups(samples, opts)
	if err != nil {
		return FairnessReport{}, err
	}
	rep := FairnessReport{Metrics: opts.Metrics, Scale: opts.Scale}
	sel := make([]*big.Rat, len(groups))
	tpr := make([]*big.Rat, len(groups))
	fpr := make([]*big.Rat, len(groups))
	for i, g := range groups {
		sel[i] = big.NewRat(g.selected, g.samples)
		gr := GroupRates{
			Group: g.name, Samples: int(g.samples), Selected: int(g.selected), Positives: int(g.positives),
			TruePositives: int(g.truePos), Negatives: int(g.negatives), FalsePositives: int(g.falsePositives),
			SelectionRate: ratDecimal(sel[i], opts.Scale),
		}
		if g.positives > 0 {
			tpr[i] = big.NewRat(g.truePos, g.positives)
			gr.TruePositiveRate = decimal.NewNullDecimal(ratDecimal(tpr[i], opts.Scale))
		}
		if g.negatives > 0 {
			fpr[i] = big.NewRat(g.falsePositives, g.negatives)
			gr.FalsePositiveRate = decimal.NewNullDecimal(ratDecimal(fpr[i], opts.Scale))
		}
		rep.Groups = append(rep.Groups, gr)
	}
	null := func(r *big.Rat) decimal.NullDecimal { return decimal.NewNullDecimal(ratDecimal(r, opts.Scale)) }
	if opts.Metrics&MetricDemographicParity != 0 {
		diff, ratio, err := spread(groups, sel, "selection_rate")
		if err == nil && ratio == nil {
			err = &UndefinedRateError{Rate: "demographic_parity_ratio"}
		}
		if err != nil {
			return FairnessReport{}, err
		}
		rep.DemographicParityDifference, rep.DemographicParityRatio = null(diff), null(ratio)
	}
	if opts.Metrics&(MetricEqualOpportunity|MetricEqualizedOdds) != 0 {
		tprDiff, tprRatio, err := spread(groups, tpr, "true_positive_rate")
		if err != nil {
			return FairnessReport{}, err
		}
		if opts.Metrics&MetricEqualOpportunity != 0 {
			rep.EqualOpportunityDifference = null(tprDiff)
		}
		if opts.Metrics&MetricEqualizedOdds != 0 {
			fprDiff, fprRatio, err := spread(groups, fpr, "false_positive_rate")
			if err == nil && (tprRatio == nil || fprRatio == nil) {
				err = &UndefinedRateError{Rate: "equalized_odds_ratio"}
			}
			if err != nil {
				return FairnessReport{}, err
			}
			rep.EqualizedOddsDifference = null(maxRat(tprDiff, fprDiff))
			rep.EqualizedOddsRatio = null(minRat(tprRatio, fprRatio))
		}
	}
	if opts.Metrics&MetricDisparateImpact != 0 {
		if err := disparateImpact(&rep, groups, sel, opts.Reference, threshold); err != nil {
			return FairnessReport{}, err
		}
	}
	return rep, nil
}

func countGroups(samples []Sample, opts FairnessOptions) ([]groupCounts, error) {
	var p []grassroots.FieldError
	if len(samples) == 0 {
		p = append(p, grassroots.FieldError{Path: "samples", Rule: "min", Message: "no samples"})
	}
	at := map[string]int{}
	var groups []groupCounts
	for i, s := range samples {
		if s.Group == "" {
			p = append(p, grassroots.FieldError{Path: grassroots.ElementPath("samples", i) + ".group", Rule: "required", Message: "group is required"})
			continue
		}
		j, ok := at[s.Group]
		if !ok {
			j = len(groups)
			at[s.Group] = j
			groups = append(groups, groupCounts{name: s.Group})
		}
		g := &groups[j]
		g.samples++
		if s.Predicted {
			g.selected++
		}
		if s.Actual {
			g.positives++
			if s.Predicted {
				g.truePos++
			}
		} else {
			g.negatives++
			if s.Predicted {
				g.falsePositives++
			}
		}
	}
	if opts.Scale < 0 || opts.Scale > 18 {
		p = append(p, grassroots.FieldError{Path: "scale", Rule: "range", Message: "scale must be 0 to 18"})
	}
	if opts.Metrics&^AllMetrics != 0 {
		p = append(p, grassroots.FieldError{Path: "metrics", Rule: "oneof", Message: "unknown metric bits"})
	}
	if opts.Threshold.IsNegative() {
		p = append(p, grassroots.FieldError{Path: "threshold", Rule: "gte", Message: "threshold must not be negative"})
	}
	if opts.Metrics&MetricDisparateImpact != 0 && opts.Reference == "" {
		p = append(p, grassroots.FieldError{Path: "reference", Rule: "required", Message: "disparate impact needs a reference group"})
	}
	if err := grassroots.NewValidationError(p...); err != nil {
		return nil, err
	}
	want := slices.Clone(opts.Groups)
	if opts.Metrics&MetricDisparateImpact != 0 {
		want = append(want, opts.Reference)
	}
	slices.Sort(want)
	for _, w := range want {
		if _, ok := at[w]; !ok {
			return nil, &EmptyGroupError{Group: w}
		}
	}
	slices.SortFunc(groups, func(a, b groupCounts) int { return strings.Compare(a.name, b.name) })
	return groups, nil
}

// spread returns max − min and min / max of rates; ratio is nil when the
// largest rate is zero. A nil rate is an undefined rate of its group.
func spread(groups []groupCounts, rates []*big.Rat, rateName string) (diff, ratio *big.Rat, err error) {
	var lo, hi *big.Rat
	for i, r := range rates {
		if r == nil {
			return nil, nil, &UndefinedRateError{Group: groups[i].name, Rate: rateName}
		}
		if lo == nil || r.Cmp(lo) < 0 {
			lo = r
		}
		if hi == nil || r.Cmp(hi) > 0 {
			hi = r
		}
	}
	diff = new(big.Rat).Sub(hi, lo)
	if hi.Sign() == 0 {
		return diff, nil, nil
	}
	return diff, new(big.Rat).Quo(lo, hi), nil
}

func disparateImpact(rep *FairnessReport, groups []groupCounts, sel []*big.Rat, reference string, threshold *big.Rat) error {
	var ref *big.Rat
	for i, g := range groups {
		if g.name == reference {
			ref = sel[i]
		}
	}
	if ref.Sign() == 0 {
		return &UndefinedRateError{Group: reference, Rate: "selection_rate"}
	}
	rep.Reference = reference
	for i, g := range groups {
		if g.name == reference {
			continue
		}
		ratio := new(big.Rat).Quo(sel[i], ref)
		flagged := ratio.Cmp(threshold) < 0
		rep.DisparateImpact = append(rep.DisparateImpact, DisparateImpact{
			Group: g.name, Ratio: ratDecimal(ratio, rep.Scale),
			Difference: ratDecimal(new(big.Rat).Sub(sel[i], ref), rep.Scale), Flagged: flagged,
		})
		rep.Flagged = rep.Flagged || flagged
	}
	return nil
}

// ratDecimal rounds r to scale places, half away from zero.
func ratDecimal(r *big.Rat, scale int32) decimal.Decimal {
	return decimal.NewFromBigInt(r.Num(), 0).DivRound(decimal.NewFromBigInt(r.Denom(), 0), scale)
}

func maxRat(a, b *big.Rat) *big.Rat {
	if a.Cmp(b) >= 0 {
		return a
	}
	return b
}

func minRat(a, b *big.Rat) *big.Rat {
	if a.Cmp(b) <= 0 {
		return a
	}
	return b
}
