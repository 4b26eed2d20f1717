package evaluation

import (
	"testing"

	"github.com/grassrootsgov/grassroots/internal/enum/enumtest"
)

func TestEnums(t *testing.T) {
	enumtest.Run(t,
		enumtest.Of(directionNames, ParseDirection),
		enumtest.Of(methodNames, ParseMethod),
		enumtest.Of(operatorNames, ParseOperator),
		enumtest.Of(groupMethodNames, ParseGroupMethod),
		enumtest.Of(centralNames, ParseCentral),
		enumtest.Of(levelNames, ParseLevel),
		enumtest.Of(warningKindNames, ParseWarningKind),
		enumtest.Of(missingPolicyNames, ParseMissingPolicy),
		enumtest.Of(normalizationNames, ParseNormalization),
	)
}
