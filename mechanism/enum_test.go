package mechanism

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/internal/enum/enumtest"
)

func newRand(t testing.TB, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(testSeed(t), stream))
}

func TestEnums(t *testing.T) {
	enumtest.Run(t,
		enumtest.Of(layerNames, ParseLayer),
		enumtest.Of(mechanismNames, ParseMechanism),
		enumtest.Of(performerNames, ParsePerformer),
		enumtest.Of(latencyNames, ParseLatency),
		enumtest.Of(actionNames, ParseAction),
		enumtest.Of(unitNames, ParseUnit),
		enumtest.Of(weightingNames, ParseWeighting),
		enumtest.Of(codeNames, ParseCode),
		enumtest.Of(traitNames, ParseTrait),
		enumtest.Of(comparisonNames, ParseComparison),
	)
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
