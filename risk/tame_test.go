package risk

import (
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/evaluation"
)

// hostile are decimals built in Go with exponents no JSON carries: decimal
// would align them with another operand through a power of ten of two
// billion digits, and print as many.
var hostile = []struct {
	name string
	d    decimal.Decimal
	rule string
}{
	{"1e2147483647", decimal.New(1, math.MaxInt32), grassroots.RuleMax},
	{"-1e2147483647", decimal.New(-1, math.MaxInt32), grassroots.RuleMax},
	{"1e-2147483648", decimal.New(1, math.MinInt32), grassroots.RuleFormat},
	{"0e2147483647", decimal.New(0, math.MaxInt32), grassroots.RuleMax},
}

// returns runs f and stops the test binary when f has not returned within
// ten seconds: a regression fails the suite instead of hanging it while
// the runaway computation takes the machine's memory.
func returns(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		panic(fmt.Sprintf("%s: %s did not return within 10 seconds", t.Name(), what))
	}
}

// requireTameProblem checks that err holds a *grassroots.ValidationError
// with a short problem of rule at path.
func requireTameProblem(t *testing.T, err error, path, rule string) {
	t.Helper()
	var ve *grassroots.ValidationError
	require.True(t, errors.As(err, &ve), "want a validation error, got %v", err)
	for _, f := range ve.Fields {
		if f.Path == path {
			assert.Equal(t, rule, f.Rule, path)
			assert.Less(t, len(f.Message), 200, "a short message: %s", f.Message)
			return
		}
	}
	t.Errorf("no problem at %s in %v", path, ve.Fields)
}

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
	for _, h := range hostile {
		t.Run("threshold="+h.name, func(t *testing.T) {
			rs := rules(h.d)
			for i := range rs {
				var err error
				returns(t, "Rule.Validate", func() { err = rs[i].Validate() })
				requireTameProblem(t, err, "condition.threshold", h.rule)
			}
			var hits []Hit
			var err error
			returns(t, "Detect", func() { hits, err = Detect(rs, observations, nil, t0) })
			assert.Empty(t, hits)
			for i := range rs {
				requireTameProblem(t, err, grassroots.ElementPath("rules", i)+".condition.threshold", h.rule)
			}
		})
		t.Run("value="+h.name, func(t *testing.T) {
			os := append([]Observation(nil), observations...)
			os[1].Value = h.d // at the same instant as os[0]: they are ordered by value
			var hits []Hit
			var err error
			returns(t, "Detect", func() { hits, err = Detect(rules(dec("0.2")), os, nil, t0) })
			assert.Empty(t, hits)
			requireTameProblem(t, err, "observations[1].value", h.rule)
		})
	}
}

func TestComparisonHoldsOnHostileDecimals(t *testing.T) {
	big, small := decimal.New(1, math.MaxInt32), decimal.New(1, math.MinInt32)
	returns(t, "Holds", func() {
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
	for _, h := range hostile {
		t.Run(h.name, func(t *testing.T) {
			s := NIST80030Scale()
			s.Max = h.d
			var err error
			returns(t, "Validate", func() { err = s.Validate() })
			assert.ErrorIs(t, err, ErrInvalidMatrix)
			requireTameProblem(t, err, "max", h.rule)

			s = NIST80030Scale()
			s.Bins[2].Min = h.d
			returns(t, "Validate", func() { err = s.Validate() })
			requireTameProblem(t, err, "bins[2].min", h.rule)
			returns(t, "Level", func() { _, err = s.Level(dec("50")) })
			requireTameProblem(t, err, "bins[2].min", h.rule)

			s = NIST80030Scale()
			returns(t, "Level", func() { _, err = s.Level(h.d) })
			requireTameProblem(t, err, "score", h.rule)
			returns(t, "Assess", func() { _, err = s.Assess(h.d, dec("20")) })
			requireTameProblem(t, err, "score", h.rule)
			returns(t, "Assess", func() { _, err = s.Assess(dec("50"), h.d) })
			requireTameProblem(t, err, "removed_by_controls_percent", h.rule)
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
	for _, h := range hostile {
		for _, e := range edits {
			a := base
			e.set(&a, h.d)
			returns(t, "Assessment.Validate", func() { err = a.Validate() })
			requireTameProblem(t, err, e.path, h.rule)
			var es []Event
			returns(t, "Decide", func() { es, err = decider.Decide(Risk{}, Assess{Meta: meta(owner, t0), Assessment: a}) })
			assert.Empty(t, es)
			requireTameProblem(t, err, "assessment."+e.path, h.rule)
		}

		rem := remediateCmd(t0)
		rem.Impact.FinancialLoss = h.d
		var es []Event
		returns(t, "Decide", func() { es, err = decider.Decide(Risk{}, rem) })
		assert.Empty(t, es)
		requireTameProblem(t, err, "impact.financial_loss", h.rule)

		id := identifyCmd(t0)
		id.Source = SourceRuleHit
		id.Hit = &Hit{Rule: "r", RuleVersion: 1, Category: id.Category, Subject: id.Subject, Indicator: "i", At: t0,
			Evidence: Evidence{Condition: ConditionThreshold, Compare: Above, Threshold: h.d, Value: h.d, Observations: 1, From: t0, To: t0}}
		returns(t, "Decide", func() { es, err = decider.Decide(Risk{}, id) })
		assert.Empty(t, es)
		requireTameProblem(t, err, "hit.evidence.threshold", h.rule)
		requireTameProblem(t, err, "hit.evidence.value", h.rule)
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
	for _, h := range hostile {
		ss := samples()
		ss[3].Weight = h.d
		var err error
		returns(t, "Fairness", func() { _, err = Fairness(ss, FairnessOptions{Weighted: true, Reference: "b"}) })
		requireTameProblem(t, err, "samples[3].weight", h.rule)

		returns(t, "Fairness", func() { _, err = Fairness(samples(), FairnessOptions{Weighted: true, Reference: "b", Threshold: h.d}) })
		requireTameProblem(t, err, "threshold", h.rule)
	}
}

func TestAssessIndicatorsRefusesHostileDecimals(t *testing.T) {
	percent := &evaluation.Scale{Min: dec("0"), Max: dec("100")}
	system := evaluation.System{Code: "ds", Name: "data security", Indicators: []evaluation.Indicator{
		{Code: "exposure", Name: "records exposed", Weight: dec("0.6"), Direction: evaluation.Benefit, Scale: percent, Parties: []grassroots.Party{grassroots.ThirdParty}},
		{Code: "controls", Name: "controls in place", Weight: dec("0.4"), Direction: evaluation.Cost, Scale: percent, Parties: []grassroots.Party{grassroots.ThirdParty}},
	}}
	for _, h := range hostile {
		var err error
		values := map[string]decimal.Decimal{"exposure": dec("90"), "controls": h.d}
		returns(t, "AssessIndicators", func() {
			_, _, err = AssessIndicators(system, values, NIST80030Scale(), dec("20"), evaluation.ScoreOptions{})
		})
		requireTameProblem(t, err, "values.controls", h.rule)

		values["controls"] = dec("25")
		returns(t, "AssessIndicators", func() {
			_, _, err = AssessIndicators(system, values, NIST80030Scale(), h.d, evaluation.ScoreOptions{})
		})
		requireTameProblem(t, err, "removed_by_controls_percent", h.rule)
	}
}
