// Package geojson reads and writes grids as GeoJSON (RFC 7946), the
// format grid boundaries travel in between vendors, map tools and open
// data portals.
//
// Decode reads a FeatureCollection of Polygon and MultiPolygon features
// into []grid.Grid; Options say which properties hold the code, name,
// parent and level, which coordinate system the coordinates are in
// (GeoJSON cannot say: China's web maps publish GCJ-02, GPS gives WGS84),
// and how much input to accept. Encode writes grids back with RFC 7946
// winding and 7 decimals.
//
//	grids, err := geojson.Decode(f, geojson.Options{CodeProperty: "adcode", CRS: grid.GCJ02})
//	…
//	err = geojson.Encode(w, grids, geojson.EncodeOptions{CRS: grid.WGS84})
//
// # Guarantees
//
// Decoding is strict about values and lenient about form: either ring
// winding is accepted (and rewound), foreign members are ignored unless
// Options.Strict is set, and every grid must still pass grid.Grid.Validate.
// Input is bounded (bytes, features, vertices) so hostile input is refused
// with a *LimitError before it can exhaust memory; a problem with a
// feature is a *FeatureError naming its index. A failed Decode returns no
// grids; a failed Encode writes nothing.
//
// Encode is deterministic: the same grids give the same bytes, and
// decoding its output and encoding again gives those bytes again.
//
// The codec is written on encoding/json alone. Functions are safe for
// concurrent use; they share no state.
package geojson
