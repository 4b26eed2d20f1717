package mechanism

import (
	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/exact"
)

// profileMember is one metric that feeds a trait with its weight;
// inverted members count what is missing (1 − normalised) rather than
// what is there.
type profileMember struct {
	code     Code
	inverted bool
	weight   int64
}

// derivation is the documented derivation of traits from metrics; see
// DeriveProfile.
var derivation = [...][]profileMember{
	DigitalFoundation: {
		{DepartmentIntegration, false, 1}, {SystemInterconnection, false, 1}, {RealTimeShare, false, 1},
		{OpenDataStars, false, 1}, {Interoperability, false, 1},
	},
	// Volume, task mix and shortfall weigh a third each; the three
	// shortfalls share their third.
	GovernanceLoad: {
		{MatterRate, false, 3}, {PlatformSpread, false, 3},
		{SubstitutionIndex, true, 1}, {ClosureRate, true, 1}, {OnTimeClosure, true, 1},
	},
	CollaborationDemand: {
		{ParticipationRate, false, 1}, {ActivityIntensity, false, 1}, {InteractionFormCoverage, false, 1},
	},
	PlatformNeed: {
		{DepartmentsConnected, false, 1}, {CategoriesCatalogued, false, 1}, {SystemsConnected, false, 1},
	},
}

// ReferenceMatterRate is the matter rate of a grid of average size
// carrying the average load of Zhejiang's grids, in matters per 1,000
// residents a year: Zhejiang's grids took 12.1 million matters in 2022
// over some 85,000 grids, 142 a grid; a general grid of the urban norm
// has 300 to 500 households, 400 in the middle, and a family household
// had 2.62 members at the 2020 census, so a grid has about 1,048
// residents; 142.35 / 1.048 = 135.8, taken as 136. At the norm's
// ceiling of 2,500 residents a grid the same load is 57.
//
// Sources: the Zhejiang grid figures for 2022 (12.1 million matters,
// 91.2 % closed, 85,000+ grids); the grid sizing norms of Chinese local
// rules (300–500 households, at most 2,000–2,500 residents; see
// grid.UrbanNorm); National Bureau of Statistics, Communiqué of the
// Seventh National Population Census (No. 2), 2021: 2.62 persons per
// family household.
const ReferenceMatterRate = 136

// DefaultProfileTargets returns the targets DeriveProfile normalises with
// by default: 1 for the ratios, 50 posts per 1,000 users for activity
// intensity, ReferenceMatterRate for the matter rate, and for the scale
// of the data platform 50 departments, 200 data categories and 10
// connected systems. A community at the reference rate, whose residents
// raise as many matters as the average Zhejiang grid's, has the full
// volume of load; below it the volume falls in proportion. The scale
// targets are judgements, not published norms: they put the Deqing W
// village case (58 departments, 282 categories, 15 systems) at full
// platform need, and a city should set its own.
func DefaultProfileTargets() map[Code]decimal.Decimal {
	t := map[Code]decimal.Decimal{
		ActivityIntensity:    decimal.NewFromInt(50),
		DepartmentsConnected: decimal.NewFromInt(50),
		CategoriesCatalogued: decimal.NewFromInt(200),
		SystemsConnected:     decimal.NewFromInt(10),
		MatterRate:           decimal.NewFromInt(ReferenceMatterRate),
	}
	for _, ms := range derivation {
		for _, m := range ms {
			if _, ok := t[m.code]; !ok {
				t[m.code] = one
			}
		}
	}
	return t
}

// TraitScore is a derived trait score with the members it came from. OK
// is false when no member had data; the score is then 0.
type TraitScore struct {
	Trait   Trait           `json:"trait"`
	Score   decimal.Decimal `json:"score"`
	OK      bool            `json:"ok"`
	Members []ProfileMember `json:"members"`
}

// ProfileMember is one metric's contribution to a trait score.
type ProfileMember struct {
	Code         Code            `json:"code"`
	Value        decimal.Decimal `json:"value"`
	Target       decimal.Decimal `json:"target"`
	Weight       decimal.Decimal `json:"weight"`
	Inverted     bool            `json:"inverted"`
	Contribution decimal.Decimal `json:"contribution"`
	OK           bool            `json:"ok"`
}

// DeriveProfile scores the traits from community-wide metrics (those with
// an empty Subject). Each trait is the weighted mean, at Scale (half away
// from zero), of its members' contributions over the members that are OK
// and have a positive target in targets; a member contributes min(1,
// value / target) at Scale (half away from zero), or 1 minus that when
// inverted. Weights are 1 unless said:
//
//   - digital foundation: department integration, system interconnection,
//     real-time exchange share, open-data stars, interoperability: how
//     far the data infrastructure already reaches;
//   - governance load: volume, task mix and shortfall, a third each. The
//     volume is the matter rate against ReferenceMatterRate (weight 3);
//     the task mix is the platform spread (weight 3), how many of the four
//     platforms, and the departments behind them, the matters draw in; the
//     shortfall is 1 − substitution index, 1 − closure rate and 1 −
//     on-time closure (weight 1 each): the work still carried by
//     government and the matters left open or late. A well-run community
//     with many matters of many kinds carries a heavy load; without
//     residents or routing the load rests on what is known;
//   - collaboration demand: participation rate, activity intensity,
//     interaction-form coverage: how many residents and forms of
//     interaction the community already has to coordinate;
//   - platform need: departments connected, data categories catalogued,
//     systems connected: the scale of data and parties a platform must
//     orchestrate.
//
// A trait with no usable member scores 0 and is not OK. Metrics missing
// from the list count as not OK. A member whose metric value or target
// has an exponent beyond ±10,000 (a value built in Go, such as
// decimal.New(1, math.MaxInt32)) is not OK, with that value or target
// shown as 0, and makes its trait score 0 and not OK: DeriveProfile
// never computes with such a value.
func DeriveProfile(metrics []Metric, targets map[Code]decimal.Decimal) (Profile, []TraitScore) {
	var byCode [len(definitions)]Metric
	for _, m := range metrics {
		if m.Subject == "" && m.Code.IsValid() {
			byCode[m.Code] = m
		}
	}
	var p Profile
	scores := make([]TraitScore, 0, len(derivation)-1)
	for _, t := range Traits() {
		ts := TraitScore{Trait: t, Members: make([]ProfileMember, len(derivation[t]))}
		sum, n := zeroAtScale, int64(0)
		usable := true
		for i, pm := range derivation[t] {
			m := byCode[pm.code]
			target, hasTarget := targets[pm.code]
			w := weightOf(pm.weight)
			mem := ProfileMember{Code: pm.code, Value: m.Value, Target: target, Weight: w, Inverted: pm.inverted, Contribution: zero}
			if !exact.Tame(m.Value, target) {
				usable = false
				mem.Value, mem.Target = orZero(m.Value), orZero(target)
				ts.Members[i] = mem
				continue
			}
			if m.OK && hasTarget && target.IsPositive() {
				c := ofTarget(m.Value, target)
				if pm.inverted {
					c = unitAtScale.Sub(c)
				}
				mem.Contribution, mem.OK = c, true
				sum = sum.Add(weighted(w, c))
				n += pm.weight
			}
			ts.Members[i] = mem
		}
		ts.Score = zero
		if usable && n > 0 {
			ts.Score, ts.OK = sum.DivRound(decimal.NewFromInt(n), Scale), true
		}
		*p.score(t) = ts.Score
		scores = append(scores, ts)
	}
	return p, scores
}

var three = decimal.NewFromInt(3)

// weightOf returns a derivation weight as a decimal, sharing the values
// of the weights in use.
func weightOf(w int64) decimal.Decimal {
	switch w {
	case 1:
		return one
	case 3:
		return three
	}
	return decimal.NewFromInt(w)
}

// capped limits d to [0, 1].
func capped(d decimal.Decimal) decimal.Decimal {
	switch {
	case d.GreaterThan(unitAtScale): // same exponent as metric values: no rescaling
		return unitAtScale
	case d.IsNegative():
		return zeroAtScale
	}
	return d
}
