package evaluation

import (
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
// with a short problem of rule at path, and matches sentinel when set.
func requireTameProblem(t *testing.T, err error, sentinel error, path, rule string) {
	t.Helper()
	if sentinel != nil {
		assert.ErrorIs(t, err, sentinel, path)
	}
	var ve *grassroots.ValidationError
	require.True(t, errors.As(err, &ve), "%s: want a validation error, got %v", path, err)
	for _, f := range ve.Fields {
		if f.Path == path {
			assert.Equal(t, rule, f.Rule, path)
			assert.Less(t, len(f.Message), 200, "a short message: %s", f.Message)
			return
		}
	}
	t.Errorf("no problem at %s in %v", path, ve.Fields)
}

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
		for _, h := range hostile {
			t.Run(e.path+"="+h.name, func(t *testing.T) {
				s := serviceSystem(t)
				e.set(&s, h.d)
				var err error
				returns(t, "Validate", func() { err = s.Validate() })
				requireTameProblem(t, err, nil, e.path, h.rule)
				returns(t, "Leaves", func() { _, err = s.Leaves() })
				requireTameProblem(t, err, nil, e.path, h.rule)
				returns(t, "Normalize", func() { _, err = s.Normalize(4) })
				requireTameProblem(t, err, nil, e.path, h.rule)
				returns(t, "WeightedSum", func() {
					_, err = WeightedSum(s, map[string]decimal.Decimal{"Q1": d("3"), "Q2": d("5"), "S": d("80")}, ScoreOptions{})
				})
				requireTameProblem(t, err, nil, e.path, h.rule)
				returns(t, "Aggregate", func() {
					_, err = Aggregate(s, []Rating{{Subject: "p1", Indicator: "S", Party: grassroots.Resident, Value: d("80")}}, AggregateOptions{})
				})
				requireTameProblem(t, err, nil, e.path, h.rule)
			})
		}
	}
}

func TestScaleAndBandsRefuseHostileDecimals(t *testing.T) {
	for _, h := range hostile {
		var err error
		s := Scale{Min: h.d, Max: d("5")}
		returns(t, "Scale.Validate", func() { err = s.Validate() })
		requireTameProblem(t, err, nil, "min", h.rule)
		s = Scale{Min: d("1"), Max: h.d}
		returns(t, "Scale.Normalize", func() { _, err = s.Normalize(d("3"), Benefit, 2) })
		requireTameProblem(t, err, nil, "max", h.rule)
		returns(t, "Scale.Normalize", func() { _, err = Likert(5).Normalize(h.d, Benefit, 2) })
		requireTameProblem(t, err, ErrValue, "value", h.rule)

		b := DefaultBands()
		b.Bands[1].Min = h.d
		returns(t, "Bands.Validate", func() { err = b.Validate() })
		requireTameProblem(t, err, nil, "bands[1].min", h.rule)
		returns(t, "WeightedSum", func() {
			_, err = WeightedSum(serviceSystem(t), map[string]decimal.Decimal{"Q1": d("3"), "Q2": d("5"), "S": d("80")}, ScoreOptions{Bands: b})
		})
		requireTameProblem(t, err, nil, "bands.bands[1].min", h.rule)
	}
	big, small := decimal.New(1, math.MaxInt32), decimal.New(1, math.MinInt32)
	returns(t, "Contains and Grade", func() {
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
	for _, h := range hostile {
		t.Run(h.name, func(t *testing.T) {
			s := serviceSystem(t)
			var err error
			returns(t, "WeightedSum", func() { _, err = WeightedSum(s, values(h.d), ScoreOptions{}) })
			requireTameProblem(t, err, ErrValue, "values.Q2", h.rule)

			returns(t, "WithWeights", func() {
				_, err = s.WithWeights("Q", map[string]decimal.Decimal{"Q1": d("1"), "Q2": h.d}, 4)
			})
			requireTameProblem(t, err, nil, "weights.Q2", h.rule)
			returns(t, "NormalizeWeights", func() { _, err = NormalizeWeights([]decimal.Decimal{d("1"), h.d}, 4) })
			requireTameProblem(t, err, ErrValue, "weights[1]", h.rule)

			ratings := []Rating{
				{Subject: "p1", Indicator: "S", Party: grassroots.Resident, Value: d("80")},
				{Subject: "p1", Indicator: "S", Party: grassroots.Resident, Value: h.d},
			}
			returns(t, "Aggregate", func() { _, err = Aggregate(s, ratings, AggregateOptions{}) })
			var re *RatingError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, 1, re.Index)
			requireTameProblem(t, err, ErrValue, "value", h.rule)
			assert.Less(t, len(err.Error()), 300, "a short message: %v", err)

			ok := ratings[:1]
			opts := []struct {
				path string
				opts AggregateOptions
			}{
				{"trim", AggregateOptions{Central: TrimmedMean, Trim: h.d}},
				{"party_weights.resident", AggregateOptions{PartyWeights: map[grassroots.Party]decimal.Decimal{grassroots.Resident: h.d}}},
				{"indicator_party_weights.Q1.community", AggregateOptions{IndicatorPartyWeights: map[string]map[grassroots.Party]decimal.Decimal{
					"Q1": {grassroots.Resident: d("1"), grassroots.Community: h.d}}}},
			}
			for _, o := range opts {
				returns(t, "Aggregate", func() { _, err = Aggregate(s, ok, o.opts) })
				requireTameProblem(t, err, ErrOption, o.path, h.rule)
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
	for _, h := range hostile {
		t.Run(h.name, func(t *testing.T) {
			var err error
			returns(t, "NewPairwise", func() {
				_, err = NewPairwise([][]decimal.Decimal{ds("1", "3"), {h.d, d("1")}})
			})
			requireTameProblem(t, err, ErrPairwise, "rows[1][0]", h.rule)
			returns(t, "AHP", func() { _, err = AHP(m, AHPOptions{Threshold: h.d}) })
			requireTameProblem(t, err, ErrOption, "threshold", h.rule)
			returns(t, "GroupAHP", func() { _, err = GroupAHP([]Pairwise{m, m}, []decimal.Decimal{d("1"), h.d}, AIJ, AHPOptions{}) })
			requireTameProblem(t, err, ErrValue, "experts[1]", h.rule)
			returns(t, "Synthesize", func() {
				_, err = Synthesize(Node{Code: "g", Matrix: m, Children: []Node{{Code: "a"}, {Code: "b"}, {Code: "c"}}}, AHPOptions{Threshold: h.d})
			})
			requireTameProblem(t, err, ErrOption, "threshold", h.rule)
			returns(t, "NewRITable", func() { _, err = NewRITable("mine", []decimal.Decimal{d("0.58"), h.d}) })
			requireTameProblem(t, err, ErrOption, "values[1]", h.rule)

			returns(t, "EntropyWeights", func() { _, err = EntropyWeights(x(h.d), WeightOptions{}) })
			requireTameProblem(t, err, ErrValue, "x[1][1]", h.rule)
			returns(t, "CRITIC", func() { _, err = CRITIC(x(h.d), dirs, WeightOptions{}) })
			requireTameProblem(t, err, ErrValue, "x[1][1]", h.rule)
			returns(t, "TOPSIS", func() { _, err = TOPSIS(x(h.d), w, dirs, TOPSISOptions{}) })
			requireTameProblem(t, err, ErrValue, "x[1][1]", h.rule)
			returns(t, "TOPSIS", func() { _, err = TOPSIS(x(d("4")), []decimal.Decimal{d("0.5"), h.d}, dirs, TOPSISOptions{}) })
			requireTameProblem(t, err, ErrValue, "weights[1]", h.rule)

			r := [][]decimal.Decimal{ds("0.5", "0.5"), ds("0.2", "0.8")}
			returns(t, "FuzzyEvaluate", func() { _, err = FuzzyEvaluate([]decimal.Decimal{d("0.5"), h.d}, r, FuzzyOptions{}) })
			requireTameProblem(t, err, ErrValue, "w[1]", h.rule)
			returns(t, "FuzzyEvaluate", func() {
				_, err = FuzzyEvaluate(w, [][]decimal.Decimal{ds("0.5", "0.5"), {d("0.2"), h.d}}, FuzzyOptions{})
			})
			requireTameProblem(t, err, ErrValue, "r[1][1]", h.rule)
			returns(t, "FuzzyEvaluate", func() { _, err = FuzzyEvaluate(w, r, FuzzyOptions{GradeScores: []decimal.Decimal{d("90"), h.d}}) })
			requireTameProblem(t, err, ErrOption, "grade_scores[1]", h.rule)
			groups := []FuzzyGroup{{Weights: w, Membership: r}, {Weights: []decimal.Decimal{h.d, d("0.5")}, Membership: [][]decimal.Decimal{ds("1", "0"), {h.d, d("0")}}}}
			returns(t, "FuzzyEvaluateTwoLevel", func() { _, err = FuzzyEvaluateTwoLevel([]decimal.Decimal{h.d, d("0.5")}, groups, FuzzyOptions{}) })
			requireTameProblem(t, err, ErrValue, "w[0]", h.rule)
			requireTameProblem(t, err, ErrValue, "groups[1].weights[0]", h.rule)
			requireTameProblem(t, err, ErrValue, "groups[1].membership[1][0]", h.rule)
		})
	}
}
