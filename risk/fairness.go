package risk

import (
	"math/big"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Sample is one decision of an allocation or classification: the group
// the person belongs to, whether they actually qualified (Actual) and
// whether they were selected (Predicted).
type Sample struct {
	Group     string `json:"group"`
	Actual    bool   `json:"actual"`
	Predicted bool   `json:"predicted"`
	// Weight is what the sample counts for when FairnessOptions.Weighted
	// is set (a survey or sampling weight, never negative). It must be zero
	// otherwise, so that a weight is never silently ignored.
	Weight decimal.Decimal `json:"weight,omitzero"`
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

// ReferenceKind says which group disparate impact compares every group
// with.
type ReferenceKind uint8

// The reference kinds.
const (
	// ReferenceNamed: the group FairnessOptions.Reference names (usually
	// the most favoured group, chosen by the caller).
	ReferenceNamed ReferenceKind = iota + 1
	// ReferenceHighestRate: the group with the highest selection rate, as
	// the four-fifths rule of the Uniform Guidelines on Employee Selection
	// Procedures reads it (29 CFR 1607.4(D), the practice of the EEOC and
	// the other federal enforcement agencies): a group selected at less
	// than four fifths of the rate of the group with the highest rate
	// shows adverse impact. Of groups tied for the highest rate the first
	// by name is the reference; the ratios are the same whichever it is.
	ReferenceHighestRate
)

var referenceKindNames = enum.New[ReferenceKind]("risk.ReferenceKind", "named", "highest_rate")

// IsValid reports whether k is one of the ReferenceKind values.
func (k ReferenceKind) IsValid() bool { return referenceKindNames.Valid(k) }

// String returns the wire name of k, or "ReferenceKind(N)" for an invalid value.
func (k ReferenceKind) String() string { return referenceKindNames.String(k) }

// AppendText appends the wire name of k to b; an invalid value is an error.
func (k ReferenceKind) AppendText(b []byte) ([]byte, error) { return referenceKindNames.Append(b, k) }

// MarshalText returns the wire name of k; an invalid value is an error.
func (k ReferenceKind) MarshalText() ([]byte, error) { return referenceKindNames.Marshal(k) }

// UnmarshalText sets *k to the value named by b; on error *k is unchanged.
func (k *ReferenceKind) UnmarshalText(b []byte) error { return referenceKindNames.Unmarshal(k, b) }

// ParseReferenceKind returns the ReferenceKind named s; an unknown name is a *grassroots.UnknownNameError.
func ParseReferenceKind(s string) (ReferenceKind, error) { return referenceKindNames.Parse(s) }

// FairnessOptions configures Fairness.
type FairnessOptions struct {
	// Metrics selects the measures; zero means AllMetrics.
	Metrics Metrics `json:"metrics,omitempty"`
	// Groups lists groups that must be present; one without samples is an
	// *EmptyGroupError. Groups found in the samples are always reported.
	Groups []string `json:"groups,omitempty" validate:"dive,required"`
	// ReferenceKind chooses the reference group of disparate impact; zero
	// means ReferenceNamed.
	ReferenceKind ReferenceKind `json:"reference_kind,omitzero"`
	// Reference is the reference group for ReferenceNamed, required when
	// MetricDisparateImpact is selected; it must be empty for
	// ReferenceHighestRate.
	Reference string `json:"reference,omitempty"`
	// Threshold is the disparate-impact ratio below which a group is
	// flagged; zero means 0.8 (the four-fifths rule). The comparison is
	// exact: a ratio of exactly the threshold is not flagged.
	Threshold decimal.Decimal `json:"threshold,omitzero"`
	// Weighted counts each sample with its Weight instead of 1: every rate
	// is then a weighted share (the selection rate of a group is the
	// weight of its selected samples over the weight of all its samples).
	// A group whose samples weigh 0 in total is a *ZeroWeightError.
	Weighted bool `json:"weighted,omitempty"`
	// Scale is the number of decimal places of reported rates, differences
	// and ratios, 0 to 18; zero means 6.
	Scale int32 `json:"scale,omitempty" validate:"min=0,max=18"`
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
	// Weights holds the same totals weighted, for a weighted report.
	Weights *GroupWeights `json:"weights,omitempty"`
	// SelectionRate is Selected / Samples (weighted: of the weights).
	SelectionRate decimal.Decimal `json:"selection_rate"`
	// TruePositiveRate is TruePositives / Positives.
	TruePositiveRate decimal.NullDecimal `json:"true_positive_rate"`
	// FalsePositiveRate is FalsePositives / Negatives.
	FalsePositiveRate decimal.NullDecimal `json:"false_positive_rate"`
}

// GroupWeights holds the total weights of one group's samples, exact (not
// rounded).
type GroupWeights struct {
	Samples        decimal.Decimal `json:"samples"`
	Selected       decimal.Decimal `json:"selected"`
	Positives      decimal.Decimal `json:"positives"`
	TruePositives  decimal.Decimal `json:"true_positives"`
	Negatives      decimal.Decimal `json:"negatives"`
	FalsePositives decimal.Decimal `json:"false_positives"`
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
	Metrics Metrics `json:"metrics"`
	Scale   int32   `json:"scale"`
	// Weighted reports whether rates are weighted shares.
	Weighted bool         `json:"weighted"`
	Groups   []GroupRates `json:"groups"`
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
	// ReferenceKind is how the reference group was chosen, and Reference
	// the group disparate impact was measured against.
	ReferenceKind ReferenceKind `json:"reference_kind,omitzero"`
	Reference     string        `json:"reference,omitempty"`
	// DisparateImpact lists every group except the reference, by name.
	DisparateImpact []DisparateImpact `json:"disparate_impact,omitempty"`
	// Flagged reports whether any group is flagged by the four-fifths rule.
	Flagged bool `json:"flagged"`
}

// The totals a group counts, by index.
const (
	totalSamples = iota
	totalSelected
	totalPositives
	totalTruePositives
	totalNegatives
	totalFalsePositives
	totals
)

type groupCounts struct {
	name string
	n    [totals]int64
	// w holds the weighted totals of a weighted report.
	w [totals]decimal.Decimal
}

// rate returns total num over total den, or nil when den is zero.
func (g *groupCounts) rate(weighted bool, num, den int) *big.Rat {
	if weighted {
		if g.w[den].IsZero() {
			return nil
		}
		return new(big.Rat).Quo(g.w[num].Rat(), g.w[den].Rat())
	}
	if g.n[den] == 0 {
		return nil
	}
	return big.NewRat(g.n[num], g.n[den])
}

// Fairness measures group fairness of decisions. Groups are reported in
// name order. An empty group name, no samples at all, a negative weight,
// a weight on an unweighted sample, bad options, and a weight or
// threshold written with an exponent beyond ±10,000 (RuleMax, or
// RuleFormat for a negative exponent) are a *grassroots.ValidationError;
// a listed or reference group without samples an *EmptyGroupError; a
// weighted group of total weight 0 a *ZeroWeightError; a rate or ratio a
// selected measure needs but whose denominator is zero an
// *UndefinedRateError. Never a silent 0 or 1.
func Fairness(samples []Sample, opts FairnessOptions) (FairnessReport, error) {
	if opts.Metrics == 0 {
		opts.Metrics = AllMetrics
	}
	if opts.Scale == 0 {
		opts.Scale = 6
	}
	if opts.ReferenceKind == 0 {
		opts.ReferenceKind = ReferenceNamed
	}
	groups, err := countGroups(samples, opts)
	if err != nil {
		return FairnessReport{}, err
	}
	threshold := big.NewRat(4, 5)
	if !opts.Threshold.IsZero() {
		threshold = opts.Threshold.Rat()
	}
	rep := FairnessReport{Metrics: opts.Metrics, Scale: opts.Scale, Weighted: opts.Weighted}
	sel := make([]*big.Rat, len(groups))
	tpr := make([]*big.Rat, len(groups))
	fpr := make([]*big.Rat, len(groups))
	for i := range groups {
		g := &groups[i]
		sel[i] = g.rate(opts.Weighted, totalSelected, totalSamples)
		tpr[i] = g.rate(opts.Weighted, totalTruePositives, totalPositives)
		fpr[i] = g.rate(opts.Weighted, totalFalsePositives, totalNegatives)
		gr := GroupRates{
			Group: g.name, Samples: int(g.n[totalSamples]), Selected: int(g.n[totalSelected]), Positives: int(g.n[totalPositives]),
			TruePositives: int(g.n[totalTruePositives]), Negatives: int(g.n[totalNegatives]), FalsePositives: int(g.n[totalFalsePositives]),
			SelectionRate: ratDecimal(sel[i], opts.Scale),
		}
		if opts.Weighted {
			gr.Weights = &GroupWeights{
				Samples: g.w[totalSamples], Selected: g.w[totalSelected], Positives: g.w[totalPositives],
				TruePositives: g.w[totalTruePositives], Negatives: g.w[totalNegatives], FalsePositives: g.w[totalFalsePositives],
			}
		}
		if tpr[i] != nil {
			gr.TruePositiveRate = decimal.NewNullDecimal(ratDecimal(tpr[i], opts.Scale))
		}
		if fpr[i] != nil {
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
		if err := disparateImpact(&rep, groups, sel, opts, threshold); err != nil {
			return FairnessReport{}, err
		}
	}
	return rep, nil
}

// metricNames names the metric bits in errors.
const metricNames = "demographic_parity (1), equal_opportunity (2), equalized_odds (4), disparate_impact (8)"

func countGroups(samples []Sample, opts FairnessOptions) ([]groupCounts, error) {
	var p validate.Problems
	if len(samples) == 0 {
		p.Add("samples", grassroots.RuleMin, "no samples: fairness needs at least one")
	}
	p.Tags("", &opts)
	at := map[string]int{}
	var groups []groupCounts
	bad := 0
	for i := range samples {
		s := &samples[i]
		if s.Group == "" || s.Weight.IsNegative() || (!opts.Weighted && !s.Weight.IsZero()) || !exact.Tame(s.Weight) {
			if bad++; bad <= maxReported {
				samplePath := grassroots.ElementPath("samples", i)
				switch {
				case s.Group == "":
					p.Add(samplePath+".group", grassroots.RuleRequired, "group is required")
				case !p.Tame(samplePath+".weight", s.Weight):
				case s.Weight.IsNegative():
					p.Addf(samplePath+".weight", grassroots.RuleMin, "weight must not be negative, not %s", s.Weight)
				default:
					p.Add(samplePath+".weight", grassroots.RuleExcluded, "a weight needs FairnessOptions.Weighted; unweighted samples count 1 each")
				}
			}
			continue
		}
		j, ok := at[s.Group]
		if !ok {
			j = len(groups)
			at[s.Group] = j
			groups = append(groups, groupCounts{name: s.Group})
		}
		groups[j].add(s, opts.Weighted)
	}
	if opts.Metrics&^AllMetrics != 0 {
		p.Addf("metrics", grassroots.RuleEnum, "metrics has unknown bits %#x; the metrics are %s", uint8(opts.Metrics&^AllMetrics), metricNames)
	}
	if p.Tame("threshold", opts.Threshold) && opts.Threshold.IsNegative() {
		p.Addf("threshold", grassroots.RuleMin, "threshold must not be negative, not %s", opts.Threshold)
	}
	di := opts.Metrics&MetricDisparateImpact != 0
	switch {
	case !opts.ReferenceKind.IsValid():
		p.Add("reference_kind", grassroots.RuleEnum, referenceKindNames.Problem(opts.ReferenceKind))
	case opts.ReferenceKind == ReferenceNamed && di && opts.Reference == "":
		p.Add("reference", grassroots.RuleRequired, "disparate impact against a named group needs the reference group")
	case opts.ReferenceKind == ReferenceHighestRate && opts.Reference != "":
		p.Addf("reference", grassroots.RuleExcluded, "the reference is the group with the highest selection rate; do not name one (%q)", opts.Reference)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(groups, func(a, b groupCounts) int { return strings.Compare(a.name, b.name) })
	want := slices.Clone(opts.Groups)
	if di && opts.ReferenceKind == ReferenceNamed {
		want = append(want, opts.Reference)
	}
	slices.Sort(want)
	for _, w := range want {
		if _, ok := at[w]; !ok {
			found := make([]string, len(groups))
			for i, g := range groups {
				found[i] = g.name
			}
			return nil, &EmptyGroupError{Group: w, Found: found}
		}
	}
	if opts.Weighted {
		for _, g := range groups {
			if g.w[totalSamples].IsZero() {
				return nil, &ZeroWeightError{Group: g.name, Samples: int(g.n[totalSamples])}
			}
		}
	}
	return groups, nil
}

// add counts s in g.
func (g *groupCounts) add(s *Sample, weighted bool) {
	g.count(totalSamples, s, weighted)
	if s.Predicted {
		g.count(totalSelected, s, weighted)
	}
	switch {
	case s.Actual:
		g.count(totalPositives, s, weighted)
		if s.Predicted {
			g.count(totalTruePositives, s, weighted)
		}
	default:
		g.count(totalNegatives, s, weighted)
		if s.Predicted {
			g.count(totalFalsePositives, s, weighted)
		}
	}
}

func (g *groupCounts) count(k int, s *Sample, weighted bool) {
	g.n[k]++
	if weighted {
		g.w[k] = g.w[k].Add(s.Weight)
	}
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

func disparateImpact(rep *FairnessReport, groups []groupCounts, sel []*big.Rat, opts FairnessOptions, threshold *big.Rat) error {
	ref := -1
	for i, g := range groups {
		switch opts.ReferenceKind {
		case ReferenceHighestRate:
			if ref < 0 || sel[i].Cmp(sel[ref]) > 0 {
				ref = i
			}
		default:
			if g.name == opts.Reference {
				ref = i
			}
		}
	}
	if sel[ref].Sign() == 0 {
		return &UndefinedRateError{Group: groups[ref].name, Rate: "disparate_impact_ratio"}
	}
	rep.ReferenceKind, rep.Reference = opts.ReferenceKind, groups[ref].name
	for i, g := range groups {
		if i == ref {
			continue
		}
		ratio := new(big.Rat).Quo(sel[i], sel[ref])
		flagged := ratio.Cmp(threshold) < 0
		rep.DisparateImpact = append(rep.DisparateImpact, DisparateImpact{
			Group: g.name, Ratio: ratDecimal(ratio, rep.Scale),
			Difference: ratDecimal(new(big.Rat).Sub(sel[i], sel[ref]), rep.Scale), Flagged: flagged,
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
