package mechanism

import (
	"encoding"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newRand(t testing.TB, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(testSeed(t), stream))
}

type textEnum interface {
	encoding.TextMarshaler
	String() string
	IsValid() bool
}

func TestEnumsRoundTrip(t *testing.T) {
	cases := []struct {
		name   string
		values []textEnum
		parse  func(string) (textEnum, error)
		bad    textEnum
	}{
		{"layer", enums(Layers()), func(s string) (textEnum, error) { return ParseLayer(s) }, Layer(9)},
		{"mechanism", enums(Mechanisms()), func(s string) (textEnum, error) { return ParseMechanism(s) }, Mechanism(0)},
		{"performer", enums([]Performer{ByProvider, ByGovernment}), func(s string) (textEnum, error) { return ParsePerformer(s) }, Performer(3)},
		{"latency", enums([]Latency{RealTime, Batch}), func(s string) (textEnum, error) { return ParseLatency(s) }, Latency(3)},
		{"action", enums([]Action{Post, Comment, Propose, Vote, Attend, AnswerSurvey, JoinAction}), func(s string) (textEnum, error) { return ParseAction(s) }, Action(8)},
		{"unit", enums([]Unit{Ratio, PerThousand, Hours, FTE, Count}), func(s string) (textEnum, error) { return ParseUnit(s) }, Unit(6)},
		{"direction", enums([]Direction{Benefit, Cost}), func(s string) (textEnum, error) { return ParseDirection(s) }, Direction(3)},
		{"weighting", enums([]Weighting{EqualWeights, StandardHourWeights}), func(s string) (textEnum, error) { return ParseWeighting(s) }, Weighting(3)},
		{"code", enums(Codes()), func(s string) (textEnum, error) { return ParseCode(s) }, Code(200)},
		{"model", enums(Models()), func(s string) (textEnum, error) { return ParseModel(s) }, Model(4)},
		{"trait", enums(Traits()), func(s string) (textEnum, error) { return ParseTrait(s) }, Trait(5)},
		{"comparison", enums([]Comparison{Below, AtLeast}), func(s string) (textEnum, error) { return ParseComparison(s) }, Comparison(3)},
	}
	for _, tc := range cases {
		names := map[string]bool{}
		for _, v := range tc.values {
			require.True(t, v.IsValid(), "%s %v valid", tc.name, v)
			b, err := v.MarshalText()
			require.NoError(t, err, "%s %v", tc.name, v)
			assert.Equal(t, v.String(), string(b), "%s: String is the wire name", tc.name)
			assert.False(t, names[string(b)], "%s: wire name %q unique", tc.name, b)
			names[string(b)] = true
			back, err := tc.parse(string(b))
			require.NoError(t, err, "%s %q parses", tc.name, b)
			assert.Equal(t, v, back, "%s %q round trip", tc.name, b)
		}
		assert.False(t, tc.bad.IsValid(), "%s: out-of-range value invalid", tc.name)
		assert.Contains(t, tc.bad.String(), "(", "%s: invalid value prints its number", tc.name)
		_, err := tc.bad.MarshalText()
		assert.ErrorIs(t, err, ErrUnknownName, "%s: invalid value does not marshal", tc.name)
		_, err = tc.parse("Nope")
		assert.ErrorIs(t, err, ErrUnknownName, "%s: unknown name", tc.name)
		var ne *NameError
		assert.ErrorAs(t, err, &ne, "%s: typed error", tc.name)
	}
}

func enums[E textEnum](vs []E) []textEnum {
	out := make([]textEnum, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

func TestDefinitionsCoverEveryCode(t *testing.T) {
	defs := Definitions()
	require.Len(t, defs, len(Codes()))
	for i, d := range defs {
		assert.Equal(t, Codes()[i], d.Code)
		assert.NotEmpty(t, d.Name, "%s has a name", d.Code)
		assert.True(t, d.Unit.IsValid() && d.Layer.IsValid() && d.Mechanism.IsValid() && d.Direction.IsValid(), "%s fully defined", d.Code)
	}
	_, ok := Code(0).Definition()
	assert.False(t, ok, "zero code has no definition")
}
