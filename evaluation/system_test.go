package evaluation

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/grassrootsgov/grassroots"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const serviceSystemJSON = `{
  "code": "svc", "name": "provider service quality",
  "indicators": [
    {"code": "Q", "name": "quality", "weight": "0.6", "children": [
      {"code": "Q1", "name": "response", "weight": "0.5", "direction": "benefit",
       "scale": {"min": "1", "max": "5"}, "parties": ["resident", "community"]},
      {"code": "Q2", "name": "complaints per month", "weight": "0.5", "direction": "cost",
       "scale": {"min": "0", "max": "20"}, "parties": ["government"]}
    ]},
    {"code": "S", "name": "satisfaction", "weight": "0.4", "direction": "benefit",
     "scale": {"min": "0", "max": "100"}, "parties": ["resident"]}
  ]
}`

func TestParseSystemAndLeaves(t *testing.T) {
	s, err := ParseSystem([]byte(serviceSystemJSON))
	require.NoError(t, err)
	leaves, err := s.Leaves()
	require.NoError(t, err)
	require.Len(t, leaves, 3)
	assert.Equal(t, []string{"Q", "Q1"}, leaves[0].Path)
	assert.True(t, leaves[0].Weight.Equal(d("0.3")), "global weight 0.6·0.5")
	assert.True(t, leaves[2].Weight.Equal(d("0.4")))
	assert.Equal(t, Cost, leaves[1].Direction)
	assert.Equal(t, []grassroots.Party{grassroots.Resident, grassroots.Community}, leaves[0].Parties)

	out, err := json.Marshal(s)
	require.NoError(t, err)
	again, err := ParseSystem(out)
	require.NoError(t, err)
	assert.Equal(t, mustJSON(t, s), mustJSON(t, again), "save and load give the same system")
}

func TestSystemValidateReportsEveryProblem(t *testing.T) {
	sc := Likert(5)
	bad := Scale{Min: d("5"), Max: d("1")}
	s := System{Indicators: []Indicator{
		{Code: "A", Weight: d("0.5"), Direction: Benefit, Scale: &sc, Parties: []grassroots.Party{grassroots.Resident, grassroots.Resident}},
		{Code: "A", Weight: d("0.4"), Scale: &bad, Parties: []grassroots.Party{0}},
		{Code: "", Weight: d("1.2"), Direction: Cost, Scale: &sc, Children: []Indicator{
			{Code: "C1", Weight: d("1"), Direction: Benefit},
		}},
	}}
	err := s.Validate()
	require.Error(t, err)
	assert.ErrorIs(t, err, grassroots.ErrInvalid)
	var ve *grassroots.ValidationError
	require.True(t, errors.As(err, &ve))
	type fieldRule struct{ path, rule string }
	want := []fieldRule{
		{"indicators[0].parties", grassroots.RuleUnique},             // resident twice
		{"indicators[1].parties[0]", grassroots.RuleEnum},            // not a party
		{"indicators[1].code", grassroots.RuleUnique},                // A twice
		{"indicators[1].direction", grassroots.RuleRequired},         // missing
		{"indicators[1].scale.max", grassroots.RuleOrder},            // max below min
		{"indicators[2].code", grassroots.RuleRequired},              // empty
		{"indicators[2].weight", grassroots.RuleMax},                 // above 1
		{"indicators[2].direction", grassroots.RuleExcluded},         // on a group
		{"indicators[2].scale", grassroots.RuleExcluded},             // on a group
		{"indicators[2].children[0].scale", grassroots.RuleRequired}, // leaf without scale
		{"indicators[2].children[0].parties", grassroots.RuleRequired},
		{"indicators", grassroots.RuleMismatch}, // weights 0.5 + 0.4 + 1.2 ≠ 1
	}
	got := make([]fieldRule, len(ve.Fields))
	for i, f := range ve.Fields {
		got[i] = fieldRule{f.Path, f.Rule}
		if f.Path == "indicators[1].parties[0]" {
			assert.Contains(t, f.Message, "third_party", "%s lists the parties", f.Path)
		}
		if f.Path == "indicators[1].direction" {
			assert.Contains(t, f.Message, "benefit or cost", "%s names the directions", f.Path)
		}
	}
	assert.Equal(t, want, got, "every problem with its rule, in order")
	assert.Error(t, System{}.Validate(), "a system needs indicators")
}

func TestSystemNormalizeMakesSiblingWeightsSumToOne(t *testing.T) {
	sc := Percent()
	leaf := func(code, w string) Indicator {
		return Indicator{Code: code, Weight: d(w), Direction: Benefit, Scale: &sc, Parties: []grassroots.Party{grassroots.ThirdParty}}
	}
	s := System{Code: "raw", Indicators: []Indicator{
		{Code: "G", Weight: d("2"), Children: []Indicator{leaf("a", "1"), leaf("b", "1"), leaf("c", "1")}},
		leaf("x", "1"),
	}}
	require.Error(t, s.Validate(), "raw weights do not sum to 1")
	n, err := s.Normalize(4)
	require.NoError(t, err)
	require.NoError(t, n.Validate())
	assertDecimals(t, []string{"0.6667", "0.3333"}, []decimal.Decimal{n.Indicators[0].Weight, n.Indicators[1].Weight}, "top level")
	kids := n.Indicators[0].Children
	assertDecimals(t, []string{"0.3334", "0.3333", "0.3333"}, []decimal.Decimal{kids[0].Weight, kids[1].Weight, kids[2].Weight}, "thirds")
	assert.True(t, s.Indicators[0].Weight.Equal(d("2")), "the original is unchanged")

	zero := System{Indicators: []Indicator{leaf("z", "0")}}
	_, err = zero.Normalize(4)
	assert.ErrorIs(t, err, grassroots.ErrInvalid)
}

func TestParseSystemRejectsInvalidJSON(t *testing.T) {
	for name, in := range map[string]string{
		"syntax":          `{"indicators": [`,
		"bad direction":   `{"indicators":[{"code":"a","weight":"1","direction":"up","scale":{"min":"1","max":"5"},"parties":["resident"]}]}`,
		"bad party":       `{"indicators":[{"code":"a","weight":"1","direction":"benefit","scale":{"min":"1","max":"5"},"parties":["mayor"]}]}`,
		"bad weight":      `{"indicators":[{"code":"a","weight":"x","direction":"benefit","scale":{"min":"1","max":"5"},"parties":["resident"]}]}`,
		"weights not one": `{"indicators":[{"code":"a","weight":"0.9","direction":"benefit","scale":{"min":"1","max":"5"},"parties":["resident"]}]}`,
	} {
		_, err := ParseSystem([]byte(in))
		assert.ErrorIs(t, err, grassroots.ErrInvalid, name)
	}
}

func TestWeightedSumScoresAndGrades(t *testing.T) {
	s, err := ParseSystem([]byte(serviceSystemJSON))
	require.NoError(t, err)
	card, err := WeightedSum(s, map[string]decimal.Decimal{"Q1": d("4.5"), "Q2": d("2"), "S": d("88")}, ScoreOptions{})
	require.NoError(t, err)
	// Q1: (4.5−1)/4 = 87.5; Q2 (cost): (20−2)/20 = 90; S: 88.
	// Total = 0.3·87.5 + 0.3·90 + 0.4·88 = 26.25 + 27 + 35.2 = 88.45.
	assertDecimals(t, []string{"87.5", "90", "88"}, []decimal.Decimal{card.Indicators[0].Score, card.Indicators[1].Score, card.Indicators[2].Score}, "scores")
	assert.True(t, card.Total.Equal(d("88.45")), "total %s", card.Total)
	assert.Equal(t, "good", card.Grade)
	assert.Equal(t, HalfAwayFromZero, card.Rounding)
	assert.Equal(t, int32(4), card.Scale)

	_, err = WeightedSum(s, map[string]decimal.Decimal{"Q1": d("4.5"), "S": d("88")}, ScoreOptions{})
	assert.ErrorIs(t, err, ErrMissing, "a missing value fails by default")
	part, err := WeightedSum(s, map[string]decimal.Decimal{"Q1": d("4.5"), "S": d("88")}, ScoreOptions{Missing: Renormalize})
	require.NoError(t, err)
	// Weights 0.3 and 0.4 renormalise to 0.4286 and 0.5714.
	assert.True(t, part.Indicators[0].EffectiveWeight.Equal(d("0.4286")))
	assert.True(t, part.Total.Equal(d("87.7857")), "0.4286·87.5 + 0.5714·88 = 37.5025 + 50.2832: %s", part.Total)
	require.Len(t, part.Warnings, 1)
	assert.Equal(t, IndicatorMissing, part.Warnings[0].Kind)

	_, err = WeightedSum(s, map[string]decimal.Decimal{"Q1": d("4.5"), "S": d("88")}, ScoreOptions{Missing: 7})
	assert.ErrorIs(t, err, ErrOption, "an undefined missing policy is refused, not taken for renormalize")
	assert.ErrorContains(t, err, "missing policy: MissingPolicy(7) is not a valid value; valid names: renormalize, fail")

	_, err = WeightedSum(s, map[string]decimal.Decimal{"Q": d("1")}, ScoreOptions{})
	assert.ErrorIs(t, err, ErrUnknownIndicator, "a group takes no value")
	_, err = WeightedSum(s, map[string]decimal.Decimal{"Q1": d("6"), "Q2": d("1"), "S": d("1")}, ScoreOptions{})
	assert.ErrorIs(t, err, ErrValue, "off the scale")
}

func TestBands(t *testing.T) {
	b := DefaultBands()
	require.NoError(t, b.Validate())
	for score, want := range map[string]string{"100": "excellent", "90": "excellent", "89.9999": "good", "80": "good", "60": "qualified", "59.99": "unqualified", "0": "unqualified"} {
		assert.Equal(t, want, b.Grade(d(score)), score)
	}
	bad := Bands{Bands: []Band{{Grade: "a", Min: d("50")}, {Grade: "a", Min: d("60")}, {Grade: "", Min: d("10")}}}
	err := bad.Validate()
	var ve *grassroots.ValidationError
	require.True(t, errors.As(err, &ve))
	for _, p := range []string{"bands[1].grade", "bands[1].min", "bands[2].grade", "default"} {
		assert.True(t, ve.Has(p), p)
	}
}

func TestScaleNormalize(t *testing.T) {
	v, err := Likert(5).Normalize(d("2"), Benefit, 0)
	require.NoError(t, err)
	assert.True(t, v.Equal(d("25")))
	v, err = Likert(5).Normalize(d("2"), Cost, 2)
	require.NoError(t, err)
	assert.True(t, v.Equal(d("75")))
	_, err = Likert(5).Normalize(d("0"), Benefit, 0)
	assert.ErrorIs(t, err, ErrValue)
	_, err = Likert(5).Normalize(d("3"), 0, 0)
	assert.ErrorIs(t, err, ErrOption)
	_, err = Scale{}.Normalize(d("0"), Benefit, 0)
	assert.ErrorIs(t, err, grassroots.ErrInvalid)
}

func TestSystemWithWeightsByCode(t *testing.T) {
	s, err := ParseSystem([]byte(serviceSystemJSON))
	require.NoError(t, err)
	third := d("1").Div(d("3"))
	got, err := s.WithWeights("Q", map[string]decimal.Decimal{"Q2": third, "Q1": third.Mul(d("2"))}, 4)
	require.NoError(t, err)
	assertDecimals(t, []string{"0.6667", "0.3333"}, []decimal.Decimal{got.Indicators[0].Children[0].Weight, got.Indicators[0].Children[1].Weight}, "Q's children by code")
	assert.True(t, s.Indicators[0].Children[0].Weight.Equal(d("0.5")), "the original is unchanged")

	top, err := s.WithWeights("", map[string]decimal.Decimal{"Q": d("3"), "S": d("1")}, 2)
	require.NoError(t, err)
	assertDecimals(t, []string{"0.75", "0.25"}, []decimal.Decimal{top.Indicators[0].Weight, top.Indicators[1].Weight}, "the top level")

	type fieldRule struct{ path, rule string }
	for name, tt := range map[string]struct {
		group   string
		weights map[string]decimal.Decimal
		want    []fieldRule
	}{
		"unknown group":  {"X", map[string]decimal.Decimal{"Q1": one}, []fieldRule{{"group", grassroots.RuleReference}}},
		"leaf as group":  {"S", map[string]decimal.Decimal{"Q1": one}, []fieldRule{{"group", grassroots.RuleReference}}},
		"not a sibling":  {"Q", map[string]decimal.Decimal{"Q1": one, "Q2": one, "S": one}, []fieldRule{{"weights.S", grassroots.RuleReference}}},
		"missing weight": {"Q", map[string]decimal.Decimal{"Q1": one}, []fieldRule{{"weights.Q2", grassroots.RuleRequired}}},
		"negative":       {"Q", map[string]decimal.Decimal{"Q1": one, "Q2": d("-1")}, []fieldRule{{"weights.Q2", grassroots.RuleMin}}},
		"zero sum":       {"Q", map[string]decimal.Decimal{"Q1": decimal.Zero, "Q2": decimal.Zero}, []fieldRule{{"weights", grassroots.RuleMin}}},
	} {
		_, err := s.WithWeights(tt.group, tt.weights, 4)
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve, name)
		var got []fieldRule
		for _, f := range ve.Fields {
			got = append(got, fieldRule{f.Path, f.Rule})
		}
		assert.Equal(t, tt.want, got, name)
	}
}
