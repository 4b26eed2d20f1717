package geojson_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/grid/geojson"
)

// dataV returns an Aliyun DataV GeoAtlas feature with the properties
// those files carry, and extra or replaced ones from props (JSON members
// without braces), e.g. `"level":"province"`.
func dataV(adcode, props string) string {
	members := map[string]string{
		"adcode": adcode, "name": `"鹿城区"`, "center": `[120.674231,28.003352]`, "centroid": `[120.559803,28.062578]`,
		"childrenNum": `0`, "level": `"district"`, "parent": `{"adcode":330300}`, "subFeatureIndex": `0`,
		"acroutes": `[100000,330000,330300]`,
	}
	for _, m := range strings.Split(props, ";") {
		if k, v, ok := strings.Cut(m, ":"); ok {
			members[strings.Trim(k, `"`)] = v
		}
	}
	var b strings.Builder
	for _, k := range []string{"adcode", "name", "center", "centroid", "childrenNum", "level", "parent", "subFeatureIndex", "acroutes", "kind", "households", "residents", "code", "extra"} {
		if v, ok := members[k]; ok {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"` + k + `":` + v)
		}
	}
	return `{"type":"Feature","properties":{` + b.String() + `},"geometry":{"type":"MultiPolygon","coordinates":` +
		`[[[[120.6,28.0],[120.6,28.1],[120.7,28.1],[120.7,28.0],[120.6,28.0]]]]}}`
}

// TestDecodeReadsDataVShapes decodes DataV-shaped features whose default
// properties come in every form such files use (and some they might),
// naming only the code property and the system: none fails the file; a
// value of the expected form is taken, any other gives the default.
func TestDecodeReadsDataVShapes(t *testing.T) {
	opts := geojson.Options{CodeProperty: "adcode", CRS: grid.GCJ02}
	tests := []struct {
		name   string
		props  string
		adcode string
		check  func(t *testing.T, g grid.Grid)
	}{
		{name: "as published", check: func(t *testing.T, g grid.Grid) {
			assert.Equal(t, grid.Code("330302"), g.Code)
			assert.Equal(t, "鹿城区", g.Name)
			assert.Equal(t, grid.LevelDistrict, g.Level, "\"district\" is a level")
			assert.Empty(t, g.Parent, "the parent object is not a code")
			assert.Equal(t, grid.KindGeneral, g.Kind)
		}},
		{name: "the code as a string", adcode: `"330302"`, check: func(t *testing.T, g grid.Grid) {
			assert.Equal(t, grid.Code("330302"), g.Code)
		}},
		{name: "a province level", props: `level:"province"`, check: func(t *testing.T, g grid.Grid) {
			assert.Equal(t, grid.LevelGrid, g.Level, "not a grid level: Options.Level applies")
		}},
		{name: "a country level", props: `level:"country"`, check: func(t *testing.T, g grid.Grid) {
			assert.Equal(t, grid.LevelGrid, g.Level)
		}},
		{name: "a level that is a number", props: `level:3`, check: func(t *testing.T, g grid.Grid) {
			assert.Equal(t, grid.LevelGrid, g.Level)
		}},
		{name: "a street level", props: `level:"street"`, check: func(t *testing.T, g grid.Grid) {
			assert.Equal(t, grid.LevelStreet, g.Level)
		}},
		{name: "a parent code", props: `parent:330300`, check: func(t *testing.T, g grid.Grid) {
			assert.Equal(t, grid.Code("330300"), g.Parent)
		}},
		{name: "a parent array", props: `parent:[330300]`, check: func(t *testing.T, g grid.Grid) {
			assert.Empty(t, g.Parent)
		}},
		{name: "a null parent", props: `parent:null`, check: func(t *testing.T, g grid.Grid) {
			assert.Empty(t, g.Parent)
		}},
		{name: "a name that is a number", props: `name:5`, check: func(t *testing.T, g grid.Grid) {
			assert.Empty(t, g.Name)
		}},
		{name: "a name that is an object", props: `name:{"zh":"鹿城区"}`, check: func(t *testing.T, g grid.Grid) {
			assert.Empty(t, g.Name)
		}},
		{name: "an unknown kind", props: `kind:"school"`, check: func(t *testing.T, g grid.Grid) {
			assert.Equal(t, grid.KindGeneral, g.Kind)
		}},
		{name: "a dedicated kind", props: `kind:"dedicated"`, check: func(t *testing.T, g grid.Grid) {
			assert.Equal(t, grid.KindDedicated, g.Kind)
		}},
		{name: "households as text, residents negative", props: `households:"420";residents:-1`, check: func(t *testing.T, g grid.Grid) {
			assert.Zero(t, g.Households)
			assert.Zero(t, g.Residents)
		}},
		{name: "counts as numbers", props: `households:420;residents:1300`, check: func(t *testing.T, g grid.Grid) {
			assert.Equal(t, 420, g.Households)
			assert.Equal(t, 1300, g.Residents)
		}},
		{name: "a fractional count", props: `households:4.5`, check: func(t *testing.T, g grid.Grid) {
			assert.Zero(t, g.Households)
		}},
		{name: "a code property besides adcode", props: `code:{"x":1}`, check: func(t *testing.T, g grid.Grid) {
			assert.Equal(t, grid.Code("330302"), g.Code, "the named property wins")
		}},
	}
	for _, tt := range tests {
		adcode := tt.adcode
		if adcode == "" {
			adcode = "330302"
		}
		grids, err := decode(t, collection(dataV(adcode, tt.props)), opts)
		require.NoError(t, err, tt.name)
		require.Len(t, grids, 1, tt.name)
		assert.Equal(t, grid.GCJ02, grids[0].CRS, tt.name)
		t.Run(tt.name, func(t *testing.T) { tt.check(t, grids[0]) })
	}
}

// TestDecodeNamedPropertiesMustFit names each property in turn and gives
// it a value of the wrong form: the error names the feature (index and
// code), the property and the option.
func TestDecodeNamedPropertiesMustFit(t *testing.T) {
	tests := []struct {
		name   string
		props  string
		opts   geojson.Options
		path   string
		option string
		cause  error
	}{
		{name: "parent object named as the parent", opts: geojson.Options{ParentProperty: "parent"}, path: "parent", option: "ParentProperty"},
		{name: "parent path through an array", props: `parent:[1]`, opts: geojson.Options{ParentProperty: "parent.adcode"}, path: "parent.adcode", option: "ParentProperty"},
		{name: "province as the level", props: `level:"province"`, opts: geojson.Options{LevelProperty: "level"}, path: "level", option: "LevelProperty"},
		{name: "centre array as the name", opts: geojson.Options{NameProperty: "center"}, path: "center", option: "NameProperty"},
		{name: "an unknown kind", props: `kind:"school"`, opts: geojson.Options{KindProperty: "kind"}, path: "kind", option: "KindProperty"},
		{name: "households as text", props: `households:"420"`, opts: geojson.Options{HouseholdsProperty: "households"}, path: "households", option: "HouseholdsProperty"},
		{name: "negative residents", props: `residents:-5`, opts: geojson.Options{ResidentsProperty: "residents"}, path: "residents", option: "ResidentsProperty"},
		{name: "children count as the residents, fine", props: ``, opts: geojson.Options{ResidentsProperty: "childrenNum"}},
		{name: "code that is an array", opts: geojson.Options{CodeProperty: "acroutes"}, path: "acroutes", option: "CodeProperty"},
		{name: "code missing", opts: geojson.Options{CodeProperty: "gb"}, path: "gb", option: "CodeProperty", cause: geojson.ErrMissingCode},
		{name: "code that is not a grid code", props: `extra:"33 03"`, opts: geojson.Options{CodeProperty: "extra"}, path: "extra", option: "CodeProperty", cause: grid.ErrInvalidCode},
	}
	// The first feature fits every option of the table.
	good := `{"type":"Feature","properties":{"adcode":330301,"name":"x","center":"centre","parent":{"adcode":330300},` +
		`"level":"district","kind":"general","households":1,"residents":2,"acroutes":330301,"gb":330301,"extra":"330301"},` +
		`"geometry":{"type":"Polygon","coordinates":[[[121,28],[121.1,28],[121.1,28.1],[121,28]]]}}`
	for _, tt := range tests {
		tt.opts.CRS = grid.GCJ02
		if tt.opts.CodeProperty == "" {
			tt.opts.CodeProperty = "adcode"
		}
		first := good
		if tt.opts.ParentProperty == "parent" {
			first = strings.Replace(good, `"parent":{"adcode":330300}`, `"parent":330300`, 1)
		}
		grids, err := decode(t, collection(first, dataV("330303", tt.props)), tt.opts)
		if tt.path == "" {
			require.NoError(t, err, tt.name)
			continue
		}
		assert.Nil(t, grids, tt.name)
		var fe *geojson.FeatureError
		require.ErrorAs(t, err, &fe, tt.name)
		var pe *geojson.PropertyError
		require.ErrorAs(t, err, &pe, tt.name)
		assert.ErrorIs(t, err, geojson.ErrProperty, tt.name)
		if tt.cause != nil {
			assert.ErrorIs(t, err, tt.cause, tt.name)
		}
		assert.Equal(t, 1, fe.Index, "%s: the feature is named by its index", tt.name)
		if tt.option != "CodeProperty" {
			assert.Equal(t, "330303", fe.ID, "%s: and by its code", tt.name)
		}
		assert.Equal(t, tt.path, pe.Property, "%s: the property is named", tt.name)
		assert.Equal(t, tt.option, pe.Option, "%s: and the option that names it", tt.name)
	}
}

// TestDecodeNamesTheFeatureThatFails checks the index and code a
// *FeatureError carries for a feature that fails after its code is read
// and for one whose code is unusable.
func TestDecodeNamesTheFeatureThatFails(t *testing.T) {
	in := collection(dataV("330302", ""), dataV("330303", `level:"province"`), dataV(`"33 04"`, ""))
	_, err := decode(t, in, geojson.Options{CodeProperty: "adcode", LevelProperty: "level", CRS: grid.GCJ02})
	var got []geojson.FeatureError
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var fe *geojson.FeatureError
		require.True(t, errors.As(e, &fe), "%v", e)
		got = append(got, geojson.FeatureError{Index: fe.Index, ID: fe.ID})
	}
	assert.Equal(t, []geojson.FeatureError{{Index: 1, ID: "330303"}, {Index: 2, ID: "33 04"}}, got, "index and code of each failing feature")
}
