package workday

import (
	"testing"

	"github.com/grassrootsgov/grassroots/internal/enum/enumtest"
)

func TestEnums(t *testing.T) {
	enumtest.Run(t, enumtest.Of(units, ParseUnit))
}
