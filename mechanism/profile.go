package mechanism

import "github.com/shopspring/decimal"

// profileMember is one metric that feeds a trait; inverted members count
// what is missing (1 − normalised) rather than what is there.
type profileMember struct {
	code     Code
	inverted bool
}

// derivation is the documented derivation of traits from metrics; see
// DeriveProfile.
var derivation = [...][]profileMember{
	DigitalFoundation: {
		{DepartmentIntegration, false}, {SystemInterconnection, false}, {RealTimeShare, false},
		{OpenDataStars, false}, {Interoperability, false},
	},
	GovernanceLoad: {
		{SubstitutionIndex, true}, {ClosureRate, true}, {OnTimeClosure, true},
	},
	CollaborationDemand: {
		{ParticipationRate, false}, {ActivityIntensity, false}, {InteractionFormCoverage, false},
	},
	PlatformNeed: {
		{DepartmentsConnected, false}, {CategoriesCatalogued, false}, {SystemsConnected, false},
	},
}

// DefaultProfileTargets returns the targets DeriveProfile normalises with
// by default: 1 for the ratios, 50 posts per 1,000 users for activity
// intensity, and for the scale of the data platform 50 departments, 200
// data categories and 10 connected systems. The scale targets are
// judgements, not published norms: they put the Deqing W village case (58
// departments, 282 categories, 15 systems) at full platform need, and a
// city should set its own.
func DefaultProfileTargets() map[Code]decimal.Decimal {
	t := map[Code]decimal.Decimal{
		ActivityIntensity:    decimal.NewFromInt(50),
		DepartmentsConnected: decimal.NewFromInt(50),
		CategoriesCatalogued: decimal.NewFromInt(200),
		SystemsConnected:     decimal.NewFromInt(10),
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
	Inverted     bool            `json:"inverted"`
	Contribution decimal.Decimal `json:"contribution"`
	OK           bool            `json:"ok"`
}

// DeriveProfile scores the traits from community-wide metrics (those with
// an empty Subject). Each trait is the plain mean, at Scale, of its
// members' contributions over the members that are OK and have a positive
// target in targets; a member contributes min(1, value / target) at Scale
// (half away from zero), or 1 minus that when inverted:
//
//   - digital foundation: department integration, system interconnection,
//     real-time exchange share, open-data stars, interoperability: how
//     far the data infrastructure already reaches;
//   - governance load: 1 − substitution index, 1 − closure rate, 1 −
//     on-time closure: the work still carried by government and the
//     matters left open or late;
//   - collaboration demand: participation rate, activity intensity,
//     interaction-form coverage: how many residents and forms of
//     interaction the community already has to coordinate;
//   - platform need: departments connected, data categories catalogued,
//     systems connected: the scale of data and parties a platform must
//     orchestrate.
//
// A trait with no usable member scores 0 and is not OK. Metrics missing
// from the list count as not OK.
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
		for i, pm := range derivation[t] {
			m := byCode[pm.code]
			target, hasTarget := targets[pm.code]
			mem := ProfileMember{Code: pm.code, Value: m.Value, Target: target, Inverted: pm.inverted, Contribution: zero}
			if m.OK && hasTarget && target.IsPositive() {
				c := ofTarget(m.Value, target)
				if pm.inverted {
					c = unitAtScale.Sub(c)
				}
				mem.Contribution, mem.OK = c, true
				sum = sum.Add(c)
				n++
			}
			ts.Members[i] = mem
		}
		ts.Score = zero
		if n > 0 {
			ts.Score, ts.OK = sum.DivRound(decimal.NewFromInt(n), Scale), true
		}
		switch t {
		case DigitalFoundation:
			p.DigitalFoundation = ts.Score
		case GovernanceLoad:
			p.GovernanceLoad = ts.Score
		case CollaborationDemand:
			p.CollaborationDemand = ts.Score
		case PlatformNeed:
			p.PlatformNeed = ts.Score
		}
		scores = append(scores, ts)
	}
	return p, scores
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
