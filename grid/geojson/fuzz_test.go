package geojson_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/grassrootsgov/grassroots/grid/geojson"
)

// FuzzDecode checks that whatever Decode accepts, Encode writes so that
// decoding and encoding again reproduces the bytes. Encode may refuse only
// because rounding to 7 decimals broke the geometry.
func FuzzDecode(f *testing.F) {
	f.Add(collection(square(`"a"`, 120, 28), square(`7`, 120.01, 28)))
	f.Add(collection(`{"type":"Feature","properties":{"code":"c","name":"n","level":"community","households":3},` +
		`"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[0,3],[3,3],[3,0],[0,0]],[[1,1],[2,1],[2,2],[1,2],[1,1]]],` +
		`[[[5,5],[6,5],[6,6],[5,5]]]]}}`))
	f.Add(collection(`{"type":"Feature","id":"t","properties":null,"geometry":{"type":"Polygon","coordinates":` +
		`[[[0.123456789,0],[0.12345679,1e-8],[1,1],[0.123456789,0]]]}}`))
	f.Add(`{"type":"FeatureCollection","features":[{"type":"Feature","id":"x","geometry":{"type":"Point","coordinates":[1,2]}}]}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, in string) {
		grids, err := geojson.Decode(bytes.NewReader([]byte(in)), geojson.Options{MaxBytes: 1 << 14})
		if err != nil {
			if grids != nil {
				t.Fatalf("grids returned with error %v", err)
			}
			return
		}
		var first bytes.Buffer
		if err := geojson.Encode(&first, grids, geojson.EncodeOptions{}); err != nil {
			if !errors.Is(err, geojson.ErrPrecision) {
				t.Fatalf("decoded grids do not encode: %v", err)
			}
			return
		}
		again, err := geojson.Decode(bytes.NewReader(first.Bytes()), geojson.Options{})
		if err != nil {
			t.Fatalf("encoded output does not decode: %v\n%s", err, first.Bytes())
		}
		var second bytes.Buffer
		if err := geojson.Encode(&second, again, geojson.EncodeOptions{}); err != nil {
			t.Fatalf("re-decoded grids do not encode: %v", err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("round trip not stable:\n%s\n%s", first.Bytes(), second.Bytes())
		}
	})
}
