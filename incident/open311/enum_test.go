package open311

import (
	"testing"

	"github.com/grassrootsgov/grassroots/internal/enum/enumtest"
)

func TestEnums(t *testing.T) {
	enumtest.Run(t,
		enumtest.Of(statusNames, ParseStatus),
		enumtest.Of(formatNames, ParseFormat),
	)
}
