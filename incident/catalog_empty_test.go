package incident

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The zero Catalog and a nil *Catalog hold no categories.
func TestCatalogEmpty(t *testing.T) {
	for name, empty := range map[string]*Catalog{"zero": new(Catalog), "nil": nil} {
		_, ok := empty.Lookup("002")
		assert.False(t, ok, "%s: Lookup", name)
		assert.Empty(t, empty.Categories(), name)
		assert.Zero(t, empty.Len(), name)
		b, err := empty.MarshalJSON()
		require.NoError(t, err, name)
		assert.JSONEq(t, `{"categories":null}`, string(b), name)
	}
}
