package geojson_test

import (
	"testing"

	"github.com/grassrootsgov/grassroots/grid/geojson"
	"github.com/grassrootsgov/grassroots/internal/niltest"
)

// TestNilReceivers calls every exported method with a pointer receiver on
// a nil pointer: none panics, and each answers as its type documents.
func TestNilReceivers(t *testing.T) {
	niltest.Errors(t, geojson.ErrSyntax, map[string]niltest.Error{
		"FeatureError":  {Err: (*geojson.FeatureError)(nil), Match: geojson.ErrNotFeature, Want: false},
		"LimitError":    {Err: (*geojson.LimitError)(nil), Match: geojson.ErrLimit, Want: true},
		"OptionError":   {Err: (*geojson.OptionError)(nil), Match: geojson.ErrOption, Want: true},
		"PropertyError": {Err: (*geojson.PropertyError)(nil), Match: geojson.ErrProperty, Want: true},
	})
}
