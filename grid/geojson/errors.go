package geojson

import (
	"errors"
	"strconv"
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
	// ErrProperty is matched for a property whose value has the wrong JSON
	// type (a name that is not a string, households that are not a
	// non-negative integer, …).
	ErrProperty = errors.New("geojson: bad property value")
	// ErrUnknownMember is matched, with Options.Strict, for a member that
	// RFC 7946 does not define at that place (including "crs").
	ErrUnknownMember = errors.New("geojson: unknown member")
	// ErrLimit is matched by a *LimitError.
	ErrLimit = errors.New("geojson: input exceeds a limit")
	// ErrPrecision is matched when a grid's boundary stops being valid
	// once its coordinates are rounded to 7 decimals for writing.
	ErrPrecision = errors.New("geojson: boundary degenerates at 7 decimals")
)

// FeatureError reports a problem with one feature: Index is its position
// in the collection (from 0) and ID its id or code as far as it could be
// read. Err is a sentinel of this package, a grid sentinel (a duplicate
// code matches grid.ErrDuplicateCode) or a *grassroots.ValidationError
// listing every problem of the grid the feature describes.
type FeatureError struct {
	Index int
	ID    string
	Err   error
}

// Error names the feature and the problem.
func (e *FeatureError) Error() string {
	s := "geojson: feature " + strconv.Itoa(e.Index)
	if e.ID != "" {
		s += " (" + strconv.Quote(e.ID) + ")"
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *FeatureError) Unwrap() error { return e.Err }

// LimitError reports input larger than Options allow: Limit names the
// limit ("bytes", "features" or "vertices") and Max its value. It matches
// ErrLimit.
type LimitError struct {
	Limit string
	Max   int64
}

// Error names the limit.
func (e *LimitError) Error() string {
	return "geojson: input exceeds a limit: more than " + strconv.FormatInt(e.Max, 10) + " " + e.Limit
}

// Is reports whether target is ErrLimit.
func (e *LimitError) Is(target error) bool { return target == ErrLimit }
