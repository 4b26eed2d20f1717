package grid

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Point is a position: longitude and latitude in degrees, in whatever
// coordinate reference system the value that holds it declares (a Grid's
// CRS, an Index's CRS, or the argument of LocateIn).
//
// In JSON a Point is a GeoJSON position, the array [lng, lat], so a
// boundary marshals exactly like GeoJSON coordinates. Decoding accepts
// exactly two finite numbers in range. The zero value is the point 0°E 0°N.
// Points compare with ==. Decoding into a nil *Point is an error matching
// grassroots.ErrInvalid.
type Point struct {
	Lng float64
	Lat float64
}

// Validate returns nil when both coordinates are finite, the longitude is in
// [-180, 180] and the latitude in [-90, 90], and otherwise an error
// matching ErrInvalidPoint.
func (p Point) Validate() error {
	switch {
	case math.IsNaN(p.Lng) || math.IsInf(p.Lng, 0) || math.IsNaN(p.Lat) || math.IsInf(p.Lat, 0):
		return fmt.Errorf("%w: %s is not finite", ErrInvalidPoint, p)
	case p.Lng < -180 || p.Lng > 180:
		return fmt.Errorf("%w: longitude %s outside [-180, 180]", ErrInvalidPoint, fmtDeg(p.Lng))
	case p.Lat < -90 || p.Lat > 90:
		return fmt.Errorf("%w: latitude %s outside [-90, 90]", ErrInvalidPoint, fmtDeg(p.Lat))
	}
	return nil
}

// String formats p as "[lng, lat]" with the shortest decimal that reads
// back to the same float64.
func (p Point) String() string {
	return "[" + fmtDeg(p.Lng) + ", " + fmtDeg(p.Lat) + "]"
}

func fmtDeg(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// MarshalJSON writes [lng, lat]. A point that is not finite cannot be
// written as JSON and is an error.
func (p Point) MarshalJSON() ([]byte, error) {
	if math.IsNaN(p.Lng) || math.IsInf(p.Lng, 0) || math.IsNaN(p.Lat) || math.IsInf(p.Lat, 0) {
		return nil, fmt.Errorf("%w: %s is not finite", ErrInvalidPoint, p)
	}
	b := make([]byte, 0, 48)
	b = append(b, '[')
	b = strconv.AppendFloat(b, p.Lng, 'g', -1, 64)
	b = append(b, ',')
	b = strconv.AppendFloat(b, p.Lat, 'g', -1, 64)
	return append(b, ']'), nil
}

// UnmarshalJSON reads [lng, lat]. Anything else (another length, a
// non-number, a coordinate out of range) is an error and leaves p
// unchanged. JSON null leaves p unchanged, as encoding/json expects.
func (p *Point) UnmarshalJSON(b []byte) error {
	if p == nil {
		return validate.NilTarget("grid.Point")
	}
	if string(b) == "null" {
		return nil
	}
	var v []float64
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidPoint, err)
	}
	if len(v) != 2 {
		return fmt.Errorf("%w: want [lng, lat], got %d numbers", ErrInvalidPoint, len(v))
	}
	q := Point{Lng: v[0], Lat: v[1]}
	if err := q.Validate(); err != nil {
		return err
	}
	*p = q
	return nil
}
