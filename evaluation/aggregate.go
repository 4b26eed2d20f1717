package evaluation

import (
	"cmp"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"slices"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/shopspring/decimal"
)

// AggregateOptions configures Aggregate. The zero value is usable: means,
// equal party weights, at least one rating per party, renormalisation of
// missing parties and indicators, margins of error for residents,
// DefaultBands, four decimal places.
type AggregateOptions struct {
	// Central summarises each party's ratings; zero means Mean.
	Central Central
	// Trim is the share cut from each end for TrimmedMean, in [0, 0.5);
	// zero means 0.1.
	Trim decimal.Decimal
	// PartyWeights weighs the parties of every indicator; a party of an
	// indicator that the map leaves out has weight 0 there, and a party the
	// indicator does not admit is ignored. Nil means equal weights among
	// each indicator's parties.
	PartyWeights map[grassroots.Party]decimal.Decimal
	// IndicatorPartyWeights overrides PartyWeights for the leaves it names;
	// there a weight for a party the leaf does not admit is an error.
	IndicatorPartyWeights map[string]map[grassroots.Party]decimal.Decimal
	// Missing is the policy for a party without enough ratings and for an
	// indicator without any counting party; zero means Renormalize.
	Missing MissingPolicy
	// MinSamples is the least number of ratings a party needs on an
	// indicator to count (for example 30 for residents); parties it leaves
	// out need 1.
	MinSamples map[grassroots.Party]int
	// SurveyParties are the parties whose lines carry a 95 % margin of
	// error; nil means residents only.
	SurveyParties []grassroots.Party
	// Bands grades the totals; the zero value means DefaultBands.
	Bands Bands
	// Scale is the number of decimal places of the results; zero means
	// DefaultScale.
	Scale int32
}

// Aggregate turns the ratings of many parties into one Scorecard per
// subject, sorted by subject.
//
// For each subject, leaf indicator and party, the ratings' central value
// (opts.Central) is computed exactly and rounded to the scale. A party
// counts on an indicator when it has at least its minimum number of
// ratings and a positive weight. The indicator's value is the sum of the
// counting parties' central values times their weights, renormalised
// among the counting parties (NormalizeWeights at the scale) and rounded
// to the scale. The value is normalised onto 0–100 and weighted into the
// total as WeightedSum does. A party that does not count is listed,
// marked excluded, with a warning; with opts.Missing = Fail it is an
// error matching ErrMissing instead.
//
// Rating values may have up to 18 digits and are summed as 64-bit
// integers: the result is exact, and a sum too large for that is an error
// matching ErrValue rather than a rounded answer. The result does not
// depend on the order of ratings; the same rater may rate an indicator
// more than once and every rating counts.
//
// The first unusable rating (an empty subject, an unknown or group
// indicator, a party not entitled to rate it, a value off its scale) is
// reported as a *RatingError; for a value written with an exponent beyond
// ±10,000 it holds a *grassroots.ValidationError at "value". A trim or
// party weight written so is a *grassroots.ValidationError at "trim",
// "party_weights.<party>" or "indicator_party_weights.<code>.<party>"
// that matches ErrOption. A subject on which nothing counts gets a
// scorecard without a grade and a NotScored warning.
func Aggregate(s System, ratings []Rating, opts AggregateOptions) ([]Scorecard, error) {
	p, err := newPlan(s, opts)
	if err != nil {
		return nil, err
	}
	acc, err := p.accumulate(ratings)
	if err != nil {
		return nil, err
	}
	return p.scorecards(acc)
}

const nParties = 5 // slots per (subject, indicator) cell: one per grassroots.Party

// plan is everything Aggregate derives from the system and options before
// it looks at a rating.
type plan struct {
	leaves  []Leaf
	gw      []weightFixed
	leafIdx codeTable
	allowed []uint8 // per leaf: bit p set when party p may rate it
	weights [][]decimal.Decimal
	// split caches, per leaf and mask of counting parties, the party
	// weights renormalised at the scale (decimal and fixed point).
	split    []map[uint8]partySplit
	scale    int32
	central  Central
	trimNum  int64 // trim = trimNum / trimDen
	trimDen  int64
	min      [nParties + 1]int
	survey   [nParties + 1]bool
	policy   MissingPolicy
	bands    Bands
	boundMax int32 // most decimal places of any scale bound
	// spans and bandMins are the scale spans of the leaves and the
	// bands' thresholds in float64, for the rounding bound of the grade.
	spans    []float64
	bandMins []float64
	// partyLines is the number of party lines of a scorecard.
	partyLines int
}

type partySplit struct {
	dec   [nParties + 1]decimal.Decimal
	fixed [nParties + 1]int64
}

func newPlan(s System, opts AggregateOptions) (*plan, error) {
	leaves, err := s.Leaves()
	if err != nil {
		return nil, err
	}
	codes := make([]string, len(leaves))
	for i, l := range leaves {
		codes[i] = l.Code
	}
	p := &plan{leaves: leaves, leafIdx: newCodeTable(codes), central: opts.Central, policy: opts.Missing}
	if p.gw, err = fixedWeights(leaves); err != nil {
		return nil, err
	}
	if p.scale, err = resolveScale(opts.Scale); err != nil {
		return nil, err
	}
	if p.bands, err = resolveBands(opts.Bands); err != nil {
		return nil, err
	}
	for _, b := range p.bands.Bands {
		p.bandMins = append(p.bandMins, toFloat(b.Min))
	}
	for _, l := range leaves {
		p.spans = append(p.spans, toFloat(l.Scale.Max.Sub(l.Scale.Min)))
	}
	if p.policy, err = resolveEnum("missing policy", missingPolicyNames, p.policy, Renormalize); err != nil {
		return nil, err
	}
	if err := p.setCentral(opts); err != nil {
		return nil, err
	}
	for party, n := range opts.MinSamples {
		if !party.IsValid() || n < 0 {
			return nil, fmt.Errorf("%w: minimum samples %d for %v", ErrOption, n, party)
		}
	}
	for _, party := range grassroots.Parties() {
		p.min[party] = max(opts.MinSamples[party], 1)
	}
	survey := opts.SurveyParties
	if survey == nil {
		survey = []grassroots.Party{grassroots.Resident}
	}
	for _, party := range survey {
		if !party.IsValid() {
			return nil, fmt.Errorf("%w: survey party %v", ErrOption, party)
		}
		p.survey[party] = true
	}
	if err := p.setWeights(opts); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *plan) setCentral(opts AggregateOptions) error {
	var err error
	if p.central, err = resolveEnum("central", centralNames, p.central, Mean); err != nil {
		return err
	}
	if err := untame(ErrOption, "trim", opts.Trim); err != nil {
		return err
	}
	trim := opts.Trim
	if trim.IsZero() {
		trim = decimal.New(1, -1)
	}
	half := decimal.New(5, -1)
	if trim.IsNegative() || !trim.LessThan(half) {
		return fmt.Errorf("%w: trim %s outside [0, 0.5)", ErrOption, opts.Trim)
	}
	pl := exact.Places(trim)
	num, ok := exact.FromDecimal(trim, pl)
	den, okDen := exact.Pow10(pl)
	if !ok || !okDen || pl > 9 {
		return fmt.Errorf("%w: trim %s has more than 9 decimal places", ErrOption, opts.Trim)
	}
	p.trimNum, p.trimDen = num, den
	return nil
}

func (p *plan) setWeights(opts AggregateOptions) error {
	for code := range opts.IndicatorPartyWeights {
		if _, ok := p.leafIdx.lookup(code); !ok {
			return unknownIndicator(p.leaves, code)
		}
	}
	p.allowed = make([]uint8, len(p.leaves))
	p.weights = make([][]decimal.Decimal, len(p.leaves))
	p.split = make([]map[uint8]partySplit, len(p.leaves))
	for i, l := range p.leaves {
		p.split[i] = map[uint8]partySplit{}
		w := make([]decimal.Decimal, nParties+1)
		p.partyLines += len(l.Parties)
		for _, party := range l.Parties {
			p.allowed[i] |= 1 << party
			p.boundMax = max(p.boundMax, exact.Places(l.Scale.Min), exact.Places(l.Scale.Max))
		}
		given, strict := opts.IndicatorPartyWeights[l.Code]
		if !strict {
			given = opts.PartyWeights
		}
		if given == nil {
			for _, party := range l.Parties {
				w[party] = one
			}
			p.weights[i] = w
			continue
		}
		for _, party := range grassroots.Parties() {
			v, ok := given[party]
			if !ok {
				continue
			}
			if !exact.Tame(v) {
				path := grassroots.JoinFieldPath("party_weights", party.String())
				if strict {
					path = grassroots.JoinFieldPath(grassroots.JoinFieldPath("indicator_party_weights", l.Code), party.String())
				}
				return untame(ErrOption, path, v)
			}
			if v.IsNegative() {
				return fmt.Errorf("%w: indicator %q: weight %s for party %v is negative", ErrOption, l.Code, v, party)
			}
			if strict && p.allowed[i]&(1<<party) == 0 {
				return partyError(l, party)
			}
			if p.allowed[i]&(1<<party) == 0 {
				continue
			}
			w[party] = v
		}
		for party := range given {
			if !party.IsValid() {
				return fmt.Errorf("%w: indicator %q: weight for %v", ErrOption, l.Code, party)
			}
		}
		p.weights[i] = w
	}
	return nil
}

// splitFor returns the weights of the parties in mask renormalised to sum
// to 1 at the scale.
func (p *plan) splitFor(leaf int, mask uint8) partySplit {
	if sp, ok := p.split[leaf][mask]; ok {
		return sp
	}
	var ws []decimal.Decimal
	var who []grassroots.Party
	for _, party := range grassroots.Parties() {
		if mask&(1<<party) != 0 {
			ws = append(ws, p.weights[leaf][party])
			who = append(who, party)
		}
	}
	var sp partySplit
	for i := range sp.dec {
		sp.dec[i] = decimal.Zero
	}
	norm, _ := NormalizeWeights(ws, p.scale) // mask holds only positive weights
	for k, party := range who {
		sp.dec[party] = norm[k]
		sp.fixed[party], _ = exact.FromDecimal(norm[k], p.scale)
	}
	p.split[leaf][mask] = sp
	return sp
}

func (p *plan) scorecards(c *cells) ([]Scorecard, error) {
	order := make([]int, len(c.subjects))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(c.subjects[a], c.subjects[b]) })
	moe := map[int]decimal.Decimal{}
	dec := newDecimalCache(p.scale)
	out := make([]Scorecard, len(order))
	lines := make([]line, len(p.leaves))
	for k, si := range order {
		card, err := p.scorecard(c, si, lines, moe, dec)
		if err != nil {
			return nil, err
		}
		out[k] = card
	}
	return out, nil
}

func (p *plan) scorecard(c *cells, si int, lines []line, moe map[int]decimal.Decimal, dec *decimalCache) (Scorecard, error) {
	card := Scorecard{Subject: c.subjects[si], Indicators: make([]IndicatorScore, len(p.leaves)), Precision: precision(p.scale)}
	partyLines := make([]PartyScore, 0, p.partyLines)
	for li, l := range p.leaves {
		in := &card.Indicators[li]
		in.Code, in.Weight = l.Code, l.Weight
		in.Parties = partyLines[len(partyLines) : len(partyLines) : len(partyLines)+len(l.Parties)]
		partyLines = partyLines[:len(partyLines)+len(l.Parties)]
		var mask uint8
		var central [nParties + 1]int64
		count := 0
		for _, party := range grassroots.Parties() {
			if p.allowed[li]&(1<<party) == 0 {
				continue
			}
			cell := p.cellIndex(si, li, party)
			n := int(c.acc[cell].count)
			ps := PartyScore{Party: party, Count: n, Value: decimal.Zero, Weight: decimal.Zero}
			if n > 0 {
				v, ok := p.centralValue(c, cell)
				if !ok {
					return Scorecard{}, fmt.Errorf("%w: subject %q, indicator %q: central value exceeds 64-bit fixed point", ErrValue, card.Subject, l.Code)
				}
				central[party] = v
				ps.Value = dec.get(v)
				if p.survey[party] {
					ps.MarginOfError = marginOfError(moe, n, p.scale)
				}
			}
			weighted := p.weights[li][party].IsPositive()
			switch {
			case n >= p.min[party]:
				if weighted {
					mask |= 1 << party
					count += n
				}
			case weighted && p.policy == Fail:
				return Scorecard{}, fmt.Errorf("%w: subject %q, indicator %q: party %v has %d of %d ratings", ErrMissing, card.Subject, l.Code, party, n, p.min[party])
			default:
				ps.Excluded = true
				if weighted {
					w := Warning{Kind: PartyMissing, Indicator: l.Code, Party: party}
					if n > 0 {
						w = Warning{Kind: TooFewSamples, Indicator: l.Code, Party: party, Count: n, Required: p.min[party]}
					}
					card.Warnings = append(card.Warnings, w)
				}
			}
			in.Parties = append(in.Parties, ps)
		}
		in.Count = count
		lines[li] = line{missing: mask == 0, mask: mask}
		if mask == 0 {
			in.Missing = true
			in.Value = decimal.Zero
			continue
		}
		sp := p.splitFor(li, mask)
		for k := range in.Parties {
			in.Parties[k].Weight = sp.dec[in.Parties[k].Party]
		}
		value, score, ok := p.indicatorValue(li, mask, sp, central)
		if !ok {
			return Scorecard{}, fmt.Errorf("%w: subject %q, indicator %q: value exceeds 64-bit fixed point", ErrValue, card.Subject, l.Code)
		}
		in.Value = dec.get(value)
		lines[li].score = score
	}
	if err := card.settle(lines, p.gw, p.policy, p.bands, dec); err != nil {
		return Scorecard{}, err
	}
	if card.Grade != "" && p.nearBand(card.Total, p.roundingBound(lines)) {
		card.Grade = p.bands.gradeExact(exactTotal(p.exactScores(c, si, lines), p.leaves))
	}
	return card, nil
}

// exactScores returns the unrounded score of each leaf of subject si (nil
// for a leaf without a value): the exact shares of the counting parties'
// weights applied to their exact central values, put on 0–100.
func (p *plan) exactScores(c *cells, si int, lines []line) []*big.Rat {
	out := make([]*big.Rat, len(p.leaves))
	unit := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(c.q)), nil)
	t := new(big.Rat)
	for li, l := range p.leaves {
		if lines[li].missing {
			continue
		}
		num, den := new(big.Rat), new(big.Rat)
		for _, party := range grassroots.Parties() {
			if lines[li].mask&(1<<party) == 0 {
				continue
			}
			cn, cd, _ := p.centralFraction(c, p.cellIndex(si, li, party)) // fits: the rounded value was computed from it
			w := p.weights[li][party].Rat()
			t.SetFrac(big.NewInt(cn), new(big.Int).Mul(big.NewInt(cd), unit))
			num.Add(num, t.Mul(t, w))
			den.Add(den, w)
		}
		out[li] = exactScore(num.Quo(num, den), l.Scale, l.Direction)
	}
	return out
}

// roundingBound returns twice the most by which a scorecard's Total can
// differ from its unrounded total, given how each number on the way was
// rounded at the scale (u = 10^-scale): a central value by u/2, a party
// share by less than u (the shares summing to 1), the value by u/2, the
// score by u/2, an effective weight renormalised over the leaves with a
// value by less than u, each contribution by u/2.
func (p *plan) roundingBound(lines []line) float64 {
	u := math.Pow(10, -float64(p.scale))
	renorm := false
	present := 0
	worst := 0.0
	for li := range p.leaves {
		if lines[li].missing {
			renorm = true
			continue
		}
		present++
		k := float64(bits.OnesCount8(lines[li].mask))
		span := p.spans[li]
		errValue := u + k*u*(span+u)
		worst = math.Max(worst, u/2+100*errValue/span)
	}
	bound := float64(present)*u/2 + worst
	if renorm {
		bound += float64(present) * u * 101
	}
	return 2 * bound
}

// nearBand reports whether a band threshold lies within bound of total,
// so that the grade of the rounded total may not be the grade of the
// unrounded one.
func (p *plan) nearBand(total decimal.Decimal, bound float64) bool {
	t := float64(total.CoefficientInt64()) * math.Pow(10, float64(total.Exponent()))
	for _, m := range p.bandMins {
		if d := t - m; d <= bound && -d <= bound {
			return true
		}
	}
	return false
}

// indicatorValue returns the party-weighted value of a leaf and its score
// on 0–100, both at the result scale.
func (p *plan) indicatorValue(li int, mask uint8, sp partySplit, central [nParties + 1]int64) (value, score int64, ok bool) {
	var acc int64
	for party := grassroots.Government; party <= grassroots.ThirdParty; party++ {
		if mask&(1<<party) == 0 {
			continue
		}
		t, ok := exact.Mul(sp.fixed[party], central[party])
		if ok {
			acc, ok = exact.Add(acc, t)
		}
		if !ok {
			return 0, 0, false
		}
	}
	// acc is at twice the scale.
	if value, ok = exact.DivRound(acc, 1, -p.scale); !ok {
		return 0, 0, false
	}
	l := p.leaves[li]
	u := max(p.scale, exact.Places(l.Scale.Min), exact.Places(l.Scale.Max))
	lo, ok1 := exact.FromDecimal(l.Scale.Min, u)
	hi, ok2 := exact.FromDecimal(l.Scale.Max, u)
	v, ok3 := exact.Rescale(value, p.scale, u)
	num, ok4 := exact.Sub(v, lo)
	if l.Direction == Cost {
		num, ok4 = exact.Sub(hi, v)
	}
	span, ok5 := exact.Sub(hi, lo)
	hundred, ok6 := exact.Pow10(p.scale + 2) // 100 at the scale
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || !ok6 {
		return 0, 0, false
	}
	score, ok = exact.MulDivRound(num, hundred, span)
	return value, score, ok
}

// marginOfError returns the 95 % margin of error in percentage points of a
// proportion from n respondents at its most uncertain (p = 0.5):
// 100·1.96·√(0.25/n) = 98/√n, computed in float64 (one correctly rounded
// square root and one division) and rounded to the scale.
func marginOfError(cache map[int]decimal.Decimal, n int, scale int32) decimal.Decimal {
	m, ok := cache[n]
	if !ok {
		m = toDecimal(98/math.Sqrt(float64(n)), scale)
		cache[n] = m
	}
	return m
}
