package geojson_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/grid/geojson"
)

// TestNilReceivers calls every exported method with a pointer receiver on
// a nil pointer: none panics, and each answers as its type documents.
func TestNilReceivers(t *testing.T) {
	for name, c := range map[string]struct {
		err   error
		match error // the type's sentinel, or one a type without a sentinel must not match
		want  bool  // whether the nil pointer matches it
	}{
		"FeatureError":  {(*geojson.FeatureError)(nil), geojson.ErrNotFeature, false},
		"LimitError":    {(*geojson.LimitError)(nil), geojson.ErrLimit, true},
		"OptionError":   {(*geojson.OptionError)(nil), geojson.ErrOption, true},
		"PropertyError": {(*geojson.PropertyError)(nil), geojson.ErrProperty, true},
	} {
		require.NotPanics(t, func() { assert.NotEmpty(t, c.err.Error(), name) }, "%s: Error", name)
		require.NotPanics(t, func() { assert.Equal(t, c.want, errors.Is(c.err, c.match), "%s: Is", name) }, "%s: Is", name)
		require.NotPanics(t, func() { assert.NoError(t, errors.Unwrap(c.err), "%s: Unwrap", name) }, "%s: Unwrap", name)
		assert.False(t, errors.Is(c.err, geojson.ErrSyntax), "%s matches no other sentinel", name)
	}
}
