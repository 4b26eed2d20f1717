package risk

import (
	"math"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/evaluation"
	"github.com/grassrootsgov/grassroots/internal/hostile"
)

func TestDetectRefusesHostileDecimals(t *testing.T) {
	rules := func(threshold decimal.Decimal) []Rule {
		count := DeniedAccessRule(3)
		count.Condition.Threshold = threshold
		change := OverdueShareRule(threshold)
		change.ID, change.Condition.Kind, change.Condition.WindowSeconds = "overdue_share_rising", ConditionChange, day
		return []Rule{OverdueShareRule(threshold), change, count}
	}
	observations := []Observation{
		obs(IndicatorOverdueShare, SubjectGrid, "g1", "", t0, "0.30"),
		obs(IndicatorOverdueShare, SubjectGrid, "g1", "", t0, "0.35"),
		obs(IndicatorDataAccessDenied, SubjectProvider, "p1", "", t0, "1"),
	}
	for _, h := range hostile.Decimals {
		t.Run("threshold="+h.Name, func(t *testing.T) {
			rs := rules(h.D)
			for i := range rs {
				var err error
				hostile.Returns(t, "Rule.Validate", func() { err = rs[i].Validate() })
				hostile.RequireProblem(t, err, nil, "condition.threshold", h.Rule)
			}
			var hits []Hit
			var err error
			hostile.Returns(t, "Detect", func() { hits, err = Detect(rs, observations, nil, t0) })
			assert.Empty(t, hits)
			for i := range rs {
				hostile.RequireProblem(t, err, nil, grassroots.ElementPath("rules", i)+".condition.threshold", h.Rule)
			}
		})
		t.Run("value="+h.Name, func(t *testing.T) {
			os := append([]Observation(nil), observations...)
			os[1].Value = h.D // at the same instant as os[0]: they are ordered by value
			var hits []Hit
			var err error
			hostile.Returns(t, "Detect", func() { hits, err = Detect(rules(dec("0.2")), os, nil, t0) })
			assert.Empty(t, hits)
			hostile.RequireProblem(t, err, nil, "observations[1].value", h.Rule)
		})
	}
}

func TestComparisonHoldsOnHostileDecimals(t *testing.T) {
	big, small := decimal.New(1, math.MaxInt32), decimal.New(1, math.MinInt32)
	hostile.Returns(t, "Holds", func() {
		assert.True(t, Above.Holds(big, dec("0.2")))
		assert.False(t, Below.Holds(big, dec("0.2")))
		assert.True(t, Below.Holds(small, dec("0.2")))
		assert.True(t, Above.Holds(small, decimal.Zero))
		assert.True(t, Below.Holds(decimal.New(-1, math.MaxInt32), decimal.New(-1, math.MinInt32)))
		assert.True(t, AtLeast.Holds(decimal.New(0, math.MaxInt32), decimal.New(0, math.MinInt32)))
		assert.True(t, AtMost.Holds(decimal.New(10, math.MaxInt32-1), big), "equal values")
		assert.False(t, Above.Holds(decimal.New(10, math.MaxInt32-1), big), "equal values")
	})
}

func TestScaleRefusesHostileDecimals(t *testing.T) {
	for _, h := range hostile.Decimals {
		t.Run(h.Name, func(t *testing.T) {
			s := NIST80030Scale()
			s.Max = h.D
			var err error
			hostile.Returns(t, "Validate", func() { err = s.Validate() })
			assert.ErrorIs(t, err, ErrInvalidMatrix)
			hostile.RequireProblem(t, err, nil, "max", h.Rule)

			s = NIST80030Scale()
			s.Bins[2].Min = h.D
			hostile.Returns(t, "Validate", func() { err = s.Validate() })
			hostile.RequireProblem(t, err, nil, "bins[2].min", h.Rule)
			hostile.Returns(t, "Level", func() { _, err = s.Level(dec("50")) })
			hostile.RequireProblem(t, err, nil, "bins[2].min", h.Rule)

			s = NIST80030Scale()
			hostile.Returns(t, "Level", func() { _, err = s.Level(h.D) })
			hostile.RequireProblem(t, err, nil, "score", h.Rule)
			hostile.Returns(t, "Assess", func() { _, err = s.Assess(h.D, dec("20")) })
			hostile.RequireProblem(t, err, nil, "score", h.Rule)
			hostile.Returns(t, "Assess", func() { _, err = s.Assess(dec("50"), h.D) })
			hostile.RequireProblem(t, err, nil, "removed_by_controls_percent", h.Rule)
		})
	}
}

func TestAssessmentAndCommandsRefuseHostileDecimals(t *testing.T) {
	base, err := NIST80030Scale().Assess(dec("50"), dec("20"))
	require.NoError(t, err)
	edits := []struct {
		path string
		set  func(*Assessment, decimal.Decimal)
	}{
		{"current.score", func(a *Assessment, d decimal.Decimal) { a.Current.Score = d }},
		{"residual.score", func(a *Assessment, d decimal.Decimal) { a.Residual.Score = d }},
		{"removed_by_controls_percent", func(a *Assessment, d decimal.Decimal) { a.RemovedByControlsPercent = d }},
	}
	for _, h := range hostile.Decimals {
		for _, e := range edits {
			a := base
			e.set(&a, h.D)
			hostile.Returns(t, "Assessment.Validate", func() { err = a.Validate() })
			hostile.RequireProblem(t, err, nil, e.path, h.Rule)
			var es []Event
			hostile.Returns(t, "Decide", func() { es, err = decider.Decide(Risk{}, Assess{Meta: meta(owner, t0), Assessment: a}) })
			assert.Empty(t, es)
			hostile.RequireProblem(t, err, nil, "assessment."+e.path, h.Rule)
		}

		rem := remediateCmd(t0)
		rem.Impact.FinancialLoss = h.D
		var es []Event
		hostile.Returns(t, "Decide", func() { es, err = decider.Decide(Risk{}, rem) })
		assert.Empty(t, es)
		hostile.RequireProblem(t, err, nil, "impact.financial_loss", h.Rule)

		id := identifyCmd(t0)
		id.Source = SourceRuleHit
		id.Hit = &Hit{Rule: "r", RuleVersion: 1, Category: id.Category, Subject: id.Subject, Indicator: "i", At: t0,
			Evidence: Evidence{Condition: ConditionThreshold, Compare: Above, Threshold: h.D, Value: h.D, Observations: 1, From: t0, To: t0}}
		hostile.Returns(t, "Decide", func() { es, err = decider.Decide(Risk{}, id) })
		assert.Empty(t, es)
		hostile.RequireProblem(t, err, nil, "hit.evidence.threshold", h.Rule)
		hostile.RequireProblem(t, err, nil, "hit.evidence.value", h.Rule)
	}
}

func TestFairnessRefusesHostileDecimals(t *testing.T) {
	samples := func() []Sample {
		ss := fairlearnSamples()
		for i := range ss {
			ss[i].Weight = dec("1")
		}
		return ss
	}
	for _, h := range hostile.Decimals {
		ss := samples()
		ss[3].Weight = h.D
		var err error
		hostile.Returns(t, "Fairness", func() { _, err = Fairness(ss, FairnessOptions{Weighted: true, Reference: "b"}) })
		hostile.RequireProblem(t, err, nil, "samples[3].weight", h.Rule)

		hostile.Returns(t, "Fairness", func() { _, err = Fairness(samples(), FairnessOptions{Weighted: true, Reference: "b", Threshold: h.D}) })
		hostile.RequireProblem(t, err, nil, "threshold", h.Rule)
	}
}

func TestAssessIndicatorsRefusesHostileDecimals(t *testing.T) {
	percent := &evaluation.Scale{Min: dec("0"), Max: dec("100")}
	system := evaluation.System{Code: "ds", Name: "data security", Indicators: []evaluation.Indicator{
		{Code: "exposure", Name: "records exposed", Weight: dec("0.6"), Direction: evaluation.Benefit, Scale: percent, Parties: []grassroots.Party{grassroots.ThirdParty}},
		{Code: "controls", Name: "controls in place", Weight: dec("0.4"), Direction: evaluation.Cost, Scale: percent, Parties: []grassroots.Party{grassroots.ThirdParty}},
	}}
	for _, h := range hostile.Decimals {
		var err error
		values := map[string]decimal.Decimal{"exposure": dec("90"), "controls": h.D}
		hostile.Returns(t, "AssessIndicators", func() {
			_, _, err = AssessIndicators(system, values, NIST80030Scale(), dec("20"), evaluation.ScoreOptions{})
		})
		hostile.RequireProblem(t, err, nil, "values.controls", h.Rule)

		values["controls"] = dec("25")
		hostile.Returns(t, "AssessIndicators", func() {
			_, _, err = AssessIndicators(system, values, NIST80030Scale(), h.D, evaluation.ScoreOptions{})
		})
		hostile.RequireProblem(t, err, nil, "removed_by_controls_percent", h.Rule)
	}
}
