package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/evaluation"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/provider"
	"github.com/grassrootsgov/grassroots/risk"
	"github.com/grassrootsgov/grassroots/workday"
)

// accessRequests sends the year's data-access requests of every provider
// through the compiled grants. Most requests are what the contract
// allows; some ask for more (an export, a health record, another
// contract's data, a purpose the grant does not name), and each denial
// becomes an observation for the risk rules.
func (g *governance) accessRequests(rng *rand.Rand, year int, perProvider int) (accessRow, []risk.Observation) {
	var row accessRow
	var obs []risk.Observation
	reasons := map[string]int{}
	start := time.Date(year, 1, 1, 9, 0, 0, 0, cst())
	byProvider := map[string][]provider.Grant{}
	for _, gr := range g.grants {
		byProvider[gr.Grantee] = append(byProvider[gr.Grantee], gr)
	}
	for pi, p := range g.providers {
		grants := byProvider[p.ID]
		// A few providers are careless: they ask beyond their grants
		// often, and on some days in bursts.
		careless := pi%9 == 4
		for k := range perProvider {
			gr := grants[k%len(grants)]
			at := start.AddDate(0, 0, rng.IntN(365)).Add(time.Duration(rng.IntN(8*60)) * time.Minute)
			req := provider.Request{Grantee: p.ID, Contract: gr.Contract, Purpose: gr.Purposes[0], Action: gr.Actions[0],
				Fields: []string{gr.Fields[0].Name}, DeIdentification: gr.DeIdentification, At: at}
			misuse := rng.Float64() < 0.04 || (careless && rng.Float64() < 0.25)
			if misuse {
				switch rng.IntN(5) {
				case 0:
					req.Action = provider.ActionExport
				case 1:
					req.Fields = append(req.Fields, "health_record")
				case 2:
					req.Purpose = provider.PurposePublicSecurity
				case 3:
					req.Contract = grants[(k+1)%len(grants)].Contract
					req.Fields = []string{"religion"}
				default:
					req.At = gr.Valid.End.Add(time.Duration(1+rng.IntN(20)) * 24 * time.Hour)
				}
				if careless && rng.IntN(4) == 0 {
					// a burst: the same request retried all morning
					for b := range 6 {
						d := g.compiled.Authorize(withTime(req, at.Add(time.Duration(b)*10*time.Minute)))
						row.count(d, reasons)
						if !d.Allowed {
							obs = append(obs, deniedObservation(p.ID, at.Add(time.Duration(b)*10*time.Minute)))
						}
					}
					continue
				}
			}
			d := g.compiled.Authorize(req)
			row.count(d, reasons)
			if !d.Allowed {
				obs = append(obs, deniedObservation(p.ID, req.At))
			}
		}
	}
	for _, name := range sortedKeysByCount(reasons) {
		row.TopReasons = append(row.TopReasons, countRow{Name: name, Count: reasons[name]})
	}
	if len(row.TopReasons) > 4 {
		row.TopReasons = row.TopReasons[:4]
	}
	return row, obs
}

func withTime(r provider.Request, at time.Time) provider.Request {
	r.At = at
	return r
}

func (r *accessRow) count(d provider.Decision, reasons map[string]int) {
	r.Requests++
	if d.Allowed {
		r.Allowed++
		return
	}
	r.Denied++
	for _, reason := range d.Reasons.List() {
		reasons[reason.String()]++
	}
}

func deniedObservation(providerID string, at time.Time) risk.Observation {
	return risk.Observation{Indicator: risk.IndicatorDataAccessDenied, Subject: risk.Subject{Kind: risk.SubjectProvider, Code: providerID},
		At: at, Value: decimal.NewFromInt(1)}
}

func sortedKeysByCount(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if m[a] != m[b] {
			return m[b] - m[a]
		}
		return strings.Compare(a, b)
	})
	return keys
}

// providerSystem is the district's indicator system for providers: four
// parties rate four indicators, residents only the satisfaction one.
func providerSystem() evaluation.System {
	w := decimal.RequireFromString
	gov, third, comm, res := grassroots.Government, grassroots.ThirdParty, grassroots.Community, grassroots.Resident
	likert := evaluation.Likert(5)
	pct := evaluation.Percent()
	return evaluation.System{Code: "provider-performance", Name: "Provider performance", Indicators: []evaluation.Indicator{
		{Code: "quality", Name: "Service quality", Weight: w("0.30"), Direction: evaluation.Benefit, Scale: &likert, Parties: []grassroots.Party{gov, third, comm}},
		{Code: "timeliness", Name: "Timeliness", Weight: w("0.25"), Direction: evaluation.Benefit, Scale: &pct, Parties: []grassroots.Party{gov, third}},
		{Code: "satisfaction", Name: "Resident satisfaction", Weight: w("0.30"), Direction: evaluation.Benefit, Scale: &likert, Parties: []grassroots.Party{res, comm}},
		{Code: "compliance", Name: "Contract and data compliance", Weight: w("0.15"), Direction: evaluation.Benefit, Scale: &likert, Parties: []grassroots.Party{gov, third}},
	}}
}

// rateProviders draws n survey ratings from the four parties. Each
// provider has a latent quality; raters see it with noise.
func (g *governance) rateProviders(rng *rand.Rand, n int, year int) []evaluation.Rating {
	quality := map[string]float64{}
	for i, p := range g.providers {
		quality[p.ID] = 0.55 + 0.4*float64((i*37)%11)/10
	}
	parties := []struct {
		party  grassroots.Party
		share  float64
		prefix string
	}{{grassroots.Resident, 0.62, "res"}, {grassroots.Community, 0.2, "com"}, {grassroots.Government, 0.1, "gov"}, {grassroots.ThirdParty, 0.08, "tpa"}}
	partyCum := make([]float64, len(parties))
	for i, p := range parties {
		partyCum[i] = p.share
	}
	partyCum = cumulative(partyCum)
	indicators := map[grassroots.Party][]string{
		grassroots.Resident: {"satisfaction"}, grassroots.Community: {"quality", "satisfaction"},
		grassroots.Government: {"quality", "timeliness", "compliance"}, grassroots.ThirdParty: {"quality", "timeliness", "compliance"},
	}
	at := time.Date(year, 12, 15, 10, 0, 0, 0, cst())
	out := make([]evaluation.Rating, 0, n)
	for i := range n {
		p := g.providers[rng.IntN(len(g.providers))]
		pt := parties[pick(partyCum, rng.Float64())]
		inds := indicators[pt.party]
		ind := inds[rng.IntN(len(inds))]
		q := min(1, max(0, quality[p.ID]+0.18*rng.NormFloat64()))
		var v decimal.Decimal
		if ind == "timeliness" {
			v = decimal.NewFromInt(int64(40 + q*60))
		} else {
			v = decimal.NewFromInt(int64(1 + min(4, int(q*5))))
		}
		out = append(out, evaluation.Rating{Subject: p.ID, Indicator: ind, Rater: fmt.Sprintf("%s-%d", pt.prefix, rng.IntN(4000)),
			Party: pt.party, Value: v, At: at.Add(time.Duration(i) * time.Second)})
	}
	return out
}

// settleDecember settles every contract for the last month of the year:
// the SLA measurement of a service contract is the on-time closure rate
// of the matters its provider's unit closed that month (from the incident
// statistics), technical contracts report availability, and the quality
// factor comes from the provider's evaluation grade.
func (g *governance) settleDecember(year int, unitStats map[string]incident.Stats, scorecards map[string]evaluation.Scorecard, rng *rand.Rand) (map[string][3]decimal.Decimal, error) {
	month := grassroots.Period{Start: time.Date(year, 12, 1, 0, 0, 0, 0, cst()), End: time.Date(year+1, 1, 1, 0, 0, 0, 0, cst())}
	out := map[string][3]decimal.Decimal{}
	for _, c := range g.contracts {
		var measured []provider.Measurement
		for _, t := range c.SLA {
			v := decimal.RequireFromString("0.997").Add(decimal.New(int64(rng.IntN(5)), -3)).Sub(decimal.New(int64(rng.IntN(8)), -3))
			if s, ok := unitStats[c.Supplier.ID]; ok && t.Metric == "on_time_closure" && s.OnTimeRate.OK {
				v = s.OnTimeRate.Value
			} else if t.Metric == "on_time_closure" {
				v = decimal.RequireFromString("0.85").Add(decimal.New(int64(rng.IntN(130)), -3))
			}
			measured = append(measured, provider.Measurement{Metric: t.Metric, Window: month, Value: v})
		}
		grade := provider.Grade("qualified")
		if sc, ok := scorecards[c.Supplier.ID]; ok && sc.Grade != "" {
			grade = provider.Grade(sc.Grade)
		}
		s, err := provider.Settle(c, month, measured, grade)
		if err != nil {
			return nil, fmt.Errorf("settling %s: %w", c.ID, err)
		}
		sum := out[c.Supplier.ID]
		sum[0] = sum[0].Add(s.Base)
		sum[1] = sum[1].Add(s.Base.Sub(s.Payable))
		sum[2] = sum[2].Add(s.Payable)
		out[c.Supplier.ID] = sum
	}
	return out, nil
}

// riskRun is the district's risk register after a year of monthly rule
// runs.
type riskRun struct {
	risks []risk.Risk
}

// runRiskChain evaluates the identification rules at the end of every
// month and takes each new hit through the chain: identified, assessed on
// the NIST SP 800-30 matrix, alerted by the default mapping, a contingency
// plan activated; hits whose condition no longer holds a month later are
// remediated and closed with an accountability record.
func runRiskChain(year int, obs []risk.Observation, rng *rand.Rand) (*riskRun, error) {
	rules := []risk.Rule{
		risk.OverdueShareRule(decimal.RequireFromString("0.25")),
		risk.SatisfactionBelowRule(decimal.RequireFromString("0.80")),
		risk.DeniedAccessRule(4),
		risk.ContractConcentrationRule(decimal.NewFromInt(60)),
		risk.DisparateImpactRule(),
	}
	owner := grassroots.Actor{ID: "risk-office", Party: grassroots.Government, Organization: "gov-" + districtCode, Roles: []string{"risk_officer"}}
	staff := grassroots.Actor{ID: "duty-officer", Party: grassroots.Government, Organization: "gov-" + districtCode, Roles: []string{"data_protection_officer", "grid_supervisor"}}
	rr := &riskRun{}
	var active []risk.Hit
	byKey := map[string]int{} // hit key -> index in rr.risks
	seq := 0
	for m := 1; m <= 12; m++ {
		at := time.Date(year, time.Month(m), 1, 0, 0, 0, 0, cst()).AddDate(0, 1, 0).Add(-time.Minute)
		// Every hit that fires now: those already active keep their risk
		// open, the others raise a new one.
		firing, err := risk.Detect(rules, obs, nil, at)
		if err != nil {
			return nil, fmt.Errorf("detecting risks for month %d: %w", m, err)
		}
		stillFiring, isActive := map[string]bool{}, map[string]bool{}
		for _, h := range firing {
			stillFiring[hitKey(h)] = true
		}
		for _, h := range active {
			isActive[hitKey(h)] = true
		}
		var hits []risk.Hit
		for _, h := range firing {
			if !isActive[hitKey(h)] {
				hits = append(hits, h)
			}
		}
		// Risks raised earlier whose condition has cleared are remediated
		// and closed.
		var keep []risk.Hit
		for _, h := range active {
			k := hitKey(h)
			if stillFiring[k] {
				keep = append(keep, h)
				continue
			}
			i := byKey[k]
			if err := closeRisk(&rr.risks[i], owner, at); err != nil {
				return nil, err
			}
		}
		active = keep
		for _, h := range hits {
			seq++
			r, err := openRisk(fmt.Sprintf("R-%d-%03d", year, seq), h, owner, staff, at, rng)
			if err != nil {
				return nil, err
			}
			rr.risks = append(rr.risks, r)
			byKey[hitKey(h)] = len(rr.risks) - 1
			active = append(active, h)
		}
	}
	return rr, nil
}

func hitKey(h risk.Hit) string { return h.Rule + "|" + h.Subject.String() + "|" + h.Scope }

func decideAll(r *risk.Risk, cmds ...risk.Command) error {
	var d risk.Decider
	for _, c := range cmds {
		evs, err := d.Decide(*r, c)
		if err != nil {
			return fmt.Errorf("risk %s: %w", r.ID, err)
		}
		for _, e := range evs {
			if *r, err = d.Evolve(*r, e); err != nil {
				return fmt.Errorf("risk %s: %w", r.ID, err)
			}
		}
	}
	return nil
}

func openRisk(id string, h risk.Hit, owner, staff grassroots.Actor, at time.Time, rng *rand.Rand) (risk.Risk, error) {
	hdr := func(by grassroots.Actor, minutes int) grassroots.Meta {
		return grassroots.Meta{AggregateID: id, CommandID: fmt.Sprintf("%s-open-%d", id, minutes), Actor: by, At: at.Add(time.Duration(minutes) * time.Minute)}
	}
	var r risk.Risk
	likelihood := 2 + rng.IntN(3)
	impact := 2 + rng.IntN(3)
	if h.Category == risk.CategoryDataSecurity {
		impact = 4
	}
	a, err := risk.NIST80030().Assess(likelihood, impact, max(1, likelihood-1), impact)
	if err != nil {
		return r, err
	}
	alert, alerted := risk.DefaultAlertMapping().For(a.Current.Level)
	hit := h
	err = decideAll(&r,
		risk.Identify{Meta: hdr(owner, 0), Category: h.Category, Title: h.Rule, Subject: h.Subject, Source: risk.SourceRuleHit, Owner: owner, Hit: &hit},
		risk.Assess{Meta: hdr(owner, 60), Assessment: a},
	)
	if err != nil || !alerted {
		return r, err
	}
	plan, err := (risk.PlanTemplate{ID: "plan-" + string(h.Category), Category: h.Category, Alert: alert, Steps: []risk.StepTemplate{
		{ID: "verify", Role: "grid_supervisor", Within: workday.Limit{Amount: 24, Unit: workday.CalendarHours}},
		{ID: "contain", Role: "data_protection_officer", Within: workday.Limit{Amount: 72, Unit: workday.CalendarHours}},
	}}).Instantiate(at.Add(3*time.Hour), nil)
	if err != nil {
		return r, err
	}
	err = decideAll(&r,
		risk.IssueAlert{Meta: hdr(owner, 120), Level: alert},
		risk.ActivatePlan{Meta: hdr(owner, 180), Plan: plan},
		risk.CompleteStep{Meta: hdr(staff, 600), Step: "verify"},
	)
	return r, err
}

func closeRisk(r *risk.Risk, owner grassroots.Actor, at time.Time) error {
	hdr := func(minutes int) grassroots.Meta {
		return grassroots.Meta{AggregateID: r.ID, CommandID: fmt.Sprintf("%s-close-%d", r.ID, minutes), Actor: owner, At: at.Add(time.Duration(minutes) * time.Minute)}
	}
	var cmds []risk.Command
	if r.Stage == risk.StageUnderManagement {
		cmds = append(cmds, risk.CompleteStep{Meta: grassroots.Meta{AggregateID: r.ID, CommandID: r.ID + "-close-contain", Actor: grassroots.Actor{ID: "duty-officer", Party: grassroots.Government,
			Organization: owner.Organization, Roles: []string{"data_protection_officer", "grid_supervisor"}}, At: at}, Step: "contain"})
	}
	party := grassroots.Government
	if r.Subject.Kind == risk.SubjectProvider {
		party = grassroots.Provider
	}
	cmds = append(cmds,
		risk.Remediate{Meta: hdr(30), Impact: risk.ImpactAssessment{Grade: risk.GradeCommon},
			Accountability: []risk.AccountabilityRecord{{Party: party, Organization: r.Subject.Code, Finding: "indicator breached its threshold", Measure: "rectified and reviewed at the monthly meeting"}}},
		risk.Close{Meta: hdr(60), Reason: risk.CloseMitigated},
	)
	return decideAll(r, cmds...)
}

// gridAlerts returns the highest active alert level on each grid.
func (rr *riskRun) gridAlerts() map[grid.Code]int {
	out := map[grid.Code]int{}
	for _, r := range rr.risks {
		if r.Subject.Kind != risk.SubjectGrid || r.Stage == risk.StageClosed || r.Alert == 0 {
			continue
		}
		c := grid.Code(r.Subject.Code)
		if out[c] == 0 || int(r.Alert) < out[c] {
			out[c] = int(r.Alert)
		}
	}
	return out
}
