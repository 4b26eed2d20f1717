package geojson_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/grid/geojson"
)

// collection wraps features in a FeatureCollection.
func collection(features ...string) string {
	return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
}

// square is a feature whose geometry is the unit-ish square at (x, y),
// 0.01° wide, written clockwise (the winding RFC 7946 forbids for
// exteriors, which readers must still accept).
func square(id string, x, y float64) string {
	return fmt.Sprintf(`{"type":"Feature","id":%s,"properties":{},"geometry":{"type":"Polygon","coordinates":`+
		`[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}}`, id, x, y, x, y+0.01, x+0.01, y+0.01, x+0.01, y, x, y)
}

func decode(t *testing.T, in string, opts geojson.Options) ([]grid.Grid, error) {
	t.Helper()
	return geojson.Decode(strings.NewReader(in), opts)
}

func TestDecodeReadsGridsWithProperties(t *testing.T) {
	in := collection(
		`{"type":"Feature","id":"330302001001001","properties":{"name":"Wuma 1","parent":"330302001001","level":"grid",`+
			`"kind":"dedicated","households":420,"residents":1300},"geometry":{"type":"Polygon","coordinates":`+
			`[[[120.65,28.01,4.5],[120.66,28.01,4.5],[120.66,28.02,4.5],[120.65,28.02,4.5],[120.65,28.01,4.5]]]}}`,
		`{"type":"Feature","properties":{"code":"330302001001002"},"geometry":{"type":"MultiPolygon","coordinates":[`+
			`[[[120.70,28.00],[120.70,28.03],[120.73,28.03],[120.73,28.00],[120.70,28.00]],`+
			`[[120.71,28.01],[120.72,28.01],[120.72,28.02],[120.71,28.02],[120.71,28.01]]],`+
			`[[[120.80,28.00],[120.81,28.00],[120.81,28.01],[120.80,28.00]]]]}}`,
	)
	grids, err := decode(t, in, geojson.Options{})
	require.NoError(t, err)
	require.Len(t, grids, 2)

	g := grids[0]
	assert.Equal(t, grid.Code("330302001001001"), g.Code, "code from the feature id")
	assert.Equal(t, "Wuma 1", g.Name)
	assert.Equal(t, grid.Code("330302001001"), g.Parent)
	assert.Equal(t, grid.LevelGrid, g.Level)
	assert.Equal(t, grid.KindDedicated, g.Kind)
	assert.Equal(t, 420, g.Households)
	assert.Equal(t, 1300, g.Residents)
	assert.Equal(t, grid.WGS84, g.CRS, "default CRS")
	assert.Equal(t, grid.Point{Lng: 120.65, Lat: 28.01}, g.Boundary[0][0][0], "altitude dropped")

	g = grids[1]
	assert.Equal(t, grid.Code("330302001001002"), g.Code, "code from the code property when there is no id")
	assert.Equal(t, grid.KindGeneral, g.Kind, "default kind")
	assert.Equal(t, grid.LevelGrid, g.Level, "default level")
	require.Len(t, g.Boundary, 2, "island kept as a second part")
	require.Len(t, g.Boundary[0], 2, "hole kept")
	assert.True(t, g.Boundary[0][0].IsCCW(), "clockwise exterior rewound counter-clockwise")
	assert.False(t, g.Boundary[0][1].IsCCW(), "counter-clockwise hole rewound clockwise")
	assert.True(t, g.Boundary[1][0].IsCCW(), "island exterior counter-clockwise")
}

func TestDecodeFindsTheCode(t *testing.T) {
	poly := `"geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,1]]]}`
	tests := []struct {
		name    string
		feature string
		opts    geojson.Options
		want    grid.Code
		wantErr error
	}{
		{name: "string id", feature: `{"type":"Feature","id":"A-1","properties":null,` + poly + `}`, want: "A-1"},
		{name: "numeric id", feature: `{"type":"Feature","id":330302,"properties":null,` + poly + `}`, want: "330302"},
		{name: "id wins over the code property", feature: `{"type":"Feature","id":"x","properties":{"code":"y"},` + poly + `}`, want: "x"},
		{name: "code property when id is null", feature: `{"type":"Feature","id":null,"properties":{"code":"y"},` + poly + `}`, want: "y"},
		{name: "named numeric property", feature: `{"type":"Feature","id":"x","properties":{"adcode":330302},` + poly + `}`,
			opts: geojson.Options{CodeProperty: "adcode"}, want: "330302"},
		{name: "nested property", feature: `{"type":"Feature","properties":{"ids":{"grid":"G7"}},` + poly + `}`,
			opts: geojson.Options{CodeProperty: "ids.grid"}, want: "G7"},
		{name: "no code anywhere", feature: `{"type":"Feature","properties":{},` + poly + `}`, wantErr: geojson.ErrMissingCode},
		{name: "named property absent", feature: `{"type":"Feature","id":"x","properties":{},` + poly + `}`,
			opts: geojson.Options{CodeProperty: "adcode"}, wantErr: geojson.ErrMissingCode},
		{name: "fractional id", feature: `{"type":"Feature","id":1.5,"properties":{},` + poly + `}`, wantErr: geojson.ErrProperty},
		{name: "id that is not a valid code", feature: `{"type":"Feature","id":"a b","properties":{},` + poly + `}`, wantErr: grid.ErrInvalidCode},
	}
	for _, tt := range tests {
		grids, err := decode(t, collection(tt.feature), tt.opts)
		if tt.wantErr != nil {
			assert.ErrorIs(t, err, tt.wantErr, tt.name)
			var fe *geojson.FeatureError
			if assert.ErrorAs(t, err, &fe, tt.name) {
				assert.Equal(t, 0, fe.Index, tt.name)
			}
			assert.Nil(t, grids, tt.name)
			continue
		}
		require.NoError(t, err, tt.name)
		require.Len(t, grids, 1, tt.name)
		assert.Equal(t, tt.want, grids[0].Code, tt.name)
	}
}

func TestDecodeRejectsBadFeaturesNamingThem(t *testing.T) {
	good := square(`"ok"`, 120, 28)
	geom := func(id, g string) string {
		return `{"type":"Feature","id":"` + id + `","properties":{},"geometry":` + g + `}`
	}
	tests := []struct {
		name    string
		feature string
		opts    geojson.Options
		want    error
	}{
		{name: "a point", feature: geom("p", `{"type":"Point","coordinates":[1,2]}`), want: geojson.ErrGeometryType},
		{name: "a line string", feature: geom("l", `{"type":"LineString","coordinates":[[1,2],[3,4]]}`), want: geojson.ErrGeometryType},
		{name: "null geometry", feature: geom("n", `null`), want: geojson.ErrGeometryType},
		{name: "a geometry collection", feature: geom("c", `{"type":"GeometryCollection","geometries":[]}`), want: geojson.ErrGeometryType},
		{name: "string coordinates", feature: geom("s", `{"type":"Polygon","coordinates":[[["1","2"]]]}`), want: geojson.ErrCoordinates},
		{name: "polygon nested like a multipolygon", feature: geom("d", `{"type":"Polygon","coordinates":[[[[1,2]]]]}`), want: geojson.ErrCoordinates},
		{name: "position of four numbers", feature: geom("f", `{"type":"Polygon","coordinates":[[[1,1,0,0],[2,1,0,0],[2,2,0,0],[1,1,0,0]]]}`), want: geojson.ErrCoordinates},
		{name: "missing coordinates", feature: geom("m", `{"type":"Polygon"}`), want: geojson.ErrCoordinates},
		{name: "unclosed ring", feature: geom("u", `{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,2]]]}`), want: grassroots.ErrInvalid},
		{name: "latitude out of range", feature: geom("r", `{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,91],[1,1]]]}`), want: grassroots.ErrInvalid},
		{name: "bow-tie ring", feature: geom("b", `{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}`), want: grassroots.ErrInvalid},
		{name: "not a feature", feature: `{"type":"Polygon","coordinates":[]}`, want: geojson.ErrNotFeature},
		{name: "unknown level, named", feature: `{"type":"Feature","id":"v","properties":{"level":"province"},"geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,1]]]}}`,
			opts: geojson.Options{LevelProperty: "level"}, want: geojson.ErrProperty},
		{name: "name that is a number, named", feature: `{"type":"Feature","id":"v","properties":{"name":5},"geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,1]]]}}`,
			opts: geojson.Options{NameProperty: "name"}, want: geojson.ErrProperty},
		{name: "parent that is an object, named", feature: `{"type":"Feature","id":"v","properties":{"parent":{"adcode":1}},"geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,1]]]}}`,
			opts: geojson.Options{ParentProperty: "parent"}, want: geojson.ErrProperty},
		{name: "negative households, named", feature: `{"type":"Feature","id":"v","properties":{"households":-3},"geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,1]]]}}`,
			opts: geojson.Options{HouseholdsProperty: "households"}, want: geojson.ErrProperty},
		{name: "a code seen before", feature: square(`"ok"`, 121, 28), want: grid.ErrDuplicateCode},
		{name: "foreign member under Strict", feature: `{"type":"Feature","id":"v","title":"x","properties":{},"geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,1]]]}}`,
			opts: geojson.Options{Strict: true}, want: geojson.ErrUnknownMember},
		{name: "crs member in a geometry under Strict", feature: `{"type":"Feature","id":"v","properties":{},"geometry":{"type":"Polygon","crs":null,"coordinates":[[[1,1],[2,1],[2,2],[1,1]]]}}`,
			opts: geojson.Options{Strict: true}, want: geojson.ErrUnknownMember},
	}
	for _, tt := range tests {
		grids, err := decode(t, collection(good, tt.feature, square(`"after"`, 122, 28)), tt.opts)
		require.Error(t, err, tt.name)
		assert.Nil(t, grids, "%s: no grids on error", tt.name)
		assert.ErrorIs(t, err, tt.want, tt.name)
		var fe *geojson.FeatureError
		require.ErrorAs(t, err, &fe, tt.name)
		assert.Equal(t, 1, fe.Index, "%s: the error names feature 1", tt.name)
	}
}

func TestDecodeReportsEveryBadFeature(t *testing.T) {
	bad := `{"type":"Feature","id":"%s","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}`
	_, err := decode(t, collection(fmt.Sprintf(bad, "a"), square(`"b"`, 1, 1), fmt.Sprintf(bad, "c")), geojson.Options{})
	require.Error(t, err)
	var indexes []int
	var ids []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var fe *geojson.FeatureError
		require.ErrorAs(t, e, &fe)
		indexes = append(indexes, fe.Index)
		ids = append(ids, fe.ID)
	}
	assert.Equal(t, []int{0, 2}, indexes, "both bad features reported")
	assert.Equal(t, []string{"a", "c"}, ids, "errors carry the feature ids")
}

func TestDecodeRejectsWhatIsNotAFeatureCollection(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
	}{
		{name: "empty input", in: ``, want: geojson.ErrSyntax},
		{name: "not JSON", in: `hello`, want: geojson.ErrSyntax},
		{name: "truncated", in: `{"type":"FeatureCollection","features":[` + square(`"a"`, 1, 1), want: geojson.ErrSyntax},
		{name: "an array", in: `[]`, want: geojson.ErrNotFeatureCollection},
		{name: "a bare feature", in: square(`"a"`, 1, 1), want: geojson.ErrNotFeatureCollection},
		{name: "a geometry", in: `{"type":"Polygon","coordinates":[]}`, want: geojson.ErrNotFeatureCollection},
		{name: "no features member", in: `{"type":"FeatureCollection"}`, want: geojson.ErrNotFeatureCollection},
		{name: "features not an array", in: `{"type":"FeatureCollection","features":{}}`, want: geojson.ErrNotFeatureCollection},
		{name: "features repeated", in: `{"type":"FeatureCollection","features":[],"features":[]}`, want: geojson.ErrNotFeatureCollection},
		{name: "data after the collection", in: collection() + `{}`, want: geojson.ErrSyntax},
		{name: "foreign member under Strict", in: `{"type":"FeatureCollection","name":"x","features":[]}`, want: geojson.ErrUnknownMember},
		{name: "crs member under Strict", in: `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4326"}},"features":[]}`, want: geojson.ErrUnknownMember},
	}
	for _, tt := range tests {
		grids, err := decode(t, tt.in, geojson.Options{Strict: true})
		assert.ErrorIs(t, err, tt.want, tt.name)
		assert.Nil(t, grids, tt.name)
	}
}

func TestDecodeIgnoresForeignMembersUnlessStrict(t *testing.T) {
	in := `{"type":"FeatureCollection","name":"wenzhou","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},` +
		`"bbox":[1,1,2,2],"features":[{"type":"Feature","id":"a","title":"t","bbox":[1,1,2,2],"properties":{},` +
		`"geometry":{"type":"Polygon","extra":1,"coordinates":[[[1,1],[2,1],[2,2],[1,1]]]}}]}`
	grids, err := decode(t, in, geojson.Options{CRS: grid.GCJ02})
	require.NoError(t, err)
	require.Len(t, grids, 1)
	assert.Equal(t, grid.GCJ02, grids[0].CRS, "the crs member is ignored: Options decide")

	grids, err = decode(t, collection(), geojson.Options{})
	require.NoError(t, err, "an empty collection is fine")
	assert.Empty(t, grids)
}

func TestDecodeEnforcesLimits(t *testing.T) {
	three := collection(square(`"a"`, 1, 1), square(`"b"`, 2, 1), square(`"c"`, 3, 1))
	tests := []struct {
		name  string
		opts  geojson.Options
		limit string
	}{
		{name: "bytes", opts: geojson.Options{MaxBytes: int64(len(three) - 1)}, limit: "bytes"},
		{name: "features", opts: geojson.Options{MaxFeatures: 2}, limit: "features"},
		{name: "vertices", opts: geojson.Options{MaxVertices: 14}, limit: "vertices"},
	}
	for _, tt := range tests {
		grids, err := decode(t, three, tt.opts)
		assert.ErrorIs(t, err, geojson.ErrLimit, tt.name)
		var le *geojson.LimitError
		if assert.ErrorAs(t, err, &le, tt.name) {
			assert.Equal(t, tt.limit, le.Limit, tt.name)
		}
		assert.Nil(t, grids, tt.name)
	}
	grids, err := decode(t, three, geojson.Options{MaxBytes: int64(len(three)), MaxFeatures: 3, MaxVertices: 15})
	require.NoError(t, err, "limits are inclusive")
	assert.Len(t, grids, 3)

	t.Run("an endless stream is cut off", func(t *testing.T) {
		endless := &repeatReader{prefix: []byte(`{"type":"FeatureCollection","features":[`), unit: []byte(square(`"x"`, 1, 1) + ",")}
		_, err := geojson.Decode(endless, geojson.Options{MaxBytes: 1 << 16})
		assert.ErrorIs(t, err, geojson.ErrLimit)
		assert.LessOrEqual(t, endless.read, int64(1<<16)+1, "reads stop at the byte limit")
	})
}

// repeatReader yields prefix and then unit forever.
type repeatReader struct {
	prefix, unit []byte
	off          int
	read         int64
}

func (r *repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		var src []byte
		if r.off < len(r.prefix) {
			src = r.prefix[r.off:]
		} else {
			src = r.unit[(r.off-len(r.prefix))%len(r.unit):]
		}
		c := copy(p[n:], src)
		n += c
		r.off += c
	}
	r.read += int64(n)
	return n, nil
}

func TestDecodeRejectsBadOptions(t *testing.T) {
	for _, o := range []geojson.Options{{CRS: grid.CRS(9)}, {Level: grid.Level(42)}, {MaxFeatures: -1}} {
		_, err := decode(t, collection(), o)
		assert.Error(t, err, "%+v", o)
	}
	_, err := decode(t, collection(), geojson.Options{CRS: grid.CRS(9)})
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "CRS 9")
}

func TestDecodeSkipsPropertiesOnRequest(t *testing.T) {
	in := collection(`{"type":"Feature","id":"a","properties":{"name":7,"level":"province","parent":{"x":1}},` +
		`"geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,1]]]}}`)
	grids, err := decode(t, in, geojson.Options{NameProperty: geojson.Skip, LevelProperty: geojson.Skip, ParentProperty: geojson.Skip, Level: grid.LevelCommunity})
	require.NoError(t, err)
	require.Len(t, grids, 1)
	assert.Equal(t, grid.LevelCommunity, grids[0].Level, "Options.Level applies")
	assert.Empty(t, grids[0].Name)
	assert.Empty(t, grids[0].Parent)
}

// wenzhou is reference data that must not be committed; the tests that
// read it skip where it is absent.
const wenzhou = "../../../shared/data/wenzhou-330300-districts.geojson"

func readWenzhou(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(wenzhou)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("reference data %s not present; see /work/shared/data/README.md", wenzhou)
	}
	require.NoError(t, err)
	return b
}

// TestDecodeWenzhouDistricts reads an Aliyun DataV file as published, with
// only the code property and the coordinate system named: its "parent"
// objects, "center" arrays and other DataV properties must not fail it.
func TestDecodeWenzhouDistricts(t *testing.T) {
	b := readWenzhou(t)
	grids, err := geojson.Decode(bytes.NewReader(b), geojson.Options{CodeProperty: "adcode", CRS: grid.GCJ02})
	require.NoError(t, err, "a DataV file with only the code property and the CRS named")
	require.Len(t, grids, 12, "12 districts and counties")
	parts := 0
	for _, g := range grids {
		assert.Equal(t, grid.GCJ02, g.CRS, "%s: CRS from the options", g.Code)
		assert.Equal(t, grid.LevelDistrict, g.Level, "%s: DataV's level \"district\" is a grid level", g.Code)
		assert.Empty(t, g.Parent, "%s: the default parent property is an object, ignored", g.Code)
		assert.NotEmpty(t, g.Name, "%s: name", g.Code)
		assert.NoError(t, g.Validate(), "%s validates", g.Code)
		parts += len(g.Boundary)
	}
	assert.Equal(t, grid.Code("330302"), grids[0].Code)
	assert.Equal(t, 85, parts+holes(grids), "85 rings in all")

	withParents, err := geojson.Decode(bytes.NewReader(b), geojson.Options{CodeProperty: "adcode", ParentProperty: "parent.adcode", CRS: grid.GCJ02})
	require.NoError(t, err)
	for _, g := range withParents {
		assert.Equal(t, grid.Code("330300"), g.Parent, "%s: parent from parent.adcode", g.Code)
	}

	rep := grid.CheckSiblings(grids, grid.PartitionOptions{})
	assert.True(t, rep.OK(), "the districts neither overlap nor enclose a gap: %+v", rep)

	var out bytes.Buffer
	require.NoError(t, geojson.Encode(&out, withParents, geojson.EncodeOptions{}))
	again, err := geojson.Decode(&out, geojson.Options{CRS: grid.GCJ02})
	require.NoError(t, err, "encoded output decodes")
	assert.Equal(t, withParents, again, "6-decimal input survives a round trip unchanged")
}

func holes(grids []grid.Grid) int {
	n := 0
	for _, g := range grids {
		for _, p := range g.Boundary {
			n += len(p) - 1
		}
	}
	return n
}

// Decode and Encode answer a nil reader or writer with an error, and the
// largest byte limit reads a document whole.
func TestNilReaderWriterAndLargestLimit(t *testing.T) {
	_, err := geojson.Decode(nil, geojson.Options{})
	assert.Error(t, err, "Decode(nil)")
	assert.Error(t, geojson.Encode(nil, nil, geojson.EncodeOptions{}), "Encode(nil)")
	const doc = `{"type":"FeatureCollection","features":[]}`
	grids, err := geojson.Decode(strings.NewReader(doc), geojson.Options{MaxBytes: math.MaxInt64})
	require.NoError(t, err, "MaxBytes at its largest")
	assert.Empty(t, grids)
	_, err = geojson.Decode(strings.NewReader(doc), geojson.Options{MaxBytes: int64(len(doc) - 1)})
	var le *geojson.LimitError
	assert.ErrorAs(t, err, &le, "one byte under the document's length")
}
