package risk_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/evaluation"
	"github.com/grassrootsgov/grassroots/risk"
	"github.com/grassrootsgov/grassroots/workday"
)

// One data-security risk through the five stages, from a rule hit to
// closure with accountability: a provider's data-access requests are
// denied more than 20 times in a day, the rule fires (identification), the
// street office rates the risk (assessment), issues an alert (alert), runs
// its contingency plan (management), records impact and accountability and
// closes it (remediation). Each command goes through Decide, each event
// through Evolve; the events are sealed into the risk's hash chain and the
// state is rebuilt from the envelopes.
func Example() {
	cst := time.FixedZone("CST", 8*3600)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, cst)
	provider := risk.Subject{Kind: risk.SubjectProvider, Code: "91330300MA2XXXXX1"}

	// 1. Identification: 25 denied requests in the last day.
	var observations []risk.Observation
	for i := range 25 {
		observations = append(observations, risk.Observation{
			Indicator: risk.IndicatorDataAccessDenied, Subject: provider,
			At: at.Add(-time.Duration(i) * 30 * time.Minute), Value: decimal.NewFromInt(1),
		})
	}
	hits, err := risk.Detect([]risk.Rule{risk.DeniedAccessRule(20)}, observations, nil, at)
	if err != nil || len(hits) != 1 {
		fmt.Println(hits, err)
		return
	}
	hit := hits[0]
	fmt.Printf("hit: %s v%d on %s, %s denied in a day\n", hit.Rule, hit.RuleVersion, hit.Subject, hit.Evidence.Value)

	owner := grassroots.Actor{ID: "wang.li", Party: grassroots.Government, Organization: "330302-street-office"}
	dpo := grassroots.Actor{ID: "chen.dpo", Party: grassroots.Government, Organization: "330302-street-office", Roles: []string{"data_protection_officer"}}
	step := 0
	meta := func(by grassroots.Actor, hours int) grassroots.Meta {
		step++
		return grassroots.Meta{AggregateID: "risk-2026-0042", CommandID: fmt.Sprintf("cmd-%d", step), Actor: by, At: at.Add(time.Duration(hours) * time.Hour)}
	}

	var d risk.Decider
	var state risk.Risk
	var history []risk.Event
	apply := func(c risk.Command) {
		events, err := d.Decide(state, c)
		if err != nil {
			fmt.Println("refused:", err)
			return
		}
		for _, e := range events {
			if state, err = d.Evolve(state, e); err != nil {
				fmt.Println(err)
				return
			}
		}
		history = append(history, events...)
	}

	apply(risk.Identify{Meta: meta(owner, 0), Category: hit.Category, Title: "Bulk reads of resident records",
		Subject: hit.Subject, Source: risk.SourceRuleHit, Owner: owner, Hit: &hit})
	fmt.Println("stage:", state.Stage)

	// 2. Assessment on the NIST SP 800-30 matrix: likely, high impact.
	assessment, _ := risk.NIST80030().Assess(4, 4, 3, 4)
	apply(risk.Assess{Meta: meta(owner, 1), Assessment: assessment})
	fmt.Println("stage:", state.Stage, "level", state.Assessment.Current.Level)

	// 3. Alert, from the default mapping of levels to alert levels.
	alert, _ := risk.DefaultAlertMapping().For(assessment.Current.Level)
	apply(risk.IssueAlert{Meta: meta(owner, 2), Level: alert})
	fmt.Printf("stage: %s, alert %s (%s)\n", state.Stage, state.Alert.Roman(), state.Alert.Colour())

	// 4. Management: the contingency plan for data security at this level.
	template := risk.PlanTemplate{ID: "ds-ii", Category: risk.CategoryDataSecurity, Alert: risk.AlertII, Steps: []risk.StepTemplate{
		{ID: "suspend_grant", Role: "data_protection_officer", Within: workday.Limit{Amount: 4, Unit: workday.CalendarHours}},
		{ID: "audit_reads", Role: "data_protection_officer", Within: workday.Limit{Amount: 48, Unit: workday.CalendarHours}},
	}}
	plan, _ := template.Instantiate(at.Add(3*time.Hour), nil)
	apply(risk.ActivatePlan{Meta: meta(owner, 3), Plan: plan})
	apply(risk.CompleteStep{Meta: meta(dpo, 5), Step: "suspend_grant"})
	apply(risk.CompleteStep{Meta: meta(dpo, 5), Step: "suspend_grant"})
	apply(risk.CompleteStep{Meta: meta(dpo, 30), Step: "audit_reads"})
	fmt.Println("stage:", state.Stage, "actions", len(state.Actions))

	// 5. Remediation: impact and accountability; then closure.
	apply(risk.Remediate{Meta: meta(owner, 48),
		Impact: risk.ImpactAssessment{ResidentsAffected: 120, RecordsAffected: 480, FinancialLoss: decimal.RequireFromString("15000.00"), Grade: risk.GradeCommon},
		Accountability: []risk.AccountabilityRecord{{Party: grassroots.Provider, Organization: provider.Code,
			Finding: "read records beyond its data grant", Measure: "contract penalty; grant narrowed to service data"}},
		Lessons: []string{"alert on bulk reads before the daily count is reached"}})
	fmt.Println("stage:", state.Stage)
	apply(risk.Close{Meta: meta(owner, 49), Reason: risk.CloseMitigated})
	fmt.Println("stage:", state.Stage, "after", state.Version, "events")

	// Seal, store anywhere, replay elsewhere: the chain is verified first.
	envelopes, err := risk.Codec.Seal(nil, "/districts/330302/risk", history)
	if err != nil {
		fmt.Println(err)
		return
	}
	replayed, err := grassroots.ReplayEnvelopes(d, risk.Codec, envelopes)
	fmt.Println("envelopes:", envelopes[0].Type, "…", envelopes[len(envelopes)-1].Type)
	fmt.Println("replayed:", replayed.Stage, replayed.Version, err)
	// Output:
	// hit: data_access_denied_per_day v1 on provider:91330300MA2XXXXX1, 25 denied in a day
	// stage: identified
	// stage: assessed level high
	// stage: alerted, alert II (orange)
	// refused: risk: step "suspend_grant" was completed at 2026-03-02T14:00:00+08:00; open steps: audit_reads
	// stage: under_management actions 2
	// stage: remediated
	// stage: closed after 8 events
	// envelopes: grassroots.risk.identified.v1 … grassroots.risk.closed.v1
	// replayed: closed 8 <nil>
}

// Decide is idempotent by command ID: a command applied before causes
// nothing, and another command under the same ID is refused.
func ExampleDecider_Decide() {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	owner := grassroots.Actor{ID: "wang.li", Party: grassroots.Government}
	identify := risk.Identify{Meta: grassroots.Meta{AggregateID: "R-9", CommandID: "c1", Actor: owner, At: at},
		Category: risk.CategoryPrivacy, Title: "Phone numbers in a shared sheet",
		Subject: risk.Subject{Kind: risk.SubjectProvider, Code: "P001"}, Source: risk.SourceAudit, Owner: owner}
	var d risk.Decider
	events, _ := d.Decide(risk.Risk{}, identify)
	r, _ := d.Evolve(risk.Risk{}, events[0])

	again, err := d.Decide(r, identify)
	fmt.Println("repeat:", len(again), "events,", err)
	_, err = d.Decide(r, risk.Review{Meta: identify.Meta})
	fmt.Println(errors.Is(err, grassroots.ErrCommandConflict))
	_, err = d.Decide(r, risk.IssueAlert{Meta: grassroots.Meta{AggregateID: "R-9", CommandID: "c2", Actor: owner, At: at}, Level: risk.AlertI})
	fmt.Println(err)
	// Output:
	// repeat: 0 events, <nil>
	// true
	// risk: command "issue_alert" is not allowed in state "identified"; allowed: assess, dismiss, review, escalate
}

// A history Decide could not have produced does not replay: here an
// alert raised to a level below the alert in force.
func ExampleDecider_Replay() {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	owner := grassroots.Actor{ID: "wang.li", Party: grassroots.Government}
	meta := func(id string, hours int) grassroots.Meta {
		return grassroots.Meta{AggregateID: "R-7", CommandID: id, Actor: owner, At: at.Add(time.Duration(hours) * time.Hour)}
	}
	assessment, _ := risk.NIST80030().Assess(3, 3, 2, 3)
	events := []risk.Event{
		risk.Identified{Meta: meta("c1", 0), Category: risk.CategoryPrivacy, Title: "Phone numbers in a shared sheet",
			Subject: risk.Subject{Kind: risk.SubjectProvider, Code: "P001"}, Source: risk.SourceAudit, Owner: owner},
		risk.Assessed{Meta: meta("c2", 1), Assessment: assessment},
		risk.AlertIssued{Meta: meta("c3", 2), Level: risk.AlertII},
		risk.AlertRaised{Meta: meta("c4", 3), Level: risk.AlertIII},
	}
	_, err := risk.Decider{}.Replay(events)
	fmt.Println(err)
	// Output: risk: cannot raise the alert to III: the alert in force is II; raise to I (replaying event 3)
}

// The transition table is data: each row a command, its event, the stages
// it is allowed in and where it leads.
func ExampleTransitions() {
	for _, row := range risk.Transitions()[:4] {
		fmt.Println(row.Command, "→", row.Event, row.From, "→", row.To)
	}
	// Output:
	// identify → identified [] → identified
	// assess → assessed [identified] → assessed
	// assess → assessed [assessed alerted under_management] → Stage(0)
	// issue_alert → alert_issued [assessed] → alerted
}

// A false positive is dismissed from any open stage, without remediation.
func ExampleDismiss() {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	owner := grassroots.Actor{ID: "wang.li", Party: grassroots.Government}
	var d risk.Decider
	var r risk.Risk
	for i, c := range []risk.Command{
		risk.Identify{Meta: grassroots.Meta{AggregateID: "R-8", CommandID: "c1", Actor: owner, At: at}, Category: risk.CategoryDataSecurity,
			Title: "Night-time bulk reads", Subject: risk.Subject{Kind: risk.SubjectSystem, Code: "records-db"}, Source: risk.SourceManualReport, Owner: owner},
		risk.Dismiss{Meta: grassroots.Meta{AggregateID: "R-8", CommandID: "c2", Actor: owner, At: at.Add(time.Hour)}, Reason: "the reads were the nightly backup"},
	} {
		events, err := d.Decide(r, c)
		if err != nil {
			fmt.Println(i, err)
			return
		}
		r, _ = d.Evolve(r, events[0])
	}
	fmt.Println(r.Stage, r.CloseReason)
	// Output: closed false_positive
}

// Table I-2 of NIST SP 800-30 is not symmetric.
func ExampleNIST80030() {
	m := risk.NIST80030()
	a, _ := m.Level(2, 5)
	b, _ := m.Level(5, 2)
	fmt.Println("likelihood low, impact very high:", a)
	fmt.Println("likelihood very high, impact low:", b)
	// Output:
	// likelihood low, impact very high: moderate
	// likelihood very high, impact low: low
}

func ExampleNIST80030Scale() {
	s := risk.NIST80030Scale()
	for _, score := range []string{"4", "5", "20.5", "21", "80", "96"} {
		l, _ := s.Level(decimal.RequireFromString(score))
		fmt.Println(score, l)
	}
	// Output:
	// 4 very_low
	// 5 low
	// 20.5 low
	// 21 moderate
	// 80 high
	// 96 very_high
}

func ExampleMatrix_Assess() {
	a, err := risk.Product5x5().Assess(4, 5, 2, 5)
	fmt.Println(a.Current.Level, "→", a.Residual.Level, err)
	_, err = risk.Product5x5().Assess(2, 2, 3, 2)
	fmt.Println(err != nil)
	// Output:
	// very_high → high <nil>
	// true
}

// RemovedByControlsPercent is what controls take away, never what remains.
func ExampleScale_Assess() {
	a, _ := risk.NIST80030Scale().Assess(decimal.NewFromInt(90), decimal.NewFromInt(30))
	fmt.Println(a.Current.Score, a.Current.Level, "→", a.Residual.Score, a.Residual.Level)
	// Output: 90 high → 63 moderate
}

func ExampleAlertLevel() {
	for _, a := range risk.AlertLevels() {
		fmt.Println(a.Roman(), a.Colour(), a.Above(risk.AlertIV))
	}
	// Output:
	// I red true
	// II orange true
	// III yellow true
	// IV blue false
}

func ExampleDetect() {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	rule := risk.OverdueShareRule(decimal.RequireFromString("0.2"))
	grid := func(code, share string) risk.Observation {
		return risk.Observation{Indicator: risk.IndicatorOverdueShare, Subject: risk.Subject{Kind: risk.SubjectGrid, Code: code},
			At: at, Value: decimal.RequireFromString(share)}
	}
	observations := []risk.Observation{grid("330302001", "0.35"), grid("330302002", "0.15")}
	hits, _ := risk.Detect([]risk.Rule{rule}, observations, nil, at)
	for _, h := range hits {
		fmt.Println(h.Subject.Code, h.Evidence.Value)
	}
	again, _ := risk.Detect([]risk.Rule{rule}, observations, hits, at)
	fmt.Println("raised again:", len(again))
	// Output:
	// 330302001 0.35
	// raised again: 0
}

func ExampleFairness() {
	var samples []risk.Sample
	add := func(group string, n, selected int) {
		for i := range n {
			samples = append(samples, risk.Sample{Group: group, Predicted: i < selected})
		}
	}
	add("urban", 10, 5)
	add("rural", 10, 4)
	add("migrant", 10, 3)
	rep, err := risk.Fairness(samples, risk.FairnessOptions{
		Metrics: risk.MetricDemographicParity | risk.MetricDisparateImpact, Reference: "urban",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("parity difference", rep.DemographicParityDifference.Decimal, "ratio", rep.DemographicParityRatio.Decimal)
	for _, di := range rep.DisparateImpact {
		fmt.Println(di.Group, di.Ratio, "flagged:", di.Flagged)
	}
	// Output:
	// parity difference 0.2 ratio 0.6
	// migrant 0.6 flagged: true
	// rural 0.8 flagged: false
}

// The four-fifths rule as the Uniform Guidelines read it: every group
// against the group with the highest selection rate, which the report
// names.
func ExampleFairness_highestRate() {
	var samples []risk.Sample
	add := func(group string, n, selected int) {
		for i := range n {
			samples = append(samples, risk.Sample{Group: group, Predicted: i < selected})
		}
	}
	add("urban", 10, 4)
	add("rural", 10, 5)
	add("migrant", 10, 3)
	rep, err := risk.Fairness(samples, risk.FairnessOptions{Metrics: risk.MetricDisparateImpact, ReferenceKind: risk.ReferenceHighestRate})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("reference:", rep.Reference, "("+rep.ReferenceKind.String()+")")
	for _, di := range rep.DisparateImpact {
		fmt.Println(di.Group, di.Ratio, "flagged:", di.Flagged)
	}
	// Output:
	// reference: rural (highest_rate)
	// migrant 0.6 flagged: true
	// urban 0.8 flagged: false
}

// Weighted samples: each counts for its weight, so a selection rate is a
// weighted share.
func ExampleFairness_weighted() {
	w := decimal.RequireFromString
	samples := []risk.Sample{
		{Group: "a", Predicted: true, Weight: w("3")}, {Group: "a", Weight: w("1")},
		{Group: "b", Predicted: true, Weight: w("1")}, {Group: "b", Weight: w("1.5")},
	}
	rep, err := risk.Fairness(samples, risk.FairnessOptions{Metrics: risk.MetricDemographicParity, Weighted: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range rep.Groups {
		fmt.Println(g.Group, g.SelectionRate, "of weight", g.Weights.Samples)
	}
	_, err = risk.Fairness([]risk.Sample{{Group: "a", Weight: w("0")}}, risk.FairnessOptions{Metrics: risk.MetricDemographicParity, Weighted: true})
	fmt.Println(err)
	// Output:
	// a 0.75 of weight 4
	// b 0.4 of weight 2.5
	// risk: group "a" has 1 samples of total weight 0; a weighted rate needs a positive total weight
}

// Table G-5 gives the overall likelihood that feeds Table I-2.
func ExampleNIST80030Likelihood() {
	initiation, adverseImpact, impact := 4, 2, 5 // high, low, very high
	overall, _ := risk.NIST80030Likelihood().Level(initiation, adverseImpact)
	level, _ := risk.NIST80030().Level(int(overall), impact)
	fmt.Println("overall likelihood:", overall)
	fmt.Println("risk:", level)
	// Output:
	// overall likelihood: moderate
	// risk: high
}

func ExampleEffectiveTreatment() {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	r := risk.Risk{Stage: risk.StageAssessed, Acceptance: &risk.Acceptance{Given: at, Expires: at.Add(30 * 24 * time.Hour)}}
	fmt.Println(risk.EffectiveTreatment(r, at.Add(24*time.Hour)))
	fmt.Println(risk.EffectiveTreatment(r, at.Add(30*24*time.Hour)))
	// Output:
	// accepted
	// open
}

func ExampleDue() {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	r := risk.Risk{ID: "r1", Stage: risk.StageUnderManagement, Plan: &risk.Plan{Steps: []risk.Step{
		{ID: "suspend", Role: "dpo", Due: at.Add(4 * time.Hour)},
		{ID: "audit", Role: "dpo", Due: at.Add(48 * time.Hour)},
	}}}
	scheduler := grassroots.Actor{ID: "scheduler", Party: grassroots.Government}
	due, err := risk.Due([]risk.Risk{r}, at.Add(5*time.Hour), scheduler)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range due {
		fmt.Println(e.Kind, e.Key, e.CommandID)
	}
	// Output: step suspend escalate-step-a965df42d9d7736a30cc6438f6f935dc
}

func ExampleFocus() {
	grid := func(code string, alert risk.AlertLevel) risk.Risk {
		return risk.Risk{Subject: risk.Subject{Kind: risk.SubjectGrid, Code: code}, Stage: risk.StageAlerted, Alert: alert}
	}
	risks := []risk.Risk{grid("g1", risk.AlertIII), grid("g2", risk.AlertII), grid("g1", risk.AlertIII), grid("g3", risk.AlertIII)}
	for _, e := range risk.Focus(risks) {
		fmt.Println(e.Subject.Code, e.Highest.Roman(), e.Count)
	}
	// Output:
	// g2 II 1
	// g1 III 2
	// g3 III 1
}

// A quantitative assessment: indicator values scored with an evaluation
// indicator system, then binned on the NIST semi-quantitative scale.
func ExampleAssessIndicators() {
	percent := &evaluation.Scale{Min: decimal.Zero, Max: decimal.NewFromInt(100)}
	assessors := []grassroots.Party{grassroots.ThirdParty}
	system := evaluation.System{Code: "data_security", Name: "Data security exposure", Indicators: []evaluation.Indicator{
		{Code: "records_exposed", Name: "Share of records exposed", Weight: decimal.RequireFromString("0.6"), Direction: evaluation.Benefit, Scale: percent, Parties: assessors},
		{Code: "encrypted", Name: "Share of records encrypted", Weight: decimal.RequireFromString("0.4"), Direction: evaluation.Cost, Scale: percent, Parties: assessors},
	}}
	values := map[string]decimal.Decimal{"records_exposed": decimal.NewFromInt(90), "encrypted": decimal.NewFromInt(25)}
	a, card, err := risk.AssessIndicators(system, values, risk.NIST80030Scale(), decimal.NewFromInt(20), evaluation.ScoreOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("score", card.Total.String(), a.Current.Level, "→ residual", a.Residual.Score, a.Residual.Level)
	// Output: score 84 high → residual 67.2 moderate
}
