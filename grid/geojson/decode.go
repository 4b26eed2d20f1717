package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
type Options struct {
	// CodeProperty names the property holding the grid code. Empty (the
	// default) takes the feature's "id" member, or when it has none the
	// "code" property. Codes may be JSON strings or integers.
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
	// never checked.
	Strict bool
}

func (o Options) withDefaults() (Options, error) {
	if o.NameProperty == "" {
		o.NameProperty = "name"
	}
	if o.ParentProperty == "" {
		o.ParentProperty = "parent"
	}
	if o.LevelProperty == "" {
		o.LevelProperty = "level"
	}
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
		errs = append(errs, fmt.Errorf("geojson: options: %w", err))
	}
	if _, err := o.CRS.MarshalText(); err != nil {
		errs = append(errs, fmt.Errorf("geojson: options: %w", err))
	}
	if o.MaxBytes < 0 || o.MaxFeatures < 0 || o.MaxVertices < 0 {
		errs = append(errs, errors.New("geojson: options: negative limit"))
	}
	return o, errors.Join(errs...)
}

// Decode reads a GeoJSON FeatureCollection (RFC 7946) whose features are
// Polygons or MultiPolygons and returns one grid per feature, in feature
// order. Each grid's boundary is a MultiPolygon (a Polygon becomes one
// part) with rings rewound to the RFC 7946 order (exterior
// counter-clockwise, holes clockwise), whatever the input's winding. A
// third coordinate (altitude) is accepted and dropped.
//
// Besides code, name, parent and level (see Options), Decode reads the
// properties "kind" (default general), "households" and "residents"
// (default 0), the names Encode writes.
//
// Every grid must pass grid.Grid.Validate. A problem with one feature is a
// *FeatureError naming it; Decode reads on and returns every such error
// (up to 100) joined, and no grids. Input that is not JSON (ErrSyntax),
// not a FeatureCollection, or larger than the limits (a *LimitError) stops
// decoding at once. Input beyond MaxBytes is never read.
func Decode(r io.Reader, opts Options) ([]grid.Grid, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	cr := &cappedReader{r: r, left: o.MaxBytes + 1}
	d := &decoder{opts: o, dec: json.NewDecoder(cr), codes: map[grid.Code]int{}}
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
				return nil, fmt.Errorf("%w: %q in the FeatureCollection", ErrUnknownMember, key)
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
			d.errs = append(d.errs, &FeatureError{Index: i, ID: featureID(members, g), Err: err})
			if len(d.errs) == maxFeatureErrors {
				return nil, errors.Join(d.errs...)
			}
			continue
		}
		if j, dup := d.codes[g.Code]; dup {
			d.errs = append(d.errs, &FeatureError{Index: i, ID: string(g.Code), Err: fmt.Errorf("%w: feature %d has it too", grid.ErrDuplicateCode, j)})
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
// known, else its id member.
func featureID(members map[string]json.RawMessage, g grid.Grid) string {
	if g.Code != "" {
		return string(g.Code)
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
	return fmt.Errorf("%w: %s in the %s", ErrUnknownMember, strings.Join(unknown, ", "), where)
}

func (d *decoder) code(members, props map[string]json.RawMessage) (grid.Code, error) {
	raw, where := json.RawMessage(nil), d.opts.CodeProperty
	if where == "" {
		raw, where = members["id"], "id"
		if isNull(raw) {
			raw, where = props["code"], "code property"
		}
	} else {
		var err error
		if raw, err = lookup(props, where); err != nil {
			return "", err
		}
	}
	if isNull(raw) {
		return "", fmt.Errorf("%w: no %s", ErrMissingCode, where)
	}
	s, ok := scalarText(raw)
	if !ok {
		return "", fmt.Errorf("%w: %s is neither a string nor an integer", ErrProperty, where)
	}
	return grid.ParseCode(s)
}

func (d *decoder) properties(g *grid.Grid, props map[string]json.RawMessage) error {
	var errs []error
	text := func(name string, integerOK bool) string {
		if name == Skip {
			return ""
		}
		raw, err := lookup(props, name)
		if err != nil {
			errs = append(errs, err)
			return ""
		}
		if isNull(raw) {
			return ""
		}
		if s, ok := stringValue(raw); ok {
			return s
		}
		if s, ok := scalarText(raw); ok && integerOK {
			return s
		}
		errs = append(errs, fmt.Errorf("%w: %q is not a string", ErrProperty, name))
		return ""
	}
	g.Name = text(d.opts.NameProperty, false)
	g.Parent = grid.Code(text(d.opts.ParentProperty, true))
	g.Level = d.opts.Level
	if s := text(d.opts.LevelProperty, false); s != "" {
		l, err := grid.ParseLevel(s)
		if err != nil {
			errs = append(errs, fmt.Errorf("%w: level: %w", ErrProperty, err))
		}
		g.Level = l
	}
	g.Kind = grid.KindGeneral
	if s := text("kind", false); s != "" {
		k, err := grid.ParseKind(s)
		if err != nil {
			errs = append(errs, fmt.Errorf("%w: kind: %w", ErrProperty, err))
		}
		g.Kind = k
	}
	count := func(name string) int {
		raw := props[name]
		if isNull(raw) {
			return 0
		}
		var n int
		if err := json.Unmarshal(raw, &n); err != nil || n < 0 {
			errs = append(errs, fmt.Errorf("%w: %q is not a non-negative integer", ErrProperty, name))
		}
		return n
	}
	g.Households = count("households")
	g.Residents = count("residents")
	return errors.Join(errs...)
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
		return nil, fmt.Errorf("%w: %q", ErrGeometryType, typ)
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

// lookup follows a dotted property path through nested objects.
func lookup(props map[string]json.RawMessage, path string) (json.RawMessage, error) {
	name, rest, nested := strings.Cut(path, ".")
	raw := props[name]
	if !nested || isNull(raw) {
		return raw, nil
	}
	var inner map[string]json.RawMessage
	if err := json.Unmarshal(raw, &inner); err != nil {
		return nil, fmt.Errorf("%w: %q is not an object", ErrProperty, name)
	}
	return lookup(inner, rest)
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
