// Package geojson reads and writes grids as GeoJSON (RFC 7946), the
// format grid boundaries travel in between vendors, map tools and open
// data portals.
//
// Decode reads a FeatureCollection of Polygon and MultiPolygon features
// into []grid.Grid; Options say which properties hold the code, name,
// parent, level, kind and counts, which coordinate system the coordinates
// are in (GeoJSON cannot say: China's web maps publish GCJ-02, GPS gives
// WGS84), and how much input to accept. Encode writes grids back with RFC
// 7946 winding and 7 decimals.
//
//	grids, err := geojson.Decode(f, geojson.Options{CodeProperty: "adcode", CRS: grid.GCJ02})
//	…
//	err = geojson.Encode(w, grids, geojson.EncodeOptions{CRS: grid.WGS84})
//
// # Files from other sources
//
// The usual source of Chinese boundaries, Aliyun DataV GeoAtlas, gives
// each feature the properties adcode, name, center, centroid,
// childrenNum, level ("district", but also "province" or "country"),
// parent (an object, {"adcode": 330300}), subFeatureIndex and acroutes.
// Such a file decodes with only the code property and the system named,
// as above: a property read under its default name ("name", "parent",
// "level", …) is taken when it has the expected form and otherwise
// ignored, so DataV's parent object and unknown levels never fail a
// file. A property the caller names must fit: ParentProperty
// "parent.adcode" reads DataV's parents, and naming "parent" there would
// be an error. The code is always required.
//
// # Errors
//
// A problem with a feature is a *FeatureError naming its index and, when
// it could be read, its code; a property that does not fit is a
// *PropertyError inside it naming the property and the Options field to
// change; invalid options are a *OptionError naming the field and the
// valid values; oversized input a *LimitError naming the option that
// raises the limit. Messages carry the package prefix once, even around
// grid and grassroots errors, and every error wraps its cause so that
// errors.Is and errors.As reach the sentinels of this package and of
// grid.
//
// # Guarantees
//
// Decoding is strict about values and lenient about form: either ring
// winding is accepted (and rewound), foreign members are ignored unless
// Options.Strict is set, default-named properties of another form are
// ignored, and every grid must still pass grid.Grid.Validate, which
// refuses, among others, MultiPolygons whose parts overlap (OGC Simple
// Feature Access §6.1.14; RFC 7946 is silent on it). Input is bounded
// (bytes, features, vertices) so hostile input is refused with a
// *LimitError before it can exhaust memory. A failed Decode returns no
// grids; a failed Encode writes nothing.
//
// Encode is deterministic: the same grids give the same bytes, and
// decoding its output and encoding again gives those bytes again.
//
// The codec is written on encoding/json alone. Functions are safe for
// concurrent use; they share no state.
package geojson
