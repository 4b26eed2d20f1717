package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/grassrootsgov/grassroots/grid"
)

// Default limits of Options.
const (
	DefaultMaxBytes    = 64 << 20
	DefaultMaxFeatures = 100_000
	DefaultMaxVertices = 10_000_000
)

// Skip, as a property name in Options, means "do not read this
// property".
const Skip = "-"

// maxFeatureErrors bounds how many feature errors Decode collects before
// it stops, so hostile input cannot make the error itself huge.
const maxFeatureErrors = 100

// Options configures Decode. The zero value reads a WGS84 collection
// whose features carry their code in the feature id (or a "code"
// property), with the default limits.
//
// Property names may reach into nested objects with dots: "parent.adcode"
// reads {"parent": {"adcode": 330300}}. A property that is absent or null
// counts as not given; Skip ("-") ignores a property altogether.
//
// # Named and default properties
//
// A property the caller names in Options must hold what Decode expects;
// a value of another form, or a name that is not a level or kind, is a
// *PropertyError that names the feature, the property and the option to
// change. A property read under its default name is taken only when it
// has the expected form, and is otherwise ignored, with the default
// value in its place: files from other sources use the same names for
// other things (in Aliyun DataV files "parent" is an object
// {"adcode": 330300}, "level" may be "province", and "center" an
// array), so such a file decodes once the code property and the system
// are named:
//
//	geojson.Options{CodeProperty: "adcode", CRS: grid.GCJ02}
//
// and ParentProperty "parent.adcode" adds the parents. The code is the
// exception: a feature without a usable one is always an error.
type Options struct {
	// CodeProperty names the property holding the grid code. Empty (the
	// default) takes the feature's "id" member, or when it has none (or
	// one that is neither a string nor an integer) the "code" property.
	// Codes may be JSON strings or integers.
	CodeProperty string
	// NameProperty names the property holding the grid name; default
	// "name".
	NameProperty string
	// ParentProperty names the property holding the parent code; default
	// "parent".
	ParentProperty string
	// LevelProperty names the property holding the level's wire name
	// ("district", "grid", …); default "level".
	LevelProperty string
	// KindProperty names the property holding the kind's wire name
	// ("general", "dedicated"); default "kind".
	KindProperty string
	// HouseholdsProperty and ResidentsProperty name the properties holding
	// the counts, non-negative integers; default "households" and
	// "residents".
	HouseholdsProperty string
	ResidentsProperty  string
	// Level is the level of features without one; default grid.LevelGrid.
	Level grid.Level
	// CRS is the system of the coordinates; default grid.WGS84. RFC 7946
	// has no way to say it: the input's "crs" member (from the 2008
	// GeoJSON draft) is ignored, or rejected when Strict is set.
	CRS grid.CRS
	// MaxBytes, MaxFeatures and MaxVertices bound the input; zero means
	// DefaultMaxBytes, DefaultMaxFeatures and DefaultMaxVertices. Vertices
	// are positions summed over every ring of every feature.
	MaxBytes    int64
	MaxFeatures int
	MaxVertices int
	// Strict rejects members RFC 7946 does not define on the
	// FeatureCollection, its features and their geometries ("foreign
	// members", which are otherwise ignored). Properties are free-form and
	// are read as described above, Strict or not.
	Strict bool
}

// property is one property Decode reads: the Options field that names
// it, its path, and whether the caller named it (so that a value of the
// wrong form is an error rather than ignored).
type property struct {
	option string
	path   string
	named  bool
}

// properties are the paths Decode reads, after defaults.
type properties struct {
	name, parent, level, kind, households, residents property
}

func (o Options) properties() properties {
	p := func(option, path, def string) property {
		if path == "" {
			return property{option: option, path: def}
		}
		return property{option: option, path: path, named: true}
	}
	return properties{
		name:       p("NameProperty", o.NameProperty, "name"),
		parent:     p("ParentProperty", o.ParentProperty, "parent"),
		level:      p("LevelProperty", o.LevelProperty, "level"),
		kind:       p("KindProperty", o.KindProperty, "kind"),
		households: p("HouseholdsProperty", o.HouseholdsProperty, "households"),
		residents:  p("ResidentsProperty", o.ResidentsProperty, "residents"),
	}
}

func (o Options) withDefaults() (Options, error) {
	if o.Level == 0 {
		o.Level = grid.LevelGrid
	}
	if o.CRS == 0 {
		o.CRS = grid.WGS84
	}
	if o.MaxBytes == 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxFeatures == 0 {
		o.MaxFeatures = DefaultMaxFeatures
	}
	if o.MaxVertices == 0 {
		o.MaxVertices = DefaultMaxVertices
	}
	var errs []error
	if _, err := o.Level.MarshalText(); err != nil {
		errs = append(errs, &OptionError{Option: "Level", Problem: "is " + o.Level.String() + ", not a level; valid levels: " + levelNames(), Err: err})
	}
	if !o.CRS.IsValid() {
		errs = append(errs, unknownCRSOption(o.CRS))
	}
	for _, l := range []struct {
		option string
		v      int64
	}{{"MaxBytes", o.MaxBytes}, {"MaxFeatures", int64(o.MaxFeatures)}, {"MaxVertices", int64(o.MaxVertices)}} {
		if l.v < 0 {
			errs = append(errs, &OptionError{Option: l.option, Problem: "is " + strconv.FormatInt(l.v, 10) + "; want a positive limit, or 0 for the default"})
		}
	}
	return o, errors.Join(errs...)
}

func unknownCRSOption(c grid.CRS) error {
	_, err := c.MarshalText()
	return &OptionError{Option: "CRS", Problem: "is " + c.String() + ", not a coordinate reference system; valid systems: " + crsNames(), Err: err}
}

// levelNames, kindNames and crsNames list the valid names for errors.
func levelNames() string { return names[grid.Level]() }
func kindNames() string  { return names[grid.Kind]() }
func crsNames() string   { return names[grid.CRS]() }

func names[T interface {
	~uint8
	IsValid() bool
	String() string
}]() string {
	var out []string
	for v := T(1); v.IsValid(); v++ {
		out = append(out, v.String())
	}
	return strings.Join(out, ", ")
}

// Decode reads a GeoJSON FeatureCollection (RFC 7946) whose features are
// Polygons or MultiPolygons and returns one grid per feature, in feature
// order. Each grid's boundary is a MultiPolygon (a Polygon becomes one
// part) with rings rewound to the RFC 7946 order (exterior
// counter-clockwise, holes clockwise), whatever the input's winding. A
// third coordinate (altitude) is accepted and dropped.
//
// Each grid takes its code, name, parent, level, kind (default general),
// households and residents (default 0) from the properties Options name,
// by default those Encode writes; see Options for how a default-named
// property of an unexpected form is ignored while a named one must fit.
//
// Every grid must pass grid.Grid.Validate, which applies RFC 7946's ring
// rules and the OGC Simple Feature Access rules for polygons and
// multipolygons (parts that overlap are refused). A problem with one
// feature is a *FeatureError naming its index and code, wrapping a
// *PropertyError that names the property and the option to change, a
// geometry sentinel, or the grid's *grassroots.ValidationError; Decode
// reads on and returns every such error (up to 100) joined, and no grids. Input that is not JSON (ErrSyntax),
// not a FeatureCollection, or larger than the limits (a *LimitError) stops
// decoding at once. Input beyond MaxBytes is never read.
func Decode(r io.Reader, opts Options) ([]grid.Grid, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, errors.New("geojson: nothing to decode (a nil io.Reader)")
	}
	// One byte beyond the limit tells a document that is too long; the
	// largest limit has no byte beyond it.
	cr := &cappedReader{r: r, left: o.MaxBytes + min(1, math.MaxInt64-o.MaxBytes)}
	d := &decoder{opts: o, props: o.properties(), dec: json.NewDecoder(cr), codes: map[grid.Code]int{}}
	grids, err := d.collection()
	if cr.left <= 0 {
		return nil, &LimitError{Limit: "bytes", Max: o.MaxBytes}
	}
	if err != nil {
		return nil, err
	}
	if len(d.errs) > 0 {
		return nil, errors.Join(d.errs...)
	}
	return grids, nil
}

// cappedReader reads at most left bytes from r; reading stops there, so
// the caller can tell an oversized input from a truncated one.
type cappedReader struct {
	r    io.Reader
	left int64
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

type decoder struct {
	opts     Options
	props    properties
	dec      *json.Decoder
	vertices int
	codes    map[grid.Code]int
	errs     []error
}

func syntaxErr(err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("%w: %w", ErrSyntax, err)
}

func (d *decoder) collection() ([]grid.Grid, error) {
	tok, err := d.dec.Token()
	if err != nil {
		return nil, syntaxErr(err)
	}
	if tok != json.Delim('{') {
		return nil, fmt.Errorf("%w: top-level value is not an object", ErrNotFeatureCollection)
	}
	var grids []grid.Grid
	seen := map[string]bool{}
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return nil, syntaxErr(err)
		}
		key, _ := tok.(string)
		if seen[key] {
			return nil, fmt.Errorf("%w: member %q repeated", ErrNotFeatureCollection, key)
		}
		seen[key] = true
		switch key {
		case "type":
			var typ string
			if err := d.dec.Decode(&typ); err != nil || typ != "FeatureCollection" {
				return nil, fmt.Errorf("%w: type is not \"FeatureCollection\"", ErrNotFeatureCollection)
			}
		case "features":
			if grids, err = d.features(); err != nil {
				return nil, err
			}
		default:
			if d.opts.Strict && key != "bbox" {
				return nil, fmt.Errorf("%w: %q in the FeatureCollection, where RFC 7946 defines only \"type\", \"features\" and \"bbox\"; without Options.Strict foreign members are ignored", ErrUnknownMember, key)
			}
			var skip json.RawMessage
			if err := d.dec.Decode(&skip); err != nil {
				return nil, syntaxErr(err)
			}
		}
	}
	if _, err := d.dec.Token(); err != nil {
		return nil, syntaxErr(err)
	}
	if _, err := d.dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: data after the FeatureCollection", ErrSyntax)
	}
	if !seen["type"] || !seen["features"] {
		return nil, fmt.Errorf("%w: \"type\" and \"features\" are required", ErrNotFeatureCollection)
	}
	return grids, nil
}

func (d *decoder) features() ([]grid.Grid, error) {
	tok, err := d.dec.Token()
	if err != nil {
		return nil, syntaxErr(err)
	}
	if tok != json.Delim('[') {
		return nil, fmt.Errorf("%w: \"features\" is not an array", ErrNotFeatureCollection)
	}
	grids := []grid.Grid{}
	for i := 0; d.dec.More(); i++ {
		if i == d.opts.MaxFeatures {
			return nil, &LimitError{Limit: "features", Max: int64(d.opts.MaxFeatures)}
		}
		var members map[string]json.RawMessage
		if err := d.dec.Decode(&members); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				return nil, &FeatureError{Index: i, Err: fmt.Errorf("%w: not an object", ErrNotFeature)}
			}
			return nil, syntaxErr(err)
		}
		g, err := d.feature(members)
		if err != nil {
			if errors.Is(err, ErrLimit) {
				return nil, err
			}
			d.errs = append(d.errs, &FeatureError{Index: i, ID: d.featureID(members, g), Err: err})
			if len(d.errs) == maxFeatureErrors {
				return nil, errors.Join(d.errs...)
			}
			continue
		}
		if j, dup := d.codes[g.Code]; dup {
			d.errs = append(d.errs, &FeatureError{Index: i, ID: string(g.Code), Err: fmt.Errorf("%w: feature %d has it too; codes must be unique", grid.ErrDuplicateCode, j)})
			continue
		}
		d.codes[g.Code] = i
		grids = append(grids, g)
	}
	if _, err := d.dec.Token(); err != nil {
		return nil, syntaxErr(err)
	}
	return grids, nil
}

// featureID is the best name for a feature in an error: its code when
// known, else the text of its code property or id member.
func (d *decoder) featureID(members map[string]json.RawMessage, g grid.Grid) string {
	if g.Code != "" {
		return string(g.Code)
	}
	if d.opts.CodeProperty != "" {
		var props map[string]json.RawMessage
		if json.Unmarshal(members["properties"], &props) == nil {
			if raw, ok := lookup(props, d.opts.CodeProperty); ok {
				if s, ok := scalarText(raw); ok {
					return s
				}
			}
		}
	}
	if s, ok := scalarText(members["id"]); ok {
		return s
	}
	return ""
}

var featureMembers = map[string]bool{"type": true, "id": true, "properties": true, "geometry": true, "bbox": true}

func (d *decoder) feature(members map[string]json.RawMessage) (grid.Grid, error) {
	var g grid.Grid
	if typ, ok := stringValue(members["type"]); !ok || typ != "Feature" {
		return g, fmt.Errorf("%w: type is not \"Feature\"", ErrNotFeature)
	}
	if err := d.checkMembers(members, featureMembers, "feature"); err != nil {
		return g, err
	}
	var props map[string]json.RawMessage
	if raw := members["properties"]; !isNull(raw) {
		if err := json.Unmarshal(raw, &props); err != nil {
			return g, fmt.Errorf("%w: properties is not an object", ErrNotFeature)
		}
	}
	var err error
	if g.Code, err = d.code(members, props); err != nil {
		return g, err
	}
	if g.Boundary, err = d.geometry(members["geometry"]); err != nil {
		return g, err
	}
	if err := d.properties(&g, props); err != nil {
		return g, err
	}
	g.CRS = d.opts.CRS
	g.Boundary, _ = g.Boundary.Normalize()
	return g, g.Validate()
}

func (d *decoder) checkMembers(members map[string]json.RawMessage, known map[string]bool, where string) error {
	if !d.opts.Strict {
		return nil
	}
	var unknown []string
	for k := range members {
		if !known[k] {
			unknown = append(unknown, strconv.Quote(k))
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	slices.Sort(unknown)
	var allowed []string
	for k := range known {
		allowed = append(allowed, strconv.Quote(k))
	}
	slices.Sort(allowed)
	return fmt.Errorf("%w: %s in the %s, where RFC 7946 defines only %s; without Options.Strict foreign members are ignored",
		ErrUnknownMember, strings.Join(unknown, ", "), where, strings.Join(allowed, ", "))
}

func (d *decoder) code(members, props map[string]json.RawMessage) (grid.Code, error) {
	const option = "CodeProperty"
	if path := d.opts.CodeProperty; path != "" {
		raw, ok := lookup(props, path)
		switch {
		case !ok:
			return "", &PropertyError{Property: path, Option: option, Problem: "cannot be read: " + describePath(props, path), Err: ErrMissingCode}
		case isNull(raw):
			return "", &PropertyError{Property: path, Option: option, Problem: "is missing; every feature needs a code", Err: ErrMissingCode}
		}
		return parseCode(raw, path)
	}
	// By default the id member, else the "code" property.
	id, code := members["id"], props["code"]
	_, idOK := scalarText(id)
	switch {
	case idOK:
		return parseCode(id, "id")
	case !isNull(code):
		return parseCode(code, "code")
	case !isNull(id):
		return "", &PropertyError{Property: "id", Option: option, Problem: "is " + describe(id) + ", want a code (a string or an integer), and there is no \"code\" property", Err: ErrMissingCode}
	}
	return "", &PropertyError{Property: "code", Option: option, Problem: "is missing and the feature has no \"id\"; every feature needs a code", Err: ErrMissingCode}
}

// parseCode reads a code from a JSON string or integer; at names where it
// came from.
func parseCode(raw json.RawMessage, at string) (grid.Code, error) {
	s, ok := scalarText(raw)
	if !ok {
		return "", &PropertyError{Property: at, Option: "CodeProperty", Problem: "is " + describe(raw) + ", want a code (a string or an integer)"}
	}
	c, err := grid.ParseCode(s)
	if err != nil {
		return "", &PropertyError{Property: at, Option: "CodeProperty", Problem: "is " + strconv.Quote(s) + ", not a grid code (" + causeText(err) + ")", Err: err}
	}
	return c, nil
}

// propertyReader reads the properties of one feature: a property the
// caller named must have the expected form, one read under its default
// name is ignored when it does not (see Options).
type propertyReader struct {
	props map[string]json.RawMessage
	errs  []error
}

// value returns p's value, or nil when p is skipped, absent, null or (for
// a default name) reached through something that is not an object.
func (r *propertyReader) value(p property) json.RawMessage {
	if p.path == Skip {
		return nil
	}
	raw, ok := lookup(r.props, p.path)
	if !ok {
		r.fail(p, "cannot be read: "+describePath(r.props, p.path), nil)
		return nil
	}
	if isNull(raw) {
		return nil
	}
	return raw
}

// fail records a problem with p if the caller named it.
func (r *propertyReader) fail(p property, problem string, cause error) {
	if p.named {
		r.errs = append(r.errs, &PropertyError{Property: p.path, Option: p.option, Problem: problem, Err: cause})
	}
}

func (r *propertyReader) text(p property) string {
	raw := r.value(p)
	if raw == nil {
		return ""
	}
	if s, ok := stringValue(raw); ok {
		return s
	}
	r.fail(p, "is "+describe(raw)+", want a string", nil)
	return ""
}

func (r *propertyReader) code(p property) grid.Code {
	raw := r.value(p)
	if raw == nil {
		return ""
	}
	s, ok := scalarText(raw)
	if !ok {
		r.fail(p, "is "+describe(raw)+", want a code (a string or an integer)", nil)
		return ""
	}
	return grid.Code(s)
}

func (r *propertyReader) count(p property) int {
	raw := r.value(p)
	if raw == nil {
		return 0
	}
	var n int
	if err := json.Unmarshal(raw, &n); err != nil || n < 0 {
		r.fail(p, "is "+describe(raw)+", want a non-negative integer", nil)
		return 0
	}
	return n
}

// enum reads a wire name with parse; names lists the valid ones.
func enumValue[T any](r *propertyReader, p property, what, names string, parse func(string) (T, error)) (T, bool) {
	var zero T
	raw := r.value(p)
	if raw == nil {
		return zero, false
	}
	s, ok := stringValue(raw)
	if !ok {
		r.fail(p, "is "+describe(raw)+", want a "+what+" name ("+names+")", nil)
		return zero, false
	}
	v, err := parse(s)
	if err != nil {
		r.fail(p, "is "+strconv.Quote(s)+", not a "+what+"; valid names: "+names, err)
		return zero, false
	}
	return v, true
}

func (d *decoder) properties(g *grid.Grid, props map[string]json.RawMessage) error {
	r := &propertyReader{props: props}
	g.Name = r.text(d.props.name)
	g.Parent = r.code(d.props.parent)
	g.Level = d.opts.Level
	if l, ok := enumValue(r, d.props.level, "level", levelNames(), grid.ParseLevel); ok {
		g.Level = l
	}
	g.Kind = grid.KindGeneral
	if k, ok := enumValue(r, d.props.kind, "kind", kindNames(), grid.ParseKind); ok {
		g.Kind = k
	}
	g.Households = r.count(d.props.households)
	g.Residents = r.count(d.props.residents)
	return errors.Join(r.errs...)
}

var geometryMembers = map[string]bool{"type": true, "coordinates": true, "bbox": true}

func (d *decoder) geometry(raw json.RawMessage) (grid.MultiPolygon, error) {
	if isNull(raw) {
		return nil, fmt.Errorf("%w: geometry is null", ErrGeometryType)
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(raw, &members); err != nil {
		return nil, fmt.Errorf("%w: geometry is not an object", ErrGeometryType)
	}
	typ, _ := stringValue(members["type"])
	if typ != "Polygon" && typ != "MultiPolygon" {
		return nil, fmt.Errorf("%w: it is %q", ErrGeometryType, typ)
	}
	if err := d.checkMembers(members, geometryMembers, "geometry"); err != nil {
		return nil, err
	}
	coords := members["coordinates"]
	if isNull(coords) {
		return nil, fmt.Errorf("%w: no coordinates", ErrCoordinates)
	}
	var parts [][][][]float64
	if typ == "Polygon" {
		var poly [][][]float64
		if err := json.Unmarshal(coords, &poly); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrCoordinates, err)
		}
		parts = [][][][]float64{poly}
	} else if err := json.Unmarshal(coords, &parts); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCoordinates, err)
	}
	if len(parts) == 0 {
		return nil, fmt.Errorf("%w: no polygon", ErrCoordinates)
	}
	return d.multiPolygon(parts)
}

func (d *decoder) multiPolygon(parts [][][][]float64) (grid.MultiPolygon, error) {
	m := make(grid.MultiPolygon, len(parts))
	for i, poly := range parts {
		m[i] = make(grid.Polygon, len(poly))
		for j, ring := range poly {
			d.vertices += len(ring)
			if d.vertices > d.opts.MaxVertices {
				return nil, &LimitError{Limit: "vertices", Max: int64(d.opts.MaxVertices)}
			}
			r := make(grid.Ring, len(ring))
			for k, pos := range ring {
				if len(pos) != 2 && len(pos) != 3 {
					return nil, fmt.Errorf("%w: position [%d][%d][%d] has %d numbers, want 2 or 3", ErrCoordinates, i, j, k, len(pos))
				}
				r[k] = grid.Point{Lng: pos[0], Lat: pos[1]}
			}
			m[i][j] = r
		}
	}
	return m, nil
}

// lookup follows a dotted property path through nested objects. It
// reports false when the path runs through a value that is not an
// object; an absent member is (nil, true).
func lookup(props map[string]json.RawMessage, path string) (json.RawMessage, bool) {
	name, rest, nested := strings.Cut(path, ".")
	raw := props[name]
	if !nested || isNull(raw) {
		return raw, true
	}
	var inner map[string]json.RawMessage
	if json.Unmarshal(raw, &inner) != nil {
		return nil, false
	}
	return lookup(inner, rest)
}

// describePath says where path stops being a path through objects.
func describePath(props map[string]json.RawMessage, path string) string {
	var at []string
	for {
		name, rest, _ := strings.Cut(path, ".")
		at = append(at, name)
		raw := props[name]
		var inner map[string]json.RawMessage
		if rest == "" || json.Unmarshal(raw, &inner) != nil {
			return strconv.Quote(strings.Join(at, ".")) + " is " + describe(raw) + ", not an object"
		}
		props, path = inner, rest
	}
}

// describe names a JSON value's form for an error, quoting short scalars.
func describe(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0:
		return "missing"
	case raw[0] == '{':
		return "an object"
	case raw[0] == '[':
		return "an array"
	case raw[0] == '"':
		if len(raw) > 40 {
			return "a string"
		}
		return "the string " + string(raw)
	case bytes.Equal(raw, []byte("true")), bytes.Equal(raw, []byte("false")):
		return string(raw)
	case len(raw) > 40:
		return "a number"
	}
	return "the number " + string(raw)
}

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || bytes.Equal(raw, []byte("null"))
}

func stringValue(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || raw[0] != '"' {
		return "", false
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false
	}
	return s, true
}

// scalarText returns a JSON string's value or an integer's digits.
func scalarText(raw json.RawMessage) (string, bool) {
	if s, ok := stringValue(raw); ok {
		return s, true
	}
	s := string(raw)
	if s == "" {
		return "", false
	}
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return "", false
	}
	return s, true
}
