package evaluation

import (
	"math"
	"testing"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/hostile"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func serviceSystem(t *testing.T) System {
	s, err := ParseSystem([]byte(serviceSystemJSON))
	require.NoError(t, err)
	return s
}

// systemEdits set one decimal of serviceSystem, naming its path.
var systemEdits = []struct {
	path string
	set  func(*System, decimal.Decimal)
}{
	{"indicators[0].weight", func(s *System, d decimal.Decimal) { s.Indicators[0].Weight = d }},
	{"indicators[0].children[1].weight", func(s *System, d decimal.Decimal) { s.Indicators[0].Children[1].Weight = d }},
	{"indicators[0].children[0].scale.min", func(s *System, d decimal.Decimal) { s.Indicators[0].Children[0].Scale.Min = d }},
	{"indicators[1].scale.max", func(s *System, d decimal.Decimal) { s.Indicators[1].Scale.Max = d }},
}

func TestSystemRefusesHostileDecimals(t *testing.T) {
	for _, e := range systemEdits {
		for _, h := range hostile.Decimals {
			t.Run(e.path+"="+h.Name, func(t *testing.T) {
				s := serviceSystem(t)
				e.set(&s, h.D)
				var err error
				hostile.Returns(t, "Validate", func() { err = s.Validate() })
				hostile.RequireProblem(t, err, nil, e.path, h.Rule)
				hostile.Returns(t, "Leaves", func() { _, err = s.Leaves() })
				hostile.RequireProblem(t, err, nil, e.path, h.Rule)
				hostile.Returns(t, "Normalize", func() { _, err = s.Normalize(4) })
				hostile.RequireProblem(t, err, nil, e.path, h.Rule)
				hostile.Returns(t, "WeightedSum", func() {
					_, err = WeightedSum(s, map[string]decimal.Decimal{"Q1": d("3"), "Q2": d("5"), "S": d("80")}, ScoreOptions{})
				})
				hostile.RequireProblem(t, err, nil, e.path, h.Rule)
				hostile.Returns(t, "Aggregate", func() {
					_, err = Aggregate(s, []Rating{{Subject: "p1", Indicator: "S", Party: grassroots.Resident, Value: d("80")}}, AggregateOptions{})
				})
				hostile.RequireProblem(t, err, nil, e.path, h.Rule)
			})
		}
	}
}

func TestScaleAndBandsRefuseHostileDecimals(t *testing.T) {
	for _, h := range hostile.Decimals {
		var err error
		s := Scale{Min: h.D, Max: d("5")}
		hostile.Returns(t, "Scale.Validate", func() { err = s.Validate() })
		hostile.RequireProblem(t, err, nil, "min", h.Rule)
		s = Scale{Min: d("1"), Max: h.D}
		hostile.Returns(t, "Scale.Normalize", func() { _, err = s.Normalize(d("3"), Benefit, 2) })
		hostile.RequireProblem(t, err, nil, "max", h.Rule)
		hostile.Returns(t, "Scale.Normalize", func() { _, err = Likert(5).Normalize(h.D, Benefit, 2) })
		hostile.RequireProblem(t, err, ErrValue, "value", h.Rule)

		b := DefaultBands()
		b.Bands[1].Min = h.D
		hostile.Returns(t, "Bands.Validate", func() { err = b.Validate() })
		hostile.RequireProblem(t, err, nil, "bands[1].min", h.Rule)
		hostile.Returns(t, "WeightedSum", func() {
			_, err = WeightedSum(serviceSystem(t), map[string]decimal.Decimal{"Q1": d("3"), "Q2": d("5"), "S": d("80")}, ScoreOptions{Bands: b})
		})
		hostile.RequireProblem(t, err, nil, "bands.bands[1].min", h.Rule)
	}
	big, small := decimal.New(1, math.MaxInt32), decimal.New(1, math.MinInt32)
	hostile.Returns(t, "Contains and Grade", func() {
		assert.False(t, Likert(5).Contains(big))
		assert.False(t, Likert(5).Contains(small))
		assert.True(t, Percent().Contains(small))
		assert.True(t, Percent().Contains(decimal.New(0, math.MaxInt32)))
		assert.False(t, Percent().Contains(decimal.New(-1, math.MaxInt32)))
		assert.Equal(t, "excellent", DefaultBands().Grade(big))
		assert.Equal(t, "unqualified", DefaultBands().Grade(small))
	})
}

func TestScoringRefusesHostileDecimals(t *testing.T) {
	values := func(v decimal.Decimal) map[string]decimal.Decimal {
		return map[string]decimal.Decimal{"Q1": d("3"), "Q2": v, "S": d("80")}
	}
	for _, h := range hostile.Decimals {
		t.Run(h.Name, func(t *testing.T) {
			s := serviceSystem(t)
			var err error
			hostile.Returns(t, "WeightedSum", func() { _, err = WeightedSum(s, values(h.D), ScoreOptions{}) })
			hostile.RequireProblem(t, err, ErrValue, "values.Q2", h.Rule)

			hostile.Returns(t, "WithWeights", func() {
				_, err = s.WithWeights("Q", map[string]decimal.Decimal{"Q1": d("1"), "Q2": h.D}, 4)
			})
			hostile.RequireProblem(t, err, nil, "weights.Q2", h.Rule)
			hostile.Returns(t, "NormalizeWeights", func() { _, err = NormalizeWeights([]decimal.Decimal{d("1"), h.D}, 4) })
			hostile.RequireProblem(t, err, ErrValue, "weights[1]", h.Rule)

			ratings := []Rating{
				{Subject: "p1", Indicator: "S", Party: grassroots.Resident, Value: d("80")},
				{Subject: "p1", Indicator: "S", Party: grassroots.Resident, Value: h.D},
			}
			hostile.Returns(t, "Aggregate", func() { _, err = Aggregate(s, ratings, AggregateOptions{}) })
			var re *RatingError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, 1, re.Index)
			hostile.RequireProblem(t, err, ErrValue, "value", h.Rule)
			assert.Less(t, len(err.Error()), 300, "a short message: %v", err)

			ok := ratings[:1]
			opts := []struct {
				path string
				opts AggregateOptions
			}{
				{"trim", AggregateOptions{Central: TrimmedMean, Trim: h.D}},
				{"party_weights.resident", AggregateOptions{PartyWeights: map[grassroots.Party]decimal.Decimal{grassroots.Resident: h.D}}},
				{"indicator_party_weights.Q1.community", AggregateOptions{IndicatorPartyWeights: map[string]map[grassroots.Party]decimal.Decimal{
					"Q1": {grassroots.Resident: d("1"), grassroots.Community: h.D}}}},
			}
			for _, o := range opts {
				hostile.Returns(t, "Aggregate", func() { _, err = Aggregate(s, ok, o.opts) })
				hostile.RequireProblem(t, err, ErrOption, o.path, h.Rule)
			}
		})
	}
}

func TestMethodsRefuseHostileDecimals(t *testing.T) {
	m := mustPairwise(t, "1 1/3 1/5; 3 1 1/4; 5 4 1")
	x := func(v decimal.Decimal) [][]decimal.Decimal {
		return [][]decimal.Decimal{ds("1", "2"), {d("3"), v}, ds("5", "6")}
	}
	w := ds("0.5", "0.5")
	dirs := []Direction{Benefit, Cost}
	for _, h := range hostile.Decimals {
		t.Run(h.Name, func(t *testing.T) {
			var err error
			hostile.Returns(t, "NewPairwise", func() {
				_, err = NewPairwise([][]decimal.Decimal{ds("1", "3"), {h.D, d("1")}})
			})
			hostile.RequireProblem(t, err, ErrPairwise, "rows[1][0]", h.Rule)
			hostile.Returns(t, "AHP", func() { _, err = AHP(m, AHPOptions{Threshold: h.D}) })
			hostile.RequireProblem(t, err, ErrOption, "threshold", h.Rule)
			hostile.Returns(t, "GroupAHP", func() { _, err = GroupAHP([]Pairwise{m, m}, []decimal.Decimal{d("1"), h.D}, AIJ, AHPOptions{}) })
			hostile.RequireProblem(t, err, ErrValue, "experts[1]", h.Rule)
			hostile.Returns(t, "Synthesize", func() {
				_, err = Synthesize(Node{Code: "g", Matrix: m, Children: []Node{{Code: "a"}, {Code: "b"}, {Code: "c"}}}, AHPOptions{Threshold: h.D})
			})
			hostile.RequireProblem(t, err, ErrOption, "threshold", h.Rule)
			hostile.Returns(t, "NewRITable", func() { _, err = NewRITable("mine", []decimal.Decimal{d("0.58"), h.D}) })
			hostile.RequireProblem(t, err, ErrOption, "values[1]", h.Rule)

			hostile.Returns(t, "EntropyWeights", func() { _, err = EntropyWeights(x(h.D), WeightOptions{}) })
			hostile.RequireProblem(t, err, ErrValue, "x[1][1]", h.Rule)
			hostile.Returns(t, "CRITIC", func() { _, err = CRITIC(x(h.D), dirs, WeightOptions{}) })
			hostile.RequireProblem(t, err, ErrValue, "x[1][1]", h.Rule)
			hostile.Returns(t, "TOPSIS", func() { _, err = TOPSIS(x(h.D), w, dirs, TOPSISOptions{}) })
			hostile.RequireProblem(t, err, ErrValue, "x[1][1]", h.Rule)
			hostile.Returns(t, "TOPSIS", func() { _, err = TOPSIS(x(d("4")), []decimal.Decimal{d("0.5"), h.D}, dirs, TOPSISOptions{}) })
			hostile.RequireProblem(t, err, ErrValue, "weights[1]", h.Rule)

			r := [][]decimal.Decimal{ds("0.5", "0.5"), ds("0.2", "0.8")}
			hostile.Returns(t, "FuzzyEvaluate", func() { _, err = FuzzyEvaluate([]decimal.Decimal{d("0.5"), h.D}, r, FuzzyOptions{}) })
			hostile.RequireProblem(t, err, ErrValue, "w[1]", h.Rule)
			hostile.Returns(t, "FuzzyEvaluate", func() {
				_, err = FuzzyEvaluate(w, [][]decimal.Decimal{ds("0.5", "0.5"), {d("0.2"), h.D}}, FuzzyOptions{})
			})
			hostile.RequireProblem(t, err, ErrValue, "r[1][1]", h.Rule)
			hostile.Returns(t, "FuzzyEvaluate", func() { _, err = FuzzyEvaluate(w, r, FuzzyOptions{GradeScores: []decimal.Decimal{d("90"), h.D}}) })
			hostile.RequireProblem(t, err, ErrOption, "grade_scores[1]", h.Rule)
			groups := []FuzzyGroup{{Weights: w, Membership: r}, {Weights: []decimal.Decimal{h.D, d("0.5")}, Membership: [][]decimal.Decimal{ds("1", "0"), {h.D, d("0")}}}}
			hostile.Returns(t, "FuzzyEvaluateTwoLevel", func() { _, err = FuzzyEvaluateTwoLevel([]decimal.Decimal{h.D, d("0.5")}, groups, FuzzyOptions{}) })
			hostile.RequireProblem(t, err, ErrValue, "w[0]", h.Rule)
			hostile.RequireProblem(t, err, ErrValue, "groups[1].weights[0]", h.Rule)
			hostile.RequireProblem(t, err, ErrValue, "groups[1].membership[1][0]", h.Rule)
		})
	}
}
