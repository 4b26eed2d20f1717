package mechanism

import (
	"cmp"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Metrics returns every metric of in under cfg, sorted by code and then
// by subject (functions by code; resource kinds in the order technology,
// people, money). It does not validate: call Inputs.Validate and
// Config.Validate first (Assess does), but it never panics or hangs: a
// decimal of in or cfg with an exponent beyond ±10,000 (a value built in
// Go, such as decimal.New(1, math.MaxInt32)) makes the metrics that read
// it not OK, with Value, Numerator and Denominator 0, and nothing
// computes with it. A nil cfg counts as the zero Config, and a nil in as
// the zero Inputs.
func (in *Inputs) Metrics(cfg *Config) []Metric {
	in = in.zeroIfNil()
	cfg = cfg.zeroIfNil()
	c := &in.Catalogue
	g := c.graph()
	p := &in.Participation
	s := in.Incidents
	shares := in.Tasks.ProviderShares()
	out := make([]Metric, 0, 42+len(shares))
	out = append(out, shares...)
	out = append(out,
		in.Tasks.substitutionIndex(cfg.Weighting, shares),
		in.Tasks.FTERelieved(cfg.HoursPerFTE),
		s.ProviderDiscoveryShare(),
		in.ProviderGridCoverage(),
	)
	out = append(out, c.rawCounts(g)...)
	out = append(out,
		c.DepartmentIntegration(),
		c.CategoryCoverage(),
		c.systemInterconnection(g),
		c.SharingOpenness(cfg.ConditionalWeight),
		c.RealTimeShare(),
		c.OpenDataStars(),
		c.Interoperability(),
		dataSilo(g),
		c.hubSilo(g),
	)
	out = append(out, in.Resources.ProviderShares()...)
	out = append(out,
		in.Resources.IntegratedResources(),
		p.ParticipationRate(),
		p.ActivityIntensity(),
		in.InteractionFormCoverage(),
		p.ProposalUptake(),
		p.MeetingTurnout(),
		s.ClosureRate(),
		s.OnTimeClosure(),
		s.MedianTimeToClose(),
		s.P90TimeToClose(),
		s.SatisfactionRate(),
		s.RectificationRate(),
		p.JointActionProgress(),
		s.ReopenRate(),
		in.MatterRate(),
		s.PlatformSpread(),
	)
	slices.SortStableFunc(out, func(a, b Metric) int { return cmp.Compare(a.Code, b.Code) })
	return out
}

// Assessment is the structure–process–function assessment of one
// community, ready to be written as JSON for a dashboard.
type Assessment struct {
	Community string            `json:"community"`
	Period    grassroots.Period `json:"period"`
	// Groups hold every metric once, grouped by mechanism and, within a
	// mechanism, by layer (structure, process, function); empty groups
	// are left out.
	Groups  []Group `json:"groups"`
	Indices []Index `json:"indices"`
	// Strengths are index members at or above their target; Gaps the
	// members furthest below it, the largest shortfall first. Each list
	// holds at most Config.Highlights entries.
	Strengths []Highlight `json:"strengths"`
	Gaps      []Highlight `json:"gaps"`
	// Risks lists, for each mechanism, its open risks from the register,
	// the highest alert level first.
	Risks          []RiskGroup    `json:"risks"`
	Profile        []TraitScore   `json:"profile"`
	Recommendation Recommendation `json:"recommendation"`
}

// Group is the metrics of one mechanism in one layer.
type Group struct {
	Mechanism Mechanism `json:"mechanism"`
	Layer     Layer     `json:"layer"`
	Metrics   []Metric  `json:"metrics"`
}

// Highlight is an index member singled out as a strength or a gap.
// Shortfall is 1 − normalised.
type Highlight struct {
	Code       Code            `json:"code"`
	Subject    string          `json:"subject,omitempty"`
	Mechanism  Mechanism       `json:"mechanism"`
	Value      decimal.Decimal `json:"value"`
	Target     decimal.Decimal `json:"target"`
	Normalised decimal.Decimal `json:"normalised"`
	Shortfall  decimal.Decimal `json:"shortfall"`
}

// RiskGroup is the open risks threatening one mechanism.
type RiskGroup struct {
	Mechanism Mechanism `json:"mechanism"`
	Open      []Risk    `json:"open"`
}

// Assess validates in and cfg and assesses the community: its metrics
// grouped by mechanism and layer, the three mechanism indices, strengths
// and gaps, open risks per mechanism, the derived profile and the
// participation-model recommendation. Invalid input gives a
// *grassroots.ValidationError (paths prefixed "inputs." or "config.") and
// no assessment.
func Assess(in Inputs, cfg Config) (Assessment, error) {
	var p validate.Problems
	p.Nest("config", cfg.Validate())
	p.Nest("inputs", in.Validate())
	if err := p.Err(); err != nil {
		return Assessment{}, err
	}
	return assess(&in, &cfg)
}

// AssessAll assesses a set of peer communities (a city's communities) and
// adds peer normalisation to each index, after the UN E-Government
// Development Index: each member metric is standardised to a z-score over
// the peers that have it, (value − mean) / population standard
// deviation, negated for cost metrics and 0 when all peers are equal; a
// community's composite is the weighted mean of its members' z-scores;
// composites are then scaled to [0, 1] by min-max over the peer set,
// (composite − lowest) / (highest − lowest). Means, deviations, z-scores
// and composites carry 8 places (half away from zero; the deviation is
// the truncated square root of the variance at 16 places), the result
// Scale. With fewer than two distinct composites the peer index is 0 and
// not OK. Method: UN DESA, E-Government Survey, "Methodology",
// https://publicadministration.un.org/egovkb/en-us/About/Methodology.
//
// Problems are reported with paths "inputs[i]…"; two inputs with the
// same Community give a *DuplicateCommunityError (matching
// ErrDuplicateCommunity) naming both positions. Results come in input
// order.
func AssessAll(ins []Inputs, cfg Config) ([]Assessment, error) {
	var p validate.Problems
	p.Nest("config", cfg.Validate())
	seen := make(map[string]int, len(ins))
	for i := range ins {
		if err := ins[i].Validate(); err != nil {
			p.Nest(grassroots.ElementPath("inputs", i), err)
		}
		if j, dup := seen[ins[i].Community]; dup {
			return nil, &DuplicateCommunityError{Community: ins[i].Community, First: j, Second: i}
		}
		seen[ins[i].Community] = i
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	out := make([]Assessment, len(ins))
	all := make([][]Index, len(ins))
	for i := range ins {
		a, err := assess(&ins[i], &cfg)
		if err != nil {
			return nil, err
		}
		out[i], all[i] = a, a.Indices
	}
	for m := range Mechanisms() {
		peerNormalise(all, m)
	}
	return out, nil
}

func assess(in *Inputs, cfg *Config) (Assessment, error) {
	metrics := in.Metrics(cfg)
	indices := Indices(metrics, cfg)
	profile, traits := DeriveProfile(metrics, cfg.ProfileTargets)
	rec, err := Recommend(profile, cfg.Recommend)
	if err != nil {
		return Assessment{}, err
	}
	strengths, gaps := highlights(indices, cfg.Highlights)
	return Assessment{
		Community:      in.Community,
		Period:         in.Period,
		Groups:         group(metrics),
		Indices:        indices,
		Strengths:      strengths,
		Gaps:           gaps,
		Risks:          openRisks(in.Risks),
		Profile:        traits,
		Recommendation: rec,
	}, nil
}

// group orders metrics by mechanism and layer, keeping code order within
// each group, and returns the groups as sub-slices of metrics, so the
// metrics are stored once.
func group(metrics []Metric) []Group {
	slot := func(m Metric) int { return int(m.Mechanism)*4 + int(m.Layer) }
	slices.SortStableFunc(metrics, func(a, b Metric) int { return cmp.Compare(slot(a), slot(b)) })
	var out []Group
	for start := 0; start < len(metrics); {
		end := start + 1
		for end < len(metrics) && slot(metrics[end]) == slot(metrics[start]) {
			end++
		}
		m := metrics[start]
		out = append(out, Group{Mechanism: m.Mechanism, Layer: m.Layer, Metrics: metrics[start:end:end]})
		start = end
	}
	return out
}

// highlights returns up to n members at target (by code and subject) and
// up to n members below it (largest shortfall first, then by code and
// subject).
func highlights(indices []Index, n int) (strengths, gaps []Highlight) {
	type ref struct {
		ix  int // index of the member's Index
		key *Member
	}
	var at, below []ref
	for i, ix := range indices {
		for j := range ix.Members {
			m := &indices[i].Members[j]
			switch {
			case !m.OK:
			case m.Normalised.Equal(unitAtScale):
				at = append(at, ref{i, m})
			default:
				below = append(below, ref{i, m})
			}
		}
	}
	byKey := func(a, b ref) int {
		return cmp.Or(cmp.Compare(a.key.Code, b.key.Code), strings.Compare(a.key.Subject, b.key.Subject))
	}
	slices.SortFunc(at, byKey)
	slices.SortFunc(below, func(a, b ref) int {
		return cmp.Or(a.key.Normalised.Cmp(b.key.Normalised), byKey(a, b))
	})
	highlight := func(r ref) Highlight {
		m := r.key
		return Highlight{
			Code: m.Code, Subject: m.Subject, Mechanism: indices[r.ix].Mechanism,
			Value: m.Value, Target: m.Target, Normalised: m.Normalised,
			Shortfall: unitAtScale.Sub(m.Normalised),
		}
	}
	strengths, gaps = make([]Highlight, 0, min(n, len(at))), make([]Highlight, 0, min(n, len(below)))
	for _, r := range at[:min(n, len(at))] {
		strengths = append(strengths, highlight(r))
	}
	for _, r := range below[:min(n, len(below))] {
		gaps = append(gaps, highlight(r))
	}
	return strengths, gaps
}

// openRisks groups the open risks by mechanism, each group ordered by
// alert level (level I first, not alerted last) and then by ID.
func openRisks(risks []Risk) []RiskGroup {
	out := make([]RiskGroup, 0, 3)
	rank := func(level int64) int64 {
		if level == 0 {
			return 5
		}
		return level
	}
	for _, mech := range Mechanisms() {
		g := RiskGroup{Mechanism: mech, Open: []Risk{}}
		for _, r := range risks {
			if r.Open && r.Mechanism == mech {
				g.Open = append(g.Open, r)
			}
		}
		slices.SortFunc(g.Open, func(a, b Risk) int {
			return cmp.Or(cmp.Compare(rank(a.Level), rank(b.Level)), strings.Compare(a.ID, b.ID))
		})
		out = append(out, g)
	}
	return out
}
