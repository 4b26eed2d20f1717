package enumtest

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/grassrootsgov/grassroots/internal/enum"
)

type shade uint8

var shadeNames = enum.New[shade]("enumtest.shade", "light", "dark", "very_dark")

func (s shade) IsValid() bool                       { return shadeNames.Valid(s) }
func (s shade) String() string                      { return shadeNames.String(s) }
func (s shade) AppendText(b []byte) ([]byte, error) { return shadeNames.Append(b, s) }
func (s shade) MarshalText() ([]byte, error)        { return shadeNames.Marshal(s) }
func (s *shade) UnmarshalText(b []byte) error       { return shadeNames.Unmarshal(s, b) }
func parseShade(s string) (shade, error)            { return shadeNames.Parse(s) }

func TestOfAcceptsATableBackedEnumeration(t *testing.T) {
	c := Of(shadeNames, parseShade)
	assert.Equal(t, "enumtest.shade", c.typ, "the case is named by the Go type")
	c.check(t)
}

func TestDeclaredTablesReadsEnumNewCalls(t *testing.T) {
	assert.Equal(t, []string{"paint.Color", "paint.Finish"}, declaredTables(t, "testdata/paint"),
		"only enum.New calls with a literal name count")
}
