package grid

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/grassrootsgov/grassroots/internal/enum/enumtest"
)

func TestEnums(t *testing.T) {
	enumtest.Run(t,
		enumtest.Of(crsNames, ParseCRS),
		enumtest.Of(levelNames, ParseLevel),
		enumtest.Of(kindNames, ParseKind),
		enumtest.Of(defectNames, ParseDefect),
		enumtest.Of(workerKindNames, ParseWorkerKind),
		enumtest.Of(sizingProblemNames, ParseSizingProblem),
	)
}

func TestLevelsOrderTopDown(t *testing.T) {
	levels := []Level{LevelCity, LevelDistrict, LevelStreet, LevelCommunity, LevelGrid, LevelMicroGrid}
	for i := 1; i < len(levels); i++ {
		assert.Less(t, levels[i-1], levels[i], "%s above %s", levels[i-1], levels[i])
	}
	assert.Equal(t, Level(1), LevelCity, "enums start at 1")
}
