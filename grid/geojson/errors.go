package geojson

import (
	"errors"
	"strconv"

	"github.com/grassrootsgov/grassroots/internal/errtext"
)

// Sentinel errors. Decode and Encode return them wrapped (a feature's
// problem inside a *FeatureError), so callers branch with errors.Is.
var (
	// ErrSyntax is matched when the input is not well-formed JSON.
	ErrSyntax = errors.New("geojson: malformed JSON")
	// ErrNotFeatureCollection is matched when the top-level value is not a
	// GeoJSON FeatureCollection.
	ErrNotFeatureCollection = errors.New("geojson: not a FeatureCollection")
	// ErrNotFeature is matched when a member of "features" is not a Feature.
	ErrNotFeature = errors.New("geojson: not a Feature")
	// ErrGeometryType is matched for a geometry other than Polygon or
	// MultiPolygon, or a missing (null) geometry.
	ErrGeometryType = errors.New("geojson: geometry is not a Polygon or MultiPolygon")
	// ErrCoordinates is matched for coordinates that do not have the shape
	// of the geometry type or positions that are not 2 or 3 numbers.
	ErrCoordinates = errors.New("geojson: bad coordinates")
	// ErrMissingCode is matched when a feature has no code where Options
	// say to find one.
	ErrMissingCode = errors.New("geojson: feature has no code")
	// ErrProperty is matched by every *PropertyError: a property Decode
	// was told to read whose value it cannot use.
	ErrProperty = errors.New("geojson: bad property value")
	// ErrUnknownMember is matched, with Options.Strict, for a member that
	// RFC 7946 does not define at that place (including "crs").
	ErrUnknownMember = errors.New("geojson: unknown member")
	// ErrLimit is matched by a *LimitError.
	ErrLimit = errors.New("geojson: input exceeds a limit")
	// ErrPrecision is matched when a grid's boundary stops being valid
	// once its coordinates are rounded to 7 decimals for writing.
	ErrPrecision = errors.New("geojson: boundary degenerates at 7 decimals")
	// ErrOption is matched by every *OptionError.
	ErrOption = errors.New("geojson: invalid option")
)

// causePrefixes are the prefixes a cause's message loses in an error that
// puts its own context in front of it: messages carry one prefix.
var causePrefixes = []string{"geojson: ", "grid: ", "grassroots: "}

// causeText returns err's message without its package prefix.
func causeText(err error) string { return errtext.Cause(err, causePrefixes...) }

// FeatureError reports a problem with one feature: Index is its position
// in the collection (from 0) and ID its code, or its id member, as far as
// they could be read. Err is a *PropertyError, a sentinel of this package,
// a grid sentinel (a duplicate code matches grid.ErrDuplicateCode) or a
// *grassroots.ValidationError listing every problem of the grid the
// feature describes. A nil *FeatureError says it is nil and unwraps to
// nil.
type FeatureError struct {
	Index int
	ID    string
	Err   error
}

// Error names the feature and the problem.
func (e *FeatureError) Error() string {
	if e == nil {
		return "geojson: bad feature (a nil *FeatureError)"
	}
	s := "geojson: feature " + strconv.Itoa(e.Index)
	if e.ID != "" {
		s += " (" + strconv.Quote(e.ID) + ")"
	}
	return s + ": " + causeText(e.Err)
}

// Unwrap returns the cause.
func (e *FeatureError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// PropertyError reports a property Decode could not use: Property is its
// name (a dotted path, as in Options), Option the field of Options that
// names it ("CodeProperty", "ParentProperty", …), Problem what is wrong
// and what was expected, and Err the cause when there is one (a
// grid.ParseCode or grid.ParseLevel error, ErrMissingCode). It matches
// ErrProperty. Decode returns it inside a *FeatureError, which names the
// feature. A nil *PropertyError still matches ErrProperty, says it is nil
// and unwraps to nil.
type PropertyError struct {
	Property string
	Option   string
	Problem  string
	Err      error
}

// Error says what is wrong with the property and which option fixes it.
func (e *PropertyError) Error() string {
	if e == nil {
		return "geojson: bad property value (a nil *PropertyError)"
	}
	return "geojson: property " + strconv.Quote(e.Property) + " " + e.Problem + "; " + optionFix(e.Option)
}

// Is reports whether target is ErrProperty.
func (e *PropertyError) Is(target error) bool { return target == ErrProperty }

// Unwrap returns the cause, if any.
func (e *PropertyError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// optionFix says how to point Decode at the right property.
func optionFix(option string) string {
	switch option {
	case "CodeProperty":
		return `name the property that holds the code in Options.CodeProperty (a dotted path such as "ids.code" reaches into an object; Aliyun DataV files use "adcode")`
	case "ParentProperty":
		return `name the property that holds the parent's code in Options.ParentProperty (Aliyun DataV files use "parent.adcode"), or set it to geojson.Skip`
	case "LevelProperty":
		return `name the property that holds a level name in Options.LevelProperty, or set it to geojson.Skip and give the level in Options.Level`
	}
	return "name the property that holds it in Options." + option + ", or set it to geojson.Skip"
}

// OptionError reports an invalid field of Options or EncodeOptions:
// Option names it ("CRS", "MaxFeatures", …), Problem says what was
// expected, and Err is the cause when there is one (an invalid
// CRS or level: an error matching grassroots.ErrInvalid). It matches ErrOption.
// A nil *OptionError still matches ErrOption, says it is nil and unwraps
// to nil.
type OptionError struct {
	Option  string
	Problem string
	Err     error
}

// Error names the option and what it must be.
func (e *OptionError) Error() string {
	if e == nil {
		return "geojson: invalid option (a nil *OptionError)"
	}
	return "geojson: option " + e.Option + " " + e.Problem
}

// Is reports whether target is ErrOption.
func (e *OptionError) Is(target error) bool { return target == ErrOption }

// Unwrap returns the cause, if any.
func (e *OptionError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// LimitError reports input larger than Options allow: Limit names the
// limit ("bytes", "features" or "vertices") and Max its value. It matches
// ErrLimit, as does a nil *LimitError, whose Error says it is nil.
type LimitError struct {
	Limit string
	Max   int64
}

// limitOptions names the option that raises each limit.
var limitOptions = map[string]string{"bytes": "MaxBytes", "features": "MaxFeatures", "vertices": "MaxVertices"}

// Error names the limit and the option that raises it.
func (e *LimitError) Error() string {
	if e == nil {
		return "geojson: input exceeds a limit (a nil *LimitError)"
	}
	return "geojson: input exceeds a limit: more than " + strconv.FormatInt(e.Max, 10) + " " + e.Limit +
		"; raise Options." + limitOptions[e.Limit] + " to accept more"
}

// Is reports whether target is ErrLimit.
func (e *LimitError) Is(target error) bool { return target == ErrLimit }
